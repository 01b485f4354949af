#!/usr/bin/env python3
"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for the S3 tests (Python standard library only).

    fault_proxy.py --upstream http://127.0.0.1:PORT [--parent-pid PID] [--port N]

Binds 127.0.0.1 (port 0 unless --port), prints the chosen port as the first line on stdout, then relays every
request to the upstream byte for byte: request line, headers (names, case, order, Authorization) and body are
sent unchanged, and so is the response (status line, headers, body), with one exception: moto's server
(werkzeug) answers every request with `Connection: close`, so when a response's length is known the proxy drops
that header and keeps the client's connection open (HTTP/1.1 keep-alive works through the proxy, and
`connections` in the stats counts the client's TCP connections), opening a new upstream connection for the next
request; --pass-connection-close turns this off. Each client connection has its own upstream connection.

Control endpoints, answered by the proxy itself and never forwarded:
    POST /__faults__   body: JSON list of rules, appended to the current ones; answers the rules now active
    GET  /__faults__   the active rules with the times they have left
    GET  /__stats__    {"requests", "forwarded", "connections", "peak_in_flight", "faults": {action: count},
                       "log": [...]} (connections: client connections that carried a proxied request, not control
                       ones; peak_in_flight: the most proxied requests being answered at once)
    POST /__reset__    drops all rules and zeroes the counters

A rule: {"match": "substring of the raw request target (path?query, as sent, percent-encoded)",
         "method": "GET" (optional; any method if absent), "action": ACTION, "times": N (default 1),
         "seconds": S (for delay), "status"/"code"/"message" (for error)}
The first rule that matches and has times left fires and uses one; requests no rule matches pass through.
ACTION:
    slowdown        503 with S3's SlowDown error XML (nothing forwarded)
    internal-error  500 with S3's InternalError error XML (nothing forwarded)
    error           `status` (default 500) with an S3 error XML of `code`/`message` (nothing forwarded)
    reset           reads the request, then closes the client connection with RST (SO_LINGER 0), no response
    truncate        forwards, then sends the response's headers unchanged (original Content-Length) but only
                    the first half of the body, then closes the connection
    short-body      forwards, then sends the first half of the body as a complete response: its Content-Length
                    says that half's length (no chunked framing), and the connection stays usable, so the
                    client sees a well-formed transfer and only the content (a gzip stream without its end) is
                    short
    delay           sleeps `seconds` (default 5), then forwards
    clock-check     S3's time check: a request whose X-Amz-Date is more than 15 minutes from the proxy's clock
                    gets S3's 403 RequestTimeTooSkewed (with <RequestTime>, <ServerTime>,
                    <MaxAllowedSkewMilliseconds> and a Date header, nothing forwarded); any other request does not
                    match this rule (it uses no `times` and passes on to the next rule)
    sts-clock-check STS's time check, the same test: a skewed request gets STS's 403 ErrorResponse
                    SignatureDoesNotMatch "Signature expired: REQUEST is now earlier than … (NOW - 15 min.)" (or
                    "Signature not yet current: …") with a Date header, nothing forwarded
Exits when --parent-pid is no longer its parent, or on SIGTERM.
"""
import argparse
import calendar
import email.utils
import json
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
import uuid

from child_lifetime import tie_to_parent

ACTIONS = ("slowdown", "internal-error", "error", "reset", "truncate", "short-body", "delay", "clock-check",
           "sts-clock-check")
MAX_SKEW_SECONDS = 15 * 60
CONTROL_PATHS = ("/__faults__", "/__stats__", "/__reset__")
MAX_HEAD = 256 * 1024


class Closed(Exception):
    """The peer closed the connection (cleanly, before a new message began)."""


class Reader:
    """Buffered reads from a socket: lines, exact byte counts, or everything up to EOF."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Closed()
        self.buffer += data

    def head(self):
        """Bytes up to and including the blank line ending a message head."""
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                head, self.buffer = self.buffer[:end + 4], self.buffer[end + 4:]
                return head
            if len(self.buffer) > MAX_HEAD:
                raise ValueError("message head too large")
            self._fill()

    def line(self):
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line, self.buffer = self.buffer[:end + 2], self.buffer[end + 2:]
                return line
            self._fill()

    def exactly(self, count):
        while len(self.buffer) < count:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def to_eof(self):
        chunks = [self.buffer]
        self.buffer = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)

    def chunked(self):
        """The raw bytes of a chunked body, trailers included, unchanged."""
        parts = []
        while True:
            size_line = self.line()
            parts.append(size_line)
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                while True:  # trailers, then the blank line
                    trailer = self.line()
                    parts.append(trailer)
                    if trailer == b"\r\n":
                        return b"".join(parts)
            parts.append(self.exactly(size + 2))


def parse_head(head):
    """(first line fields, [(name, value)]) of a message head."""
    lines = head[:-4].split(b"\r\n")
    first = lines[0].decode("latin-1").split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        headers.append((name.strip().lower(), value.strip()))
    return first, headers


def header(headers, name):
    for key, value in headers:
        if key == name:
            return value
    return None


def read_body(reader, headers):
    """The raw body bytes of a request, as framed by its headers."""
    encoding = (header(headers, "transfer-encoding") or "").lower()
    if "chunked" in encoding:
        return reader.chunked()
    length = header(headers, "content-length")
    return reader.exactly(int(length)) if length else b""


def body_decoded(raw, headers):
    """The payload of a body that may be chunked (to cut it in half for truncate)."""
    if "chunked" not in (header(headers, "transfer-encoding") or "").lower():
        return raw
    out, rest = [], raw
    while True:
        line, _, rest = rest.partition(b"\r\n")
        size = int(line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            return b"".join(out)
        out.append(rest[:size])
        rest = rest[size + 2:]


def strip_connection_close(head):
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]] + [line for line in lines[1:]
                         if not (line.split(b":", 1)[0].strip().lower() == b"connection"
                                 and b"close" in line.lower())]
    return b"\r\n".join(kept) + b"\r\n\r\n"


def with_content_length(head, length):
    """The head with its framing replaced by `Content-Length: length` (Content-Length and Transfer-Encoding
    dropped, the new length added last)."""
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]] + [line for line in lines[1:]
                         if line.split(b":", 1)[0].strip().lower() not in (b"content-length", b"transfer-encoding")]
    kept.append(b"Content-Length: %d" % length)
    return b"\r\n".join(kept) + b"\r\n\r\n"


def wants_close(version, headers):
    connection = (header(headers, "connection") or "").lower()
    if "close" in connection:
        return True
    return version == "HTTP/1.0" and "keep-alive" not in connection


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.rules = []
        self.requests = 0
        self.forwarded = 0
        self.connections = 0
        self.in_flight = 0
        self.peak_in_flight = 0
        self.faults = {action: 0 for action in ACTIONS}
        self.log = []

    def take_rule(self, method, target, amz_date=None):
        with self.lock:
            self.requests += 1
            for rule in self.rules:
                if rule["times"] <= 0:
                    continue
                if rule.get("method") and rule["method"].upper() != method.upper():
                    continue
                if rule.get("match", "") not in target:
                    continue
                if rule["action"] in ("clock-check", "sts-clock-check") and not is_skewed(amz_date):
                    continue
                rule["times"] -= 1
                self.faults[rule["action"]] += 1
                self.log.append({"method": method, "target": target, "action": rule["action"]})
                return dict(rule)
            self.log.append({"method": method, "target": target, "action": None})
            return None

    def add_rules(self, rules):
        if isinstance(rules, dict):
            rules = [rules]
        checked = []
        for rule in rules:
            if rule.get("action") not in ACTIONS:
                raise ValueError(f"unknown action {rule.get('action')!r}; known: {', '.join(ACTIONS)}")
            rule = dict(rule)
            rule["times"] = int(rule.get("times", 1))
            rule.setdefault("match", "")
            checked.append(rule)
        with self.lock:
            self.rules.extend(checked)
            return [dict(r) for r in self.rules if r["times"] > 0]

    def snapshot(self):
        with self.lock:
            return {"requests": self.requests, "forwarded": self.forwarded, "connections": self.connections,
                    "peak_in_flight": self.peak_in_flight,
                    "faults": dict(self.faults), "log": list(self.log)}


def amz_seconds(amz_date):
    """An X-Amz-Date (20261122T101112Z) as seconds since the epoch; None if absent or malformed."""
    try:
        return calendar.timegm(time.strptime(amz_date or "", "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return None


def is_skewed(amz_date):
    """Whether an X-Amz-Date is more than S3's (and STS's) 15 minutes from this machine's clock."""
    signed = amz_seconds(amz_date)
    return signed is not None and abs(signed - time.time()) > MAX_SKEW_SECONDS


STATE = State()
UPSTREAM = None  # (host, port)
KEEP_CLIENT_ALIVE = True


def error_body(code, message, region=None, elements=()):
    request_id = uuid.uuid4().hex[:16].upper()
    region_element = f"<Region>{region}</Region>" if region else ""
    more = "".join(f"<{name}>{value}</{name}>" for name, value in elements)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
            f'{region_element}{more}<RequestId>{request_id}</RequestId><HostId>fault-proxy</HostId></Error>').encode(), request_id


REASONS = {200: "OK", 301: "Moved Permanently", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error",
           503: "Service Unavailable"}


def response_bytes(status, body, content_type="application/xml", extra=()):
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}", f"Content-Type: {content_type}",
             f"Content-Length: {len(body)}", "Server: fault-proxy"]
    lines.extend(f"{name}: {value}" for name, value in extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Handler(socketserver.BaseRequestHandler):
    def setup(self):
        self.client = self.request
        self.client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = Reader(self.client)
        self.upstream = None
        self.upstream_reader = None
        self.counted = False

    def finish(self):
        self.close_upstream()

    def close_upstream(self):
        if self.upstream is not None:
            try:
                self.upstream.close()
            except OSError:
                pass
        self.upstream = None
        self.upstream_reader = None

    def handle(self):
        try:
            while self.handle_one():
                pass
        except (Closed, OSError, ValueError):
            pass

    def handle_one(self):
        """Handles one request; returns whether to keep the client connection open."""
        head = self.reader.head()
        (method, target, version), headers = parse_head(head)
        expect = (header(headers, "expect") or "").lower()
        if expect == "100-continue" and version == "HTTP/1.1":
            self.client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        body = read_body(self.reader, headers)
        close_after = wants_close(version, headers)

        path = target.split("?", 1)[0]
        if path in CONTROL_PATHS:
            self.client.sendall(self.control(method, path, body))
            return not close_after

        if not self.counted:
            self.counted = True
            with STATE.lock:
                STATE.connections += 1
        with STATE.lock:
            STATE.in_flight += 1
            STATE.peak_in_flight = max(STATE.peak_in_flight, STATE.in_flight)
        try:
            return self.proxy_one(method, target, head, headers, body, close_after)
        finally:
            with STATE.lock:
                STATE.in_flight -= 1

    def proxy_one(self, method, target, head, headers, body, close_after):
        """Answers one proxied request (a fault, or upstream's answer); returns whether to keep the connection."""
        rule = STATE.take_rule(method, target, header(headers, "x-amz-date"))
        action = rule["action"] if rule else None
        if action == "clock-check":
            now = time.time()
            elements = [("RequestTime", header(headers, "x-amz-date")),
                        ("ServerTime", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))),
                        ("MaxAllowedSkewMilliseconds", MAX_SKEW_SECONDS * 1000)]
            return self.send_error(403, "RequestTimeTooSkewed",
                                   "The difference between the request time and the current time is too large.",
                                   close_after, elements=elements, date=email.utils.formatdate(now, usegmt=True))
        if action == "sts-clock-check":
            return self.send_sts_skew(header(headers, "x-amz-date"), close_after)
        if action == "slowdown":
            return self.send_error(503, "SlowDown", "Please reduce your request rate.", close_after)
        if action == "internal-error":
            return self.send_error(500, "InternalError", "We encountered an internal error. Please try again.",
                                   close_after)
        if action == "error":
            return self.send_error(int(rule.get("status", 500)), rule.get("code", "InternalError"),
                                   rule.get("message", "Injected error."), close_after, rule.get("region"))
        if action == "reset":
            self.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.client.close()
            return False
        if action == "delay":
            time.sleep(float(rule.get("seconds", 5)))

        status_head, response_headers, response_body, upstream_close = self.forward(method, head, body)
        with STATE.lock:
            STATE.forwarded += 1
        if action == "truncate":
            payload = body_decoded(response_body, response_headers)
            if "chunked" in (header(response_headers, "transfer-encoding") or "").lower():
                # Keep the chunked framing, cut inside the data: the client sees a short body.
                half = payload[:len(payload) // 2]
                partial = (b"%x\r\n" % len(payload)) + half if payload else b""
            else:
                partial = response_body[:len(response_body) // 2]
            self.client.sendall(status_head + partial)
            self.client.shutdown(socket.SHUT_RDWR)
            return False
        if action == "short-body":
            payload = body_decoded(response_body, response_headers)
            short = payload[:len(payload) // 2]
            self.client.sendall(with_content_length(status_head, len(short)) + short)
            return not (close_after or upstream_close)
        self.client.sendall(status_head + response_body)
        return not (close_after or upstream_close)

    def send_error(self, status, code, message, close_after, region=None, elements=(), date=None):
        # `region`: a redirect to the bucket's region, named as S3 does (header and <Region> element).
        body, request_id = error_body(code, message, region, elements)
        extra = [("x-amz-request-id", request_id)]
        if date:
            extra.append(("Date", date))
        if region:
            extra.append(("x-amz-bucket-region", region))
        if close_after:
            extra.append(("Connection", "close"))
        self.client.sendall(response_bytes(status, body, extra=extra))
        return not close_after

    def send_sts_skew(self, amz_date, close_after):
        now = time.time()
        signed = amz_seconds(amz_date)
        stamp = lambda seconds: time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))
        if signed < now:
            message = (f"Signature expired: {amz_date} is now earlier than {stamp(now - MAX_SKEW_SECONDS)} "
                       f"({stamp(now)} - 15 min.)")
        else:
            message = (f"Signature not yet current: {amz_date} is still later than {stamp(now + MAX_SKEW_SECONDS)} "
                       f"({stamp(now)} + 15 min.)")
        request_id = str(uuid.uuid4())
        body = ('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n'
                f'    <Code>SignatureDoesNotMatch</Code>\n    <Message>{message}</Message>\n  </Error>\n'
                f'  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n').encode()
        extra = [("x-amzn-RequestId", request_id), ("Date", email.utils.formatdate(now, usegmt=True))]
        if close_after:
            extra.append(("Connection", "close"))
        self.client.sendall(response_bytes(403, body, content_type="text/xml", extra=extra))
        return not close_after

    def connect_upstream(self):
        self.close_upstream()
        self.upstream = socket.create_connection(UPSTREAM, timeout=300)
        self.upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.upstream_reader = Reader(self.upstream)

    def forward(self, method, head, body):
        """Sends the request to upstream unchanged; returns (response head, headers, raw body, must close)."""
        fresh = self.upstream is None
        for attempt in range(2):
            if self.upstream is None:
                self.connect_upstream()
                fresh = True
            try:
                self.upstream.sendall(head + body)
                response_head = self.upstream_reader.head()
                break
            except (Closed, OSError):
                # A kept-alive upstream connection may have been closed by the server meanwhile: retry once.
                self.close_upstream()
                if fresh or attempt == 1:
                    raise
        while True:
            (version, status, *_), headers = parse_head(response_head)
            status = int(status)
            if 100 <= status < 200 and status != 101:
                if status != 100:  # the client had its own 100 Continue from us already
                    self.client.sendall(response_head)
                response_head = self.upstream_reader.head()
                continue
            break
        must_close = wants_close(version, headers)
        encoding = (header(headers, "transfer-encoding") or "").lower()
        length = header(headers, "content-length")
        delimited = True
        if method == "HEAD" or status in (204, 304):
            response_body = b""
        elif "chunked" in encoding:
            response_body = self.upstream_reader.chunked()
        elif length is not None:
            response_body = self.upstream_reader.exactly(int(length))
        else:
            response_body = self.upstream_reader.to_eof()
            must_close, delimited = True, False
        client_close = must_close
        if must_close:
            self.close_upstream()
            if delimited and KEEP_CLIENT_ALIVE:
                # werkzeug (moto) sends `Connection: close` on every response; the body's length is known, so
                # drop that header and keep the client's connection, opening a new upstream one next time.
                response_head = strip_connection_close(response_head)
                client_close = False
        return response_head, headers, response_body, client_close

    def control(self, method, path, body):
        try:
            if path == "/__faults__" and method == "POST":
                rules = STATE.add_rules(json.loads(body.decode() or "[]"))
                return response_bytes(200, json.dumps(rules).encode(), "application/json")
            if path == "/__faults__" and method == "GET":
                with STATE.lock:
                    rules = [dict(r) for r in STATE.rules if r["times"] > 0]
                return response_bytes(200, json.dumps(rules).encode(), "application/json")
            if path == "/__stats__" and method == "GET":
                return response_bytes(200, json.dumps(STATE.snapshot()).encode(), "application/json")
            if path == "/__reset__" and method == "POST":
                with STATE.lock:
                    STATE.reset()
                return response_bytes(200, b"{}", "application/json")
            return response_bytes(405, b'{"error": "method not allowed"}', "application/json")
        except (ValueError, TypeError) as error:
            return response_bytes(400, json.dumps({"error": str(error)}).encode(), "application/json")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    global UPSTREAM, KEEP_CLIENT_ALIVE
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="http://HOST:PORT")
    parser.add_argument("--parent-pid", type=int, default=None)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pass-connection-close", action="store_true",
                        help="relay upstream's `Connection: close` too (by default the client connection is kept)")
    args = parser.parse_args()
    KEEP_CLIENT_ALIVE = not args.pass_connection_close
    url = urllib.parse.urlsplit(args.upstream)
    if url.scheme != "http" or not url.hostname:
        raise SystemExit(f"--upstream must be http://HOST:PORT, not {args.upstream!r}")
    UPSTREAM = (url.hostname, url.port or 80)
    tie_to_parent(args.parent_pid)

    server = Server(("127.0.0.1", args.port), Handler)
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    os.dup2(2, 1)
    server.serve_forever()


if __name__ == "__main__":
    main()
