"""The memory of suppliers and customers from the command line (issue #20), without the window:

    pennylane-importer remember FILE --set field=value …   # as if the person corrected those fields and imported
    pennylane-importer recall FILE… [--json]               # read as the window would, with the memory applied
    pennylane-importer rules [--json]                      # what is remembered for the company
    pennylane-importer rules --forget KEY [--field NAME]   # forget a counterpart, or one of its fields
    pennylane-importer rules --export FILE | --import FILE [--replace]

Fields for ``--set``: the names of ``inspect --json`` (``invoice_number``, ``date``, ``deadline``,
``currency``, ``amount_before_tax``, ``tax``, ``amount``, ``amount_due``, ``kind`` =
invoice|credit_note, ``seller.name`` … ``buyer.vat_number``) and the accounting: ``ledger_account_id``,
``vat_code``, ``categories`` (``ID:PERCENT,ID:PERCENT``), ``counterpart_id``.

The company: ``--company ID``, else the one last signed in (settings). Nothing here touches the
network. ``recall --json`` prints ``inspect --json``'s keys plus ``memory``, ``remembered`` (field →
value, when learned, what it replaced) and ``warnings``.

Exit status: 0 done, 1 a file could not be read or nothing could be learned, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.text import Text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ACCOUNTING = ("ledger_account_id", "vat_code", "categories", "counterpart_id")


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--company", default=None, help="company id (default: the company last signed in)")
    parser.add_argument("--memory", default=None, help=argparse.SUPPRESS)  # another store (tests, benches)
    parser.add_argument("--json", action="store_true", help="JSON output")
    if name == "remember":
        parser.add_argument("file", metavar="FILE", help="the PDF")
        parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                            help="a corrected value (repeatable)")
        parser.add_argument("--kind", choices=("supplier", "customer"), default=None,
                            help="purchase or sale (default: as remembered, else supplier)")
    elif name == "recall":
        parser.add_argument("files", nargs="+", metavar="FILE", help="PDF files or folders")
    else:
        parser.add_argument("--forget", metavar="KEY", default=None, help="forget this counterpart (its key)")
        parser.add_argument("--field", default=None, help="with --forget: forget only this field")
        parser.add_argument("--export", metavar="FILE", default=None, help="write the rules to a JSON file")
        parser.add_argument("--import", dest="import_file", metavar="FILE", default=None,
                            help="read rules from a JSON file (merged; --replace to replace them all)")
        parser.add_argument("--replace", action="store_true", help=argparse.SUPPRESS)


def _fail(name: str, message: Text | str, code: int = EXIT_USAGE) -> int:
    print(f"pennylane-importer {name}: {message}", file=sys.stderr)
    return code


NO_COMPANY = Text(
    "aucune société : précisez --company ID, ou connectez-vous une fois avec « pennylane-importer login ».",
    "no company: pass --company ID, or sign in once with 'pennylane-importer login'.",
)


def _company(args: argparse.Namespace) -> str | None:
    if args.company:
        return str(args.company)
    from app.config import load_settings

    current = load_settings().current_company_id
    return str(current) if current is not None else None


def run(args: argparse.Namespace) -> int:
    from app.jobs.memory import MemoryStore

    company = _company(args)
    if company is None:
        return _fail(args.command, NO_COMPANY)
    store = MemoryStore(args.memory) if args.memory else MemoryStore()
    if args.command == "remember":
        return _remember(args, store, company)
    if args.command == "recall":
        return _recall(args, store, company)
    return _rules(args, store, company)


# --- remember ------------------------------------------------------------------------------------

def parse_sets(items: list[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """``--set`` items → (header values as text, accounting); ValueError with a reason."""
    from app.domain.bounds import MAX_NAME_CHARS, read_number, read_string
    from app.domain.currency import is_supported_currency
    from app.domain.vat import VAT_CODES, normalize_vat_code
    from app.jobs.memory import VALUE_FIELDS
    from app.pdf.fields.remembered import AMOUNT_FIELDS, DATE_FIELDS, LAYOUT_FIELDS

    values: dict[str, str] = {}
    accounting: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise ValueError(f"{item!r}: FIELD=VALUE expected")
        if name in AMOUNT_FIELDS:
            values[name] = format(abs(read_number(value.replace(" ", ""), name)), "f")
        elif name in DATE_FIELDS:
            values[name] = date.fromisoformat(value).isoformat()
        elif name == "kind":
            if value not in ("invoice", "credit_note"):
                raise ValueError("kind is invoice or credit_note")
            values[name] = value
        elif name == "currency":
            if not is_supported_currency(value.upper()):
                raise ValueError(f"unknown currency {value[:10]!r}")
            values[name] = value.upper()
        elif name in LAYOUT_FIELDS or name in VALUE_FIELDS:
            values[name] = read_string(value, MAX_NAME_CHARS, name)
        elif name in ("ledger_account_id", "counterpart_id"):
            if not value.isdigit() or len(value) > 15:
                raise ValueError(f"{name} is a whole number")
            accounting[name] = int(value)
        elif name == "vat_code":
            code = normalize_vat_code(value)
            if code not in VAT_CODES:
                raise ValueError(f"unknown VAT code {value[:20]!r}")
            accounting[name] = code
        elif name == "categories":
            shares = []
            for part in value.split(","):
                cid, _, weight = part.partition(":")
                if not cid.strip().isdigit():
                    raise ValueError("categories: ID:PERCENT,ID:PERCENT")
                w = read_number(weight or "100", "weight")
                if not 0 <= w <= 100:
                    raise ValueError("a category weight is from 0 to 100")
                shares.append((int(cid), w))
            accounting[name] = shares
        else:
            raise ValueError(f"unknown field {name!r}")
    return values, accounting


def _remember(args: argparse.Namespace, store: Any, company: str) -> int:
    from app.jobs import memory as M
    from app.jobs.recall import Taught, find_memory, learn, read_values, recall_reading
    from app.pdf.reader import read_document

    try:
        values, accounting = parse_sets(args.set)
    except ValueError as exc:
        return _fail("remember", str(exc))
    path = Path(args.file)
    pristine = read_document(path)
    if pristine.error is not None:
        return _fail("remember", pristine.error.message, EXIT_FAILED)
    shown = read_document(path)  # what the window would show: the memory applied
    recall_reading(shown, store, company)
    memory, _ = find_memory(store, company, getattr(shown, "invoice", None))
    kind = args.kind or (memory.kind if memory is not None and memory.kind else "supplier")
    sent = read_values(shown.invoice)
    sent.update(values)
    rules = memory.lines if memory is not None else []
    lines = [M.LineRule(accounting.get("ledger_account_id", rules[0].ledger_account_id if rules else None),
                        accounting.get("vat_code", rules[0].vat_code if rules else None))]
    if lines[0].ledger_account_id is None and lines[0].vat_code is None:
        lines = []
    categories = [M.CategoryShare(cid, w) for cid, w in accounting.get("categories", [])]
    taught = Taught(kind, sent, lines, categories, accounting.get("counterpart_id"))
    lesson = learn(store, company, path, taught, reading=pristine)
    if lesson is None:
        return _fail("remember", Text(
            "impossible de mémoriser : le document ne nomme pas la contrepartie (ni nom ni identifiant) ; "
            "précisez-la avec --set seller.name=… (ou buyer.name=… pour une vente).",
            "cannot remember: the document names no counterpart (no name, no identifier); give it with "
            "--set seller.name=… (or buyer.name=… for a sale).",
        ), EXIT_FAILED)  # fmt: skip
    if args.json:
        print(json.dumps({"file": str(path), **lesson.to_json()}, ensure_ascii=False))
    else:
        print(f"{path}: {lesson.key}")
        print(f"  remembered values: {', '.join(lesson.values) or '-'}")
        print(f"  remembered places: {', '.join(lesson.hints) or '-'}")
        if lesson.not_printed:
            print(f"  not printed on the page (nothing to look for): {', '.join(lesson.not_printed)}")
    return EXIT_OK


# --- recall --------------------------------------------------------------------------------------

def _recall(args: argparse.Namespace, store: Any, company: str) -> int:
    import logging

    from app.domain.invoice import InvoiceKind
    from app.jobs.recall import recall_draft, recall_reading
    from app.pdf.discovery import discover
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    found = discover(args.files)
    files = [*found.files, *found.missing]
    if not files:
        return _fail("recall", Text("aucun PDF trouvé.", "no PDF found."))
    for path in files:
        reading = read_document(path)
        recall = recall_reading(reading, store, company)
        data = reading.to_json()
        if reading.invoice is not None and recall.memory is not None:
            draft = to_draft(reading, InvoiceKind(recall.kind or "supplier"))
            recall_draft(draft, recall)
            data["accounting"] = {
                "ledger_account_ids": [line.ledger_account_id for line in draft.lines],
                "vat_codes": [line.vat_rate for line in draft.lines],
                "categories": [[c.category_id, str(c.weight)] for c in draft.categories],
                "counterpart_id": draft.counterpart_id,
            }
        data.update(recall.to_json())
        if args.json:
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            print(f"{path}: {recall.title or '(no memory)'}")
            for name, note in sorted(recall.notes.items()):
                print(f"  {name} = {note.value}  (remembered {note.learned[:10]}; replaced {note.replaced or '-'})")
            for warning in recall.warnings:
                print(f"  ! {warning.field}: {warning.text}")
    return EXIT_OK


# --- rules ---------------------------------------------------------------------------------------

def _rules(args: argparse.Namespace, store: Any, company: str) -> int:
    from app.jobs import memory as M

    if args.forget:
        if not store.forget(company, args.forget, args.field):
            what = f"{args.forget} {args.field}" if args.field else args.forget
            return _fail("rules", Text(f"rien de mémorisé sous « {what} ».", f"nothing remembered as '{what}'."), EXIT_FAILED)
        return EXIT_OK
    if args.import_file:
        try:
            raw = Path(args.import_file).read_bytes()
            memories = M.parse_rules(raw)
        except OSError as exc:
            return _fail("rules", Text(f"lecture impossible : {exc.strerror}", f"cannot read: {exc.strerror}"), EXIT_FAILED)
        except M.RulesFileError as exc:
            return _fail("rules", exc.text, EXIT_FAILED)
        count = store.replace_all(company, memories, merge=not args.replace)
        print(f"{count}")
        return EXIT_OK
    memories = store.all(company)
    if args.export:
        data = M.export_rules(memories, company)
        target = Path(args.export)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(target)
        return EXIT_OK
    if args.json:
        print(json.dumps(M.export_rules(memories, company), ensure_ascii=False))
        return EXIT_OK
    if not memories:
        print(Text("Rien de mémorisé pour cette société.", "Nothing remembered for this company."))
    for m in memories:
        print(f"{m.title}  [{m.key}]  {m.kind or '?'}  {m.invoices} invoice(s)  updated {m.updated[:10]}")
        for name, learned in sorted(m.values.items()):
            print(f"  {name} = {learned.value}  (learned {learned.learned[:10]}, replaced {learned.replaced or '-'})")
        for name, hint in sorted(m.hints.items()):
            print(f"  {name}: {hint.hint.where} '{hint.hint.label}' (learned {hint.learned[:10]})")
        extras = [f"{k} {v}" for k, v in (("account", m.ledger_account_id), ("VAT", m.vat_code),
                                           ("terms", f"{m.payment_days} d" if m.payment_days is not None else None),
                                           ("currency", m.currency)) if v is not None]
        if m.categories:
            extras.append("categories " + ", ".join(f"{c.category_id}:{c.weight}" for c in m.categories))
        if extras:
            print("  " + "; ".join(extras))
    return EXIT_OK


__all__ = ["configure", "run", "parse_sets", "Decimal"]
