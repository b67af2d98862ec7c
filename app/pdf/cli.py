"""``pennylane-importer inspect FILE... [--json]``: read PDFs and print what was found.

``--json``: one JSON object per file, one per line (dates ISO, amounts as strings, unknown values
null; ``error`` is null or ``{"code", "message"}``). Without it, a readable summary. Folders are
searched recursively for ``*.pdf``. Exit status 0 even when some files are bad (their error is in
the output), 2 for usage errors (argparse, or no file at all).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def configure(parser: argparse.ArgumentParser, name: str = "inspect") -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF files or folders (searched recursively)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
    parser.add_argument("--text", action="store_true", help="always extract the first pages' text (and show it)")


def _summary(data: dict[str, Any], text: str | None) -> str:
    out = [f"{data['file']}"]
    if data["error"]:
        out.append(f"  error [{data['error']['code']}]: {data['error']['message']}")
    out.append(f"  pages: {data['pages']}  source: {data['source']}  profile: {data['profile'] or '-'}  sha256: {(data['sha256'] or '-')[:16]}")
    if data["source"] != "none":
        out.append(f"  {data['kind'] or '?'} {data['invoice_number'] or '?'}  date {data['date'] or '?'}  due {data['deadline'] or '?'}  {data['currency'] or ''}")
        out.append(f"  before tax {data['amount_before_tax']}  tax {data['tax']}  total {data['amount']}  due {data['amount_due']}")
        for role in ("seller", "buyer"):
            party = data[role]
            shown = ", ".join(f"{k} {v}" for k, v in party.items() if v)
            if shown:
                out.append(f"  {role}: {shown}")
        for row in data["vat_breakdown"]:
            out.append(f"  VAT {row['vat_rate']} %: base {row['base']} tax {row['tax']}")
        for line in data["lines"]:
            out.append(f"  line: {line['label']} × {line['quantity']} @ {line['unit_price']} = {line['amount_before_tax']} ({line['vat_rate']} %)")
        from_text = sorted(k for k, v in data["provenance"].items() if v == "text")
        if from_text:
            out.append(f"  from the text: {', '.join(from_text)}")
    if text:
        out.append("  --- text ---")
        out.extend("  " + line for line in text.splitlines())
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    import logging

    from app.pdf.discovery import discover
    from app.pdf.reader import read_document

    # pypdf warns on stderr about every quirk of a broken file; the JSON already says what matters
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    found = discover(args.files)
    files = [*found.files, *found.missing]  # a missing file is reported when it is read
    if not files:
        print("pennylane-importer inspect: no PDF found in the given folders", file=sys.stderr)
        return 2
    for path in files:
        reading = read_document(path, text=True if getattr(args, "text", False) else None)
        data = reading.to_json()
        if args.json:
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            print(_summary(data, reading.text if getattr(args, "text", False) else None), flush=True)
    return 0
