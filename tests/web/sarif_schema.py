#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validate SARIF files against the SARIF 2.1.0 JSON schema.

The schema is the one Microsoft's SARIF Multitool (npm package
@microsoft/sarif-multitool-linux) validates with; the package ships it
inside its self-contained binary rather than as a loose file, so it is
read from there: the JSON object whose title is the SARIF 2.1.0 schema's.

usage: sarif_schema.py MULTITOOL_BINARY FILE.sarif...
Exit 0 when every file is valid, 1 when one is not (errors on stdout),
2 when the schema cannot be found.
"""
import json
import sys

import jsonschema

TITLE = b'"title": "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"'


def load_schema(binary):
    data = open(binary, "rb").read()
    at = data.find(TITLE)
    start = data.rfind(b"{", 0, at)
    while at >= 0 and start >= 0:
        try:
            text = data[start:start + 4000000].decode("utf-8", "replace")
            schema, _ = json.JSONDecoder().raw_decode(text)
            if "definitions" in schema and "runs" in schema.get("properties", {}):
                return schema
        except ValueError:
            pass
        start = data.rfind(b"{", 0, start)
    return None


def main():
    schema = load_schema(sys.argv[1])
    if schema is None:
        print("sarif_schema: no SARIF 2.1.0 schema in " + sys.argv[1])
        return 2
    validator = jsonschema.validators.validator_for(schema)(schema)
    bad = 0
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(json.load(open(path))),
                        key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            print("%s: %s: %s" % (path, "/".join(str(p) for p in e.absolute_path), e.message))
        bad += len(errors) > 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
