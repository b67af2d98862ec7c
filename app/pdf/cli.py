"""``pennylane-importer inspect FILE... [--json]``: read PDFs and print what was found.

``--json``: one JSON object per file, one per line (dates ISO, amounts as strings, unknown values
null; ``error`` is null or ``{"code", "message"}``). Without it, a readable summary. Folders are
searched recursively for ``*.pdf``. Exit status 0 even when some files are bad (their error is in
the output), 2 for usage errors (argparse, or no file at all).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any


def configure(parser: argparse.ArgumentParser, name: str = "inspect") -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF files or folders (searched recursively)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
    parser.add_argument("--text", action="store_true", help="always extract the first pages' text (and show it)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line, UTF-8 text except for what cannot be: a file name that is not
    valid UTF-8 keeps its undecodable bytes as ``\\udcXX`` escapes (valid JSON; ``os.fsencode`` of
    the decoded string gives the name back) instead of breaking the line's encoding."""
    line = json.dumps(data, ensure_ascii=False, default=str)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


_UNPRINTABLE = re.compile("[\ud800-\udfff\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` for a terminal: undecodable bytes, control characters (ANSI escapes) and bidi
    overrides of a file name shown as escapes, never sent to the terminal as they are."""

    def escape(m: re.Match[str]) -> str:
        c = ord(m.group())
        return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}" if c > 0xFF else f"\\x{c:02x}"

    return _UNPRINTABLE.sub(escape, text)


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
    from app.pdf.isolated import read_document  # in a reading process: bounded in time and memory

    # pypdf warns on stderr about every quirk of a broken file; the JSON already says what matters
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from app.pdf.isolated import warm_up

    warm_up()  # the reading process starts while the folders are searched
    found = discover(args.files)
    files = [*found.files, *found.missing]  # a missing file is reported when it is read
    if not files:
        from app.domain.text import Text

        print("pennylane-importer inspect: " + str(Text("aucun PDF trouvé dans les dossiers donnés.",
                                                        "no PDF found in the given folders.")), file=sys.stderr)
        return 2
    for path in files:
        reading = read_document(path, text=True if getattr(args, "text", False) else None)
        data = reading.to_json()
        if args.json:
            line = json_line(data)
        else:
            line = printable(_summary(data, reading.text if getattr(args, "text", False) else None))
        try:
            print(line, flush=True)
        except BrokenPipeError:  # `inspect … | head`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # nothing more to write, no complaint at exit
            return 0
    return 0
