#ifndef KADO_CCURL_SHIM_H
#define KADO_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and friends are variadic and cannot be imported into Swift:
// these typed wrappers are what the Swift side calls.

typedef size_t (*kado_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode kado_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_setopt_callback(CURL *h, CURLoption o, kado_curl_data_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode kado_curl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode kado_curl_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode kado_curl_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLMcode kado_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
// Read callback (CURLOPT_READFUNCTION): fill `buffer` with up to size * nitems bytes,
// return how many were written (0 = end of upload).
typedef size_t (*kado_curl_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

static inline CURLcode kado_curl_setopt_read_callback(CURL *h, CURLoption o, kado_curl_read_callback v) {
    return curl_easy_setopt(h, o, v);
}
// Debug callback (CURLOPT_DEBUGFUNCTION, only called with CURLOPT_VERBOSE=1): sees what
// libcurl sends and receives, by kind (`curl_infotype`); must return 0.
typedef int (*kado_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);

static inline CURLcode kado_curl_setopt_debug_callback(CURL *h, kado_curl_debug_callback v) {
    return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, v);
}
static inline CURLcode kado_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode kado_curl_getinfo_socket(CURL *h, CURLINFO i, curl_socket_t *v) {
    return curl_easy_getinfo(h, i, v);
}
// The multi socket interface (CURLMOPT_SOCKETFUNCTION / CURLMOPT_TIMERFUNCTION): libcurl
// says which sockets to watch for what, and when to call it back without activity.
typedef int (*kado_curl_socket_callback)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
typedef int (*kado_curl_timer_callback)(CURLM *multi, long timeout_ms, void *userp);

static inline CURLMcode kado_curl_multi_setopt_socket_callback(CURLM *m, kado_curl_socket_callback v) {
    return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, v);
}
static inline CURLMcode kado_curl_multi_setopt_timer_callback(CURLM *m, kado_curl_timer_callback v) {
    return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, v);
}
static inline CURLMcode kado_curl_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) {
    return curl_multi_setopt(m, o, v);
}
static inline CURLcode kado_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}
#endif
