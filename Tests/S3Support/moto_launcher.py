#!/usr/bin/env python3
"""Runs moto's S3/IAM server on 127.0.0.1 for the Swift tests (see Tests/TrailTestSupport/S3TestServer.swift).

    moto_launcher.py --parent-pid PID --access-log FILE [--port N]

Does what `moto_server -H 127.0.0.1 -p N` does (same app, same request handler), and:
- binds port 0 unless --port is given, probes GET /moto-api/ until it answers, then prints the port as the
  first and only line on stdout (stdout is then pointed at stderr);
- writes one access-log line per request to FILE, flushed at once, with the request target exactly as the
  client sent it (werkzeug's own log decodes part of the percent-encoding and adds ANSI colours):
      127.0.0.1 - - [21/Nov/2026 23:28:21] "GET /bucket?list-type=2&prefix=a%20b/ HTTP/1.1" 200 -
  The line is written when the status line is sent, so before the client has the response.
- exits when the process PID (the test process that started it) is gone, so no server outlives `swift test`.
"""
import argparse
import http.client
import os
import sys
import threading
import time

from child_lifetime import tie_to_parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parent-pid", type=int, required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    tie_to_parent(args.parent_pid)

    try:
        from werkzeug.serving import make_server
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    except ImportError as error:
        sys.stderr.write(f"moto is not installed in this Python ({sys.executable}): {error}; run `make test-deps`\n")
        sys.exit(2)

    log_lock = threading.Lock()
    access_log = open(args.access_log, "a", encoding="utf-8", errors="backslashreplace")

    class Handler(MotoRequestHandler):
        def log_request(self, code="-", size="-"):
            code = getattr(code, "value", code)
            line = '%s - - [%s] "%s %s %s" %s %s\n' % (
                self.address_string(), self.log_date_time_string(), self.command, self.path,
                self.request_version, code, size)
            with log_lock:
                access_log.write(line)
                access_log.flush()

    app = DomainDispatcherApplication(create_backend_app)
    app.debug = True
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=Handler)
    port = server.socket.getsockname()[1]
    os.environ["MOTO_PORT"] = str(port)  # moto builds some URLs from it, as moto_server does
    threading.Thread(target=server.serve_forever, name="moto", daemon=True).start()

    deadline = time.monotonic() + 30
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/moto-api/")
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.stderr.write("moto did not answer GET /moto-api/ within 30 s\n")
            os._exit(3)
        time.sleep(0.05)

    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    os.dup2(2, 1)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
