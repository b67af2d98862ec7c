"""Editing an imported invoice (issue 8) against the in-process stand-in: the round trip, the
smallest PUT body, no request when nothing changed, stale invoices, balance refusals, journal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.invoice import CustomerLine, SupplierLine, compute_line, new_draft, with_computed_totals
from app.jobs import editing as E
from app.pennylane.payloads import customer_import_body, supplier_import_body
from tests.jobs.conftest import customer_ids, supplier_ids


def _pdf(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.7\n" + name.encode() * 50 + b"\n%%EOF\n")
    return path


def _supplier_line(label: str, ht: str, vat: str = "FR_200", **kw) -> SupplierLine:
    return compute_line(SupplierLine(label=label, vat_rate=vat, amount_before_tax=Decimal(ht), **kw))


def _customer_line(label: str, qty: str, price: str, vat: str = "FR_200") -> CustomerLine:
    return compute_line(CustomerLine(label=label, vat_rate=vat, quantity=Decimal(qty), unit_price=Decimal(price)))


def import_supplier(client, standin, tmp_path, number: str = "F-2025-001", currency: str = "EUR") -> int:
    draft = with_computed_totals(new_draft(
        "supplier", counterpart_id=supplier_ids(standin)["Au bon moulin"], date=dt.date(2025, 10, 1),
        deadline=dt.date(2025, 10, 31), invoice_number=number, currency=currency, label="Farine octobre",
        lines=[_supplier_line("Farine T55", "100.00"), _supplier_line("Levure", "20.00", "FR_55"),
               _supplier_line("Livraison", "15.00")],
    ))
    attachment = client.upload_file(_pdf(tmp_path, f"{number}.pdf"))
    body = supplier_import_body(draft, attachment.id, external_reference=f"ref-{number}")
    if currency != "EUR":  # EUR figures at a rate of 0.9
        body.amount = str(round(Decimal(body.currency_amount) * Decimal("0.9"), 2))
        body.tax = str(round(Decimal(body.currency_tax) * Decimal("0.9"), 2))
    return client.import_supplier_invoice(body).id


def import_customer(client, standin, tmp_path, number: str = "V-2025-001") -> int:
    draft = with_computed_totals(new_draft(
        "customer", counterpart_id=customer_ids(standin)["Ma jolie boutique"], date=dt.date(2025, 10, 2),
        deadline=dt.date(2025, 11, 2), invoice_number=number,
        lines=[_customer_line("Vase", "2", "45.00"), _customer_line("Emballage", "1", "5.00")],
    ))
    attachment = client.upload_file(_pdf(tmp_path, f"{number}.pdf"))
    return client.import_customer_invoice(customer_import_body(draft, attachment.id)).id


@pytest.fixture
def sent(client):
    """Every request the client sends: (method, path, json body)."""
    log: list[tuple[str, str, object]] = []
    original = client._send

    def spy(method, path, **kw):
        log.append((method, path, kw.get("json_body")))
        return original(method, path, **kw)

    client._send = spy
    return log


def puts(log):
    return [entry for entry in log if entry[0] == "PUT"]


# --------------------------------------------------------------------------------------------


def test_load_keeps_line_ids_and_everything_the_form_needs(client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path)
    loaded = E.load_invoice(client, "supplier", invoice_id)
    assert loaded.invoice_id == invoice_id and loaded.kind == "supplier"
    d = loaded.draft
    assert d.invoice_number == "F-2025-001" and d.label == "Farine octobre"
    assert d.counterpart_id == supplier_ids(standin)["Au bon moulin"]
    assert (d.amount_before_tax, d.tax, d.amount) == (Decimal("135.00"), Decimal("24.10"), Decimal("159.10"))
    assert [line.label for line in d.lines] == ["Farine T55", "Levure", "Livraison"]
    assert all(line.pennylane_id for line in d.lines)
    assert loaded.line_ids == {i: line.pennylane_id for i, line in enumerate(d.lines)}
    assert d.lines[1].vat_rate == "FR_55" and d.lines[1].tax == Decimal("1.10")
    assert loaded.updated_at is not None
    assert loaded.public_file_url and loaded.filename == "F-2025-001.pdf" and loaded.file_url_fresh
    assert E.find_invoice(client, "supplier", invoice_number="F-2025-001")[0].invoice_id == invoice_id
    assert E.find_invoice(client, "supplier", invoice_id=invoice_id)[0].invoice_number == "F-2025-001"
    assert E.find_invoice(client, "supplier", invoice_id=999_999) == []
    assert E.find_invoice(client, "customer", invoice_number="F-2025-001") == []


def test_round_trip_add_change_delete(client, standin, tmp_path, sent, journal):
    """THE round trip: load, add one line, change one, delete one, save, reload → what was intended."""
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    ids = [line.pennylane_id for line in before.draft.lines]

    edit = before.edit()
    lines = edit.draft.lines
    lines[0] = compute_line(lines[0].model_copy(update={"amount_before_tax": Decimal("110.00")}))  # change one
    del lines[2]  # delete "Livraison"
    lines.append(_supplier_line("Sacs kraft", "8.00", imputation_start=dt.date(2025, 10, 1),
                                imputation_end=dt.date(2026, 9, 30)))  # add one
    edit.draft = with_computed_totals(edit.draft)
    sent.clear()

    result = E.save_edit(client, journal, standin.demo_company_id, before, edit)
    assert result.sent

    # The PUT body is the smallest one.
    (_, path, body), = puts(sent)
    assert path == f"/supplier_invoices/{invoice_id}"
    # EUR: amount/tax go with their currency twins, as the import sends them (issue #17)
    assert set(body) == {"currency_amount_before_tax", "currency_amount", "currency_tax", "amount", "tax",
                         "invoice_lines"}
    assert (body["amount"], body["tax"]) == (body["currency_amount"], body["currency_tax"])
    assert body["currency_amount_before_tax"] == "138.00"
    assert body["invoice_lines"] == {
        "create": [{"label": "Sacs kraft", "currency_amount": "9.60", "currency_tax": "1.60", "vat_rate": "FR_200",
                    "amount": "9.60", "tax": "1.60",
                    "imputation_dates": {"start_date": "2025-10-01", "end_date": "2026-09-30"}}],
        "update": [{"id": ids[0], "currency_amount": "132.00", "currency_tax": "22.00", "amount": "132.00",
                    "tax": "22.00"}],
        "delete": [{"id": ids[2]}],
    }
    assert standin.schema_refusals() == []

    # Reload: what was intended.
    after = E.load_invoice(client, "supplier", invoice_id)
    d = after.draft
    assert [(line.label, line.amount_before_tax, line.tax, line.amount) for line in d.lines] == [
        ("Farine T55", Decimal("110.00"), Decimal("22.00"), Decimal("132.00")),
        ("Levure", Decimal("20.00"), Decimal("1.10"), Decimal("21.10")),
        ("Sacs kraft", Decimal("8.00"), Decimal("1.60"), Decimal("9.60")),
    ]
    assert [line.pennylane_id for line in d.lines[:2]] == ids[:2]  # kept ids
    assert d.lines[2].pennylane_id not in ids  # a new id
    assert (d.lines[2].imputation_start, d.lines[2].imputation_end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert (d.amount_before_tax, d.tax, d.amount) == (Decimal("138.00"), Decimal("24.70"), Decimal("162.70"))
    assert after.updated_at != before.updated_at
    # and reloading it again changes nothing
    assert E.edit_body(after, after.edit()) == {}


def test_update_carries_only_changed_attributes(client, standin, tmp_path, sent):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.lines[1].label = "Levure fraîche"
    edit.draft.deadline = dt.date(2025, 11, 15)
    body = E.edit_body(before, edit)
    assert body == {"deadline": "2025-11-15",
                    "invoice_lines": {"update": [{"id": before.draft.lines[1].pennylane_id, "label": "Levure fraîche"}]}}
    sent.clear()
    E.save_edit(client, None, standin.demo_company_id, before, edit)
    assert [b for (_, _, b) in puts(sent)] == [body]
    assert E.load_invoice(client, "supplier", invoice_id).draft.lines[1].label == "Levure fraîche"


def test_header_fields_and_transaction_reference(client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    assert before.transaction_reference is None
    edit = before.edit()
    other = supplier_ids(standin)["Papeterie Garnier"]
    edit.draft.counterpart_id = other
    edit.draft.invoice_number = "F-2025-001-bis"
    edit.draft.label = "Farine et levure"
    edit.transaction_reference = E.TransactionReference("bank", "label", "VIR MOULIN F-2025-001")
    body = E.edit_body(before, edit)
    assert body == {"supplier_id": other, "invoice_number": "F-2025-001-bis", "label": "Farine et levure",
                    "transaction_reference": {"banking_provider": "bank", "provider_field_name": "label",
                                              "provider_field_value": "VIR MOULIN F-2025-001"}}
    E.save_edit(client, None, standin.demo_company_id, before, edit)
    again = E.load_invoice(client, "supplier", invoice_id)
    assert again.transaction_reference == edit.transaction_reference
    assert again.draft.counterpart_id == other and again.draft.label == "Farine et levure"
    # A reference cannot be removed through the client (it never sends null): refused, said.
    cleared = again.edit()
    cleared.transaction_reference = None
    with pytest.raises(E.EditRefused):
        E.edit_body(again, cleared)


def test_foreign_currency_sends_eur_figures_at_the_kept_rate(client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path, "F-USD-1", currency="USD")
    before = E.load_invoice(client, "supplier", invoice_id)
    assert before.exchange_rate == Decimal("0.9") and before.amount_eur == Decimal("143.19")
    edit = before.edit()
    edit.draft.lines[2] = _supplier_line("Livraison", "25.00").model_copy(update={"pennylane_id": before.draft.lines[2].pennylane_id})
    edit.draft = with_computed_totals(edit.draft)
    body = E.edit_body(before, edit)
    assert body["amount"] == "153.99" and body["tax"] == "23.49"  # 171.10 × 0.9 and 26.10 × 0.9
    assert body["invoice_lines"]["update"][0]["amount"] == "27.00"
    E.save_edit(client, None, standin.demo_company_id, before, edit)
    after = E.load_invoice(client, "supplier", invoice_id)
    assert after.amount_eur == Decimal("153.99") and after.draft.amount == Decimal("171.10")
    # EUR figures typed by the person win
    edit = after.edit()
    edit.amount_eur = Decimal("150.00")
    assert E.edit_body(after, edit) == {"amount": "150.00"}


def test_nothing_changed_sends_no_request(client, standin, tmp_path, sent, journal):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    assert E.edit_body(before, before.edit()) == {}
    assert E.edit_body(before, before.draft.model_copy(deep=True)) == {}
    sent.clear()
    result = E.save_edit(client, journal, standin.demo_company_id, before, before.edit())
    assert not result.sent and result.body == {}
    assert sent == []
    assert journal.edits() == []


def test_stale_invoice_is_refused_without_put(client, standin, tmp_path, sent):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    # Someone else changes it in Pennylane meanwhile.
    client.update_supplier_invoice(invoice_id, {"invoice_number": "F-2025-001-X"})
    edit = before.edit()
    edit.draft.lines[0].label = "Farine T65"
    sent.clear()
    with pytest.raises(E.StaleInvoice) as caught:
        E.save_edit(client, None, standin.demo_company_id, before, edit)
    assert "changed in Pennylane since you opened it" in caught.value.text.en
    assert "modifiée dans Pennylane depuis que vous l'avez ouverte" in caught.value.text.fr
    assert puts(sent) == [] and [m for (m, _, _) in sent] == ["GET"]
    assert E.load_invoice(client, "supplier", invoice_id).draft.lines[0].label == "Farine T55"


def test_unbalanced_edit_is_refused_before_any_request(client, standin, tmp_path, sent):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.lines[0] = compute_line(edit.draft.lines[0].model_copy(update={"amount_before_tax": Decimal("500")}))
    sent.clear()
    with pytest.raises(E.EditRefused) as caught:
        E.save_edit(client, None, standin.demo_company_id, before, edit)
    assert caught.value.findings and any(f.code == "lines_sum" for f in caught.value.findings)
    assert sent == []


def test_new_line_without_label_is_refused(client, standin, tmp_path):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.lines.append(_supplier_line("", "10.00"))
    edit.draft = with_computed_totals(edit.draft)
    with pytest.raises(E.EditRefused) as caught:
        E.edit_body(before, edit)
    assert "Line 4" in caught.value.text.en


def test_duplicated_row_becomes_a_new_line(client, standin, tmp_path):
    """The form's "Duplicate" copies the line with its id: the copy is created, not a second update."""
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.lines.insert(1, edit.draft.lines[0].model_copy(deep=True))
    edit.draft = with_computed_totals(edit.draft)
    body = E.edit_body(before, edit)
    assert set(body["invoice_lines"]) == {"create"} and body["invoice_lines"]["create"][0]["label"] == "Farine T55"
    E.save_edit(client, None, standin.demo_company_id, before, edit)
    assert len(E.load_invoice(client, "supplier", invoice_id).draft.lines) == 4


def test_customer_update_imported_round_trip(client, standin, tmp_path, sent, journal):
    invoice_id = import_customer(client, standin, tmp_path)
    before = E.load_invoice(client, "customer", invoice_id)
    d = before.draft
    assert [(line.label, line.quantity, line.unit_price) for line in d.lines] == [
        ("Vase", Decimal("2"), Decimal("45.00")), ("Emballage", Decimal("1"), Decimal("5.00"))]
    ids = [line.pennylane_id for line in d.lines]
    edit = before.edit()
    edit.draft.lines[0] = compute_line(edit.draft.lines[0].model_copy(update={"quantity": Decimal(3)}))
    del edit.draft.lines[1]
    edit.draft.lines.append(_customer_line("Carte cadeau", "1", "10.00", "exempt"))
    edit.draft = with_computed_totals(edit.draft)
    sent.clear()
    E.save_edit(client, journal, standin.demo_company_id, before, edit)
    (_, path, body), = puts(sent)
    assert path == f"/customer_invoices/{invoice_id}/update_imported"
    assert body["invoice_lines"] == {
        "create": [{"label": "Carte cadeau", "currency_amount": "10.00", "currency_tax": "0.00", "vat_rate": "exempt",
                    "amount": "10.00", "tax": "0.00",
                    "quantity": 1, "raw_currency_unit_price": "10.00", "unit": "piece"}],
        "update": [{"id": ids[0], "currency_amount": "162.00", "currency_tax": "27.00", "amount": "162.00",
                    "tax": "27.00", "quantity": 3}],
        "delete": [{"id": ids[1]}],
    }
    assert "label" not in body  # update_imported has no header label
    after = E.load_invoice(client, "customer", invoice_id)
    assert [(line.label, line.quantity, line.amount) for line in after.draft.lines] == [
        ("Vase", Decimal("3"), Decimal("162.00")), ("Carte cadeau", Decimal("1"), Decimal("10.00"))]
    assert after.draft.amount == Decimal("172.00")
    assert standin.schema_refusals() == []
    assert len(journal.edits(invoice_id=invoice_id)) == 1


def test_journal_keeps_before_and_after(client, standin, tmp_path, journal):
    invoice_id = import_supplier(client, standin, tmp_path)
    before = E.load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.lines[0].label = "Farine T65"
    result = E.save_edit(client, journal, standin.demo_company_id, before, edit)
    (row,) = journal.edits(standin.demo_company_id, invoice_id)
    assert row["id"] == result.journal_id and row["kind"] == "supplier" and row["at"]
    assert row["before"]["draft"]["lines"][0]["label"] == "Farine T55"
    assert row["after"]["draft"]["lines"][0]["label"] == "Farine T65"
    assert row["after"]["sent"] == result.body
    assert row["before"]["updated_at"] != row["after"]["updated_at"]


def test_categories_of_an_imported_invoice_load_and_save_by_their_own_endpoint(standin, client, tmp_path):
    """Load gives the invoice's categories in percent; changing only them sends no invoice PUT,
    one PUT …/categories, and a reload shows the new split."""
    from decimal import Decimal

    from app.domain.invoice import CategoryWeight
    from app.jobs.editing import categories_changed, has_changes, load_invoice, save_edit

    invoice_id = import_supplier(client, standin, tmp_path, number="F-CAT-1")
    groups = list(client.category_groups())
    cats = [c for c in client.categories() if getattr(c.category_group, "id", None) == groups[0].id][:2]
    assert len(cats) == 2
    client.set_supplier_invoice_categories(invoice_id, [(cats[0].id, "1")])
    before = load_invoice(client, "supplier", invoice_id)
    assert [(c.category_id, c.weight) for c in before.draft.categories] == [(cats[0].id, Decimal("100"))]

    edit = before.edit()
    assert not has_changes(before, edit)
    edit.draft.categories = [CategoryWeight(category_id=cats[0].id, group_id=groups[0].id, weight=Decimal("60")),
                             CategoryWeight(category_id=cats[1].id, group_id=groups[0].id, weight=Decimal("40"))]
    assert categories_changed(before, edit) and has_changes(before, edit)
    result = save_edit(client, None, standin.demo_company_id, before, edit)
    assert result.sent and result.categories_sent and result.body == {}
    after = load_invoice(client, "supplier", invoice_id)
    assert sorted((c.category_id, c.weight) for c in after.draft.categories) == sorted(
        [(cats[0].id, Decimal("60")), (cats[1].id, Decimal("40"))])


def test_invoice_saved_but_categories_refused_is_recorded_and_said(standin, client, tmp_path, journal):
    """The invoice PUT went through, the categories PUT did not: the result says so (the edit is in
    the journal), and a reload shows the invoice's new state, so the next save is not 'stale'."""
    from decimal import Decimal

    from app.domain.invoice import CategoryWeight
    from app.jobs.editing import load_invoice, save_edit

    invoice_id = import_supplier(client, standin, tmp_path, number="F-CAT-2")
    group = list(client.category_groups())[0]
    cat = next(c for c in client.categories() if getattr(c.category_group, "id", None) == group.id)
    before = load_invoice(client, "supplier", invoice_id)
    edit = before.edit()
    edit.draft.label = "Nouveau libellé"
    edit.draft.categories = [CategoryWeight(category_id=cat.id, group_id=group.id, weight=Decimal("100"))]
    standin.set_faults(error_rate=1.0, paths=[f"/supplier_invoices/{invoice_id}/categories"], methods=["PUT"])
    result = save_edit(client, journal, standin.demo_company_id, before, edit)
    standin.set_faults()
    assert result.sent and not result.categories_sent and result.categories_error is not None
    assert result.journal_id is not None
    reloaded = load_invoice(client, "supplier", invoice_id)
    assert reloaded.draft.label == "Nouveau libellé" and reloaded.draft.categories == []
    retry = reloaded.edit()
    retry.draft.categories = edit.draft.categories
    assert save_edit(client, journal, standin.demo_company_id, reloaded, retry).categories_sent
