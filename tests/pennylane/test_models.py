"""Request models match the OpenAPI document; payloads map drafts correctly."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from app.domain.invoice import CategoryWeight, CustomerInvoiceDraft, CustomerLine, SupplierInvoiceDraft, SupplierLine
from app.domain.vat import VAT_CODES
from app.pennylane import models as m
from app.pennylane._spec_enums import SPEC_CURRENCIES, SPEC_VAT_CODES
from app.pennylane.payloads import PayloadError, category_weights, customer_import_body, supplier_import_body

from tests.shared_files import OPENAPI_PATH as SPEC_PATH  # noqa: E402
from tests.shared_files import openapi_document  # noqa: E402


@pytest.fixture(scope="module")
def spec():
    if not SPEC_PATH.exists():
        pytest.skip("the OpenAPI document is not next to the repository")
    return openapi_document()


def _deref(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _op(spec, method, path):
    return spec["paths"]["/api/external/v2" + path][method]


def _body_schema(spec, method, path, content="application/json"):
    return _deref(spec, _op(spec, method, path)["requestBody"]["content"][content]["schema"])


def _compare(spec, schema, model: type[BaseModel], where: str):
    schema = _deref(spec, schema)
    if schema.get("type") == "array":
        schema = _deref(spec, schema["items"])
    props = schema.get("properties", {})
    # import lines leave out the properties the document marks deprecated ("will be removed
    # soon"): never sent, so that the app keeps working once they are gone (issue #17)
    if model in (m.CustomerInvoiceLineImport, m.SupplierInvoiceLineImport):
        deprecated = {name for name, p in props.items() if _deref(spec, p).get("deprecated")}
        assert deprecated == {"label", "description"}, where
        props = {name: p for name, p in props.items() if name not in deprecated}
    assert set(model.model_fields) == set(props), f"{where}: fields differ"
    required = {name for name, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema.get("required", [])), f"{where}: required fields differ"
    assert model.model_config.get("extra") == "forbid"
    for name, f in model.model_fields.items():
        sub = _deref(spec, props[name])
        nested = [a for a in getattr(f.annotation, "__args__", (f.annotation,)) if isinstance(a, type)
                  and issubclass(a, BaseModel)]
        list_nested = [a.__args__[0] for a in getattr(f.annotation, "__args__", (f.annotation,))
                       if getattr(a, "__origin__", None) is list and isinstance(a.__args__[0], type)
                       and issubclass(a.__args__[0], BaseModel)]
        if nested:
            _compare(spec, sub, nested[0], f"{where}.{name}")
        elif list_nested:
            _compare(spec, sub, list_nested[0], f"{where}.{name}[]")


@pytest.mark.parametrize("method, path, model, content", [
    ("post", "/customer_invoices/import", m.CustomerInvoiceImport, "application/json"),
    ("post", "/supplier_invoices/import", m.SupplierInvoiceImport, "application/json"),
    ("put", "/supplier_invoices/{id}", m.SupplierInvoiceUpdate, "application/json"),
    ("put", "/customer_invoices/{id}/update_imported", m.CustomerInvoiceUpdateImported, "application/json"),
    ("post", "/suppliers", m.SupplierCreate, "application/json"),
    ("post", "/company_customers", m.CompanyCustomerCreate, "application/json"),
    ("put", "/customer_invoices/{customer_invoice_id}/categories", m.CategoryWeight, "application/json"),
    ("put", "/supplier_invoices/{supplier_invoice_id}/categories", m.CategoryWeight, "application/json"),
])
def test_request_models_match_the_openapi_document(spec, method, path, model, content):
    _compare(spec, _body_schema(spec, method, path, content), model, f"{method} {path}")


@pytest.mark.parametrize("path, model", [
    ("/customer_invoices/e_invoices/imports", m.CustomerEInvoiceImportOptions),
    ("/supplier_invoices/e_invoices/imports", m.SupplierEInvoiceImportOptions),
])
def test_e_invoice_options_match(spec, path, model):
    schema = _body_schema(spec, "post", path, "multipart/form-data")
    assert set(schema["properties"]) == {"file", "invoice_options"}
    _compare(spec, schema["properties"]["invoice_options"], model, path)


def test_enums_match_the_spec_and_the_domain(spec):
    schemas = spec["components"]["schemas"]
    assert list(SPEC_VAT_CODES) == schemas["VatRateWithMixed"]["enum"]
    assert list(SPEC_CURRENCIES) == schemas["Currency"]["enum"]
    assert set(VAT_CODES) == set(SPEC_VAT_CODES) == m.vat_codes()


def _line(**kw):
    base = {"currency_amount": "120.00", "currency_tax": "20.00", "quantity": 2,
            "raw_currency_unit_price": "50.00", "unit": "piece", "vat_rate": "FR_200"}
    base.update(kw)
    return base


def test_amounts():
    line = m.CustomerInvoiceLineImport(**_line(currency_amount=Decimal("120.005"), currency_tax=Decimal("-0.125"),
                                               raw_currency_unit_price=Decimal("0.1234567"),
                                               quantity=Decimal("2.50")))
    assert line.currency_amount == "120.01" and line.currency_tax == "-0.13"  # half-up, symmetric
    assert line.raw_currency_unit_price == "0.123457"
    assert m.dump(line)["quantity"] == 2.5
    assert m.dump(m.CustomerInvoiceLineImport(**_line(quantity=Decimal("3.0"))))["quantity"] == 3
    with pytest.raises(ValidationError):
        m.CustomerInvoiceLineImport(**_line(currency_amount=120.0))  # float is not money
    with pytest.raises(ValidationError):
        m.CustomerInvoiceLineImport(**_line(currency_amount="12,50"))
    with pytest.raises(ValidationError):
        m.CustomerInvoiceLineImport(**_line(currency_amount="1.234"))
    with pytest.raises(ValidationError):
        m.CustomerInvoiceLineImport(**_line(currency_amount=""))
    with pytest.raises(ValidationError):
        m.CustomerInvoiceLineImport(**_line(quantity=True))


@pytest.mark.parametrize("code, ok", [("FR_200", True), ("FR_55", True), ("mixed", True), ("FR_055", False),
                                      ("any", False), ("FR_021", False), ("20", False)])
def test_vat_codes(code, ok):
    if ok:
        assert m.SupplierInvoiceLineImport(currency_amount="1.00", currency_tax="0.00", vat_rate=code).vat_rate == code
    else:
        with pytest.raises(ValidationError):
            m.SupplierInvoiceLineImport(currency_amount="1.00", currency_tax="0.00", vat_rate=code)


def test_unknown_fields_and_currency_are_refused():
    with pytest.raises(ValidationError):
        m.SupplierInvoiceLineImport(currency_amount="1.00", currency_tax="0.00", vat_rate="FR_200", quantity=1)
    with pytest.raises(ValidationError):
        m.SupplierCreate(name="x", reg_no="12345678")  # SIREN is 9 digits
    with pytest.raises(ValidationError):
        m.SupplierInvoiceUpdate(currency="EURO")
    with pytest.raises(ValidationError):
        m.CategoryWeight(id=1, weight="1.5")
    with pytest.raises(ValidationError):
        m.CategoryWeight(id=1, weight="0")  # the document: a weight in (0, 1]
    with pytest.raises(ValidationError):
        m.CategoryWeight(id=1, weight="0.33333")  # max 4 decimals
    assert m.CategoryWeight(id=1, weight=Decimal("0.33333")).weight == "0.3333"


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, allow_infinity=False,
                   places=4))
def test_amount_strings_round_trip(value):
    text = m.SupplierInvoiceLineImport(currency_amount=value, currency_tax="0.00", vat_rate="FR_200").currency_amount
    assert "e" not in text.lower() and len(text.split(".")[1]) == 2
    assert abs(Decimal(text) - value) <= Decimal("0.005")


def test_responses_are_tolerant():
    inv = m.SupplierInvoice.model_validate({"id": 1, "unknown": {"deep": [1]}, "amount": None, "date": "bad",
                                            "supplier": {"id": 3}, "accounting_status": "something_new"})
    assert inv.id == 1 and inv.amount is None and inv.supplier.id == 3
    me = m.Me.model_validate({"company": {"id": 4}, "user": None})
    assert me.scopes == [] and not me.is_sandbox


# -- payloads -------------------------------------------------------------------------------------

def _customer_draft(**kw) -> CustomerInvoiceDraft:
    data = dict(counterpart_id=3, date=dt.date(2025, 10, 1), deadline=dt.date(2025, 10, 31), invoice_number="F-1",
                amount_before_tax=Decimal("110.00"), tax=Decimal("20.55"), amount=Decimal("130.55"),
                lines=[CustomerLine(label="Conseil", vat_rate="FR_200", quantity=Decimal(2), unit_price=Decimal(50),
                                    amount_before_tax=Decimal(100), tax=Decimal(20), amount=Decimal(120),
                                    ledger_account_id=706, unit="jour", product_id=9),
                       CustomerLine(label="Livre", vat_rate="FR_55", quantity=Decimal(1), unit_price=Decimal(10),
                                    amount_before_tax=Decimal(10), tax=Decimal("0.55"), amount=Decimal("10.55"),
                                    imputation_start=dt.date(2025, 1, 1), imputation_end=dt.date(2025, 12, 31))],
                categories=[CategoryWeight(category_id=4, weight=Decimal(50)),
                            CategoryWeight(category_id=5, weight=Decimal(50))])
    data.update(kw)
    return CustomerInvoiceDraft(**data)


def test_customer_payload():
    body = m.dump(customer_import_body(_customer_draft(), 55, "ref-1"))
    assert body == {
        "file_attachment_id": 55, "date": "2025-10-01", "deadline": "2025-10-31", "customer_id": 3,
        "invoice_number": "F-1", "currency": "EUR", "currency_amount_before_tax": "110.00",
        "currency_amount": "130.55", "amount": "130.55", "currency_tax": "20.55", "tax": "20.55",
        "external_reference": "ref-1",
        "invoice_lines": [
            {"currency_amount": "120.00", "amount": "120.00", "currency_tax": "20.00", "tax": "20.00",
             "ledger_entry_line": {"label": "Conseil"}, "quantity": 2, "ledger_account_id": 706, "raw_currency_unit_price": "50.00",
             "unit": "jour", "vat_rate": "FR_200", "product_id": 9},
            {"currency_amount": "10.55", "amount": "10.55", "currency_tax": "0.55", "tax": "0.55",
             "ledger_entry_line": {"label": "Livre"}, "quantity": 1, "raw_currency_unit_price": "10.00", "unit": "piece", "vat_rate": "FR_55",
             "imputation_dates": {"start_date": "2025-01-01", "end_date": "2025-12-31"}},
        ],
    }
    assert category_weights(_customer_draft()) == [(4, "0.5"), (5, "0.5")]


def test_payload_in_another_currency_has_no_eur_amounts_and_defaults():
    draft = _customer_draft(currency="USD", amount_before_tax=None, tax=None, amount=None, deadline=None,
                            invoice_number=None, external_reference="draft-ref")
    with pytest.raises(PayloadError) as info:  # a missing due date is never the invoice date in silence
        customer_import_body(draft, 1)
    assert "due date" in info.value.text.en
    draft.deadline = draft.date  # "on receipt", said explicitly
    body = m.dump(customer_import_body(draft, 1))
    assert "amount" not in body and "tax" not in body
    assert all("amount" not in line and "tax" not in line for line in body["invoice_lines"])
    assert body["currency"] == "USD" and body["currency_amount"] == "130.55" and body["currency_tax"] == "20.55"
    assert body["deadline"] == "2025-10-01" and body["external_reference"] == "draft-ref"
    assert "invoice_number" not in body


def test_supplier_payload_and_credit_note():
    draft = SupplierInvoiceDraft(counterpart_id=8, date=dt.date(2025, 3, 1), deadline=dt.date(2025, 3, 1), credit_note=True,
                                 amount_before_tax=Decimal(-100), tax=Decimal(-20), amount=Decimal(-120),
                                 lines=[SupplierLine(label="Avoir", vat_rate="FR_200", amount_before_tax=Decimal(-100),
                                                     tax=Decimal(-20), amount=Decimal(-120), ledger_account_id=607)])
    body = m.dump(supplier_import_body(draft, 2, "r"))
    assert body["supplier_id"] == 8 and body["currency_amount"] == "-120.00"
    assert body["invoice_lines"] == [{"ledger_entry_line": {"label": "Avoir"}, "currency_amount": "-120.00", "amount": "-120.00",
                                      "currency_tax": "-20.00", "tax": "-20.00", "ledger_account_id": 607,
                                      "vat_rate": "FR_200"}]


def test_payload_errors():
    with pytest.raises(PayloadError) as info:
        customer_import_body(_customer_draft(counterpart_id=None), 1)
    assert "client" in info.value.text.fr
    with pytest.raises(PayloadError):
        customer_import_body(_customer_draft(date=None), 1)
    with pytest.raises(PayloadError):
        supplier_import_body(SupplierInvoiceDraft(counterpart_id=1, date=dt.date(2025, 1, 1)), 1)
