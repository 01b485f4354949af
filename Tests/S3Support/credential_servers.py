#!/usr/bin/env python3
"""Fake credential endpoints on 127.0.0.1 for the Swift credential tests (Tests/TrailS3Tests/Credential*Tests.swift).

    credential_servers.py --parent-pid PID [--container-token TOKEN] [--imds-v1-only] [--clock-offset SECONDS]

Binds port 0, prints the port as the only line on stdout, and serves (stdlib only):

Container credentials (ECS / EKS Pod Identity):
    GET /container/creds     needs `Authorization: TOKEN`, else 401 {"code","message"}; answers credentials JSON
    GET /container/denied    403 {"code": "AccessDenied", "message": ...}
    GET /container/broken    500 every time
Instance metadata, IMDSv2 (checked like the real service):
    PUT /latest/api/token    needs X-aws-ec2-metadata-token-ttl-seconds in 1...21600, else 400; answers a token
                             (404 with --imds-v1-only, as a service without IMDSv2 would)
    GET /latest/meta-data/iam/security-credentials/[ROLE]
                             needs `X-aws-ec2-metadata-token` with a token handed out (unless --imds-v1-only),
                             else 401; answers the role name, then the role's credentials JSON
STS errors:
    POST /sts-error/         403 <ErrorResponse><Error><Code>AccessDenied</Code><Message>...
With --clock-offset, every answer's Date header is that many seconds off this machine's time (a clock that
differs from the client's); the credentials' Expiration is unchanged.
Inspection:
    GET /_log                JSON array of {"method", "path", "tokenOK"} for every request before it

Exits when the process PID (the test process) is no longer its parent, so no server outlives `swift test`.
"""
import argparse
import json
import os
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from child_lifetime import tie_to_parent

ROLE = "trail-instance-role"
FAR_FUTURE = "2099-01-01T00:00:00Z"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parent-pid", type=int, required=True)
    parser.add_argument("--container-token", default="container-authorization-token")
    parser.add_argument("--imds-v1-only", action="store_true")
    parser.add_argument("--clock-offset", type=int, default=0)
    args = parser.parse_args()

    tie_to_parent(args.parent_pid)

    lock = threading.Lock()
    tokens = set()
    log = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def date_time_string(self, timestamp=None):
            return super().date_time_string(time.time() + args.clock_offset)

        def answer(self, status, body, content_type="application/json"):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def record(self, token_ok):
            with lock:
                log.append({"method": self.command, "path": self.path, "tokenOK": token_ok})

        def imds_token_ok(self):
            if args.imds_v1_only:
                return True
            with lock:
                return self.headers.get("X-aws-ec2-metadata-token") in tokens

        def do_PUT(self):
            self.record(False)
            if self.path != "/latest/api/token":
                return self.answer(404, "not found", "text/plain")
            if args.imds_v1_only:
                return self.answer(404, "not found", "text/plain")
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return self.answer(400, "missing or invalid token TTL", "text/plain")
            token = "imds-token-" + secrets.token_hex(8)
            with lock:
                tokens.add(token)
            self.answer(200, token, "text/plain")

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            self.rfile.read(length)
            self.record(False)
            if self.path.startswith("/sts-error"):
                return self.answer(403, (
                    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                    "<Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>"
                    "</Error><RequestId>c6104cbe</RequestId></ErrorResponse>"), "text/xml")
            self.answer(404, "not found", "text/plain")

        def do_GET(self):
            if self.path == "/_log":
                with lock:
                    return self.answer(200, json.dumps(log))
            if self.path.startswith("/container/"):
                token_ok = self.headers.get("Authorization") == args.container_token
                self.record(token_ok)
                if self.path == "/container/denied":
                    return self.answer(403, json.dumps({"code": "AccessDenied", "message": "task role revoked"}))
                if self.path == "/container/broken":
                    return self.answer(500, "agent error", "text/plain")
                if not token_ok:
                    return self.answer(401, json.dumps({"code": "Unauthorized", "message": "bad token"}))
                return self.answer(200, json.dumps({
                    "AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "container-secret-key",
                    "Token": "container-session-token", "Expiration": FAR_FUTURE,
                    "RoleArn": "arn:aws:iam::123456789012:role/task"}))
            if self.path.startswith("/latest/meta-data/iam/security-credentials/"):
                token_ok = self.imds_token_ok()
                self.record(token_ok)
                if not token_ok:
                    return self.answer(401, "", "text/plain")
                role = self.path[len("/latest/meta-data/iam/security-credentials/"):]
                if role == "":
                    return self.answer(200, ROLE, "text/plain")
                if role != ROLE:
                    return self.answer(404, "not found", "text/plain")
                return self.answer(200, json.dumps({
                    "Code": "Success", "LastUpdated": "2024-01-01T00:00:00Z", "Type": "AWS-HMAC",
                    "AccessKeyId": "ASIAINSTANCE", "SecretAccessKey": "instance-secret-key",
                    "Token": "instance-session-token", "Expiration": FAR_FUTURE}))
            self.record(False)
            self.answer(404, "not found", "text/plain")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
