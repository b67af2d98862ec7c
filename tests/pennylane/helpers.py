"""A scripted httpx.MockTransport for client tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter

TOKEN = "tok-SECRET-0123456789abcdef"
BASE = "https://pl.test/api/external/v2"

Step = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """Answers requests from a list of steps (a response, an exception to raise, or a callable)."""

    def __init__(self, *steps: Step, default: Step | None = None) -> None:
        self.steps = list(steps)
        self.default = default
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self.requests.append(request)
        self.bodies.append(body)
        step = self.steps.pop(0) if self.steps else self.default
        if step is None:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        if isinstance(step, Exception):
            raise step
        if callable(step) and not isinstance(step, httpx.Response):
            return step(request)
        return step

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def json(self, i: int) -> Any:
        return json.loads(self.bodies[i])


def client(script: Script, token: Any = TOKEN, **kw: Any) -> tuple[PennylaneClient, list[float]]:
    sleeps: list[float] = []
    kw.setdefault("limiter", RateLimiter(10_000, 1.0))
    kw.setdefault("sleep", sleeps.append)
    return PennylaneClient(token, BASE, transport=script.transport, **kw), sleeps


def ok(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=data, headers=headers)


def err(status: int, data: Any = None, text: str | None = None, **headers: str) -> httpx.Response:
    if text is not None:
        return httpx.Response(status, text=text, headers=headers)
    return httpx.Response(status, json=data if data is not None else {"error": "x", "status": status},
                          headers=headers)


ME = {"user": {"id": 1, "first_name": "Ada", "last_name": "L", "email": "a@b.fr", "locale": "fr"},
      "company": {"id": 7, "name": "ACME", "reg_no": "sandbox-7"}, "scopes": ["customer_invoices:all"]}

ATTACHMENT = {"id": 55, "url": "https://x/y", "filename": "f.pdf", "created_at": "2025-01-01T10:00:00Z",
              "updated_at": "2025-01-01T10:00:00Z"}


def customer_invoice(id_: int = 900, **extra: Any) -> dict[str, Any]:
    data = {"id": id_, "label": "Facture", "invoice_number": "F-1", "currency": "EUR", "amount": "120.00",
            "currency_amount": "120.00", "currency_amount_before_tax": "100.00", "exchange_rate": "1.0",
            "date": "2025-10-01", "deadline": "2025-10-31", "currency_tax": "20.00", "tax": "20.00",
            "status": "upcoming", "paid": False, "external_reference": "ext-1",
            "customer": {"id": 3, "url": "u"}, "brand_new_field": {"x": 1}}
    data.update(extra)
    return data


def import_body(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "file_attachment_id": 55, "date": "2025-10-01", "deadline": "2025-10-31", "customer_id": 3,
        "currency_amount_before_tax": "100.00", "currency_tax": "20.00", "currency_amount": "120.00",
        "external_reference": "pli-abc-123",
        "invoice_lines": [{"currency_amount": "120.00", "currency_tax": "20.00", "quantity": 2,
                           "raw_currency_unit_price": "50.00", "unit": "piece", "vat_rate": "FR_200"}],
    }
    body.update(extra)
    return body
