"""The client against the local stand-in (a real HTTP server that validates every request
against the OpenAPI schemas). Each test's stand-in must end with no schema refusal."""

from __future__ import annotations

import logging
import socket
import threading
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app.pennylane import errors as e
from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter

standin_server = pytest.importorskip("app.standin.server")
StandIn = standin_server.StandIn


def _pdf(tmp_path: Path, name: str = "facture.pdf", size: int = 20_000) -> Path:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * (size // 256) + b"\n%%EOF\n")
    return path


@pytest.fixture
def standin():
    with StandIn(rate_limit=(25, 5.0)) as s:
        yield s
        assert s.schema_refusals() == [], "the stand-in refused a request of ours for a schema reason"


def make_client(s, token: str | None = None, **kw) -> PennylaneClient:
    kw.setdefault("limiter", RateLimiter(25, 5.0))
    kw.setdefault("backoff_base", 0.01)
    return PennylaneClient(token or s.demo_token, s.url, **kw)


def _lines(account_id: int) -> list[dict]:
    return [
        {"ledger_account_id": account_id, "ledger_entry_line": {"label": "Conseil"}, "currency_amount": "120.00", "currency_tax": "20.00",
         "quantity": 2, "raw_currency_unit_price": "50.00", "unit": "piece", "vat_rate": "FR_200"},
        {"ledger_account_id": account_id, "ledger_entry_line": {"label": "Livre"}, "currency_amount": Decimal("10.55"),
         "currency_tax": Decimal("0.55"), "quantity": Decimal("1"), "raw_currency_unit_price": Decimal("10"),
         "unit": "piece", "vat_rate": "FR_55"},
    ]


def _customer_body(c: PennylaneClient, attachment_id: int, ref: str, **extra) -> dict:
    customer = next(c.customers())
    account = next(c.ledger_accounts("706"))
    body = {"file_attachment_id": attachment_id, "date": "2025-10-01", "deadline": "2025-10-31",
            "customer_id": customer.id, "invoice_number": f"F-{ref}", "currency": "EUR",
            "currency_amount_before_tax": Decimal("110"), "currency_tax": Decimal("20.55"),
            "currency_amount": Decimal("130.55"), "external_reference": ref, "invoice_lines": _lines(account.id)}
    body.update(extra)
    return body


def test_seed_guide_flow(standin, tmp_path):
    """Upload a PDF, import a customer invoice with lines, GET it, set its categories."""
    with make_client(standin) as c:
        me = c.me()
        assert me.company.id == standin.demo_company_id and "customer_invoices:all" in me.scopes
        progress: list[int] = []
        pdf = _pdf(tmp_path, "facture-octobre.pdf", 300_000)
        att = c.upload_file(pdf, progress=lambda sent, total: progress.append(sent))
        assert att.id and att.filename == "facture-octobre.pdf" and progress[-1] == pdf.stat().st_size
        body = _customer_body(c, att.id, "e2e-flow-1")
        inv = c.import_customer_invoice(body)
        assert inv.currency_amount == Decimal("130.55") and inv.external_reference == "e2e-flow-1"
        got = c.get_customer_invoice(inv.id)
        assert got.id == inv.id and got.customer and got.customer.id == body["customer_id"]
        assert got.currency_amount_before_tax == Decimal("110.00") and got.tax == Decimal("20.55")
        lines = c.customer_invoice_lines(inv.id)
        assert [line.vat_rate for line in lines] == ["FR_200", "FR_55"]
        groups = list(c.category_groups())
        cats = [cat for cat in c.categories(group_id=groups[0].id)]
        assigned = c.set_customer_invoice_categories(
            inv.id, [(cats[0].id, Decimal("0.75")), (cats[1].id, Decimal("0.25"))])
        assert sorted(a.weight for a in assigned) == [Decimal("0.25"), Decimal("0.75")]
        found = list(c.find_customer_invoices(external_reference="e2e-flow-1"))
        assert [f.id for f in found] == [inv.id]


def test_supplier_flow(standin, tmp_path):
    with make_client(standin) as c:
        att = c.upload_file(_pdf(tmp_path))
        supplier = next(c.suppliers())
        account = next(c.ledger_accounts("6"))
        inv = c.import_supplier_invoice({
            "file_attachment_id": att.id, "supplier_id": supplier.id, "date": "2025-09-01",
            "deadline": "2025-09-30", "invoice_number": "FA-77", "currency_amount_before_tax": "50.00",
            "currency_tax": "10.00", "currency_amount": "60.00", "external_reference": "e2e-sup-1",
            "invoice_lines": [{"currency_amount": "60.00", "currency_tax": "10.00", "vat_rate": "FR_200",
                               "ledger_account_id": account.id, "ledger_entry_line": {"label": "Fournitures"}}]})
        assert inv.supplier and inv.supplier.id == supplier.id
        assert c.get_supplier_invoice(inv.id).invoice_number == "FA-77"
        lines = c.supplier_invoice_lines(inv.id)
        updated = c.update_supplier_invoice(inv.id, {
            "currency_amount_before_tax": "70.00", "currency_tax": "14.00", "currency_amount": "84.00",
            "invoice_lines": {"update": [{"id": lines[0].id, "currency_amount": "48.00", "currency_tax": "8.00"}],
                              "create": [{"label": "Port", "currency_amount": "36.00", "currency_tax": "6.00",
                                          "vat_rate": "FR_200", "ledger_account_id": account.id}]}})
        assert updated.currency_amount == Decimal("84.00")
        assert len(c.supplier_invoice_lines(inv.id)) == 2
        assert [i.id for i in c.find_supplier_invoices(invoice_number="FA-77", counterpart_id=supplier.id)] == [inv.id]
        cat = next(c.categories())
        c.set_supplier_invoice_categories(inv.id, [(cat.id, Decimal(1))])
        new_supplier = c.create_supplier({"name": "Papeterie Nouvelle", "reg_no": "552100554",
                                          "external_reference": "e2e-new-supplier",
                                          "postal_address": {"address": "1 rue de la Paix", "postal_code": "75002",
                                                             "city": "Paris", "country_alpha2": "FR"}})
        assert new_supplier.id and new_supplier.name == "Papeterie Nouvelle"
        new_customer = c.create_company_customer({"name": "Client Neuf SARL", "billing_address": {
            "address": "2 quai", "postal_code": "69002", "city": "Lyon", "country_alpha2": "FR"}})
        assert new_customer.id
        assert list(c.products())


def test_update_imported_customer_invoice(standin, tmp_path):
    with make_client(standin) as c:
        att = c.upload_file(_pdf(tmp_path))
        inv = c.import_customer_invoice(_customer_body(c, att.id, "e2e-upd-1"))
        updated = c.update_imported_customer_invoice(inv.id, {"invoice_number": "F-UPD-1"})
        assert updated.invoice_number == "F-UPD-1"


# -- every error class, for real ----------------------------------------------------------------

def test_auth_error_and_refresh(standin):
    with make_client(standin, "not-a-real-token-123") as c:
        with pytest.raises(e.AuthError):
            c.me()
    expired = standin.issue_token(standin.demo_company_id, ["customers:readonly"])
    standin.expire_token(expired)
    fresh = standin.issue_token(standin.demo_company_id, ["customers:readonly"])

    class Source:
        current = expired
        refreshed = 0

        def access_token(self):
            return self.current

        def refresh_after_401(self, rejected):
            self.refreshed += 1
            self.current = fresh
            return True

    source = Source()
    with make_client(standin, token=source) as c:  # type: ignore[arg-type]
        assert c.me().company.id == standin.demo_company_id
    assert source.refreshed == 1


def test_scope_error(standin):
    token = standin.issue_token(standin.demo_company_id, ["customers:readonly"])
    with make_client(standin, token) as c:
        assert list(c.customers())
        with pytest.raises(e.ScopeError) as info:
            next(c.suppliers())
    assert info.value.scope == "suppliers:readonly"
    assert "« suppliers:readonly »" in info.value.text.fr


def test_not_found_conflict_and_unbalanced(standin, tmp_path):
    with make_client(standin) as c:
        with pytest.raises(e.NotFoundError):
            c.get_customer_invoice(987654321)
        att = c.upload_file(_pdf(tmp_path))
        c.import_customer_invoice(_customer_body(c, att.id, "e2e-conflict-1"))
        with pytest.raises(e.ConflictError) as conflict:  # the same PDF on a second invoice
            c.import_customer_invoice(_customer_body(c, att.id, "e2e-conflict-2"))
        assert "already exists" in (conflict.value.api_message or "")
        att2 = c.upload_file(_pdf(tmp_path, "other.pdf"))
        with pytest.raises(e.RejectedError) as unbalanced:
            c.import_customer_invoice(_customer_body(c, att2.id, "e2e-unbalanced", currency_amount="140.55"))
        assert unbalanced.value.status == 422 and "balanced" in (unbalanced.value.api_message or "")


@pytest.mark.invalid_requests
def test_bad_request_from_the_server():
    """A 400 in Pennylane's shape (forced here by bypassing our own models) maps to RejectedError."""
    with StandIn(rate_limit=None) as s, make_client(s) as c:
        with pytest.raises(e.RejectedError) as info:
            list(c.paginate("/customers", limit=1000))  # limit is 1..100
        assert info.value.status == 400 and info.value.code
        assert len(s.schema_refusals()) == 1
        # it came from our client (its User-Agent): tests/conftest.py would fail any other test for it
        assert [(m, p) for m, p, _why in s.client_schema_refusals] == [("GET", "/api/external/v2/customers")]


def test_rate_limited_error_when_retries_are_off():
    """Another program spends the token's budget: with 429 retries off, the 429 surfaces."""
    with StandIn(rate_limit=(2, 5.0)) as s, make_client(s, limiter=RateLimiter(1000, 1.0),
                                                         max_rate_limit_retries=0) as c:
        for _ in range(2):
            httpx.get(s.url + "/me", headers={"Authorization": f"Bearer {s.demo_token}"})
        with pytest.raises(e.RateLimitedError) as info:
            c.me()
        assert info.value.retry_after and info.value.retry_after >= 1


def test_429_waits_and_succeeds_when_someone_else_spent_the_budget():
    with StandIn(rate_limit=(3, 1.0)) as s, make_client(s, limiter=RateLimiter(1000, 1.0)) as c:
        for _ in range(3):
            httpx.get(s.url + "/me", headers={"Authorization": f"Bearer {s.demo_token}"})
        started = time.monotonic()
        assert c.me().company.id == s.demo_company_id
        assert time.monotonic() - started >= 0.5
        assert [entry[2] for entry in s.request_log][-2:] == [429, 200]


def test_the_limiter_follows_the_servers_headers():
    """ratelimit-remaining: 0 makes every thread wait for the reset: no 429 at all."""
    with StandIn(rate_limit=(2, 1.0)) as s, make_client(s, limiter=RateLimiter(1000, 1.0),
                                                         max_rate_limit_retries=0) as c:
        for _ in range(5):
            c.me()
        assert 429 not in [entry[2] for entry in s.request_log]


def test_server_errors_retried_then_surface(standin):
    with make_client(standin, max_retries=1) as c:
        standin.set_faults(error_rate=1.0)
        with pytest.raises(e.ServerError):
            c.me()
        standin.set_faults(error_rate=0.5, seed=7)
        c2 = make_client(standin, max_retries=8)
        for _ in range(5):
            assert c2.me().company.id == standin.demo_company_id
        c2.close()
    statuses = [entry[2] for entry in standin.request_log]
    assert statuses[:2] == [500, 500] and 200 in statuses


def test_network_errors():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with PennylaneClient("x" * 20, f"http://127.0.0.1:{port}/api/external/v2", limiter=RateLimiter(100, 1.0),
                         max_retries=1, backoff_base=0.01) as c:
        with pytest.raises(e.NetworkError) as info:
            c.me()
        assert "Cannot reach Pennylane" in info.value.text.en
    with StandIn(rate_limit=None, latency=0.5) as s, make_client(
            s, timeout=httpx.Timeout(5, read=0.1), max_retries=1) as c:
        with pytest.raises(e.NetworkError) as info:
            c.me()
        assert "did not answer in time" in info.value.text.en


def test_outcome_unknown_when_the_connection_drops_after_processing(standin, tmp_path):
    with make_client(standin) as c:
        att = c.upload_file(_pdf(tmp_path))
        body = _customer_body(c, att.id, "e2e-unknown-1")
        standin.set_faults(reset_after_processing_rate=1.0, paths=["/customer_invoices/import"])
        with pytest.raises(e.OutcomeUnknownError) as info:
            c.import_customer_invoice(body)
        standin.set_faults()
        assert info.value.external_reference == "e2e-unknown-1"
        posts = [entry for entry in standin.request_log if entry[:2] == ("POST", "/api/external/v2/customer_invoices/import")]
        assert len(posts) == 1, "never sent twice"
        # the server did the work: the lookup the pipeline does finds it
        assert len(list(c.find_customer_invoices(external_reference="e2e-unknown-1"))) == 1


def test_upload_cancelled(standin, tmp_path):
    pdf = _pdf(tmp_path, "big.pdf", 8 * 1024 * 1024)
    stop = threading.Event()
    with make_client(standin) as c:
        with pytest.raises(e.Cancelled):
            c.upload_file(pdf, progress=lambda sent, total: stop.set(), cancelled=stop.is_set)
        stop.clear()
        assert c.upload_file(pdf).id  # the client still works afterwards


# -- rate limit ---------------------------------------------------------------------------------

def test_sixty_requests_from_four_threads_never_see_a_429():
    limit, window = 10, 1.0
    with StandIn(rate_limit=(limit, window)) as s:
        limiter = RateLimiter(limit, window)
        failures: list[BaseException] = []
        with PennylaneClient(s.demo_token, s.url, limiter=limiter, max_rate_limit_retries=0) as c:

            def worker():
                try:
                    for _ in range(15):
                        c.me()
                except BaseException as exc:  # noqa: BLE001
                    failures.append(exc)

            threads = [threading.Thread(target=worker) for _ in range(4)]
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
        assert failures == []
        statuses = [entry[2] for entry in s.request_log]
        assert len(statuses) == 60 and 429 not in statuses
        floor = (60 / limit - 1) * window  # 10 go at once, then 10 more per window
        assert elapsed >= floor, f"{elapsed:.2f}s is faster than the {floor:.1f}s the limit allows"


def test_no_token_in_logs_with_a_real_transport(standin, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    with make_client(standin) as c:
        c.me()
        c.upload_file(_pdf(tmp_path))
        with pytest.raises(e.NotFoundError):
            c.get_supplier_invoice(1)
    with make_client(standin, "wrong-token-" + standin.demo_token[::-1]) as c, pytest.raises(e.AuthError):
        c.me()
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # httpcore did log, at DEBUG
    assert standin.demo_token not in caplog.text
    assert standin.demo_token[::-1] not in caplog.text
    assert "Bearer" not in caplog.text


def test_draft_payloads_are_accepted(standin, tmp_path):
    import datetime as dt

    from app.domain.invoice import CategoryWeight, CustomerInvoiceDraft, CustomerLine, SupplierInvoiceDraft, SupplierLine
    from app.pennylane.payloads import category_weights, customer_import_body, supplier_import_body

    with make_client(standin) as c:
        customer, supplier = next(c.customers()), next(c.suppliers())
        group = next(c.category_groups())
        cats = list(c.categories(group_id=group.id))
        draft = CustomerInvoiceDraft(
            counterpart_id=customer.id, date=dt.date(2025, 10, 1), deadline=dt.date(2025, 10, 31), currency="USD",
            invoice_number="US-1",
            lines=[CustomerLine(label="Service", vat_rate="exempt", quantity=Decimal("1.5"),
                                unit_price=Decimal("33.333333"), amount_before_tax=Decimal("50.00"),
                                tax=Decimal(0), amount=Decimal("50.00"))],
            categories=[CategoryWeight(category_id=cats[0].id, weight=Decimal(100))])
        inv = c.import_customer_invoice(customer_import_body(draft, c.upload_file(_pdf(tmp_path, "a.pdf")).id, "d-1"))
        assert inv.currency == "USD"
        c.set_customer_invoice_categories(inv.id, category_weights(draft))
        sdraft = SupplierInvoiceDraft(
            counterpart_id=supplier.id, date=dt.date(2025, 10, 2), deadline=dt.date(2025, 11, 2), credit_note=True,
            lines=[SupplierLine(label="Avoir", vat_rate="FR_100", amount_before_tax=Decimal(-10), tax=Decimal(-1),
                                amount=Decimal(-11))])
        sinv = c.import_supplier_invoice(supplier_import_body(sdraft, c.upload_file(_pdf(tmp_path, "b.pdf")).id, "d-2"))
        assert sinv.currency_amount == Decimal("-11.00")
