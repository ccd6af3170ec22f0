#!/usr/bin/env python3
"""Fake SMTP server for tests (aiosmtpd; `pip install aiosmtpd`).

Listens on 127.0.0.1 (port 0 = chosen by the OS unless --port is given), prints
`PORT <n>` as the first line on stdout, then serves until killed (SIGTERM/SIGINT)
or until its parent process goes away.

Every accepted message is written into --dir as `<n>.eml` (the DATA bytes, exactly
as received after dot-unstuffing) and `<n>.json` (envelope: mail_from, rcpt_tos,
auth_user, queue_id). The final reply is `250 2.0.0 Ok: queued as KADO<n>`.

Options:
  --dir DIR               where messages are written (created if missing)
  --reject-rcpt ADDR      answer RCPT TO:<ADDR> with 550 (repeatable)
  --tempfail-rcpt ADDR    answer RCPT TO:<ADDR> with 451 (repeatable)
  --auth USER:PASS        require AUTH (PLAIN or LOGIN) with these credentials
  --tls-cert F --tls-key F  offer STARTTLS with this certificate
  --implicit-tls          with --tls-cert/--tls-key: TLS from the first byte (smtps)
  --require-starttls      with --tls-cert/--tls-key: refuse MAIL (530) before STARTTLS
  --pipelining            announce PIPELINING in the EHLO reply (RFC 2920)
  --final-reply-after-next ADDR REPLY
                          answer the body of a message to ADDR with REPLY, and only once
                          the client's next commands have arrived behind it (or after
                          --hold-seconds);
                          a 421 REPLY (e.g. "421 4.3.2 Shutting down") then closes the
                          connection unread: a server going away under a second message
  --hold-greeting FILE    send the 220 greeting only once FILE exists (at most
                          --hold-seconds)
  --hold-data ADDR FILE   answer DATA of a message to ADDR (its 354) only once FILE
                          exists (at most --hold-seconds): the test decides when the body
                          may go
  --hold-seconds N        how long the holds above wait at most (default 5): a test that
                          releases them itself gives room for a loaded machine
  --log-bodies            also log each body's end in commands.log: `BODY`, or
                          `BODY+NEXT` when the client's next commands arrived with the
                          body (sent behind it in the same write, before its reply)

Every command is logged to `commands.log` in --dir as `<session> <VERB>`, the session
being the connection's number (1 for the first): a client that reuses connections
shows one number, a pipelining one sends DATA even after a refused RCPT.
  --rcpt-reply ADDR REPLY answer RCPT TO:<ADDR> with REPLY, a code and text such as
                          "452 4.2.2 Mailbox full" (repeatable; wins over the above)
  --auth-reply REPLY      advertise AUTH and answer every attempt, after the
                          credentials, with REPLY (e.g. "535 5.7.8 Bad credentials")
  --silent-greeting       accept connections but never send the 220 greeting
  --silent-command VERB   never answer the command VERB (EHLO, AUTH, MAIL, RCPT,
                          DATA...; repeatable): the connection stays open, silent
  --silent-after-data     read the message body but never send the final reply (writing
                          N.held in the mail directory for the N-th body held)

The --silent-* options make a server that hangs at one step, for client timeouts.

Example:
  python3 scripts/fakes/smtp_server.py --dir /tmp/mail --reject-rcpt nobody@example.com
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


async def hang_forever():
    """Waits until the connection goes away (aiosmtpd then cancels the handler)."""
    await asyncio.get_running_loop().create_future()


# How long a hold waits at most (--hold-seconds).
HOLD_SECONDS = 5.0


async def wait_until(condition):
    """Waits until condition() holds, checking every 10 ms, for at most HOLD_SECONDS: a
    test that never lets the fake go on gets its reply late, not never."""
    deadline = time.monotonic() + HOLD_SECONDS
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


class Handler:
    def __init__(
        self, directory, reject, tempfail, rcpt_replies=(), silent_after_data=False, pipelining=False,
        body_log=None, final_replies=(),
    ):
        self.directory = directory
        self.reject = {a.lower() for a in reject}
        self.tempfail = {a.lower() for a in tempfail}
        self.rcpt_replies = {a.lower(): r for a, r in rcpt_replies}
        self.silent_after_data = silent_after_data
        self.held = 0
        self.pipelining = pipelining
        self.body_log = body_log
        self.final_replies = {a.lower(): r for a, r in final_replies}
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rcpt_replies:
            return self.rcpt_replies[address.lower()]
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        if address.lower() in self.tempfail:
            return "451 4.3.0 <%s>: Temporary failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        held_reply = next(
            (self.final_replies[a.lower()] for a in envelope.rcpt_tos if a.lower() in self.final_replies), None
        )
        if held_reply is not None:
            await wait_until(lambda: len(server._reader._buffer) > 0)
        if self.body_log is not None:
            # Bytes already read past the body's final dot: the client sent its next
            # commands without waiting for this reply.
            buffered = len(server._reader._buffer) > 0
            with open(self.body_log, "a") as f:
                f.write("%d %s\n" % (server.number, "BODY+NEXT" if buffered else "BODY"))
        if held_reply is not None:
            if not held_reply.startswith("421"):
                return held_reply
            # 421 closes the connection: nothing after it (the buffered commands) is read.
            await server.push(held_reply)
            server.transport.close()
            await hang_forever()
        if self.silent_after_data:
            # A marker per held body, so that a test knows the client is now waiting.
            self.held += 1
            write_atomically(os.path.join(self.directory, "%d.held" % self.held), b"")
            await hang_forever()
        self.count += 1
        n = self.count
        queue_id = "KADO%d" % n
        content = envelope.original_content or b""
        auth = session.auth_data
        auth_user = None
        if isinstance(auth, LoginPassword):
            auth_user = auth.login.decode("utf-8", "replace")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "auth_user": auth_user,
            "queue_id": queue_id,
        }
        write_atomically(os.path.join(self.directory, "%d.eml" % n), content)
        write_atomically(
            os.path.join(self.directory, "%d.json" % n), json.dumps(meta).encode("utf-8")
        )
        return "250 2.0.0 Ok: queued as %s" % queue_id


class FakeSMTP(SMTP):
    """aiosmtpd's server, optionally silent at the greeting or at some commands; logs
    every command with the number of its connection."""

    sessions = 0

    def __init__(
        self, handler, silent_greeting=False, silent_commands=(), log=None, hold_data=(), hold_greeting=None,
        **kwargs
    ):
        super().__init__(handler, **kwargs)
        self.hold_greeting = hold_greeting
        FakeSMTP.sessions += 1
        self.number = FakeSMTP.sessions
        self.silent_greeting = silent_greeting
        for verb in silent_commands:
            self._smtp_methods[verb.upper()] = self._answer_nothing
        if hold_data:
            self._smtp_methods["DATA"] = self._held_data(self._smtp_methods["DATA"], dict(hold_data))
        if log is not None:
            for verb, method in list(self._smtp_methods.items()):
                self._smtp_methods[verb] = self._logged(verb, method, log)

    def _logged(self, verb, method, log):
        async def logged(arg):
            with open(log, "a") as f:
                f.write("%d %s\n" % (self.number, verb))
            return await method(arg)

        return logged

    def _held_data(self, method, holds):
        async def held(arg):
            files = [holds[a.lower()] for a in self.envelope.rcpt_tos if a.lower() in holds]
            await wait_until(lambda: all(os.path.exists(f) for f in files))
            return await method(arg)

        return held

    async def _handle_client(self):
        if self.silent_greeting:
            await hang_forever()
        if self.hold_greeting:
            await wait_until(lambda: os.path.exists(self.hold_greeting))
        await super()._handle_client()

    async def _answer_nothing(self, arg):
        await hang_forever()


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def make_authenticator(user, password, reply=None):
    def authenticator(server, session, envelope, mechanism, auth_data):
        if reply is not None:
            return AuthResult(success=False, handled=False, message=reply)
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode("utf-8", "replace") == user
            and auth_data.password.decode("utf-8", "replace") == password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticator


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
    parser = argparse.ArgumentParser(description="Fake SMTP server for tests.")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--tempfail-rcpt", action="append", default=[])
    parser.add_argument("--auth", help="USER:PASS")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--pipelining", action="store_true")
    parser.add_argument("--log-bodies", action="store_true")
    parser.add_argument("--hold-data", nargs=2, action="append", default=[])
    parser.add_argument("--hold-greeting")
    parser.add_argument("--hold-seconds", type=float, default=5.0)
    parser.add_argument("--final-reply-after-next", nargs=2, action="append", default=[])
    parser.add_argument("--rcpt-reply", nargs=2, action="append", default=[], metavar=("ADDR", "REPLY"))
    parser.add_argument("--auth-reply", metavar="REPLY")
    parser.add_argument("--silent-greeting", action="store_true")
    parser.add_argument("--silent-command", action="append", default=[], metavar="VERB")
    parser.add_argument("--silent-after-data", action="store_true")
    args = parser.parse_args()
    global HOLD_SECONDS
    HOLD_SECONDS = args.hold_seconds
    unblock_signals()
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        parser.error("only loopback addresses are allowed")

    os.makedirs(args.dir, exist_ok=True)
    handler = Handler(
        args.dir,
        args.reject_rcpt,
        args.tempfail_rcpt,
        rcpt_replies=args.rcpt_reply,
        silent_after_data=args.silent_after_data,
        pipelining=args.pipelining,
        body_log=os.path.join(args.dir, "commands.log") if args.log_bodies else None,
        final_replies=args.final_reply_after_next,
    )

    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    smtp_kwargs = {"decode_data": False, "hostname": "fake-smtp.local"}
    if args.auth or args.auth_reply:
        user, _, password = (args.auth or "").partition(":")
        smtp_kwargs.update(
            auth_required=True,
            auth_require_tls=False,
            authenticator=make_authenticator(user, password, args.auth_reply),
        )
    if tls_context is not None and not args.implicit_tls:
        smtp_kwargs["tls_context"] = tls_context
        smtp_kwargs["require_starttls"] = args.require_starttls

    def factory():
        return FakeSMTP(
            handler,
            silent_greeting=args.silent_greeting,
            silent_commands=args.silent_command,
            log=os.path.join(args.dir, "commands.log"),
            hold_data=[(a.lower(), f) for a, f in args.hold_data],
            hold_greeting=args.hold_greeting,
            **smtp_kwargs,
        )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            factory,
            host=args.host,
            port=args.port,
            ssl=tls_context if args.implicit_tls else None,
        )
    )
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()

    threading.Thread(target=watch_parent, daemon=True).start()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
