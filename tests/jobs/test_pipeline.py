"""The pipeline against the in-process stand-in: happy paths, resume after every step,
duplicates, balance, outcome-unknown lookups, cancel, e-invoice route."""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

import pytest

from app.domain.invoice import CategoryWeight
from app.jobs import journal as J
from app.jobs import import_job as IJ
from app.jobs import progress as S
from app.jobs.journal import Journal
from app.jobs.cancel import CancelToken
from app.jobs.crash import CRASH_POINTS
from app.jobs.pipeline import ImportPipeline
from app.standin.server import StandIn
from tests.jobs.conftest import customer_ids, customer_job, make_client, supplier_job


def invoices(standin, kind="supplier"):
    return standin.state.invoices(standin.demo_company_id, kind)


def attachments(standin):
    return standin.state.attachments(standin.demo_company_id)


def assert_one_invoice_per_reference(standin, kind="supplier"):
    refs = Counter(inv["external_reference"] for inv in invoices(standin, kind))
    assert refs and max(refs.values()) == 1, refs
    used = Counter(inv["file_attachment_id"] for inv in invoices(standin, kind))
    assert max(used.values()) == 1, used


# -- happy paths ---------------------------------------------------------------------------------


def test_supplier_happy_path(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-2024-0001", net="250.00")
    steps = []
    result = pipeline.run(job, progress=lambda step, f: steps.append((step, f)))
    assert result.status == IJ.VERIFIED and result.ok, result.reason
    (inv,) = invoices(standin)
    assert inv["id"] == result.invoice_id
    assert inv["external_reference"] == result.external_reference == pipeline.reference(job.sha256)
    assert (inv["currency_amount_before_tax"], inv["currency_tax"], inv["currency_amount"]) == ("250.00", "50.00", "300.00")
    assert inv["filename"] == "AM-2024-0001.pdf" and inv["invoice_number"] == "AM-2024-0001"
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.state == J.VERIFIED and row.invoice_id == inv["id"] and row.file_attachment_id == inv["file_attachment_id"]
    assert row.amount == "300.00" and row.invoice_number == "AM-2024-0001" and row.attempts == 1
    assert [t["to_state"] for t in journal.transitions(standin.demo_company_id, job.sha256)] == [
        "queued", "uploading", "uploaded", "importing", "imported", "verified",
    ]  # fmt: skip
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and steps[-1][0] == S.STEP_DONE
    assert standin.schema_refusals() == []


def test_customer_happy_path_with_categories(pipeline, journal, standin, tmp_path):
    job = customer_job(standin, tmp_path, "FA-2024-0100", net="80.00")
    co = standin.state.company(standin.demo_company_id)
    by_group: dict[int, list[int]] = {}
    for cat in co.categories.values():
        by_group.setdefault(cat["category_group_id"], []).append(cat["id"])
    group, cats = next(iter(by_group.items()))
    job.draft.categories = [
        CategoryWeight(category_id=cats[0], group_id=group, weight=Decimal("60")),
        CategoryWeight(category_id=cats[1], group_id=group, weight=Decimal("40")),
    ]
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED, result.reason
    (inv,) = invoices(standin, "customer")
    assert inv["customer"]["id"] == job.draft.counterpart_id
    assert sorted((c["id"], Decimal(str(c["weight"]))) for c in inv["categories_assigned"]) == [
        (cats[0], Decimal("0.6")), (cats[1], Decimal("0.4")),
    ]  # fmt: skip
    states = [t["to_state"] for t in journal.transitions(standin.demo_company_id, job.sha256)]
    assert states[-2:] == ["categorized", "verified"]
    assert standin.schema_refusals() == []


# -- resume after every step ----------------------------------------------------------------------


class _Killed(BaseException):
    """Stands for SIGKILL in-process: nothing after it runs, nothing catches it."""


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_resume_after_a_kill_at_each_point(point, standin, tmp_path, monkeypatch):
    journal = Journal(tmp_path / "j.sqlite3")
    job = supplier_job(standin, tmp_path, f"AM-KILL-{CRASH_POINTS.index(point)}")
    if point in ("before_categories",):
        co = standin.state.company(standin.demo_company_id)
        cat = next(iter(co.categories.values()))
        job.draft.categories = [CategoryWeight(category_id=cat["id"], group_id=cat["category_group_id"], weight=100)]

    first = ImportPipeline(make_client(standin), journal, standin.demo_company_id, lookup_delays=(0.01,))

    def crash(name: str) -> None:
        if name == point:
            raise _Killed(name)

    monkeypatch.setattr(first, "_crash_point", crash)
    with pytest.raises(_Killed):
        first.run(job)
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row is not None and row.state not in (J.VERIFIED, J.FAILED)

    # "next start": a new pipeline and client, the job rebuilt from the journal alone
    (resumable,) = [r for r in journal.unfinished(standin.demo_company_id)]
    second = ImportPipeline(make_client(standin), journal, standin.demo_company_id, lookup_delays=(0.01,))
    result = second.run(IJ.ImportJob.from_row(resumable))
    assert result.status == IJ.VERIFIED, (point, result.reason)
    assert len(invoices(standin)) == 1
    assert_one_invoice_per_reference(standin)
    if point not in ("after_uploading_recorded", "during_upload"):
        assert len(attachments(standin)) == 1  # a recorded upload is never repeated
    journal.close()


def test_resume_with_a_fresh_draft_after_the_upload(pipeline, journal, standin, tmp_path, monkeypatch):
    job = supplier_job(standin, tmp_path, "AM-RESUME")
    monkeypatch.setattr(pipeline, "_crash_point", lambda n: (_ for _ in ()).throw(_Killed()) if n == "after_upload_recorded" else None)
    with pytest.raises(_Killed):
        pipeline.run(job)
    monkeypatch.undo()
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED
    assert len(attachments(standin)) == 1 and len(invoices(standin)) == 1
    assert journal.get(standin.demo_company_id, job.sha256).attempts == 2


# -- duplicates --------------------------------------------------------------------------------------


def test_same_file_twice_is_a_duplicate(pipeline, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-DUP-1")
    first = pipeline.run(job)
    again = pipeline.run(job)
    assert again.status == IJ.DUPLICATE and again.invoice_id == first.invoice_id
    assert again.duplicate.same_file and again.duplicate.evidence[0].source == "journal"
    assert "already imported" in again.reason.en and "déjà été importé" in again.reason.fr
    assert len(invoices(standin)) == 1
    # forcing does not create a second invoice for the same file while the first exists
    forced = pipeline.run(IJ.ImportJob(**{**job.__dict__, "force": True}))
    assert forced.status == IJ.DUPLICATE and len(invoices(standin)) == 1


def test_same_file_found_in_pennylane_without_journal(pipeline, standin, tmp_path, client):
    job = supplier_job(standin, tmp_path, "AM-DUP-2")
    assert pipeline.run(job).ok
    other_machine = ImportPipeline(client, Journal(tmp_path / "other.sqlite3"), standin.demo_company_id)
    result = other_machine.run(job)
    assert result.status == IJ.DUPLICATE
    evidence = result.duplicate.evidence[0]
    assert evidence.what == "same_file" and evidence.source == "pennylane"
    assert evidence.invoice_id == invoices(standin)[0]["id"]
    assert len(invoices(standin)) == 1 and len(attachments(standin)) == 1


def test_same_number_in_pennylane_is_a_duplicate_unless_forced(pipeline, standin, tmp_path, client):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = supplier_job(standin, tmp_path / "a", "AM-DUP-3", net="10.00")
    assert pipeline.run(first).ok
    # another scan of the same invoice (different bytes), from a machine with an empty journal
    second = supplier_job(standin, tmp_path / "b", "AM-DUP-3", net="10.00", issue="20240315")
    second_bytes_differ = second.sha256 != first.sha256
    other = ImportPipeline(client, Journal(tmp_path / "other.sqlite3"), standin.demo_company_id)
    if not second_bytes_differ:  # pypdf output is deterministic; change the amount to change the bytes
        second = supplier_job(standin, tmp_path / "b", "AM-DUP-3", net="10.01")
    result = other.run(second)
    assert result.status == IJ.DUPLICATE, result.reason
    ev = result.duplicate.evidence[0]
    assert (ev.what, ev.source, ev.invoice_id) == ("same_invoice", "pennylane", invoices(standin)[0]["id"])
    assert set(ev.matched) >= {"counterpart", "invoice_number"}
    assert len(attachments(standin)) == 1  # refused before uploading
    row = other.journal.get(standin.demo_company_id, second.sha256)
    assert row.state == J.DUPLICATE and row.evidence_data["invoice_id"] == ev.invoice_id
    second.force = True
    forced = other.run(second)
    assert forced.status == IJ.VERIFIED and len(invoices(standin)) == 2


def test_same_number_in_the_journal_is_a_duplicate(pipeline, standin, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert pipeline.run(supplier_job(standin, tmp_path / "a", "AM-DUP-4", net="10.00")).ok
    pipeline.remote_duplicate_check = False  # the journal alone must see it
    result = pipeline.run(supplier_job(standin, tmp_path / "b", "AM-DUP-4", net="10.01"))
    assert result.status == IJ.DUPLICATE
    ev = result.duplicate.evidence[0]
    assert (ev.what, ev.source, ev.file_name) == ("same_invoice", "journal", "AM-DUP-4.pdf")
    assert len(invoices(standin)) == 1


# -- refusals ------------------------------------------------------------------------------------------


def test_unbalanced_draft_is_refused_before_anything_is_sent(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-BAD", net="100.00", tax_override="25.00")
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and not result.retryable and result.step == S.STEP_CHECK
    assert "unbalanced" in result.reason.en and "équilibrée" in result.reason.fr
    assert invoices(standin) == [] and attachments(standin) == []
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.state == J.FAILED and row.reason_en == result.reason.en and row.retryable == 0


def test_missing_counterpart_is_refused(pipeline, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-NOCP")
    job.draft.counterpart_id = None
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and not result.retryable
    assert "supplier" in result.reason.en.lower() and attachments(standin) == []


def test_missing_file_is_a_retryable_failure(pipeline, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-GONE")
    job.path.unlink()
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and result.retryable and "AM-GONE.pdf" in result.reason.en


def test_rejected_import_keeps_its_reason(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-REJ")
    job.draft.counterpart_id = 999_999  # not a supplier of this company → 404 from Pennylane
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and result.step == S.STEP_IMPORT and result.reason.en
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.import_pending == 0 and invoices(standin) == []


# -- outcome unknown -----------------------------------------------------------------------------------


def test_reset_after_processing_is_looked_up_not_reimported(pipeline, journal, standin, tmp_path):
    standin.set_faults(reset_after_processing_rate=1.0, paths=["/supplier_invoices/import"], methods=["POST"])
    job = supplier_job(standin, tmp_path, "AM-UNK-1")
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED, result.reason
    assert len(invoices(standin)) == 1 and result.invoice_id == invoices(standin)[0]["id"]
    posts = [e for e in standin.request_log if e[0] == "POST" and e[1].endswith("/supplier_invoices/import")]
    assert len(posts) == 1


def test_500_on_import_is_looked_up_then_sent_again(pipeline, journal, standin, tmp_path):
    standin.set_faults(error_rate=1.0, paths=["/supplier_invoices/import"], methods=["POST"])
    job = supplier_job(standin, tmp_path, "AM-UNK-2")
    result = pipeline.run(job)
    # two tries in this run, both 500 (not processed): fails, retryable, still marked pending
    assert result.status == IJ.FAILED and result.retryable and result.step == S.STEP_IMPORT
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.import_pending == 1 and row.file_attachment_id is not None and invoices(standin) == []
    standin.set_faults()
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED and len(invoices(standin)) == 1 and len(attachments(standin)) == 1


def test_lookup_failure_never_resends(pipeline, journal, standin, tmp_path):
    pipeline.remote_duplicate_check = False  # so that the only GETs of the list are lookups
    standin.set_faults(reset_after_processing_rate=1.0, paths=["/supplier_invoices"], methods=["POST", "GET"])
    job = supplier_job(standin, tmp_path, "AM-UNK-3")
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and result.retryable
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.import_pending == 1 and len(invoices(standin)) == 1
    standin.set_faults()
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED and len(invoices(standin)) == 1


# -- cancel, e-invoice -----------------------------------------------------------------------------------


def test_cancel_before_start_and_between_steps(pipeline, journal, standin, tmp_path):
    token = CancelToken()
    token.cancel()
    job = supplier_job(standin, tmp_path, "AM-CANCEL")
    assert pipeline.run(job, cancel=token).status == IJ.CANCELLED
    token = CancelToken()

    def progress(step, fraction):
        if step == S.STEP_IMPORT:
            token.cancel()

    result = pipeline.run(job, progress=progress, cancel=token)
    assert result.status == IJ.CANCELLED and result.retryable
    assert invoices(standin) == [] and journal.get(standin.demo_company_id, job.sha256).state == J.UPLOADED
    assert pipeline.run(job).status == IJ.VERIFIED and len(attachments(standin)) == 1


def test_e_invoice_route(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-EINV", route=J.ROUTE_E_INVOICE)
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED, result.reason
    (inv,) = invoices(standin)
    assert inv["invoice_number"] == "AM-EINV" and inv["id"] == result.invoice_id
    assert journal.get(standin.demo_company_id, job.sha256).route == J.ROUTE_E_INVOICE
    assert pipeline.run(job).status == IJ.DUPLICATE


@pytest.mark.parametrize("route", [J.ROUTE_IMPORT, J.ROUTE_E_INVOICE])
def test_a_token_revoked_before_the_import_post_asks_to_sign_in_and_keeps_retry(
        route, pipeline, journal, client, standin, tmp_path, monkeypatch):
    job = supplier_job(standin, tmp_path, f"AM-401-{route}", route=route)
    name = "import_supplier_e_invoice" if route == J.ROUTE_E_INVOICE else "import_supplier_invoice"
    send = getattr(client, name)

    def revoked_then_send(*args, **kw):
        standin.revoke_token(standin.demo_token)
        return send(*args, **kw)

    monkeypatch.setattr(client, name, revoked_then_send)
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and result.step == S.STEP_IMPORT
    assert result.sign_in and result.retryable
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.retryable and not row.import_pending
    assert invoices(standin) == []


def test_e_invoice_route_needs_a_suitable_profile(pipeline, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-EINV-2", route=J.ROUTE_E_INVOICE)
    job.profile = "MINIMUM"
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and "BASIC" in result.reason.en


def test_unknown_supplier_is_not_retryable_and_keeps_the_upload(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-404")
    job.draft.counterpart_id = 999_999
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and not result.retryable
    assert "supplier or customer" in result.reason.en
    row = journal.get(standin.demo_company_id, job.sha256)
    assert row.file_attachment_id is not None and not row.import_pending
    # the bare 404 does not say what is missing: the file was sent again once, then no more
    assert len(attachments(standin)) == 2


def test_expired_attachment_is_uploaded_again(pipeline, journal, standin, tmp_path, monkeypatch):
    job = supplier_job(standin, tmp_path, "AM-EXPIRED")
    co = standin.state.company(standin.demo_company_id)

    expired = []

    def expire(name):
        if name == "before_import_post" and not expired:
            expired.append(name)
            co.attachments.clear()  # Pennylane forgot the file (expired, deleted)

    monkeypatch.setattr(pipeline, "_crash_point", expire)
    result = pipeline.run(job)  # the bare 404 (as the OpenAPI document): uploaded again, imported
    assert result.status == IJ.VERIFIED and len(invoices(standin)) == 1
    assert journal.get(standin.demo_company_id, job.sha256).file_attachment_id == result.file_attachment_id
    assert result.file_attachment_id in co.attachments and len(co.attachments) == 1


def test_an_expiring_stand_in_attachment_is_uploaded_again(journal, tmp_path):
    with StandIn(rate_limit=None, attachment_ttl=0.2) as standin:
        client = make_client(standin)
        pipeline = ImportPipeline(client, journal, standin.demo_company_id)
        job = supplier_job(standin, tmp_path, "AM-TTL")
        first = {}

        def wait(name):
            if name == "before_import_post" and not first:
                first["id"] = journal.get(standin.demo_company_id, job.sha256).file_attachment_id
                time.sleep(0.3)  # the attachment expires before the import

        pipeline._crash_point = wait
        result = pipeline.run(job)
        client.close()
        assert result.status == IJ.VERIFIED and result.file_attachment_id != first["id"]
        assert len(invoices(standin)) == 1
        assert [s for (m, p, s, _e) in standin.request_log if p.endswith("/import")] == [404, 201]


def test_verification_catches_different_amounts(journal, standin, tmp_path, client):
    class Lying:
        def __getattr__(self, name):
            return getattr(client, name)

        def import_supplier_invoice(self, body):  # the import's answer is the first check
            inv = client.import_supplier_invoice(body)
            return inv.model_copy(update={"currency_amount": Decimal("1.00")})

    pipeline = ImportPipeline(Lying(), journal, standin.demo_company_id)
    job = supplier_job(standin, tmp_path, "AM-LIE")
    result = pipeline.run(job)
    assert result.status == IJ.FAILED and result.step == S.STEP_VERIFY and not result.retryable
    assert "currency_amount" in result.reason.en and result.invoice_id is not None
    # the invoice exists: a retry verifies again, it never imports again
    assert ImportPipeline(client, journal, standin.demo_company_id).run(job).status == IJ.VERIFIED
    assert len(invoices(standin)) == 1


def test_e_invoice_resumes_from_the_journal(standin, tmp_path, client, monkeypatch):
    journal = Journal(tmp_path / "j.sqlite3")
    first = ImportPipeline(client, journal, standin.demo_company_id, lookup_delays=(0.01,))
    job = supplier_job(standin, tmp_path, "AM-EINV-K", route=J.ROUTE_E_INVOICE)

    def crash(name):
        if name == "after_import_response_before_journal":
            raise _Killed()

    monkeypatch.setattr(first, "_crash_point", crash)
    with pytest.raises(_Killed):
        first.run(job)
    (row,) = journal.unfinished(standin.demo_company_id)
    assert row.state == J.IMPORTING and row.import_pending
    second = ImportPipeline(client, journal, standin.demo_company_id, lookup_delays=(0.01,))
    result = second.run(IJ.ImportJob.from_row(row))
    assert result.status == IJ.VERIFIED, result.reason
    assert len(invoices(standin)) == 1  # found by number + supplier + date, not imported again
    journal.close()


def test_import_lines_carry_no_deprecated_field_and_the_journal_keeps_the_wording(pipeline, journal, standin, tmp_path):
    job = supplier_job(standin, tmp_path, "AM-WORDS")
    job.draft.lines[0].label = "Farine T65"
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED  # the stand-in refuses line label/description with 400
    row = journal.get(standin.demo_company_id, job.sha256)
    assert all("label" not in line and "description" not in line for line in row.payload_data["body"]["invoice_lines"])
    assert row.payload_data["meta"]["line_labels"][0] == "Farine T65"


@pytest.mark.parametrize("route", [J.ROUTE_IMPORT, J.ROUTE_E_INVOICE])
def test_the_official_credit_note_with_a_rounded_unit_price_imports(route, pipeline, journal, standin):
    """AV-2017-0005: 5 × 4.10 = 20.50 for a line of 20.48 (the unit price is printed rounded)."""
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from tests.shared_files import CREDIT_NOTE

    reading = read_document(CREDIT_NOTE)
    draft = to_draft(reading, "customer")
    draft.counterpart_id = customer_ids(standin)["Ma jolie boutique"]
    job = IJ.ImportJob.from_reading(reading, "customer", draft=draft, route=route)
    result = pipeline.run(job)
    assert result.status == IJ.VERIFIED, result.reason
    (inv,) = invoices(standin, "customer")
    assert inv["invoice_number"] == "AV-2017-0005" and Decimal(str(inv["currency_amount"])) < 0
    if route == J.ROUTE_IMPORT:
        body = journal.get(standin.demo_company_id, job.sha256).payload_data["body"]
        assert [line["raw_currency_unit_price"] for line in body["invoice_lines"]] == ["-4.096", "-19.80"]
