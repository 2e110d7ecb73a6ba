#!/usr/bin/env python3
"""Validates a generated report.json against docs/report.schema.json, and
checks the schema still rejects a report with a verdict it does not define
(so a schema that accepts anything fails this test).

usage: check_schema.py LWIPSIM SCHEMA OUT_DIR"""
import copy
import json
import subprocess
import sys

import jsonschema

lwipsim, schema_path, out = sys.argv[1:4]
subprocess.run([lwipsim, "report", "--out", out], check=True, stderr=subprocess.DEVNULL)
with open(schema_path) as f:
    schema = json.load(f)
with open(f"{out}/report.json") as f:
    report = json.load(f)
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
for e in errors[:10]:
    print(f"report.json {'/'.join(map(str, e.path))}: {e.message}")
if errors:
    sys.exit(1)
bad = copy.deepcopy(report)
bad["profiles"][0]["pools"][0]["verdict"] = "FINE"
if validator.is_valid(bad):
    print("the schema accepts verdict FINE")
    sys.exit(1)
print(f"report.json valid ({len(report['profiles'])} profiles)")
