"""A company's usual payment terms (Preferences) give the due date a document does not print —
in app.jobs.prepare only, never over the page, the supplier's memory or the person."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.config import Settings, save_settings
from app.domain.invoice import InvoiceKind, Provenance
from app.domain.terms import PaymentTerms
from app.jobs import prepare as Prep
from app.jobs.document import DocumentRow, DocumentStatus, refresh
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.pennylane.reference_cache import Company, Counterpart, ReferenceData
from app.standin import samples
from tests.jobs.facturx_gen import AU_BON_MOULIN, DEMO, invoice

EOM_45 = PaymentTerms(45, True)
ISSUED = date(2024, 3, 15)  # the generated invoices' date


def company(terms: PaymentTerms | None = EOM_45) -> Company:
    return Company(id=1, name=DEMO["name"]).with_terms(terms)


def references() -> ReferenceData:
    return ReferenceData(company=company(None), suppliers=[
        Counterpart(id=7, name=AU_BON_MOULIN["name"], kind="supplier", reg_no=AU_BON_MOULIN["siren"])])


def no_due_pdf(tmp_path: Path, number: str = "AM-NODUE") -> Path:
    return samples.invoice_pdf(tmp_path / f"{number}.pdf", dataclasses.replace(invoice(number), due=None), facturx=True)


def read(path: Path):
    reading = read_document(path)
    assert reading.invoice is not None and reading.invoice.deadline is None  # the page prints none
    return reading, to_draft(reading, InvoiceKind.SUPPLIER)


def row_for(path: Path) -> DocumentRow:
    reading, draft = read(path)
    return DocumentRow(path=path, name=path.name, reading=reading, draft=draft, status=DocumentStatus.READY)


def test_the_company_terms_give_the_missing_due_date_and_say_so(tmp_path):
    reading, draft = read(no_due_pdf(tmp_path))
    asked = Prep.prepare(draft.model_copy(deep=True), company(None), references(), reading=reading)
    assert asked.draft.deadline is None and not asked.ready  # "ask me": Pennylane requires it, so it blocks
    prepared = Prep.prepare(draft, company(), references(), reading=reading)
    assert prepared.draft.deadline == date(2024, 4, 30)  # 15 March + 45 days = 29 April → end of April
    assert prepared.draft.provenance["deadline"] == Provenance.COMPANY_TERMS
    assert prepared.ready


def test_a_printed_due_date_stands(tmp_path):
    path = samples.invoice_pdf(tmp_path / "due.pdf", invoice("AM-DUE"), facturx=True)
    reading = read_document(path)
    draft = to_draft(reading, InvoiceKind.SUPPLIER)
    printed = draft.deadline
    assert printed is not None
    prepared = Prep.prepare(draft, company(), references(), reading=reading)
    assert prepared.draft.deadline == printed and prepared.draft.provenance["deadline"] == Provenance.XML


def test_the_supplier_s_remembered_payment_days_win(tmp_path):
    from app.jobs import memory as M
    from app.jobs.recall import recall_reading

    store = M.MemoryStore(tmp_path / "memory.sqlite3")
    store.save(1, M.CounterpartMemory(key=f"siren:{AU_BON_MOULIN['siren']}", kind="supplier",
                                      name=AU_BON_MOULIN["name"], siren=AU_BON_MOULIN["siren"], payment_days=10))
    reading = read_document(no_due_pdf(tmp_path))
    recall = recall_reading(reading, store, 1)
    draft = to_draft(reading, InvoiceKind.SUPPLIER)
    prepared = Prep.prepare(draft, company(), references(), reading=reading, recall=recall)
    assert prepared.draft.deadline == date(2024, 3, 25) and prepared.draft.provenance["deadline"] == Provenance.REMEMBERED


def test_the_person_s_due_date_and_a_cleared_one_are_never_replaced(tmp_path):
    row = row_for(no_due_pdf(tmp_path))
    refresh(row, company(), references())
    assert row.draft.deadline == date(2024, 4, 30) and row.status is DocumentStatus.READY

    row.draft.deadline = None  # the person clears it (the form drops its provenance and marks the row edited)
    row.draft.provenance.pop("deadline")
    row.form.edited = True
    refresh(row, company(), references())
    assert row.draft.deadline is None and row.status is DocumentStatus.NEEDS_ATTENTION
    refresh(row, company(PaymentTerms(60)), references())  # not even when the terms change
    assert row.draft.deadline is None

    row.draft.deadline = date(2024, 5, 2)  # the person types one
    refresh(row, company(PaymentTerms.on_receipt()), references())
    assert row.draft.deadline == date(2024, 5, 2) and "deadline" not in row.draft.provenance


def test_an_unedited_document_follows_the_terms_when_they_change(tmp_path):
    row = row_for(no_due_pdf(tmp_path))
    refresh(row, company(PaymentTerms(30)), references())
    assert row.draft.deadline == date(2024, 4, 14)
    refresh(row, company(PaymentTerms.on_receipt()), references())  # Preferences saved again
    assert row.draft.deadline == ISSUED and row.draft.provenance["deadline"] == Provenance.COMPANY_TERMS
    refresh(row, company(None), references())  # back to "ask me": the date they gave goes
    assert row.draft.deadline is None and "deadline" not in row.draft.provenance
    assert row.status is DocumentStatus.NEEDS_ATTENTION


def test_a_change_of_kind_keeps_the_terms_due_date(tmp_path):
    row = row_for(no_due_pdf(tmp_path))
    refresh(row, company(), references())
    row.form.kind_decided = "customer"  # the person says it is a sale: rebuilt from the reading
    prepared = refresh(row, company(), references())
    assert prepared.kind_changed and Prep.kind_of(row.draft) == "customer"
    assert row.draft.deadline == date(2024, 4, 30) and row.draft.provenance["deadline"] == Provenance.COMPANY_TERMS


def test_without_an_invoice_date_there_is_nothing_to_count_from(tmp_path):
    reading, draft = read(no_due_pdf(tmp_path))
    draft.date = None
    prepared = Prep.prepare(draft, company(), references(), reading=reading)
    assert prepared.draft.deadline is None


# --- the command line ------------------------------------------------------------------------

def _imported(standin, number: str) -> dict:
    (inv,) = [i for i in standin.state.invoices(standin.demo_company_id, "supplier") if i["invoice_number"] == number]
    return inv


def test_cli_due_on_receipt_and_the_saved_terms_go_through_prepare(cli_env, tmp_path, capsys, monkeypatch):
    seen: list[PaymentTerms | None] = []
    real = Prep.apply_company_terms
    monkeypatch.setattr(Prep, "apply_company_terms", lambda draft, terms: (seen.append(terms), real(draft, terms))[1])
    common = ["--kind", "supplier", "--json", "--route", "import"]

    assert main(["import", str(no_due_pdf(tmp_path, "AM-ASK")), *common]) == 1  # no terms saved: said why
    assert "due date" in json.loads(capsys.readouterr().out.splitlines()[-1])["reason"].lower()
    assert seen == [None]

    settings = Settings()
    settings.set_terms(cli_env.demo_company_id, PaymentTerms(30, True))  # Preferences, for the token's company
    save_settings(settings)
    assert main(["import", str(no_due_pdf(tmp_path, "AM-PREF")), *common]) == 0
    assert seen[-1] == PaymentTerms(30, True)
    assert _imported(cli_env, "AM-PREF")["deadline"] == "2024-04-30"

    # that import did not teach the supplier's memory the company's terms as its own: new terms apply
    settings.set_terms(cli_env.demo_company_id, PaymentTerms(10))
    save_settings(settings)
    assert main(["import", str(no_due_pdf(tmp_path, "AM-PREF2")), *common]) == 0
    assert _imported(cli_env, "AM-PREF2")["deadline"] == "2024-03-25"

    assert main(["import", str(no_due_pdf(tmp_path, "AM-RCPT")), *common, "--due-on-receipt"]) == 0
    assert seen[-1] == PaymentTerms.on_receipt()  # the flag is "on receipt" terms for the run, over the saved ones
    assert _imported(cli_env, "AM-RCPT")["deadline"] == ISSUED.isoformat()
