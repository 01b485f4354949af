#!/usr/bin/env python3
"""Sets up and inspects the test S3 server (moto) with boto3, for Tests/TrailTestSupport/S3TestServer.swift.

    s3_admin.py --endpoint URL [--access-key K --secret-key S] COMMAND ARGS...

Commands (output on stdout; keys are exact, whatever their characters):
    make-bucket NAME [REGION]
    upload FOLDER BUCKET [PREFIX]      every file under FOLDER, key = PREFIX + relative path ('/'-separated),
                                       bytes unchanged, no Content-Encoding; prints the number of objects
    put BUCKET KEY FILE                one object with FILE's bytes
    get BUCKET KEY OUTFILE             writes the object's bytes to OUTFILE
    list BUCKET [PREFIX]               JSON array of all keys under PREFIX (ListObjectsV2, all pages)
    deny-get BUCKET KEY                adds a bucket-policy statement denying s3:GetObject on that key
    enable-auth                        creates IAM users, then turns on moto's auth; prints JSON credentials
    probe [--keep-alive] [--unsigned] METHOD PATH...
                                       raw http.client requests (SigV4-signed with the given keys unless
                                       --unsigned; PATH as sent, percent-encoded) on one connection with
                                       --keep-alive (a new one after a failure), else one each; prints a JSON
                                       array of {"status","code","declaredLength","received","error"}, one per
                                       request (error: IncompleteRead, ConnectionResetError, ...)

An S3 error from boto3 prints {"error": CODE, "status": HTTP status, "message": ...} and exits with status 3;
a connection failure exits with status 4 and a one-line message on stderr.
"""
import argparse
import http.client
import json
import os
import re
import sys
import urllib.parse

DEFAULT_KEY = "testing"
DEFAULT_SECRET = "testing"


def client(args, service="s3", region="us-east-1"):
    import boto3
    from botocore.config import Config
    return boto3.client(
        service, endpoint_url=args.endpoint, region_name=region,
        aws_access_key_id=args.access_key, aws_secret_access_key=args.secret_key,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, s3={"addressing_style": "path"},
                      proxies={}, connect_timeout=10, read_timeout=60))


def make_bucket(args, name, region="us-east-1"):
    s3 = client(args, region=region)
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})


def upload(args, folder, bucket, prefix=""):
    s3 = client(args)
    count = 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, "rb") as handle:
                s3.put_object(Bucket=bucket, Key=prefix + relative, Body=handle.read())
            count += 1
    print(count)


def put(args, bucket, key, file):
    with open(file, "rb") as handle:
        client(args).put_object(Bucket=bucket, Key=key, Body=handle.read())


def get(args, bucket, key, outfile):
    body = client(args).get_object(Bucket=bucket, Key=key)["Body"].read()
    with open(outfile, "wb") as handle:
        handle.write(body)


def list_keys(args, bucket, prefix=""):
    keys = []
    for page in client(args).get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    print(json.dumps(keys, ensure_ascii=False))


def deny_get(args, bucket, key):
    s3 = client(args)
    try:
        policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    except s3.exceptions.ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchBucketPolicy":
            raise
        policy = {"Version": "2012-10-17", "Statement": []}
    policy["Statement"].append({
        "Sid": f"DenyGet{len(policy['Statement'])}", "Effect": "Deny", "Principal": "*",
        "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/{key}"})
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


def enable_auth(args):
    iam = client(args, service="iam")
    result = {}
    users = [
        ("harness", "trailsql-harness", ["*"]),       # the harness's own key, to keep setting up after auth is on
        ("full", "trailsql-full", ["s3:*"]),
        ("listOnly", "trailsql-list-only", ["s3:ListBucket"]),
    ]
    for label, user, actions in users:
        iam.create_user(UserName=user)
        iam.put_user_policy(UserName=user, PolicyName=f"{user}-policy", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}))
        key = iam.create_access_key(UserName=user)["AccessKey"]
        result[label] = {"accessKey": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    # Content-Type text/plain matters: form-encoded, moto answers 500.
    status, body = raw_request(args.endpoint, "POST", "/moto-api/reset-auth", b"0", {"Content-Type": "text/plain"})
    if status != 200:
        raise SystemExit(f"POST /moto-api/reset-auth answered {status}: {body[:300]!r}")
    print(json.dumps(result))


def raw_request(endpoint, method, path, body=None, headers=None):
    url = urllib.parse.urlsplit(endpoint)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def signed_headers(args, method, path):
    """SigV4 headers for a bodiless request to the endpoint (moto answers unsigned GETs of private objects 403)."""
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    request = AWSRequest(method=method, url=args.endpoint.rstrip("/") + path)
    S3SigV4Auth(Credentials(args.access_key, args.secret_key), "s3", "us-east-1").add_auth(request)
    return dict(request.headers.items())


def probe(args, method, paths, keep_alive=False, signed=True):
    url = urllib.parse.urlsplit(args.endpoint)
    results = []
    connection = None
    for path in paths:
        if connection is None:
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        result = {"status": None, "code": None, "declaredLength": None, "received": 0, "error": None}
        try:
            connection.request(method, path, headers=signed_headers(args, method, path) if signed else {})
            response = connection.getresponse()
            result["status"] = response.status
            length = response.getheader("Content-Length")
            result["declaredLength"] = int(length) if length is not None else None
            received = b""
            try:
                received = response.read()
            except http.client.IncompleteRead as error:
                received = error.partial
                result["error"] = "IncompleteRead"
            result["received"] = len(received)
            match = re.search(rb"<Code>([^<]*)</Code>", received)
            result["code"] = match.group(1).decode() if match else None
            if result["error"] is not None or response.will_close or not keep_alive:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            result["error"] = type(error).__name__
            connection.close()
            connection = None
        results.append(result)
    if connection is not None:
        connection.close()
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--access-key", default=DEFAULT_KEY)
    parser.add_argument("--secret-key", default=DEFAULT_SECRET)
    parser.add_argument("command")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = "*"

    from botocore.exceptions import BotoCoreError, ClientError
    rest = args.rest
    try:
        if args.command == "make-bucket":
            make_bucket(args, *rest)
        elif args.command == "upload":
            upload(args, *rest)
        elif args.command == "put":
            put(args, *rest)
        elif args.command == "get":
            get(args, *rest)
        elif args.command == "list":
            list_keys(args, *rest)
        elif args.command == "deny-get":
            deny_get(args, *rest)
        elif args.command == "enable-auth":
            enable_auth(args)
        elif args.command == "probe":
            flags = {"--keep-alive": False, "--unsigned": False}
            while rest and rest[0] in flags:
                flags[rest[0]] = True
                rest = rest[1:]
            probe(args, rest[0], rest[1:], keep_alive=flags["--keep-alive"], signed=not flags["--unsigned"])
        else:
            raise SystemExit(f"unknown command {args.command!r}")
    except ClientError as error:
        info = error.response.get("Error", {})
        print(json.dumps({"error": info.get("Code"), "message": info.get("Message"),
                          "status": error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")}))
        sys.exit(3)
    except BotoCoreError as error:
        sys.stderr.write(f"s3_admin.py {args.command}: {error}\n")
        sys.exit(4)


if __name__ == "__main__":
    main()
