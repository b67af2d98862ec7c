#!/usr/bin/env python3
"""Extract, from Pennylane's OpenAPI document, what the local stand-in needs to validate requests.

    python tools/extract_schemas.py [path/to/pennylane-openapi-v2.json] [--out app/standin/openapi_subset.json]

The default input is ``../shared/pennylane-openapi-v2.json`` relative to the repository root.
For every operation the stand-in implements it writes:

- ``method``, ``path`` (relative to ``/api/external/v2``), ``scopes`` (the OAuth scopes that grant it;
  the deprecated ``ledger`` scope is dropped);
- ``query``: a JSON Schema object of the query parameters (unknown parameters are not refused);
- ``body``: the request-body schema (JSON or multipart) and ``body_type``;
- ``filter`` / ``sort``: the filterable fields with their operators and the sortable fields, parsed
  from the parameter descriptions (that is where the document states them);
- ``multipart_json``: multipart parts whose encoding is ``application/json``.

$refs are inlined, descriptions/examples/titles dropped, OpenAPI 3.0 ``nullable`` turned into JSON
Schema (``type: [t, "null"]``, ``null`` added to enums), and large repeated sub-schemas (the VAT and
currency enums) are stored once under ``$defs``. The output is deterministic and committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "pennylane-openapi-v2.json"
if not DEFAULT_INPUT.exists():  # a clone on its own: the copy the tests ship
    DEFAULT_INPUT = REPO / "tests" / "data" / "pennylane-openapi-v2.json.gz"
DEFAULT_OUTPUT = REPO / "app" / "standin" / "openapi_subset.json"
PREFIX = "/api/external/v2"

# (method, path) of every operation the stand-in implements.
OPERATIONS: list[tuple[str, str]] = [
    ("get", "/me"),
    ("post", "/file_attachments"),
    ("post", "/customer_invoices/import"),
    ("post", "/supplier_invoices/import"),
    ("post", "/customer_invoices/e_invoices/imports"),
    ("post", "/supplier_invoices/e_invoices/imports"),
    ("get", "/customer_invoices"),
    ("get", "/supplier_invoices"),
    ("get", "/customer_invoices/{id}"),
    ("get", "/supplier_invoices/{id}"),
    ("get", "/customer_invoices/{customer_invoice_id}/invoice_lines"),
    ("get", "/supplier_invoices/{supplier_invoice_id}/invoice_lines"),
    ("put", "/supplier_invoices/{id}"),
    ("put", "/customer_invoices/{id}/update_imported"),
    ("get", "/customer_invoices/{customer_invoice_id}/categories"),
    ("get", "/supplier_invoices/{supplier_invoice_id}/categories"),
    ("put", "/customer_invoices/{customer_invoice_id}/categories"),
    ("put", "/supplier_invoices/{supplier_invoice_id}/categories"),
    ("get", "/customers"),
    ("get", "/customers/{id}"),
    ("get", "/suppliers"),
    ("get", "/suppliers/{id}"),
    ("post", "/suppliers"),
    ("post", "/company_customers"),
    ("get", "/ledger_accounts"),
    ("get", "/products"),
    ("get", "/category_groups"),
    ("get", "/categories"),
]

DROP_KEYS = {"description", "example", "examples", "title", "deprecated", "externalDocs", "xml", "readOnly", "writeOnly"}
KEEP_FORMATS = {"date", "date-time", "email", "uuid"}
OPS = ("lt", "lteq", "gt", "gteq", "eq", "not_eq", "in", "not_in", "start_with")


class Extractor:
    def __init__(self, doc: dict) -> None:
        self.doc = doc

    def deref(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"external $ref not supported: {ref}")
            target = self.doc
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
            if seen > 50:
                raise ValueError(f"$ref loop at {ref}")
        return node

    def schema(self, node, depth: int = 0):
        """Inline $refs, strip documentation, convert nullable."""
        if depth > 60:
            raise ValueError("schema too deep (recursive $ref?)")
        node = self.deref(node)
        if isinstance(node, list):
            return [self.schema(item, depth + 1) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict = {}
        for key, value in node.items():
            if key in DROP_KEYS or key.startswith("x-"):
                continue
            if key == "format" and value not in KEEP_FORMATS:
                continue
            if key == "nullable":
                continue
            if key in ("properties", "patternProperties", "$defs", "definitions"):
                out[key] = {name: self.schema(sub, depth + 1) for name, sub in value.items()}
            elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
                out[key] = self.schema(value, depth + 1)
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.schema(sub, depth + 1) for sub in value]
            else:
                out[key] = value
        if node.get("nullable") is True:
            typ = out.get("type")
            if isinstance(typ, str):
                out["type"] = [typ, "null"]
            elif isinstance(typ, list) and "null" not in typ:
                out["type"] = typ + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
            if "type" not in out and not any(k in out for k in ("allOf", "anyOf", "oneOf")):
                pass  # untyped nullable: anything goes already
            elif "type" not in out:
                out = {"anyOf": [out, {"type": "null"}]}
        return out


def parse_filter_description(text: str) -> dict[str, list[str]]:
    """'- `id`, `date`: `lt`, `eq` ...' lines → {"id": ["lt", "eq"], "date": [...]}."""
    fields: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line.startswith("-"):
            continue
        head, sep, tail = line[1:].partition(":")
        if not sep:
            continue
        names = re.findall(r"`([a-z_0-9]+)`", head)
        ops = [op for op in re.findall(r"`([a-z_]+)`", tail) if op in OPS]
        for name in names:
            if ops:
                fields[name] = ops
    return fields


def parse_sort_description(text: str) -> list[str]:
    _, sep, tail = (text or "").partition("Available fields")
    if not sep:
        return []
    return re.findall(r"`([a-z_0-9]+)`", tail)


def extract(doc: dict) -> dict:
    ex = Extractor(doc)
    operations: dict[str, dict] = {}
    for method, path in OPERATIONS:
        op = doc["paths"][PREFIX + path][method]
        entry: dict = {"method": method.upper(), "path": path}
        scopes: list[str] = []
        for requirement in op.get("security") or []:
            for names in requirement.values():
                scopes += [s for s in names if not s.startswith("ledger ") and s != "ledger"]
        entry["scopes"] = scopes
        params = [ex.deref(p) for p in (doc["paths"][PREFIX + path].get("parameters") or [])]
        params += [ex.deref(p) for p in op.get("parameters") or []]
        query = {"type": "object", "properties": {}, "required": []}
        for param in params:
            if param.get("in") != "query":
                continue
            name = param["name"]
            query["properties"][name] = ex.schema(param.get("schema") or {})
            if param.get("required"):
                query["required"].append(name)
            if name == "filter":
                entry["filter"] = parse_filter_description(param.get("description", ""))
            if name == "sort":
                entry["sort"] = parse_sort_description(param.get("description", ""))
        if not query["required"]:
            del query["required"]
        entry["query"] = query
        body = op.get("requestBody")
        if body:
            body = ex.deref(body)
            content = body.get("content", {})
            for ctype in ("application/json", "multipart/form-data"):
                if ctype in content:
                    entry["body_type"] = ctype
                    entry["body"] = ex.schema(content[ctype].get("schema") or {})
                    enc = content[ctype].get("encoding") or {}
                    json_parts = sorted(k for k, v in enc.items() if v.get("contentType") == "application/json")
                    if json_parts:
                        entry["multipart_json"] = json_parts
                    break
            entry["body_required"] = bool(body.get("required"))
        operations[op["operationId"]] = entry
    return operations


def factor_defs(operations: dict, min_size: int = 400) -> tuple[dict, dict]:
    """Store large sub-schemas that occur more than once under $defs and $ref them."""
    counts: dict[str, int] = {}

    def key_of(node) -> str:
        return json.dumps(node, sort_keys=True, ensure_ascii=False)

    def count(node) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                k = key_of(node)
                if len(k) >= min_size:
                    counts[k] = counts.get(k, 0) + 1
            for value in node.values():
                count(value)
        elif isinstance(node, list):
            for value in node:
                count(value)

    count(operations)
    names: dict[str, str] = {}
    defs: dict[str, dict] = {}
    for k in sorted(counts, key=lambda s: (-len(s), s)):
        if counts[k] < 2:
            continue
        node = json.loads(k)
        first = next((v for v in node["enum"] if v is not None), "x")
        name = f"enum_{first}_{len(node['enum'])}".replace("-", "_")
        if name in defs:
            name += "_" + hashlib.sha1(k.encode()).hexdigest()[:6]
        names[k] = name
        defs[name] = node

    def replace(node):
        if isinstance(node, dict):
            k = key_of(node) if "enum" in node else None
            if k in names:
                return {"$ref": f"#/$defs/{names[k]}"}
            return {key: replace(value) for key, value in node.items()}
        if isinstance(node, list):
            return [replace(value) for value in node]
        return node

    return replace(operations), defs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("openapi", nargs="?", default=str(DEFAULT_INPUT))
    parser.add_argument("--out", default=str(DEFAULT_OUTPUT))
    args = parser.parse_args(argv)
    source = Path(args.openapi)
    raw = source.read_bytes()
    if source.suffix == ".gz":  # the copy the tests ship (tests/data/pennylane-openapi-v2.json.gz)
        import gzip

        raw, source = gzip.decompress(raw), source.with_suffix("")
    doc = json.loads(raw)
    operations, defs = factor_defs(extract(doc))
    subset = {
        "source": {
            "file": source.name,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "openapi": doc.get("openapi"),
            "info": {"title": doc.get("info", {}).get("title"), "version": doc.get("info", {}).get("version")},
            "generated_by": "tools/extract_schemas.py",
        },
        "operations": operations,
        "$defs": defs,
    }
    text = json.dumps(subset, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(operations)} operations, {len(defs)} shared defs, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
