#!/usr/bin/env python3
"""Scriptable HTTP/1.1 stub server for tests (Python 3 stdlib only).

Listens on 127.0.0.1 (port 0 = chosen by the OS unless --port is given), prints
`PORT <n>` as the first line on stdout, then serves until killed (SIGTERM/SIGINT)
or until its parent process goes away. Keep-alive is supported, so clients can
reuse connections.

Every request is appended to --log FILE as one JSON line, before it is answered:
  {"seq": 1, "method": "POST", "path": "/v1/x?y=1", "headers": [["Host", "..."], ...],
   "body": "<utf-8 text, invalid bytes replaced>", "body_base64": "...", "rule": 0,
   "client": "127.0.0.1:54321"}   # rule: index of the answering rule or null; client:
                                  # the peer address (same value = reused connection)

Answers come from --script FILE, a JSON list of rules checked in order; the first
rule that matches (and is not used up) answers:
  {"match": {"method": "POST", "path_regex": "^/v1/", "body_contains": "hello",
             "header": {"Authorization": "Bearer t"}},
   "status": 429, "headers": {"Retry-After": "3"},
   "body": {"error": "slow down"}      # dict/list -> JSON, string -> text/plain
   "times": 2,                         # optional: use this rule twice, then skip it
   "delay_ms": 0}                      # optional: wait before answering
Every key of "match" is optional (path_regex uses re.search on path+query).
Without a matching rule the answer is 200 with body {}.

Each log entry also carries "time", the Unix time the request arrived. When the
--script file changes, the new rules are used from the next request on (a test can
make the "provider" change its mind, e.g. accept a token it refused).

Example:
  python3 scripts/fakes/http_stub.py --log /tmp/req.jsonl --script rules.json
"""

import argparse
import base64
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Script:
    def __init__(self, path):
        self.path = path
        self.mtime = None
        self.rules = []
        self.used = []
        self.lock = threading.Lock()
        self.reload()

    def reload(self):
        """Reads the rules again when the file changed (callers hold the lock or are __init__)."""
        if not self.path:
            return
        mtime = os.stat(self.path).st_mtime_ns
        if mtime == self.mtime:
            return
        with open(self.path, encoding="utf-8") as f:
            self.rules = json.load(f)
        self.used = [0] * len(self.rules)
        self.mtime = mtime

    def pick(self, method, path, headers, body_text):
        with self.lock:
            self.reload()
            for index, rule in enumerate(self.rules):
                times = rule.get("times")
                if times is not None and self.used[index] >= times:
                    continue
                if not matches(rule.get("match") or {}, method, path, headers, body_text):
                    continue
                self.used[index] += 1
                return index, rule
        return None, {"status": 200, "body": {}}


def matches(match, method, path, headers, body_text):
    if "method" in match and match["method"].upper() != method:
        return False
    if "path_regex" in match and not re.search(match["path_regex"], path):
        return False
    if "body_contains" in match and match["body_contains"] not in body_text:
        return False
    for name, value in (match.get("header") or {}).items():
        if headers.get(name) != value:
            return False
    return True


class Log:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.seq = 0
        if path:
            open(path, "w").close()

    def record(self, entry):
        with self.lock:
            self.seq += 1
            entry = dict(entry, seq=self.seq)
            if self.path:
                with open(self.path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry) + "\n")
                    f.flush()


class Handler(BaseHTTPRequestHandler):
    # Without this, small replies wait for delayed ACKs (about 40 ms each).
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"
    server_version = "kado-http-stub/1"

    def log_message(self, fmt, *args):
        sys.stderr.write("http_stub: " + (fmt % args) + "\n")

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def handle_any(self):
        arrived = time.time()
        body = self.read_body()
        body_text = body.decode("utf-8", "replace")
        index, rule = self.server.script.pick(self.command, self.path, self.headers, body_text)
        self.server.log.record(
            {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body_text,
                "body_base64": base64.b64encode(body).decode("ascii"),
                "rule": index,
                "client": "%s:%d" % self.client_address[:2],
                "time": arrived,
            }
        )
        delay = rule.get("delay_ms") or 0
        if delay:
            time.sleep(delay / 1000.0)
        payload = rule.get("body", {})
        headers = dict(rule.get("headers") or {})
        if isinstance(payload, (dict, list)):
            data = json.dumps(payload).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        else:
            data = str(payload).encode("utf-8")
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        self.send_response(int(rule.get("status", 200)))
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def unblock_signals():
    """A parent may start us from a thread that blocks signals (Swift's Foundation
    Process does): the mask is inherited, so SIGTERM would never arrive."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def watch_parent():
    """Exit when the process that started us dies (tests that crash leave no server)."""
    parent = os.getppid()
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(0)


def main():
    parser = argparse.ArgumentParser(description="Scriptable HTTP stub for tests.")
    parser.add_argument("--log", help="JSON-lines file receiving every request")
    parser.add_argument("--script", help="JSON file with the list of answer rules")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    unblock_signals()
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        parser.error("only loopback addresses are allowed")

    server = Server((args.host, args.port), Handler)
    server.script = Script(args.script)
    server.log = Log(args.log)
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    threading.Thread(target=watch_parent, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
