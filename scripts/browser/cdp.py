"""A small Chrome DevTools Protocol client on the standard library only.

It starts headless Chromium with --remote-debugging-port=0, reads the port it chose
from DevToolsActivePort in the profile folder, connects to the page target over a
WebSocket written on `socket` (RFC 6455: masked client frames, fragmented and control
frames handled) and sends commands, keeping the events that arrive meanwhile.
Every wait has a deadline; nothing sleeps for a fixed time to synchronise.
"""

import base64
import json
import os
import socket
import struct
import subprocess
import time
import urllib.request


class CDPError(Exception):
    pass


class WebSocket:
    def __init__(self, host, port, path, timeout=30):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("the browser closed the connection during the WebSocket handshake")
            head += chunk
        status, _, rest = head.partition(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n", 1)[0]:
            raise CDPError(f"WebSocket handshake refused: {status.decode(errors='replace')}")
        self.buffer = rest

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise CDPError("the browser closed the DevTools connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack("!H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def _send_control(self, opcode, payload=b""):
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked)

    def receive(self):
        """The next text message (continuation frames joined, pings answered)."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode = first & 0x0F
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_control(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            if opcode == 0x8:
                raise CDPError("the browser closed the DevTools connection")
            message += payload
            if first & 0x80:
                return message.decode()

    def settimeout(self, seconds):
        self.sock.settimeout(seconds)

    def close(self):
        try:
            self._send_control(0x8)
        except OSError:
            pass
        self.sock.close()


class Browser:
    """Headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, profile, width=1280, height=900):
        self.process = subprocess.Popen(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while True:
            if os.path.exists(port_file):
                lines = open(port_file).read().split()
                if lines:
                    self.port = int(lines[0])
                    break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise CDPError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        targets = self._targets(deadline)
        page = next(t for t in targets if t.get("type") == "page")
        path = page["webSocketDebuggerUrl"].split(f":{self.port}", 1)[1]
        self.ws = WebSocket("127.0.0.1", self.port, path)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)
        self.width = width
        self.height = height

    def _targets(self, deadline):
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=5) as r:
                    targets = json.load(r)
                if any(t.get("type") == "page" for t in targets):
                    return targets
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise CDPError("chromium has no page target")
            time.sleep(0.05)

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                message = json.loads(self.ws.receive())
            except socket.timeout:
                raise CDPError(f"{method}: no answer within {timeout} s")
            if message.get("id") == ident:
                if "error" in message:
                    raise CDPError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message):
        if "method" not in message:
            return
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":
            # An alert() would stop the page until answered: record it (problems()) and dismiss it.
            self.next_id += 1
            self.ws.send(json.dumps({"id": self.next_id, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": False}}))

    def pump(self, seconds):
        """Reads the events that arrive within `seconds` (the call returns early on none)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self._event(json.loads(self.ws.receive()))
            except socket.timeout:
                return

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise CDPError(f"script failed: {result['exceptionDetails'].get('text')} in {expression[:80]}")
        return result["result"].get("value")

    def navigate(self, url, timeout=30):
        """Opens `url` and waits for its load event (its frames loaded too)."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_loaded(timeout)

    def wait_loaded(self, timeout=30):
        """Waits for the next load event (after a navigation or a submitted form)."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise CDPError(f"the page did not load within {timeout} s")
            self.pump(0.1)
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]

    def wait_for(self, expression, timeout=10, interval=0.05):
        """Polls `expression` until it is truthy; returns its value and the seconds it took."""
        started = time.monotonic()
        deadline = started + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value, time.monotonic() - started
            if time.monotonic() > deadline:
                raise CDPError(f"not true within {timeout} s: {expression[:120]}")
            time.sleep(interval)

    def press(self, key, code=None, key_code=None, shift=False):
        codes = {"Tab": 9, "Enter": 13, "ArrowDown": 40, "ArrowUp": 38, " ": 32}
        virtual = key_code or codes.get(key, 0)
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": virtual, "modifiers": 8 if shift else 0}
        self.call("Input.dispatchKeyEvent", type="rawKeyDown", **base)
        if key == "Enter":
            self.call("Input.dispatchKeyEvent", type="char", text="\r", **base)
        self.call("Input.dispatchKeyEvent", type="keyUp", **base)

    def screenshot(self, path):
        """A PNG of the whole page: the viewport is made as tall as the page first, since
        Chromium does not paint frames outside the viewport."""
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = int(size["height"]) + 1
        self.call("Emulation.setDeviceMetricsOverride", width=self.width, height=height, deviceScaleFactor=1,
                  mobile=False)
        try:
            # Two animation frames: the frames now in view are laid out and painted.
            self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
            shot = self.call("Page.captureScreenshot", format="png",
                             clip={"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1})
        finally:
            self.call("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                      deviceScaleFactor=1, mobile=False)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def problems(self):
        """Console errors, uncaught exceptions, CSP reports and dialogs (alert) seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("exception: " + params["exceptionDetails"].get("text", ""))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.error: " + " ".join(str(a.get("value")) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append("log: " + params["entry"].get("text", ""))
            elif method == "Page.javascriptDialogOpening":
                found.append("dialog: " + params.get("type", "") + " " + params.get("message", ""))
        return found

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
