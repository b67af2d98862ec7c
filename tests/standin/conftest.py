"""Fixtures for the stand-in tests: a running StandIn, an httpx client, and response checks
against the full OpenAPI document (when ../shared is there)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from app.standin.server import StandIn

REPO = Path(__file__).resolve().parents[2]
from tests.shared_files import OPENAPI_PATH as SPEC_PATH  # noqa: E402
from tests.shared_files import SAMPLES, openapi_document  # noqa: E402
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


@pytest.fixture
def client(standin):
    with httpx.Client(base_url=standin.url, headers=bearer(standin.demo_token), timeout=10) as c:
        yield c


class Api:
    """Small helpers over an httpx client talking to the stand-in."""

    def __init__(self, client: httpx.Client, standin: StandIn) -> None:
        self.c = client
        self.s = standin

    def upload(self, content: bytes = PDF, name: str = "facture.pdf", ctype: str = "application/pdf") -> int:
        r = self.c.post("/file_attachments", files={"file": (name, content, ctype)})
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def first(self, path: str, **filters) -> dict:
        params = {"limit": 1, "sort": "id"}
        if filters:
            params["filter"] = json.dumps([{"field": k, "operator": "eq", "value": v} for k, v in filters.items()])
        return self.c.get(path, params=params).json()["items"][0]

    def supplier_id(self) -> int:
        return self.first("/suppliers")["id"]

    def customer_id(self) -> int:
        return self.first("/customers", customer_type="company")["id"]

    def supplier_body(self, **over) -> dict:
        body = {
            "file_attachment_id": self.upload(),
            "supplier_id": self.supplier_id(),
            "date": "2025-10-01",
            "deadline": "2025-10-31",
            "invoice_number": "F-2025-001",
            "currency_amount_before_tax": "150.00",
            "currency_tax": "30.00",
            "currency_amount": "180.00",
            "invoice_lines": [
                {"currency_amount": "120.00", "currency_tax": "20.00", "vat_rate": "FR_200", "ledger_entry_line": {"label": "Papier"}},
                {"currency_amount": "60.00", "currency_tax": "10.00", "vat_rate": "FR_200", "ledger_entry_line": {"label": "Encre"}},
            ],
        }
        body.update(over)
        return body

    def customer_body(self, **over) -> dict:
        body = {
            "file_attachment_id": self.upload(),
            "customer_id": self.customer_id(),
            "date": "2025-10-01",
            "deadline": "2025-10-31",
            "invoice_number": "V-2025-001",
            "currency_amount_before_tax": "100.00",
            "currency_tax": "20.00",
            "currency_amount": "120.00",
            "invoice_lines": [
                {"currency_amount": "120.00", "currency_tax": "20.00", "quantity": 2,
                 "raw_currency_unit_price": "50.00", "unit": "piece", "vat_rate": "FR_200"},
            ],
        }
        body.update(over)
        return body

    def import_supplier(self, **over) -> dict:
        r = self.c.post("/supplier_invoices/import", json=self.supplier_body(**over))
        assert r.status_code == 201, r.text
        return r.json()

    def import_customer(self, **over) -> dict:
        r = self.c.post("/customer_invoices/import", json=self.customer_body(**over))
        assert r.status_code == 201, r.text
        return r.json()


@pytest.fixture
def api(client, standin) -> Api:
    return Api(client, standin)


# --- response checks against the full OpenAPI document ------------------------------------------


@pytest.fixture(scope="session")
def response_schema():
    """response_schema(method, path, status) -> a jsonschema validator of that response body."""
    if not SPEC_PATH.exists():
        pytest.skip("the OpenAPI document is not available")
    import sys

    from jsonschema import Draft202012Validator

    sys.path.insert(0, str(REPO / "tools"))
    try:
        from extract_schemas import Extractor
    finally:
        sys.path.pop(0)
    doc = openapi_document()
    ex = Extractor(doc)
    cache: dict = {}

    def fix(node):
        # The document lists `description` as required without declaring it (invoice lines,
        # products): accept what it requires.
        if isinstance(node, dict):
            if node.get("additionalProperties") is False and "properties" in node:
                for name in node.get("required", []):
                    node["properties"].setdefault(name, {})
            for value in node.values():
                fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)
        return node

    def get(method: str, path: str, status: int):
        key = (method, path, status)
        if key not in cache:
            op = doc["paths"]["/api/external/v2" + path][method.lower()]
            schema = op["responses"][str(status)]["content"]["application/json"]["schema"]
            cache[key] = Draft202012Validator(fix(ex.schema(schema)))
        return cache[key]

    return get


@pytest.fixture
def check(response_schema):
    def run(method: str, path: str, response: httpx.Response) -> dict:
        validator = response_schema(method, path, response.status_code)
        body = response.json()
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
        assert not errors, errors[:5]
        return body

    return run
