#!/usr/bin/env python3
"""Runs one SQL query with Apache DataFusion over gzipped CloudTrail log files; prints the rows as CSV (no header).

Usage: datafusion_peer.py FILELIST QUERY

FILELIST holds NUL-separated paths of `.json.gz` CloudTrail files (each one JSON document `{"Records":[...]}` on a
single line). QUERY is a key of QUERIES ("Q1".."Q5", "Q7") or any SQL over the view `t`, which has one row per record
and the Athena lower-case column names of the fields the benchmark needs:

    eventtime, eventsource, eventname, sourceipaddress, errorcode : string
    useridentity      : struct<type, arn>                  (useridentity.arn or useridentity['arn'])
    requestparameters : struct<bucketName, instanceId, target, evaluations: list<struct<complianceResourceId>>>
                        (requestparameters['bucketName']; brackets, as the field names are mixed case)

Unquoted identifiers are lower-cased by DataFusion, so `eventName` and `eventname` both work.

requestParameters is NOT raw JSON text: DataFusion's NDJSON reader (arrow-json) cannot keep a JSON object as a string
column (declaring it Utf8/LargeUtf8/Utf8View fails with "expected string got {...}"), and the Python package ships no
JSON functions. So the minimal schema declares the few request parameters the queries use as a struct: Q4 reads
requestparameters['bucketName'] (equal to Athena's json_extract_scalar for a string value, NULL when absent), and Q7's
full-text needle becomes a search of the fields in which the generator writes that instance id (instanceId, target,
evaluations[].complianceResourceId). Same rows as the text search on the generator's data, but field-targeted.

Parallelism: 2 target partitions, so the listing table splits the files into 2 groups scanned at once (gzip files
cannot be split further); DataFusion's Python runtime uses one worker thread per core (2 here).

The list of files is exposed to DataFusion as a temporary directory of symlinks (a listing table takes one directory,
not a list of files), on /dev/shm when writable; it is removed on exit.
"""
import csv
import os
import shutil
import sys
import tempfile

import pyarrow as pa
from datafusion import SessionConfig, SessionContext

THREADS = 2

# An instance id the generator writes into requestParameters (ssm ListInstanceAssociations.instanceId,
# ssm StartSession.target, config PutEvaluations.evaluations[].complianceResourceId): 61 of the 5,000 records.
NEEDLE = "i-0a1b2c3d4e5f67890"

REQUEST_PARAMETERS = pa.struct([
    ("bucketName", pa.string()),
    ("instanceId", pa.string()),
    ("target", pa.string()),
    ("evaluations", pa.list_(pa.struct([("complianceResourceId", pa.string())]))),
])

RECORD = pa.struct([
    ("eventTime", pa.string()),
    ("eventSource", pa.string()),
    ("eventName", pa.string()),
    ("sourceIPAddress", pa.string()),
    ("errorCode", pa.string()),
    ("requestParameters", REQUEST_PARAMETERS),
    ("userIdentity", pa.struct([("type", pa.string()), ("arn", pa.string())])),
])

SCHEMA = pa.schema([("Records", pa.list_(RECORD))])

VIEW_SQL = """
CREATE VIEW t AS SELECT
    r['eventTime'] AS eventtime,
    r['eventSource'] AS eventsource,
    r['eventName'] AS eventname,
    r['sourceIPAddress'] AS sourceipaddress,
    r['errorCode'] AS errorcode,
    r['requestParameters'] AS requestparameters,
    r['userIdentity'] AS useridentity
FROM (SELECT unnest("Records") AS r FROM raw)
"""

# The benchmark's queries, returning the same rows as the Athena SQL in the comments (over cloudtrail_logs).
QUERIES = {
    # SELECT count(*)
    "Q1": "SELECT count(*) FROM t",
    # SELECT eventname, count(*) c GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10
    "Q2": "SELECT eventName, count(*) c FROM t GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10",
    # SELECT eventtime, sourceipaddress, useridentity.arn WHERE eventname = 'ConsoleLogin' AND useridentity.type = 'IAMUser'
    "Q3": "SELECT eventTime, sourceIPAddress, userIdentity['arn'] FROM t "
          "WHERE eventName = 'ConsoleLogin' AND userIdentity['type'] = 'IAMUser'",
    # SELECT json_extract_scalar(requestparameters, '$.bucketName') b, count(*) WHERE eventsource = 's3.amazonaws.com' GROUP BY 1
    "Q4": "SELECT requestParameters['bucketName'] b, count(*) FROM t "
          "WHERE eventSource = 's3.amazonaws.com' GROUP BY 1",
    # SELECT useridentity.arn, count(*) WHERE errorcode = 'AccessDenied' GROUP BY 1
    "Q5": "SELECT userIdentity['arn'], count(*) FROM t WHERE errorCode = 'AccessDenied' GROUP BY 1",
    # SELECT eventtime, eventname, eventsource, useridentity.arn WHERE requestparameters LIKE '%<NEEDLE>%'
    "Q7": "SELECT eventTime, eventName, eventSource, userIdentity['arn'] FROM t "
          f"WHERE requestParameters['instanceId'] LIKE '%{NEEDLE}%' "
          f"OR requestParameters['target'] LIKE '%{NEEDLE}%' "
          f"OR array_has(requestParameters['evaluations'], named_struct('complianceResourceId', '{NEEDLE}'))",
}


def read_file_list(path):
    with open(path, "rb") as handle:
        return [p for p in handle.read().decode().split("\0") if p.strip()]


def context(directory):
    """A session with the view t over the .json.gz files in directory."""
    config = SessionConfig().with_target_partitions(THREADS).with_repartition_aggregations(True)
    ctx = SessionContext(config)
    ctx.register_json("raw", directory.rstrip("/") + "/", schema=SCHEMA, file_extension=".json.gz",
                      file_compression_type="gzip")
    ctx.sql(VIEW_SQL).collect()
    return ctx


def run(files, sql):
    """The rows (lists of Python values) of sql over t built from files."""
    # tmpfs when there is one: thousands of symlinks on a disk-backed /tmp can take seconds.
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    farm = tempfile.mkdtemp(prefix="datafusion-peer-", dir=shm)
    try:
        for i, path in enumerate(files):
            os.symlink(os.path.abspath(path), os.path.join(farm, f"{i:07d}.json.gz"))
        ctx = context(farm)
        rows = []
        for batch in ctx.sql(sql).collect():
            columns = [column.to_pylist() for column in batch.columns]
            rows.extend(zip(*columns))
        return rows
    finally:
        shutil.rmtree(farm, ignore_errors=True)


def main(argv):
    if len(argv) != 3:
        sys.exit(f"usage: {os.path.basename(argv[0])} FILELIST QUERYNAME_OR_SQL")
    sql = QUERIES.get(argv[2], argv[2])
    writer = csv.writer(sys.stdout, lineterminator="\n")
    for row in run(read_file_list(argv[1]), sql):
        writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv)
