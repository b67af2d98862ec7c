"""The client's answers as the jobs read them (app.jobs.remote.RemoteInvoice) and the one rule that
compares them with what was sent (app.jobs.lookups.recorded_differences)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from app.jobs import journal as J
from app.jobs import lookups as L
from app.jobs import remote as R
from app.pennylane import models as m

SENT = {"meta": {"amounts": {"currency_amount_before_tax": "100.00", "currency_tax": "20.00",
                             "currency_amount": "120.00"}}}


def _supplier_invoice(**changes):
    answer = {
        "id": 41, "invoice_number": "F-12", "date": "2026-12-07", "currency": "EUR",
        "currency_amount_before_tax": "100.00", "currency_tax": "20.00", "currency_amount": "120.00",
        "supplier": {"id": 7, "url": "https://x/suppliers/7"}, "external_reference": "ref-1",
    }
    answer.update(changes)
    return m.SupplierInvoice.model_validate(answer)


def _row(route=J.ROUTE_IMPORT, payload=SENT):
    # recorded_differences reads these three columns of a journal row
    return SimpleNamespace(payload_data=payload, route=route, external_reference="ref-1")


def test_an_invoice_answer_becomes_typed_values():
    inv = R.RemoteInvoice.of(_supplier_invoice(), R.SUPPLIER)
    assert inv.id == 41 and inv.invoice_number == "F-12" and inv.counterpart_id == 7
    assert inv.date == dt.date(2026, 12, 7) and inv.day == "2026-12-07"
    assert inv.amount("currency_amount") == Decimal("120.00") and inv.full
    customer = m.CustomerInvoice.model_validate({"id": 5, "customer": {"id": 9}, "date": None})
    seen = R.RemoteInvoice.of(customer, R.CUSTOMER)
    assert seen.counterpart_id == 9 and seen.day is None and seen.amount("currency_amount") is None


def test_an_e_invoice_answer_carries_its_id_only():
    inv = R.RemoteInvoice.of(m.EInvoiceImport.model_validate({"id": 77, "url": "https://x/77"}), R.SUPPLIER)
    assert inv.id == 77 and not inv.full and not inv.shows("currency_amount")
    assert not L.has_amounts(_row(J.ROUTE_E_INVOICE), inv)
    assert L.recorded_differences(_row(J.ROUTE_E_INVOICE), inv) == []  # nothing to compare, not "missing"


def test_recorded_differences_compare_amounts_and_reference():
    row = _row()
    same = R.RemoteInvoice.of(_supplier_invoice(), R.SUPPLIER)
    assert L.has_amounts(row, same) and L.recorded_differences(row, same) == []
    lied = R.RemoteInvoice.of(_supplier_invoice(currency_amount="1.00", external_reference="ref-2"), R.SUPPLIER)
    assert L.recorded_differences(row, lied) == [
        "currency_amount: 120.00 → 1.00", "external_reference: ref-1 → ref-2",
    ]
    blank = R.RemoteInvoice.of(_supplier_invoice(currency_tax=None), R.SUPPLIER)  # a full answer without it
    assert L.recorded_differences(row, blank) == ["currency_tax: 20.00 → None"]
    # e-invoices: Pennylane computes the amounts from the XML, signs are not compared
    credit = R.RemoteInvoice.of(_supplier_invoice(currency_amount="-120.00"), R.SUPPLIER)
    assert L.recorded_differences(_row(J.ROUTE_E_INVOICE), credit) == []
    assert L.recorded_differences(row, credit) == ["currency_amount: 120.00 → -120.00"]


def test_the_stored_payload_keeps_its_json_layout_and_reads_back_typed(standin, tmp_path):
    from app.jobs.import_payload import Payload, build_payload, sent_meta
    from tests.jobs.conftest import supplier_job

    for route in (J.ROUTE_IMPORT, J.ROUTE_E_INVOICE):
        job = supplier_job(standin, tmp_path, f"PAY-{route}", route=route)
        payload = build_payload(job, job.draft, "ref-1")
        data = payload.to_json()
        # the layout every journal written so far holds (resumed runs read it back)
        keys = {"meta", "categories", "body"} | ({"e_invoice_options"} if route == J.ROUTE_E_INVOICE else set())
        assert set(data) == keys
        assert set(data["meta"]) == {"counterpart_id", "invoice_number", "date", "currency", "amount",
                                     "line_labels", "amounts"}
        assert Payload.from_json(data) == payload
        assert payload.meta.invoice_number == f"PAY-{route}" and payload.meta.date == job.draft.date.isoformat()
        assert set(payload.meta.amounts) == set(R.AMOUNT_KEYS)
        assert (payload.body is None) == (route == J.ROUTE_E_INVOICE)
        row = SimpleNamespace(payload_data=data)
        assert sent_meta(row) == payload.meta
    assert sent_meta(None).invoice_number is None and Payload.of_row(SimpleNamespace(payload_data=None)) is None
