"""PennylaneClient against httpx.MockTransport: headers, error mapping, retry policy, pagination, uploads."""

from __future__ import annotations

import json
import logging
import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app import __version__
from app.pennylane import errors as e
from app.pennylane.client import DEFAULT_TIMEOUT, UPLOAD_CHUNK, PennylaneClient, encode_filter
from app.pennylane.logsafe import RedactingFilter, install_log_redaction
from app.pennylane.models import CustomerInvoiceImport
from app.pennylane.ratelimit import RateLimiter

from .helpers import ATTACHMENT, BASE, ME, TOKEN, Script, client, customer_invoice, err, import_body, ok


# -- basics -----------------------------------------------------------------------------------

def test_headers_and_url():
    script = Script(ok(ME))
    c, _ = client(script)
    me = c.me()
    assert me.company.id == 7 and me.is_sandbox and me.user and me.user.first_name == "Ada"
    req = script.requests[0]
    assert str(req.url) == f"{BASE}/me"
    assert req.headers["Authorization"] == f"Bearer {TOKEN}"
    assert req.headers["User-Agent"] == f"pennylane-importer/{__version__} (+python-httpx)"
    assert req.headers["Accept"] == "application/json"


def test_default_base_url_and_env_override(monkeypatch):
    c = PennylaneClient(TOKEN)
    assert c.base_url == "https://app.pennylane.com/api/external/v2"
    monkeypatch.setenv("PENNYLANE_API_URL", "http://127.0.0.1:9/api/external/v2/")
    assert PennylaneClient(TOKEN).base_url == "http://127.0.0.1:9/api/external/v2"
    assert PennylaneClient(TOKEN, "http://other/v2").base_url == "http://other/v2"
    assert DEFAULT_TIMEOUT.connect == 10 and DEFAULT_TIMEOUT.read == 60
    c.close()


def test_context_manager_closes():
    with PennylaneClient(TOKEN, BASE, transport=Script().transport) as c:
        pass
    assert c._http.is_closed


def test_tolerant_response_model():
    script = Script(ok(customer_invoice(amount="not a number", date="31/10/2025", customer=None)))
    c, _ = client(script)
    inv = c.get_customer_invoice(900)
    assert inv.id == 900 and inv.amount is None and inv.date is None
    assert inv.currency_amount == Decimal("120.00")


def test_unreadable_answer():
    c, _ = client(Script(httpx.Response(200, text="<html>")))
    with pytest.raises(e.UnexpectedResponseError):
        c.me()
    c, _ = client(Script(ok({"no": "company"})))
    with pytest.raises(e.UnexpectedResponseError):
        c.me()


# -- error mapping ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "status, cls",
    [(400, e.RejectedError), (401, e.AuthError), (403, e.ScopeError), (404, e.NotFoundError),
     (409, e.ConflictError), (422, e.RejectedError), (418, e.RejectedError)],
)
def test_error_statuses_are_not_retried(status, cls):
    script = Script(err(status, {"error": "Access to this resource requires scope \"customers:readonly\".",
                                 "status": status}))
    c, sleeps = client(script)
    with pytest.raises(cls) as info:
        list(c.customers())
    assert info.value.status == status
    assert len(script.requests) == 1 and sleeps == []
    if cls is e.ScopeError:
        assert info.value.scope == "customers:readonly"


def test_rejected_carries_pennylane_words():
    script = Script(err(400, {"message": "Value not in enum", "field": "invoice_lines/0/vat_rate",
                              "code": "NotEnumInclude"}))
    c, _ = client(script)
    with pytest.raises(e.RejectedError) as info:
        c.import_customer_invoice(import_body())
    assert (info.value.api_message, info.value.field, info.value.code) == (
        "Value not in enum", "invoice_lines/0/vat_rate", "NotEnumInclude")


# -- retry policy -------------------------------------------------------------------------------

def test_get_retried_on_5xx_then_succeeds():
    script = Script(err(500), err(502, text="<html>bad gateway</html>"), err(503), ok(ME))
    c, sleeps = client(script)
    assert c.me().company.id == 7
    assert len(script.requests) == 4
    assert len(sleeps) == 3
    assert all(0 < s <= c.backoff_cap for s in sleeps)


def test_get_retries_are_bounded():
    script = Script(default=err(500))
    c, sleeps = client(script, max_retries=4)
    with pytest.raises(e.ServerError) as info:
        c.me()
    assert len(script.requests) == 5 and len(sleeps) == 4 and info.value.retryable


def test_backoff_grows_and_is_capped():
    c, _ = client(Script(), backoff_base=0.5, backoff_cap=8.0)
    for attempt, (low, high) in enumerate([(0.25, 0.5), (0.5, 1), (1, 2), (2, 4), (4, 8), (4, 8), (4, 8)], 1):
        for _ in range(20):
            assert low <= c.backoff_delay(attempt) <= high


@pytest.mark.parametrize("exc", [httpx.ReadTimeout("t"), httpx.ConnectError("c"), httpx.RemoteProtocolError("r"),
                                 httpx.ReadError("reset"), httpx.WriteError("w")])
def test_get_retried_on_network_errors(exc):
    script = Script(exc, ok(ME))
    c, sleeps = client(script)
    assert c.me().company.id == 7 and len(script.requests) == 2 and len(sleeps) == 1


def test_network_error_after_retries():
    script = Script(default=httpx.ConnectError("refused"))
    c, _ = client(script, max_retries=2)
    with pytest.raises(e.NetworkError) as info:
        c.me()
    assert len(script.requests) == 3 and info.value.retryable and info.value.status is None
    script = Script(default=httpx.ReadTimeout("slow"))
    c, _ = client(script, max_retries=1)
    with pytest.raises(e.NetworkError) as info:
        c.me()
    assert "did not answer in time" in info.value.text.en


@pytest.mark.parametrize(
    "step",
    [err(500), err(502), err(504, text="Gateway Timeout"), httpx.ReadTimeout("t"), httpx.ReadError("reset"),
     httpx.RemoteProtocolError("Server disconnected without sending a response."), httpx.WriteTimeout("w")],
)
def test_import_is_never_blindly_retried(step):
    script = Script(step, default=ok(customer_invoice(), 201))
    c, sleeps = client(script)
    with pytest.raises(e.OutcomeUnknownError) as info:
        c.import_customer_invoice(import_body())
    assert len(script.requests) == 1, "an import POST must not be sent twice"
    assert info.value.external_reference == "pli-abc-123"
    assert "pli-abc-123" in info.value.text.fr and not info.value.retryable


@pytest.mark.parametrize("step", [err(500), httpx.ReadTimeout("t")])
def test_supplier_import_and_creations_never_blindly_retried(step):
    body = {"file_attachment_id": 1, "supplier_id": 2, "date": "2025-01-01", "deadline": "2025-01-31",
            "currency_amount_before_tax": "10.00", "currency_amount": "12.00", "currency_tax": "2.00",
            "external_reference": "sup-ref", "invoice_lines": [
                {"currency_amount": "12.00", "currency_tax": "2.00", "vat_rate": "FR_200"}]}
    for call in (lambda c: c.import_supplier_invoice(body),
                 lambda c: c.create_supplier({"name": "Fournisseur", "external_reference": "s-1"}),
                 lambda c: c.create_company_customer({"name": "Client", "billing_address": {
                     "address": "1 rue", "postal_code": "75001", "city": "Paris", "country_alpha2": "FR"}})):
        script = Script(step, default=ok({"id": 1}, 201))
        c, _ = client(script)
        with pytest.raises(e.OutcomeUnknownError):
            call(c)
        assert len(script.requests) == 1


@pytest.mark.parametrize("exc", [httpx.ConnectError("refused"), httpx.ConnectTimeout("t"), httpx.PoolTimeout("p")])
def test_import_retried_when_nothing_was_sent(exc):
    script = Script(exc, ok(customer_invoice(), 201))
    c, _ = client(script)
    assert c.import_customer_invoice(import_body()).id == 900
    assert len(script.requests) == 2
    assert script.json(0) == script.json(1)


def test_import_unreadable_2xx_is_outcome_unknown():
    script = Script(httpx.Response(201, text="oops"))
    c, _ = client(script)
    with pytest.raises(e.OutcomeUnknownError) as info:
        c.import_customer_invoice(import_body())
    assert info.value.external_reference == "pli-abc-123"


def test_429_waits_retry_after_and_retries_even_an_import():
    limiter = RateLimiter(1000, 1.0)
    blocked: list[float] = []
    real_block = limiter.block_for
    limiter.block_for = lambda s: (blocked.append(s), real_block(0))[1]  # type: ignore[method-assign]
    script = Script(err(429, text="Rate limit exceeded. Please retry in 2 seconds.", **{"retry-after": "2"}),
                    ok(customer_invoice(), 201))
    c, _ = client(script, limiter=limiter)
    assert c.import_customer_invoice(import_body()).id == 900
    assert blocked == [2.0] and len(script.requests) == 2


def test_429_is_bounded():
    script = Script(default=err(429, text="Rate limit exceeded.", **{"retry-after": "0"}))
    c, _ = client(script, max_rate_limit_retries=3)
    with pytest.raises(e.RateLimitedError) as info:
        c.me()
    assert len(script.requests) == 4 and info.value.retry_after == 0


def test_429_waits_through_the_limiter():
    """The wait is real and shared: the limiter blocks until retry-after has passed."""
    clock = [0.0]
    limiter = RateLimiter(25, 5.0, clock=lambda: clock[0], sleep=lambda s: clock.__setitem__(0, clock[0] + s))
    script = Script(err(429, text="slow down", **{"retry-after": "3"}), ok(ME))
    c, _ = client(script, limiter=limiter)
    c.me()
    assert clock[0] >= 3.0


class RotatingToken:
    def __init__(self, tokens, can_refresh=True):
        self.tokens = list(tokens)
        self.refreshes: list[str] = []
        self.can_refresh = can_refresh

    def access_token(self):
        return self.tokens[0]

    def refresh_after_401(self, rejected_token):
        self.refreshes.append(rejected_token)
        if self.can_refresh and len(self.tokens) > 1:
            self.tokens.pop(0)
            return True
        return False


def test_401_refreshes_once_and_retries_once():
    token = RotatingToken(["old-token-aaaaaaaa", "new-token-bbbbbbbb"])
    script = Script(err(401, {"error": "The access token is invalid", "status": 401}), ok(customer_invoice(), 201))
    c, _ = client(script, token=token)
    assert c.import_customer_invoice(import_body()).id == 900
    assert token.refreshes == ["old-token-aaaaaaaa"]
    assert [r.headers["Authorization"] for r in script.requests] == [
        "Bearer old-token-aaaaaaaa", "Bearer new-token-bbbbbbbb"]


def test_401_twice_is_an_auth_error():
    token = RotatingToken(["old-token-aaaaaaaa", "new-token-bbbbbbbb", "newer-token-cccccccc"])
    script = Script(default=err(401))
    c, _ = client(script, token=token)
    with pytest.raises(e.AuthError):
        c.me()
    assert len(token.refreshes) == 1 and len(script.requests) == 2


def test_401_with_a_static_token():
    script = Script(default=err(401))
    c, _ = client(script)
    with pytest.raises(e.AuthError) as info:
        c.me()
    assert len(script.requests) == 1
    assert info.value.text.fr.startswith("Le jeton n’est plus valide")


# -- bodies -------------------------------------------------------------------------------------

def test_import_body_is_validated_before_sending():
    script = Script()
    c, _ = client(script)
    with pytest.raises(e.RejectedError) as info:
        c.import_customer_invoice(import_body(status="imported"))  # unknown field
    assert info.value.code == "ClientValidation" and "status" in (info.value.field or "")
    bad_line = import_body()
    bad_line["invoice_lines"][0]["vat_rate"] = "FR_055"
    with pytest.raises(e.RejectedError):
        c.import_customer_invoice(bad_line)
    with pytest.raises(e.RejectedError):
        c.import_customer_invoice(import_body(invoice_lines=[]))
    assert script.requests == []


def test_import_sends_exactly_the_body():
    script = Script(ok(customer_invoice(), 201))
    c, _ = client(script)
    model = CustomerInvoiceImport.model_validate(import_body(label=None))
    inv = c.import_customer_invoice(model)
    assert inv.external_reference == "ext-1"
    sent = script.json(0)
    assert sent == {k: v for k, v in import_body().items()}
    assert script.requests[0].headers["Content-Type"] == "application/json"
    assert str(script.requests[0].url) == f"{BASE}/customer_invoices/import"


def test_categories_body_is_a_json_array_of_string_weights():
    answer = [{"id": 4, "label": "Ventes", "weight": "0.5", "category_group": {"id": 1}, "analytical_code": None,
               "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"}]
    script = Script(ok(answer), ok(answer))
    c, _ = client(script)
    cats = c.set_customer_invoice_categories(900, [(4, Decimal("0.5")), (5, "0.5")])
    assert script.json(0) == [{"id": 4, "weight": "0.5"}, {"id": 5, "weight": "0.5"}]
    assert cats[0].weight == Decimal("0.5") and cats[0].category_group.id == 1
    c.set_supplier_invoice_categories(12, [(4, Decimal(1))])
    assert script.json(1) == [{"id": 4, "weight": "1"}]
    assert script.requests[1].method == "PUT" and script.requests[1].url.path.endswith("/supplier_invoices/12/categories")
    with pytest.raises(e.RejectedError):
        c.set_supplier_invoice_categories(12, [(4, Decimal("1.5"))])


def test_put_without_line_creation_is_retried_but_not_with_it():
    invoice = {"id": 12, "external_reference": "x"}
    script = Script(err(500), ok(invoice))
    c, _ = client(script)
    c.update_supplier_invoice(12, {"invoice_number": "F-2"})
    assert len(script.requests) == 2
    script = Script(err(500), ok(invoice))
    c, _ = client(script)
    with pytest.raises(e.OutcomeUnknownError):
        c.update_supplier_invoice(12, {"invoice_lines": {"create": [
            {"label": "l", "currency_amount": "12.00", "currency_tax": "2.00", "vat_rate": "FR_200"}]}})
    assert len(script.requests) == 1


# -- pagination and filters ---------------------------------------------------------------------

def test_encode_filter():
    from datetime import date

    text = encode_filter([("external_reference", "eq", "abc"), {"field": "id", "operator": "in", "value": [1, 2]},
                          ("date", "gteq", date(2025, 1, 2)), ("draft", "eq", False)])
    assert json.loads(text) == [
        {"field": "external_reference", "operator": "eq", "value": "abc"},
        {"field": "id", "operator": "in", "value": ["1", "2"]},
        {"field": "date", "operator": "gteq", "value": "2025-01-02"},
        {"field": "draft", "operator": "eq", "value": "false"}]
    assert encode_filter(None) is None and encode_filter([]) is None


def test_pagination_resends_filter_and_sort_on_every_page():
    pages = [
        ok({"items": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}], "has_more": True, "next_cursor": "c1"}),
        ok({"items": [{"id": 3, "name": "C"}], "has_more": True, "next_cursor": "c2"}),
        ok({"items": [{"id": 4, "name": "D"}], "has_more": False, "next_cursor": None}),
    ]
    script = Script(*pages)
    c, _ = client(script)
    items = list(c.paginate("/suppliers", {"x": "1"}, filter=[("name", "start_with", "A")], sort="id"))
    assert [i["id"] for i in items] == [1, 2, 3, 4]
    expected_filter = '[{"field":"name","operator":"start_with","value":"A"}]'
    for n, req in enumerate(script.requests):
        q = req.url.params
        assert q["filter"] == expected_filter and q["sort"] == "id" and q["limit"] == "100" and q["x"] == "1"
        assert q.get("cursor") == [None, "c1", "c2"][n]


def test_pagination_stops_on_a_repeated_cursor_or_bare_list():
    script = Script(default=ok({"items": [{"id": 1}], "has_more": True, "next_cursor": "same"}))
    c, _ = client(script)
    assert len(list(c.paginate("/customers"))) == 2 and len(script.requests) == 2
    c, _ = client(Script(ok([{"id": 1}, {"id": 2}])))
    assert len(list(c.paginate("/x"))) == 2


def test_find_invoices_filters():
    empty = ok({"items": [], "has_more": False, "next_cursor": None})
    script = Script(empty, empty, ok({"items": [customer_invoice()], "has_more": False, "next_cursor": None}))
    c, _ = client(script)
    assert list(c.find_supplier_invoices(external_reference="ref-1")) == []
    assert list(c.find_supplier_invoices(invoice_number="F-1", date="2025-01-02", counterpart_id=4)) == []
    found = list(c.find_customer_invoices(external_reference="ext-1", counterpart_id=3))
    assert found[0].id == 900
    f = [json.loads(r.url.params["filter"]) for r in script.requests]
    assert f[0] == [{"field": "external_reference", "operator": "eq", "value": "ref-1"}]
    assert f[1] == [{"field": "invoice_number", "operator": "eq", "value": "F-1"},
                    {"field": "date", "operator": "eq", "value": "2025-01-02"},
                    {"field": "supplier_id", "operator": "eq", "value": "4"}]
    assert {"field": "customer_id", "operator": "eq", "value": "3"} in f[2]
    assert script.requests[2].url.path.endswith("/customer_invoices")


def test_listing_endpoints():
    def page(*items):
        return ok({"items": list(items), "has_more": False, "next_cursor": None})

    script = Script(
        page({"id": 1, "number": "411000", "label": "Clients", "vat_rate": "any", "enabled": True}),
        page({"id": 2, "label": "Conseil", "price_before_tax": "100.00", "vat_rate": "FR_200"}),
        page({"id": 3, "label": "Axe", "categories": {"url": "u"}}),
        page({"id": 4, "label": "Paris", "category_group": {"id": 3}, "direction": None}),
        page({"id": 5, "customer_type": "individual", "first_name": "Jean", "last_name": "Dupont"}),
        page({"id": 6, "label": "x", "currency_amount": "12.00", "vat_rate": "FR_200", "quantity": "2.0"}),
    )
    c, _ = client(script)
    assert next(c.ledger_accounts("411")).number == "411000"
    assert script.requests[0].url.params["limit"] == "1000"
    assert json.loads(script.requests[0].url.params["filter"]) == [
        {"field": "number", "operator": "start_with", "value": "411"}]
    assert next(c.products()).price_before_tax == Decimal("100.00")
    assert next(c.category_groups()).categories.url == "u"
    assert next(c.categories(group_id=3)).category_group.id == 3
    assert next(c.customers()).last_name == "Dupont"
    assert c.customer_invoice_lines(900)[0].quantity == Decimal("2.0")


# -- uploads ------------------------------------------------------------------------------------

def _pdf(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "facture été.pdf"
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.write(b"\x00\x01" * ((size - 9) // 2) + b"\x00" * ((size - 9) % 2))
    return path


def test_upload_streams_multipart_with_progress(tmp_path):
    path = _pdf(tmp_path, 3 * UPLOAD_CHUNK + 123)
    script = Script(ok(ATTACHMENT, 201))
    c, _ = client(script)
    seen: list[tuple[int, int]] = []
    att = c.upload_file(path, progress=lambda s, t: seen.append((s, t)))
    assert att.id == 55
    req, body = script.requests[0], script.bodies[0]
    assert req.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert int(req.headers["Content-Length"]) == len(body)  # not chunked
    assert "Transfer-Encoding" not in req.headers
    assert b'name="filename"\r\n\r\nfacture \xc3\xa9t\xc3\xa9.pdf\r\n' in body
    assert b'name="file"; filename="facture' in body and b"Content-Type: application/pdf" in body
    assert path.read_bytes() in body
    total = path.stat().st_size
    assert seen[-1] == (total, total)
    assert all(b > a for (a, _), (b, _) in zip(seen, seen[1:]))
    steps = [b - a for (a, _), (b, _) in zip([(0, 0)] + seen, seen)]
    assert max(steps) <= UPLOAD_CHUNK  # never more than a chunk in memory


def test_upload_can_be_cancelled(tmp_path):
    path = _pdf(tmp_path, 5 * UPLOAD_CHUNK)
    script = Script(default=ok(ATTACHMENT, 201))
    c, _ = client(script)
    stop = threading.Event()
    seen: list[int] = []

    def progress(sent, total):
        seen.append(sent)
        stop.set()

    with pytest.raises(e.Cancelled):
        c.upload_file(path, progress=progress, cancelled=stop.is_set)
    assert seen == [UPLOAD_CHUNK] and script.requests == []  # aborted while the body was being read
    stop.set()
    with pytest.raises(e.Cancelled):
        c.upload_file(path, cancelled=stop.is_set)  # cancelled before it even started


def test_upload_is_retried_from_the_start(tmp_path):
    path = _pdf(tmp_path, 2 * UPLOAD_CHUNK)
    script = Script(err(503), httpx.ReadTimeout("slow"), ok(ATTACHMENT, 201))
    c, _ = client(script)
    seen: list[int] = []
    c.upload_file(path, "x.pdf", progress=lambda s, t: seen.append(s))
    assert len(script.requests) == 3
    assert all(path.read_bytes() in body for body in script.bodies)  # the whole file, every time
    assert seen.count(path.stat().st_size) == 3 and seen[0] == UPLOAD_CHUNK


def test_upload_over_100_mb_is_refused_before_sending(tmp_path):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as fh:
        fh.truncate(100 * 1024 * 1024 + 1)  # sparse
    script = Script()
    c, _ = client(script)
    with pytest.raises(e.RejectedError) as info:
        c.upload_file(path)
    assert info.value.code == "FileTooLarge" and "100" in info.value.text.fr and script.requests == []


def test_e_invoice_import_parts(tmp_path):
    path = _pdf(tmp_path, 1000)
    script = Script(ok({"id": 77, "url": "u"}, 201), err(500))
    c, _ = client(script)
    res = c.import_supplier_e_invoice(path, {"supplier_id": 4, "invoice_lines": [
        {"e_invoice_line_id": "1", "ledger_account_id": 60}]})
    assert res.id == 77
    body = script.bodies[0]
    assert b'name="invoice_options"\r\nContent-Type: application/json\r\n\r\n{"supplier_id": 4' in body
    assert script.requests[0].url.path.endswith("/supplier_invoices/e_invoices/imports")
    with pytest.raises(e.OutcomeUnknownError):
        c.import_customer_e_invoice(path)
    assert len(script.requests) == 2


# -- secrets never reach a log -----------------------------------------------------------------

def test_no_token_in_debug_logs(caplog, tmp_path):
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    token = RotatingToken(["first-SECRET-token-1111", "second-SECRET-token-2222"])
    script = Script(err(401), ok(ME), err(500), httpx.ReadTimeout("t"), ok(ME), err(403),
                    ok(ATTACHMENT, 201), err(500), ok({"items": [], "has_more": False, "next_cursor": None}))
    c, _ = client(script, token=token)
    c.me()
    c.me()
    with pytest.raises(e.ScopeError):
        c.me()
    c.upload_file(_pdf(tmp_path, 5000))
    with pytest.raises(e.OutcomeUnknownError) as info:
        c.import_customer_invoice(import_body())
    list(c.find_customer_invoices(external_reference="x"))
    assert len(caplog.records) >= 8, "the client logs its requests at DEBUG"
    assert "SECRET" not in caplog.text
    assert "SECRET" not in repr(info.value) and "SECRET" not in str(info.value)


def test_redaction_filter_on_handlers():
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Keep()
    install_log_redaction(handler)
    log = logging.getLogger("some.other.library")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        from app.pennylane.logsafe import remember_secret

        remember_secret("raw-SECRET-value-9999")
        log.debug("sending headers %s", {"Authorization": "Bearer abc.def-ghi"})
        log.debug("token=%s", "raw-SECRET-value-9999")
    finally:
        log.removeHandler(handler)
    assert records == ["sending headers {'Authorization': 'Bearer [REDACTED]'}", "token=[REDACTED]"]
    assert RedactingFilter().filter(logging.makeLogRecord({"msg": "bad %s %s", "args": (1,)}))


def test_repr_does_not_leak():
    from app.pennylane.auth import StaticToken

    assert TOKEN not in repr(StaticToken(TOKEN))
    assert StaticToken(f"Bearer {TOKEN}").access_token() == TOKEN
