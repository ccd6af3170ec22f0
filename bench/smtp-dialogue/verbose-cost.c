/* What CURLOPT_VERBOSE + CURLOPT_DEBUGFUNCTION cost libcurl itself per SMTP message,
 * without Swift: N messages, CONCURRENCY at a time, on one multi handle with connection
 * reuse (as KadoCurl drives it), the debug callback off (0) or on (1). The callback does
 * what KadoCurl's does: look at the first bytes of CURLINFO_HEADER_OUT, ignore the rest.
 *
 *   cc -O2 -o verbose-cost verbose-cost.c $(pkg-config --cflags --libs libcurl)
 *   ./verbose-cost N CONCURRENCY 0|1 smtp://127.0.0.1:PORT
 *   valgrind --tool=callgrind ./verbose-cost 1000 32 1 smtp://127.0.0.1:PORT   # instructions
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char message[] =
    "From: a@x.test\r\nTo: b@y.test\r\nSubject: hi\r\n\r\nHello there, this is the body.\r\n";

struct context {
    size_t offset;
    char verb[4];
};

static size_t read_body(char *buffer, size_t size, size_t count, void *userdata) {
    struct context *c = userdata;
    size_t left = sizeof message - 1 - c->offset;
    size_t n = size * count < left ? size * count : left;
    memcpy(buffer, message + c->offset, n);
    c->offset += n;
    return n;
}

static size_t header(char *data, size_t size, size_t count, void *userdata) {
    (void)data;
    (void)userdata;
    return size * count;
}

static int debug(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata) {
    (void)handle;
    struct context *c = userdata;
    if (type == CURLINFO_HEADER_OUT && size >= 4) memcpy(c->verb, data, 4);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s N CONCURRENCY 0|1 URL\n", argv[0]);
        return 2;
    }
    int total = atoi(argv[1]), concurrency = atoi(argv[2]), verbose = atoi(argv[3]);
    const char *url = argv[4];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)concurrency);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)concurrency);
    struct curl_slist *recipients = curl_slist_append(NULL, "b@y.test");
    int started = 0, done = 0, failed = 0, active = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (done < total) {
        while (active < concurrency && started < total) {
            CURL *easy = curl_easy_init();
            struct context *c = calloc(1, sizeof *c);
            curl_easy_setopt(easy, CURLOPT_PRIVATE, c);
            curl_easy_setopt(easy, CURLOPT_URL, url);
            curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(easy, CURLOPT_MAIL_FROM, "a@x.test");
            curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, recipients);
            curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)(sizeof message - 1));
            curl_easy_setopt(easy, CURLOPT_READFUNCTION, read_body);
            curl_easy_setopt(easy, CURLOPT_READDATA, c);
            curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, header);
            curl_easy_setopt(easy, CURLOPT_HEADERDATA, c);
            if (verbose) {
                curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, debug);
                curl_easy_setopt(easy, CURLOPT_DEBUGDATA, c);
                curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);
            }
            curl_multi_add_handle(multi, easy);
            started++;
            active++;
        }
        int running;
        curl_multi_perform(multi, &running);
        CURLMsg *m;
        int queued;
        while ((m = curl_multi_info_read(multi, &queued))) {
            if (m->msg != CURLMSG_DONE) continue;
            CURL *easy = m->easy_handle;
            void *c;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &c);
            if (m->data.result != CURLE_OK) failed++;
            curl_multi_remove_handle(multi, easy);
            curl_easy_cleanup(easy);
            free(c);
            done++;
            active--;
        }
        curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double user = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
    double cpu = user + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    double wall = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("verbose=%d messages=%d failed=%d wall=%.3fs cpu_per_message_us=%.2f user_per_message_us=%.2f\n",
           verbose, total, failed, wall, cpu / total * 1e6, user / total * 1e6);
    curl_multi_cleanup(multi);
    curl_slist_free_all(recipients);
    return failed != 0;
}
