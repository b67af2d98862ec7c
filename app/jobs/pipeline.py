"""The import pipeline: one document from the queue to a verified invoice in Pennylane. Qt-free.

Steps (``progress(step, fraction)`` reports them; ``fraction`` is the whole job's, 0 → 1)::

    check ─▶ upload ─▶ import ─▶ categories ─▶ verify ─▶ done
     │         │          │            │            │
     │  journal: uploading/uploaded   importing/imported   categorized   verified

``check`` validates the draft (counterpart, balance rules of :mod:`app.domain.balance`) and looks
for duplicates (:mod:`app.jobs.duplicates`). Every journal change is committed before the next
network call.

Resume semantics (the journal row decides where a run starts — safe to call ``run`` again on any
document at any time, after a crash, a kill, a cancel or a failure):

- ``invoice_id`` recorded → nothing is uploaded or imported again; only the missing categories and
  the verification run.
- ``import_pending`` (state ``importing``: the POST may have reached Pennylane, or its outcome is
  unknown) → the invoice is first looked up by its ``external_reference``; found → recorded as
  imported; not found → imported again, **with the same attachment** (Pennylane refuses an
  attachment already used by another invoice, a second guard against doubles).
- ``file_attachment_id`` recorded → the upload is not repeated.
- otherwise → from the start.

An ``OutcomeUnknownError`` during this run is handled the same way, at once: look up, then at most
one new import. A ``verified`` row is a finished job: running it again answers ``duplicate``.

Cancel/pause: :class:`app.jobs.cancel.CancelToken`. Pause takes effect between steps; cancel
between steps and between upload chunks. Neither ever interrupts the window between "importing"
and the recording of the answer.

Around it, each in its own module: the job and its result (:mod:`app.jobs.import_job`), the
payload stored in the journal before anything is sent (:mod:`app.jobs.import_payload`), the
messages (:mod:`app.jobs.import_messages`), the steps and the progress reporter
(:mod:`app.jobs.progress`), the crash hook for tests (:mod:`app.jobs.crash`:
``PENNYLANE_IMPORTER_CRASH_AT=<point>:<n>`` SIGKILLs the process the n-th time the pipeline
reaches ``<point>``).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from app.domain.text import Text
from app.jobs import duplicates as D
from app.jobs import import_messages as M
from app.jobs import journal as J
from app.jobs import lookups as L
from app.jobs import owners as O
from app.jobs import remote as R
from app.jobs.cancel import CancelToken, JobCancelled
from app.jobs.crash import CrashHook
from app.jobs.import_job import CANCELLED, DUPLICATE, FAILED, STATUSES, VERIFIED, ImportJob, JobResult
from app.jobs.import_payload import (
    InvalidBody,
    Payload,
    attr,
    build_payload,
    category_weights,
    iso,
    journal_meta,
    sent_meta,
)
from app.jobs.prepare import E_INVOICE_PROFILES, NO_DRAFT, join
from app.jobs.progress import (
    STEP_CATEGORIES,
    STEP_CHECK,
    STEP_DONE,
    STEP_IMPORT,
    STEP_UPLOAD,
    STEP_VERIFY,
    ProgressCallback,
    Reporter,
)
from app.jobs.references import external_reference

# The pipeline's public API as app/jobs/__init__.py documents it: ``run(job, progress=, cancel=)``
# takes an ImportJob and a CancelToken and answers a JobResult whose status is one of STATUSES;
# progress names the steps. They live in import_job, cancel and progress; the window reads them
# here as ``P.…`` (app.ui.import_controller), with the two answers of prepare it shows.
__all__ = [
    "ImportPipeline", "LOOKUP_DELAYS", "ImportJob", "JobResult", "CancelToken", "JobCancelled",
    "VERIFIED", "DUPLICATE", "FAILED", "CANCELLED", "STATUSES",
    "STEP_CHECK", "STEP_UPLOAD", "STEP_IMPORT", "STEP_CATEGORIES", "STEP_VERIFY", "STEP_DONE",
    "E_INVOICE_PROFILES", "NO_DRAFT",
]  # fmt: skip

log = logging.getLogger(__name__)

# How long to wait before looking up an import whose outcome is unknown (Pennylane may still be
# processing it), and how many lookups to make before giving up for this run.
LOOKUP_DELAYS = (0.5, 2.0)


class _Stop(Exception):
    """Internal: end the run with this result (the journal is already written)."""

    def __init__(self, result: JobResult) -> None:
        super().__init__(result.status)
        self.result = result


class ImportPipeline:
    """Runs :class:`ImportJob` s for one company. Thread-safe: several workers may share it."""

    def __init__(
        self,
        client: Any,
        journal: J.Journal,
        company_id: int | str,
        *,
        remote_duplicate_check: bool = True,
        lookup_delays: tuple[float, ...] = LOOKUP_DELAYS,
        learn: Callable[[ImportJob], object] | None = None,
    ) -> None:
        self.client = client
        # called with each job imported and verified (app.jobs.recall.learner: what the person
        # corrected becomes what is remembered about the counterpart); its failure fails nothing
        self.learn = learn
        self.journal = journal
        self.company_id = company_id
        self.remote_duplicate_check = remote_duplicate_check
        self.lookup_delays = lookup_delays
        self._crash = CrashHook()
        # what Pennylane holds under the batch's numbers/references (prefetch), read by the checks
        self.known = L.Known()
        # a batch verifies every invoice afterwards (verify_batch): an import answered with an id
        # only (e-invoices) is not fetched again one by one
        self.verify_later = False

    # -- public ---------------------------------------------------------------------------------

    def reference(self, sha256: str) -> str:
        return external_reference(self.company_id, sha256)

    def run(
        self,
        job: ImportJob,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> JobResult:
        """Take ``job`` as far as it can go. Never raises for API, file or data problems."""
        cancel = cancel or CancelToken()
        report = Reporter(progress)
        ref = self.reference(job.sha256)
        step = STEP_CHECK
        try:
            report(STEP_CHECK, 0.0)
            cancel.checkpoint()
            # One owner per document across threads, processes and computers sharing the journal:
            # the claim is committed (with the row) before anything is looked up or sent.
            owner = O.new_owner()
            row, claim = self.journal.ensure_and_claim(
                self.company_id, job.sha256, owner, external_reference=ref, attempt=True, **journal_meta(job)
            )
            if not claim.ours:
                return self._held(job, row, claim)
            report.renew = lambda: self.journal.renew(self.company_id, job.sha256, owner)
            ctx = _Run(job=job, ref=ref, row=row, report=report, cancel=cancel,
                       taken_over=claim.taken_over is not None, owner=owner)
            try:
                return self._run(ctx)
            finally:
                if not ctx.released:
                    self.journal.release(self.company_id, job.sha256, owner)
        except _Stop as stop:
            return stop.result
        except JobCancelled:
            return self._cancelled(job, ref, report.step)
        except Exception as exc:  # noqa: BLE001 - the queue must go on
            step = report.step
            return self._fail_from_exception(job, ref, exc, step)

    def prefetch(self, jobs: list[ImportJob]) -> None:
        """Before a batch: what Pennylane holds under the jobs' invoice numbers (or, without one,
        external references), in one request per 100 jobs and kind, for their duplicate checks.
        A failure only means each job asks for itself."""
        if not self.remote_duplicate_check:
            return
        for kind in (R.SUPPLIER, R.CUSTOMER):
            mine = [j for j in jobs if j.kind == kind and not j.force and j.draft is not None]
            numbers = [attr(j.draft, "invoice_number") for j in mine]
            refs = [self.reference(j.sha256) for j in mine if not attr(j.draft, "invoice_number")]
            refs = refs if L.refs_filterable(kind) else []  # customer invoices: eq only
            if not numbers and not refs:
                continue
            try:
                self.known.fetch(self.client, kind, numbers=[n for n in numbers if n], refs=refs)
            except Exception:  # noqa: BLE001
                log.warning("batched duplicate lookup failed; each document will be looked up alone", exc_info=True)

    def verify_batch(self, results: list[JobResult]) -> list[L.Finding]:
        """After a batch: every invoice it created checked again, one request per 100 (doubles made
        elsewhere, invoices gone, amounts). Each finding is also kept as its row's reason."""
        self.known.clear()
        rows = []
        for result in results:
            if result.status != VERIFIED:
                continue
            row = self.journal.get(self.company_id, result.sha256)
            if row is not None and row.invoice_id is not None:
                rows.append(row)
        if not rows:
            return []
        findings = L.verify(self.client, rows)
        for finding in findings:
            self.journal.update(self.company_id, finding.sha256, reason_fr=finding.text.fr,
                                reason_en=finding.text.en)
        return findings

    def _candidates(self, kind: str, number: str | None, ref: str) -> list[R.RemoteInvoice] | None:
        return self.known.candidates(kind, number, ref) if self.remote_duplicate_check else None

    def check(self, job: ImportJob) -> tuple[list[Text], D.Duplicate | None]:
        """Dry run: the problems that would stop ``job`` and the duplicate, without writing."""
        problems = self._problems(job.draft, job)
        dup = None
        if job.draft is not None:
            dup = D.check(
                self.journal, self.client if self.remote_duplicate_check else None, self.company_id,
                sha256=job.sha256, kind=job.kind, external_reference=self.reference(job.sha256),
                counterpart_id=attr(job.draft, "counterpart_id"),
                invoice_number=attr(job.draft, "invoice_number"), date=iso(attr(job.draft, "date")),
                candidates=self._candidates(job.kind, attr(job.draft, "invoice_number"), self.reference(job.sha256)),
            )  # fmt: skip
        return problems, dup

    # -- the steps ------------------------------------------------------------------------------

    def _run(self, ctx: "_Run") -> JobResult:
        job, row = ctx.job, ctx.row

        if row.state == J.VERIFIED and row.invoice_id is not None:
            row = self._already_verified(ctx)
            ctx.row = row

        if row.invoice_id is None and (row.import_pending or ctx.taken_over):
            # An import may have reached Pennylane (a pending POST, or a run that died holding the
            # document): look it up by its external reference before anything else.
            ctx.report(STEP_IMPORT, 0.0)
            row = self._resolve_pending(ctx, retry_soon=False)
            ctx.row = row

        if row.invoice_id is None:
            payload = self._prepare(ctx)  # check: draft, balance, duplicates (may stop)
            if job.route == J.ROUTE_E_INVOICE:
                row = self._import_e_invoice(ctx, payload)
            else:
                row = self._upload(ctx)
                row = self._import(ctx, payload)
            ctx.row = row

        stored = Payload.of_row(ctx.row)
        categories = stored.categories if stored is not None else []
        if job.draft is not None:  # the person may have corrected the categories since
            categories = category_weights(job.draft)
        if categories and not ctx.row.categorized:
            ctx.report(STEP_CATEGORIES, 0.0)
            ctx.cancel.checkpoint()
            self._crash_point("before_categories")
            R.set_categories(
                self.client, job.kind, ctx.row.invoice_id,
                [(int(c), Decimal(str(w))) for c, w in categories],
            )  # fmt: skip
            ctx.row = self.journal.transition(self.company_id, job.sha256, J.CATEGORIZED, categorized=1)

        ctx.report(STEP_VERIFY, 0.0)
        ctx.cancel.checkpoint()
        self._crash_point("before_verify")
        self._verify(ctx)
        self._crash_point("after_verify_before_journal")
        row = self.journal.transition(self.company_id, job.sha256, J.VERIFIED, finished_at=J.now_iso(),
                                      release=ctx.owner)
        ctx.released = True
        if self.learn is not None and job.draft is not None:
            try:
                self.learn(job)  # reads the file again: app.pdf holds PDFium's lock (not thread-safe)
            except Exception:  # noqa: BLE001 - the invoice is imported; the memory is a help
                log.exception("learning from %s", job.file_name)
        ctx.report(STEP_DONE, 1.0)
        return self._result(job, row, VERIFIED)

    def _already_verified(self, ctx: "_Run") -> J.JournalRow:
        job, row = ctx.job, ctx.row
        if not job.force:
            dup = D.check(
                self.journal, None, self.company_id, sha256=job.sha256, kind=job.kind,
                external_reference=ctx.ref, counterpart_id=row.counterpart_id,
                invoice_number=row.invoice_number, date=row.date, remote=False,
            )  # fmt: skip
            assert dup is not None
            raise _Stop(self._result(job, row, DUPLICATE, reason=dup.reason, duplicate=dup))
        # Forced: only if the invoice was deleted in Pennylane (never two invoices for one file).
        try:
            R.get_invoice(self.client, job.kind, row.invoice_id)
        except Exception as exc:  # noqa: BLE001
            from app.pennylane.errors import NotFoundError

            if not isinstance(exc, NotFoundError):
                raise
        else:
            reason = M.SAME_FILE_STILL_THERE.format(id=row.invoice_id)
            raise _Stop(self._result(job, row, DUPLICATE, reason=reason))
        return self.journal.transition(
            self.company_id, job.sha256, J.QUEUED, detail="forced re-import (invoice deleted in Pennylane)",
            invoice_id=None, file_attachment_id=None, import_pending=0, categorized=0, finished_at=None,
            forced=1,
        )  # fmt: skip

    def _prepare(self, ctx: "_Run") -> Payload:
        """Validate the draft, build the body, check duplicates; store the body in the journal."""
        job, row = ctx.job, ctx.row
        ctx.report(STEP_CHECK, 0.1)
        draft = job.draft
        stored = Payload.of_row(row)
        if draft is None and stored is not None and stored.meta is not None:
            payload = stored  # stored again as it was read (row.payload_data), below
        else:
            if draft is None:
                draft = self._reread(ctx)
            problems = self._problems(draft, job)
            if problems:
                reason = problems[0] if len(problems) == 1 else join(problems)
                self._fail(ctx, reason, retryable=False, step=STEP_CHECK)
            payload = self._build_payload(ctx, draft)
        meta = payload.meta
        assert meta is not None
        ctx.report(STEP_CHECK, 0.4)
        if not job.force:
            dup = D.check(
                self.journal, self.client if self.remote_duplicate_check else None, self.company_id,
                sha256=job.sha256, kind=job.kind, external_reference=ctx.ref,
                counterpart_id=meta.counterpart_id, invoice_number=meta.invoice_number,
                date=meta.date, candidates=self._candidates(job.kind, meta.invoice_number, ctx.ref),
            )  # fmt: skip
            if dup is not None:
                row = self.journal.mark_duplicate(self.company_id, job.sha256, dup.to_json(), dup.reason)
                raise _Stop(self._result(job, row, DUPLICATE, reason=dup.reason, duplicate=dup))
        # Stored with the next state change (no network call in between): one commit fewer.
        ctx.deferred = dict(
            payload=json.dumps(row.payload_data if payload is stored else payload.to_json(), sort_keys=True,
                               default=str),
            forced=1 if job.force else row.forced,
            counterpart_id=meta.counterpart_id, invoice_number=meta.invoice_number,
            date=meta.date, amount=meta.amount, currency=meta.currency,
        )  # fmt: skip
        ctx.report(STEP_CHECK, 1.0)
        return payload

    def _upload(self, ctx: "_Run") -> J.JournalRow:
        job, row = ctx.job, ctx.row
        if row.file_attachment_id is not None:
            return row  # recorded upload: never repeated
        ctx.report(STEP_UPLOAD, 0.0)
        ctx.cancel.checkpoint()
        self._check_file(ctx)
        self.journal.transition(self.company_id, job.sha256, J.UPLOADING, **ctx.take_deferred())
        self._crash_point("after_uploading_recorded")
        first_chunk = [True]

        def on_progress(sent: int, total: int) -> None:
            if first_chunk[0] and sent > 0:
                first_chunk[0] = False
                self._crash_point("during_upload")
            ctx.report(STEP_UPLOAD, (sent / total) if total else 0.0)

        try:
            attachment = self.client.upload_file(
                job.path, filename=job.file_name, progress=on_progress, cancelled=ctx.cancel.is_cancelled,
                expected_sha256=job.sha256,  # hashed while streamed: the file sent is the file read
            )
        except Exception as exc:
            from app.pennylane.errors import Cancelled, FileChangedError

            if isinstance(exc, Cancelled) or ctx.cancel.cancelled:
                self.journal.transition(self.company_id, job.sha256, J.QUEUED, detail="upload cancelled")
                raise JobCancelled() from exc
            if isinstance(exc, FileChangedError):  # nothing complete was sent: read it again
                self._fail(ctx, exc.text, retryable=False, step=STEP_UPLOAD)
            raise
        attachment_id = int(attachment.id)
        row = self.journal.transition(self.company_id, job.sha256, J.UPLOADED, file_attachment_id=attachment_id)
        self._crash_point("after_upload_recorded")
        ctx.report(STEP_UPLOAD, 1.0)
        return row

    def _import(self, ctx: "_Run", payload: Payload) -> J.JournalRow:
        from app.pennylane import errors as E

        job = ctx.job
        attempts = 0
        uploaded_again = False
        while True:
            ctx.report(STEP_IMPORT, 0.0)
            ctx.cancel.checkpoint()
            row = self.journal.get(self.company_id, job.sha256)
            assert row is not None and row.file_attachment_id is not None
            body = dict(payload.body)  # type: ignore[arg-type] - the import route always has one
            body["file_attachment_id"] = row.file_attachment_id
            self._still_ours(ctx)
            self.journal.transition(
                self.company_id, job.sha256, J.IMPORTING, import_pending=1, **ctx.take_deferred()
            )
            self._crash_point("before_import_post")
            attempts += 1
            retrying = attempts > 1 or ctx.had_unknown
            try:
                created = R.import_invoice(self.client, job.kind, body)
            except E.OutcomeUnknownError:
                ctx.had_unknown = True
                row = self._resolve_pending(ctx, retry_soon=True)
                if row.invoice_id is not None:
                    return row
                if attempts >= 2:
                    self._fail(ctx, M.STILL_UNKNOWN.format(ref=ctx.ref), retryable=True, step=STEP_IMPORT,
                               keep_pending=True)
                continue  # not found: import again, same attachment
            except E.NotFoundError as exc:
                if retrying:
                    found = self._lookup_quiet(ctx)
                    if found is not None:
                        return self._record_imported(ctx, found)
                if not uploaded_again:
                    # Pennylane's 404 is bare ({"error", "status"}): it does not say what is missing.
                    # Most often the attachment expired or was deleted (the seed guide: "re-upload
                    # using /file_attachments"): nothing was created; upload again once and retry.
                    uploaded_again = True
                    ctx.row = self.journal.transition(
                        self.company_id, job.sha256, J.QUEUED, detail="404 on import: uploading again",
                        import_pending=0, file_attachment_id=None,
                    )  # fmt: skip
                    ctx.row = self._upload(ctx)
                    continue
                # still missing with a new file: the supplier/customer (deleted?): the person acts
                self._fail(ctx, join([exc.text, M.COUNTERPART_GONE]), retryable=False, step=STEP_IMPORT)
            except (E.RejectedError, E.ConflictError) as exc:
                if retrying or isinstance(exc, E.ConflictError):
                    # "attachment already used" after an unknown outcome means our first try worked
                    found = self._lookup_quiet(ctx)
                    if found is not None:
                        return self._record_imported(ctx, found)
                self._fail(ctx, exc.text, retryable=False, step=STEP_IMPORT)
            except (E.AuthError, E.ScopeError, E.RateLimitedError) as exc:
                # refused before any work was done
                self._fail(ctx, exc.text, retryable=exc.retryable or isinstance(exc, E.AuthError),
                           step=STEP_IMPORT, sign_in=isinstance(exc, E.AuthError))
            except E.PennylaneError as exc:
                # anything else on a POST: we cannot be sure it was not processed
                ctx.had_unknown = True
                row = self._resolve_pending(ctx, retry_soon=True, cause=exc)
                if row.invoice_id is not None:
                    return row
                if attempts >= 2:
                    self._fail(ctx, exc.text, retryable=True, step=STEP_IMPORT, keep_pending=True)
                continue
            self._crash_point("after_import_response_before_journal")
            return self._record_imported(ctx, created)

    def _import_e_invoice(self, ctx: "_Run", payload: Payload) -> J.JournalRow:
        from app.pennylane import errors as E

        job = ctx.job
        ctx.report(STEP_IMPORT, 0.0)
        ctx.cancel.checkpoint()
        self._check_file(ctx)
        options = payload.e_invoice_options or None
        self._still_ours(ctx)
        self.journal.transition(self.company_id, job.sha256, J.IMPORTING, import_pending=1, **ctx.take_deferred())
        self._crash_point("before_import_post")
        try:
            created = R.import_e_invoice(self.client, job.kind, job.path, options, expected_sha256=job.sha256)
        except E.FileChangedError as exc:  # refused before the file was complete: nothing reached Pennylane
            self._fail(ctx, exc.text, retryable=False, step=STEP_IMPORT, keep_pending=False)
        except (E.RejectedError, E.AuthError, E.ScopeError, E.RateLimitedError, E.NotFoundError) as exc:
            self._fail(ctx, exc.text, retryable=exc.retryable or isinstance(exc, E.AuthError), step=STEP_IMPORT,
                       sign_in=isinstance(exc, E.AuthError))
        except E.PennylaneError as exc:
            ctx.had_unknown = True
            row = self._resolve_pending(ctx, retry_soon=True, cause=exc)
            if row.invoice_id is not None:
                return row
            # an e-invoice cannot carry our external reference: do not re-send in this run; the
            # next run looks it up again (by number) before sending
            self._fail(ctx, M.STILL_UNKNOWN.format(ref=ctx.ref), retryable=True, step=STEP_IMPORT,
                       keep_pending=True)
        self._crash_point("after_import_response_before_journal")
        # No PUT to give it our external reference: the e-invoice route is one request per invoice;
        # its invoice is found again by number, counterpart and date (_lookup).
        return self._record_imported(ctx, created)

    def _record_imported(self, ctx: "_Run", invoice: R.RemoteInvoice) -> J.JournalRow:
        invoice_id = invoice.id
        ctx.recorded = invoice
        row = self.journal.transition(
            self.company_id, ctx.job.sha256, J.IMPORTED, invoice_id=invoice_id, import_pending=0
        )
        self._crash_point("after_import_recorded")
        ctx.report(STEP_IMPORT, 1.0)
        return row

    def _resolve_pending(self, ctx: "_Run", *, retry_soon: bool, cause: Exception | None = None) -> J.JournalRow:
        """Find the invoice of a pending import. Found → imported; not found → pending cleared."""
        delays = self.lookup_delays if retry_soon else (0.0,) + tuple(self.lookup_delays[1:])
        last_error: Exception | None = None
        for delay in delays or (0.0,):
            if delay:
                time.sleep(delay)
            try:
                found = self._lookup(ctx)
            except Exception as exc:  # noqa: BLE001
                last_error = exc
                continue
            if found is not None:
                return self._record_imported(ctx, found)
            last_error = None
            if not retry_soon:
                break
        if last_error is not None:
            details = str(getattr(last_error, "text", last_error))
            self._fail(ctx, M.LOOKUP_FAILED.format(details=details, ref=ctx.ref), retryable=True,
                       step=STEP_IMPORT, keep_pending=True)
        # Not found: nothing was created. Clear the mark; the import will be sent again.
        back = J.UPLOADED if ctx.row.file_attachment_id is not None else J.QUEUED
        return self.journal.transition(
            self.company_id, ctx.job.sha256, back, import_pending=0, detail="pending import not found"
        )

    def _lookup_quiet(self, ctx: "_Run") -> R.RemoteInvoice | None:
        try:
            return self._lookup(ctx)
        except Exception:  # noqa: BLE001
            return None

    def _lookup(self, ctx: "_Run") -> R.RemoteInvoice | None:
        """The invoice this document created, if any (by external_reference; e-invoices by number)."""
        job = ctx.job
        found = R.find_invoices(self.client, job.kind, external_reference=ctx.ref)
        if found:
            if len(found) > 1:
                log.error("%d invoices carry external_reference %s", len(found), ctx.ref)
            return min(found, key=lambda inv: inv.id)
        if job.route != J.ROUTE_E_INVOICE:
            return None
        meta = sent_meta(self.journal.get(self.company_id, job.sha256))
        number = meta.invoice_number
        if not number:
            return None
        for inv in R.find_invoices(self.client, job.kind, invoice_number=number):
            if inv.counterpart_id != meta.counterpart_id:
                continue
            if meta.date and inv.day and inv.day != meta.date:
                continue
            claimed = [r for r in self.journal.find_by_invoice_id(self.company_id, job.kind, inv.id)
                       if r.sha256 != job.sha256]
            if not claimed:
                return inv
        return None

    def _verify(self, ctx: "_Run") -> None:
        """What Pennylane recorded = what was sent. The import's own answer (or the invoice found
        by the lookup) is that record; only a run that has neither (a resume) asks for it again.
        The batch then checks every invoice once more in one request per 100 (:meth:`verify_batch`)."""
        from app.pennylane import errors as E

        job, row = ctx.job, ctx.row
        invoice = ctx.recorded if ctx.recorded is not None and ctx.recorded.id == row.invoice_id else None
        if not L.has_amounts(row, invoice) and self.verify_later and invoice is not None:
            ctx.report(STEP_VERIFY, 1.0)  # answered with its id only: verify_batch checks it
            return
        if not L.has_amounts(row, invoice):
            try:
                invoice = R.get_invoice(self.client, job.kind, row.invoice_id)
            except E.NotFoundError:
                self._fail(ctx, L.VERIFY_GONE.format(id=row.invoice_id), retryable=False, step=STEP_VERIFY)
        differences = L.recorded_differences(row, invoice)
        if differences:
            self._fail(
                ctx, L.VERIFY_MISMATCH.format(id=row.invoice_id, details="; ".join(differences)),
                retryable=False, step=STEP_VERIFY,
            )  # fmt: skip
        ctx.report(STEP_VERIFY, 1.0)

    # -- helpers --------------------------------------------------------------------------------

    def _problems(self, draft: Any, job: ImportJob) -> list[Text]:
        """What blocks ``job``: :func:`app.jobs.prepare.prepare` decides (the kind and counterpart are
        the job's own by now: no preset, no matching here)."""
        from app.jobs.prepare import Choices, prepare

        choices = Choices(kind=job.kind, auto_match=False, route=job.route,
                          profile=job.profile or getattr(job.reading, "profile", None))
        return [issue.text for issue in prepare(draft, choices=choices).problems]

    def _build_payload(self, ctx: "_Run", draft: Any) -> Payload:
        try:
            return build_payload(ctx.job, draft, ctx.ref)
        except InvalidBody as exc:
            self._fail(ctx, M.INVALID_BODY.format(details=M.short(exc.cause)), retryable=False, step=STEP_CHECK)
            raise  # not reached: _fail raises

    def _reread(self, ctx: "_Run") -> Any:
        """Rebuild the draft from the file (resume of a row that stored no body yet)."""
        from app.pdf.draft import to_draft
        from app.pdf.reader import read_document

        job, row = ctx.job, ctx.row
        reading = read_document(job.path)
        if reading.error is not None or reading.sha256 != job.sha256:
            self._file_problem(ctx, reading)
        job.reading = reading
        job.profile = job.profile or reading.profile
        draft = to_draft(reading, job.kind)
        if attr(draft, "counterpart_id") is None and row.counterpart_id is not None:
            try:
                draft.counterpart_id = row.counterpart_id
            except Exception:  # noqa: BLE001 - frozen draft
                import dataclasses

                draft = dataclasses.replace(draft, counterpart_id=row.counterpart_id)
        return draft

    def _check_file(self, ctx: "_Run") -> None:
        path = ctx.job.path
        if not path.is_file():
            self._fail(ctx, M.FILE_GONE.format(name=ctx.job.file_name, path=path), retryable=True, step=STEP_UPLOAD)

    def _file_problem(self, ctx: "_Run", reading: Any) -> None:
        if reading.error is not None and reading.error.code in ("not_found", "unreadable"):
            self._fail(ctx, M.FILE_GONE.format(name=ctx.job.file_name, path=ctx.job.path), retryable=True,
                       step=STEP_CHECK)
        if reading.error is not None:
            self._fail(ctx, reading.error.message, retryable=False, step=STEP_CHECK)
        self._fail(ctx, M.FILE_CHANGED.format(name=ctx.job.file_name), retryable=False, step=STEP_CHECK)

    def _fail(
        self,
        ctx: "_Run",
        reason: Text,
        *,
        retryable: bool,
        step: str,
        keep_pending: bool | None = None,
        sign_in: bool = False,
        **values: Any,
    ) -> None:
        """Record the failure and end the run (raises _Stop)."""
        if keep_pending is not None:
            values["import_pending"] = 1 if keep_pending else 0
        elif ctx.row is not None and ctx.row.invoice_id is None:
            # a failure answered by Pennylane before the import: nothing is pending
            current = self.journal.get(self.company_id, ctx.job.sha256)
            if current is not None and current.state == J.IMPORTING:
                values["import_pending"] = 0
        row = self.journal.mark_failed(self.company_id, ctx.job.sha256, reason, retryable=retryable, step=step,
                                       **values)
        raise _Stop(self._result(ctx.job, row, FAILED, reason=reason, retryable=retryable, step=step,
                                 sign_in=sign_in))

    def _fail_from_exception(self, job: ImportJob, ref: str, exc: Exception, step: str) -> JobResult:
        from app.pennylane.errors import AuthError, PennylaneError

        sign_in = isinstance(exc, AuthError)
        if isinstance(exc, PennylaneError):
            reason, retryable = exc.text, bool(exc.retryable) or sign_in
        elif isinstance(exc, OSError):
            reason = M.FILE_GONE.format(name=job.file_name, path=job.path)
            retryable = True
        else:
            log.exception("unexpected error importing %s", job.path)
            reason, retryable = M.INTERNAL.format(details=M.short(exc)), False
        row = self.journal.get(self.company_id, job.sha256)
        if row is None:
            return JobResult(job.sha256, str(job.path), FAILED, ref, reason=reason, retryable=retryable, step=step,
                             sign_in=sign_in)
        # Progress columns are kept: an upload that failed has no attachment id (the next run
        # uploads again); an import that may have been sent keeps its pending mark (looked up first).
        row = self.journal.mark_failed(self.company_id, job.sha256, reason, retryable=retryable, step=step)
        return self._result(job, row, FAILED, reason=reason, retryable=retryable, step=step, sign_in=sign_in)

    def _still_ours(self, ctx: "_Run") -> None:
        """Just before an import is sent: renew the run's claim. A claim lost meanwhile (a long pause
        let the lease run out, and another run took the document over) stops this run here, so the
        two never both send it."""
        if ctx.owner is None or self.journal.renew(self.company_id, ctx.job.sha256, ctx.owner):
            return
        holder = self.journal.claimant(self.company_id, ctx.job.sha256)
        if holder is None:  # released meanwhile: take it again before sending anything
            claim = self.journal.claim(self.company_id, ctx.job.sha256, ctx.owner)
            if claim.ours and claim.taken_over is None:
                return
            holder = claim.held_by or claim.taken_over
        raise _Stop(self._held(ctx.job, ctx.row, J.Claim(held_by=holder, held_sha256=ctx.job.sha256)))

    def _held(self, job: ImportJob, row: J.JournalRow | None, claim: J.Claim) -> JobResult:
        """Another live run holds the document (or the same invoice): nothing written, nothing sent."""
        assert claim.held_by is not None
        text = M.HELD if claim.held_sha256 == job.sha256 else M.HELD_SAME_INVOICE
        reason = text.format(owner=claim.held_by.describe())
        if row is None:
            return JobResult(job.sha256, str(job.path), FAILED, self.reference(job.sha256), reason=reason,
                             retryable=True, step=STEP_CHECK, held=True)
        result = self._result(job, row, FAILED, reason=reason, retryable=True, step=STEP_CHECK)
        result.held = True
        return result

    def _cancelled(self, job: ImportJob, ref: str, step: str) -> JobResult:
        row = self.journal.get(self.company_id, job.sha256)
        reason = M.CANCELLED_REASON
        if row is None:
            return JobResult(job.sha256, str(job.path), CANCELLED, ref, reason=reason, retryable=True, step=step)
        return self._result(job, row, CANCELLED, reason=reason, retryable=True, step=step)

    def _result(
        self,
        job: ImportJob,
        row: J.JournalRow,
        status: str,
        *,
        reason: Text | None = None,
        retryable: bool = False,
        duplicate: D.Duplicate | None = None,
        step: str | None = None,
        sign_in: bool = False,
    ) -> JobResult:
        invoice_id = row.invoice_id
        if status == DUPLICATE and duplicate is not None:
            invoice_id = duplicate.invoice_id
        return JobResult(
            sha256=job.sha256, file=str(job.path), status=status, external_reference=row.external_reference,
            invoice_id=invoice_id, file_attachment_id=row.file_attachment_id, reason=reason,
            retryable=retryable, duplicate=duplicate, state=row.state, step=step,
            link=R.invoice_link(self.company_id, job.kind, invoice_id), counterpart_id=row.counterpart_id,
            invoice_number=row.invoice_number, sign_in=sign_in,
        )  # fmt: skip

    def _crash_point(self, name: str) -> None:
        self._crash.point(name)


@dataclass
class _Run:
    job: ImportJob
    ref: str
    row: J.JournalRow
    report: Reporter
    cancel: CancelToken
    taken_over: bool = False  # the claim was taken from a run that died: look up before sending
    owner: O.Owner | None = None  # the run's claim
    released: bool = False  # given back with the last journal change
    recorded: R.RemoteInvoice | None = None  # the invoice as Pennylane answered it (import or lookup)
    had_unknown: bool = False
    deferred: dict[str, Any] = field(default_factory=dict)  # columns to write with the next state change

    def take_deferred(self) -> dict[str, Any]:
        values, self.deferred = self.deferred, {}
        return values
