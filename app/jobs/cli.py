"""``pennylane-importer import FILE... --kind supplier|customer``: the pipeline from the command line.

Each file is read (``app.pdf``), turned into a draft, given its counterpart (``--counterpart-id``,
or matched automatically by SIRET / SIREN / VAT number / IBAN / name against Pennylane's suppliers
or customers), checked (balance rules, duplicates) and, when complete and balanced, imported;
the others are reported with their reason. The journal makes a second run safe: files already
imported are reported as duplicates, interrupted ones are resumed (never imported twice).

``--json``: one JSON object per file per line, printed as soon as the file is done:
``{"file", "sha256", "status", "invoice_id", "external_reference", "reason", "retryable", ...}``
with ``status`` one of ``verified``, ``duplicate``, ``failed``, ``cancelled``, ``held`` (``ready`` with
``--dry-run``). ``held``: the file carries a warning that needs an explicit choice (the supplier's
IBAN differs from the one known in Pennylane...); ``reason`` says which, ``warnings`` lists their
codes; ``--accept-warnings`` imports it. Readiness and warnings come from
:func:`app.jobs.prepare.prepare`, as in the window.

After the imports, every invoice created is checked again in one request per 100 (an external
reference present twice in Pennylane — a double made from another computer or program —, an
invoice gone, amounts other than those sent). Each finding is printed (``--json``: one object
``{"finding": "double"|"gone"|"mismatch", "file", "invoice_ids", "reason", ...}``).

Exit status: 0 when no file failed or was held (duplicates are not failures) and the check found
nothing, 1 when at least one failed or was held or a finding needs the person, 2 for
usage/configuration errors (no token, unknown company), 130 when interrupted.

Token: ``PENNYLANE_API_TOKEN``, else the OS keyring (``app.pennylane.credentials``). Base URL:
``PENNYLANE_API_URL``, else the settings (default: Pennylane's production API).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from app.domain.text import Text

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
HELD = "held"  # not imported: a warning needs --accept-warnings (its reason says which)


def configure(parser: argparse.ArgumentParser, name: str = "import") -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="PDF files or folders (searched recursively)")
    parser.add_argument("--kind", choices=("supplier", "customer", "auto"), default="auto",
                        help="supplier (purchase) or customer (sales) invoices; auto (default): from each "
                             "document, the company being its buyer (purchase) or its seller (sale)")
    parser.add_argument("--counterpart-id", type=int, default=None,
                        help="Pennylane supplier/customer id for every file (default: matched automatically)")
    parser.add_argument("--company", default=None, help="company id (default: the token's company)")
    parser.add_argument("--dry-run", action="store_true", help="check everything, send nothing")
    parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
    parser.add_argument("--force", action="store_true",
                        help="import even the files that look like duplicates (explicit choice)")
    parser.add_argument("--accept-warnings", action="store_true",
                        help="import the files that carry a warning (a supplier IBAN that differs from the one "
                             "known in Pennylane, a kind that contradicts the document...); without it they are "
                             "held, with their reason")
    parser.add_argument("--due-on-receipt", action="store_true",
                        help="a document that prints no due date is due on receipt (its invoice date); "
                             "without this option your usual payment terms (Preferences) give it, and without "
                             "those such a document is not imported, and says why")
    parser.add_argument("--route", choices=("auto", "import", "e_invoice"), default="auto",
                        help="auto (default): a Factur-X file Pennylane can read (BASIC, EN 16931, EXTENDED) "
                             "goes through its e-invoice import (one request: the file; Pennylane reads the XML), "
                             "the others through the regular import (upload + import); import / e_invoice: "
                             "that route for every file")
    parser.add_argument("--e-invoice", action="store_const", dest="route", const="e_invoice",
                        help=argparse.SUPPRESS)  # before --route: the same as --route e_invoice
    parser.add_argument("--resume", action="store_true",
                        help="also resume the files a previous run left unfinished (from the journal)")
    parser.add_argument("--workers", type=int, default=3,
                        help="parallel workers (default 3: they hide each request's latency; the rate limit is shared)")
    parser.add_argument("--journal", default=None, help=argparse.SUPPRESS)


def _say(text: Text | str) -> str:
    return str(text)


def _error(message: Text) -> int:
    print(f"pennylane-importer import: {message}", file=sys.stderr)
    return EXIT_USAGE


NO_TOKEN = Text(
    "aucun jeton : définissez PENNYLANE_API_TOKEN ou connectez-vous avec « pennylane-importer login ».",
    "no token: set PENNYLANE_API_TOKEN or sign in with 'pennylane-importer login'.",
)


def load_token(company_id: str | None) -> Any:
    """``PENNYLANE_API_TOKEN``, else the keyring through ``app.pennylane.credentials``.

    Returns what ``PennylaneClient`` takes: the token string, or the stored secret's token source
    (a company API token, or an OAuth pair that refreshes itself); None when there is none.
    """
    token = os.environ.get("PENNYLANE_API_TOKEN", "").strip()
    if token:
        return token
    from app.pennylane import credentials

    try:
        return credentials.load_token(company_id)
    except Exception:  # noqa: BLE001 - no keyring backend, locked keyring, OAuth not configured...
        return None


def base_url() -> str:
    from app.config import DEFAULT_API_URL

    url = os.environ.get("PENNYLANE_API_URL")
    if url:
        return url
    try:
        from app.config import load_settings

        return load_settings().effective_api_url()
    except Exception:  # noqa: BLE001
        return DEFAULT_API_URL


def run_terms(args: argparse.Namespace, company_id: int) -> Any:
    """The payment terms that give a due date to a document printing none, for this run:
    ``--due-on-receipt`` says "on receipt"; without it, the company's usual terms (Preferences),
    if any. Applied by :func:`app.jobs.prepare.prepare`, as in the window."""
    from app.domain.terms import PaymentTerms

    if getattr(args, "due_on_receipt", False):
        return PaymentTerms.on_receipt()
    from app.config import load_settings

    return load_settings().terms_for(company_id)


def run(args: argparse.Namespace) -> int:
    from app.jobs import journal as J
    from app.jobs.batch import BatchRunner, jobs_for, resume_unfinished
    from app.jobs.import_job import FAILED, ImportJob, JobResult
    from app.jobs.pipeline import ImportPipeline
    from app.pdf.discovery import discover
    from app.pennylane.client import PennylaneClient
    from app.pennylane.errors import PennylaneError
    from app.pennylane.reference_cache import company_from_me

    found = discover(args.files)
    files = [*found.files, *found.missing]  # a missing file is reported when it is read
    if not files and not args.resume:
        return _error(Text("aucun fichier.", "no file given."))
    token = load_token(args.company)
    if not token:
        return _error(NO_TOKEN)
    from app.pdf.isolated import warm_up

    warm_up()  # the reading process starts while the token is checked
    client = PennylaneClient(token, base_url())
    out = _Printer(args.json)
    try:
        try:
            me = client.me()
        except PennylaneError as exc:
            return _error(exc.text)
        company_id = str(me.company.id)
        if args.company is not None and str(args.company) != company_id:
            return _error(Text(
                f"ce jeton donne accès à la société {company_id}, pas à {args.company}.",
                f"this token gives access to company {company_id}, not {args.company}.",
            ))  # fmt: skip
        journal = J.Journal(args.journal) if args.journal else J.Journal()
        from app.jobs.memory import MemoryStore
        from app.jobs.recall import learner

        # the memory of suppliers and customers lives beside the journal; each import teaches it
        memory = MemoryStore(Path(args.journal).with_name("memory.sqlite3")) if args.journal else MemoryStore()
        pipeline = ImportPipeline(client, journal, company_id, learn=learner(memory, company_id))
        from app.jobs.prepare import CounterpartLists

        counterparts = CounterpartLists(client)
        company = company_from_me(me)
        company = company.with_terms(run_terms(args, company.id))
        jobs: list[ImportJob] = []
        failed_early = 0  # failed or held before any import (a held file is not imported either)
        early: list[str] = []
        seen: dict[str, Path] = {}
        for path in files:
            job, problem = _prepare(path, args, counterparts, company, memory, company_id)
            if problem is not None:
                out.result(problem)
                failed_early += 1
                early.append(problem["status"])
                continue
            assert job is not None
            if job.sha256 in seen:  # the same file twice on the command line: one job, both reported
                first = seen[job.sha256]
                out.result({
                    "file": str(path), "sha256": job.sha256, "status": "duplicate", "invoice_id": None,
                    "external_reference": None, "retryable": False, "reason": str(Text(
                        f"même fichier que « {first.name} », plus haut dans cette liste",
                        f"the same file as “{first.name}”, earlier in this list")),
                })  # fmt: skip
                continue
            seen[job.sha256] = path
            jobs.append(job)
        if args.resume:
            for job in jobs_for(resume_unfinished(journal, company_id)):
                if job.sha256 not in seen and args.kind in ("auto", job.kind):
                    seen[job.sha256] = job.path
                    jobs.append(job)

        if args.dry_run:
            failed = failed_early
            for job in jobs:
                problems, dup = pipeline.check(job)
                status = "failed" if problems else ("duplicate" if dup else "ready")
                failed += status == "failed"
                reason = problems[0] if problems else (dup.reason if dup else None)
                out.result({
                    "file": str(job.path), "sha256": job.sha256, "status": status, "invoice_id":
                    dup.invoice_id if dup else None, "external_reference": pipeline.reference(job.sha256),
                    "reason": str(reason) if reason else None, "retryable": False,
                    "counterpart_id": getattr(job.draft, "counterpart_id", None),
                    "counterpart_match": job.counterpart_name,
                    "duplicate": dup.to_json() if dup else None,
                })  # fmt: skip
            return EXIT_FAILED if failed else EXIT_OK

        def done(index: int, job: ImportJob, result: JobResult) -> None:
            out.result(result.to_json())

        runner = BatchRunner(pipeline, workers=max(1, args.workers), on_job_done=done)
        try:
            results = runner.run(jobs)
        except KeyboardInterrupt:
            runner.cancel()
            return EXIT_INTERRUPTED
        failed = failed_early + sum(1 for r in results if r.status == FAILED)
        for finding in runner.findings:
            out.finding(finding.to_json())
        if not args.json:
            out.summary(results, early)
        return EXIT_FAILED if failed or runner.findings else EXIT_OK
    finally:
        client.close()


NOT_ADDRESSED = Text(
    "ce document ne nomme pas votre société ({company}) comme acheteur ni comme vendeur : "
    "vérifiez qu'il est pour cette société, puis précisez --kind supplier ou --kind customer.",
    "this document names your company ({company}) neither as its buyer nor as its seller: check that "
    "it is for this company, then pass --kind supplier or --kind customer.",
)
WRONG_KIND = {
    "customer": Text(
        "votre société ({company}) est le vendeur sur ce document : c'est une facture de vente, "
        "importez-la avec --kind customer (ou sans --kind).",
        "your company ({company}) is the seller on this document: it is a sales invoice, import it "
        "with --kind customer (or without --kind).",
    ),
    "supplier": Text(
        "votre société ({company}) est l'acheteur sur ce document : c'est une facture d'achat, "
        "importez-la avec --kind supplier (ou sans --kind).",
        "your company ({company}) is the buyer on this document: it is a purchase invoice, import it "
        "with --kind supplier (or without --kind).",
    ),
}


def _prepare(path: Path, args: argparse.Namespace, references: Any, company: Any,
             memory: Any = None, company_id: str | None = None) -> tuple[Any, dict | None]:
    """(job, None) or (None, the JSON of a file that is not imported: failed, or held for a warning).
    ``memory``: the suppliers' and customers' memory (:mod:`app.jobs.recall`), applied to what was
    read, its contradictions being warnings like the others.

    What is ready, and what needs a choice, is :func:`app.jobs.prepare.prepare`'s answer, as in
    the window; the command line only turns it into a status and a reason."""
    from app.domain.invoice import InvoiceKind
    from app.jobs.import_job import ImportJob
    from app.jobs.prepare import W_KIND_DIFFERS, W_NOT_ADDRESSED, Choices, join, prepare
    from app.pdf.draft import to_draft
    from app.pdf.isolated import read_document  # in a reading process: bounded in time and memory

    reading = read_document(path)

    def refuse(reason: Text, step: str = "check", status: str = "failed", **more: Any) -> tuple[None, dict]:
        note = reading.xml_note  # e.g. the e-invoice XML refused for a value out of range: the real cause
        if note is not None and step == "check":
            reason = Text(f"{reason.fr} ({note.fr})", f"{reason.en} ({note.en})")
        return None, {
            "file": str(path), "sha256": reading.sha256 or None, "status": status, "invoice_id": None,
            "external_reference": None, "reason": str(reason), "retryable": False, "step": step, **more,
        }  # fmt: skip

    if reading.error is not None:
        return refuse(reading.error.message, "read")
    recall = None
    if memory is not None and company_id is not None:
        from app.jobs.recall import recall_reading

        recall = recall_reading(reading, memory, company_id)
    kind = None if args.kind == "auto" else args.kind
    if args.counterpart_id is not None and kind is None:
        return refuse(Text("précisez --kind avec --counterpart-id.", "pass --kind with --counterpart-id."))
    draft = to_draft(reading, kind or InvoiceKind.SUPPLIER)
    if args.counterpart_id is not None:  # an explicit counterpart: the person knows the document
        draft.counterpart_id = args.counterpart_id
    route = choose_route(args.route, reading)
    prepared = prepare(draft, company, references, reading=reading, recall=recall,
                       choices=Choices(kind=kind, route=route, profile=getattr(reading, "profile", None)))
    draft = prepared.draft
    kind_issue = next((w for w in prepared.warnings if w.code in (W_NOT_ADDRESSED, W_KIND_DIFFERS)), None)
    if kind_issue is not None and args.counterpart_id is None:
        # the kind is the command line's to give: say which flag settles it
        if kind_issue.code == W_NOT_ADDRESSED and kind is None:
            return refuse(NOT_ADDRESSED.format(company=company.name))
        if kind_issue.code == W_KIND_DIFFERS and prepared.preset is not None and prepared.preset.kind:
            return refuse(WRONG_KIND[prepared.preset.kind].format(company=company.name))
    job = ImportJob.from_reading(
        reading, prepared.kind, draft=draft, route=route, force=args.force,
        counterpart_name=draft.counterpart_name,
    )  # fmt: skip
    if prepared.problem("counterpart") is not None and args.counterpart_id is None:
        match = prepared.match
        return refuse(match.reason if match is not None else prepared.problem("counterpart").text)
    warnings = [w for w in prepared.warnings if args.counterpart_id is None or w.code not in (W_NOT_ADDRESSED, W_KIND_DIFFERS)]
    if warnings and not args.accept_warnings:
        return refuse(join(w.text for w in warnings), status=HELD, warnings=[w.code for w in warnings],
                      counterpart_id=draft.counterpart_id, counterpart_match=draft.counterpart_name)
    return job, None


def choose_route(wanted: str, reading: Any) -> str:
    """The route of one file: ``wanted`` unless "auto"; then the e-invoice import for a Factur-X
    file whose XML Pennylane can read (the command line never changes what the XML says)."""
    from app.jobs import journal as J
    from app.jobs.prepare import E_INVOICE_PROFILES

    if wanted == "import":
        return J.ROUTE_IMPORT
    if wanted == "e_invoice":
        return J.ROUTE_E_INVOICE
    profile = (getattr(reading, "profile", None) or "").upper()
    return J.ROUTE_E_INVOICE if profile in E_INVOICE_PROFILES else J.ROUTE_IMPORT


class _Printer:
    """Prints results; a reader that went away (``| head``) ends the printing, not the imports."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.reader_gone = False
        self._lock = threading.Lock()

    def _print(self, line: str) -> None:
        with self._lock:  # workers finish in parallel: one whole line at a time
            self._print_locked(line)

    def _print_locked(self, line: str) -> None:
        if self.reader_gone:
            return
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            self.reader_gone = True
            # nothing more can be written; keep the interpreter from complaining at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())

    def result(self, data: dict[str, Any]) -> None:
        if self.as_json:
            from app.pdf.cli import json_line

            self._print(json_line(data))
            return
        status = data.get("status")
        mark = {"verified": "✓", "duplicate": "=", "ready": "·", "cancelled": "-", HELD: "?"}.get(status, "✗")
        line = f"{mark} {data.get('file')}: {status}"
        if data.get("invoice_id") is not None:
            line += f" (invoice {data['invoice_id']})"
        if data.get("reason") and status != "verified":
            line += f" — {data['reason']}"
        from app.pdf.cli import printable

        self._print(printable(line))

    def finding(self, data: dict[str, Any]) -> None:
        if self.as_json:
            self._print(json.dumps(data, ensure_ascii=False, default=str))
            return
        self._print(f"! {data.get('file') or ''}: {data.get('reason')}")

    def summary(self, results: list[Any], early: list[str]) -> None:
        from collections import Counter

        counts = Counter(r.status for r in results)
        counts.update(early)
        self._print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
