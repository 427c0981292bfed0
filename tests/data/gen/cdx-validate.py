#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validate a CycloneDX 1.5 JSON document against the vendored official
schema (tests/data/schema). usage: cdx-validate.py SCHEMA_DIR FILE"""
import json
import os
import sys

import jsonschema

sdir, doc = sys.argv[1], sys.argv[2]
schemas = {}
for name in ("bom-1.5.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json",
             "jsf-0.82.SNAPSHOT.schema.json"):
    with open(os.path.join(sdir, name)) as f:
        schemas[name] = json.load(f)
main = schemas["bom-1.5.SNAPSHOT.schema.json"]
try:
    from referencing import Registry, Resource
    reg = Registry().with_resources(
        [(n, Resource.from_contents(s)) for n, s in schemas.items()] +
        [(s["$id"], Resource.from_contents(s)) for s in schemas.values()
         if "$id" in s] +
        [("http://cyclonedx.org/schema/" + n, Resource.from_contents(s))
         for n, s in schemas.items()])
    v = jsonschema.Draft7Validator(main, registry=reg)
except ImportError:  # older python3-jsonschema (Debian 12: 4.10)
    store = {}
    for n, s in schemas.items():
        store[n] = s
        store["http://cyclonedx.org/schema/" + n] = s
        if "$id" in s:
            store[s["$id"]] = s
    resolver = jsonschema.RefResolver.from_schema(main, store=store)
    v = jsonschema.Draft7Validator(main, resolver=resolver)
with open(doc) as f:
    data = json.load(f)
errors = sorted(v.iter_errors(data), key=lambda e: list(e.path))
for e in errors[:20]:
    print(f"{'/'.join(str(p) for p in e.path)}: {e.message}")
print(f"{doc}: {len(errors)} schema errors")
sys.exit(1 if errors else 0)
