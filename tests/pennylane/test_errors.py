"""Error bodies are parsed defensively and every status maps to an actionable bilingual error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.pennylane import errors as e


@pytest.mark.parametrize(
    "body, message, field, code",
    [
        ({"error": "The access token is invalid", "status": 401}, "The access token is invalid", None, None),
        ({"message": "date is invalid"}, "date is invalid", None, None),
        ({"message": "bad enum", "field": "invoice_lines/0/vat_rate", "code": "NotEnumInclude"},
         "bad enum", "invoice_lines/0/vat_rate", "NotEnumInclude"),
        ({"message": "x", "payload": "{}", "code": "NotExistPropertyDefinition"}, "x", None,
         "NotExistPropertyDefinition"),
        ({"error": "unprocessable_entity", "message": "Missing required field: customer_id",
          "details": {"field": "customer_id", "issue": "is required"}},
         "Missing required field: customer_id (is required)", "customer_id", None),
        ({"error": "Entry lines are not balanced", "status": 422}, "Entry lines are not balanced", None, None),
        ({"status": 500}, None, None, None),
        ({}, None, None, None),
        ({"message": None, "error": None, "details": None}, None, None, None),
        ({"error": {"code": "X"}, "message": 12}, "12", None, "X"),
    ],
)
def test_known_shapes(body, message, field, code):
    parsed = e.parse_error_body(json.dumps(body).encode())
    assert (parsed.message, parsed.field, parsed.code) == (message, field, code)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"Rate limit exceeded. Please retry in 2 seconds.", "Rate limit exceeded. Please retry in 2 seconds."),
        (b"", None),
        (None, None),
        (b"<html><body>502 Bad Gateway</body></html>", None),
        (b"\xff\xfe\x00garbage", "\ufffd\ufffd\x00garbage"),
        (b"[1, 2]", "[1, 2]"),
        (b'[{"message": "first"}]', "first"),
        (b"42", "42"),
        (b'"just a string"', "just a string"),
        (b"{not json", "{not json"),
    ],
)
def test_odd_bodies(raw, message):
    assert e.parse_error_body(raw).message == message


@given(st.binary(max_size=300))
def test_never_raises_on_bytes(raw):
    e.parse_error_body(raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["error", "message", "details", "field", "code", "status", "issue", "x"]), children,
        max_size=5),
    max_leaves=15,
)


@given(json_values)
def test_never_raises_on_any_json(value):
    body = e.parse_error_body(json.dumps(value))
    for status in (400, 401, 403, 404, 409, 422, 429, 500, 418):
        err = e.error_from_status(status, json.dumps(value))
        assert err.text.fr and err.text.en
    assert body.message is None or isinstance(body.message, str)


@pytest.mark.parametrize(
    "message, scope",
    [
        ('Access to this resource requires scope "supplier_invoices:all".', "supplier_invoices:all"),
        ("Access to this resource requires scope \"ledger\".", "ledger"),
        ("requires scopes: customer_invoices:all", "customer_invoices:all"),
        ("Forbidden", None),
        (None, None),
    ],
)
def test_scope_is_parsed(message, scope):
    assert e.parse_scope(message) == scope


@pytest.mark.parametrize(
    "status, cls, retryable",
    [
        (400, e.RejectedError, False),
        (401, e.AuthError, False),
        (403, e.ScopeError, False),
        (404, e.NotFoundError, False),
        (409, e.ConflictError, False),
        (422, e.RejectedError, False),
        (429, e.RateLimitedError, True),
        (500, e.ServerError, True),
        (503, e.ServerError, True),
        (418, e.RejectedError, False),
    ],
)
def test_status_mapping(status, cls, retryable):
    err = e.error_from_status(status, b'{"error": "boom", "status": %d}' % status)
    assert type(err) is cls
    assert err.status == status and err.retryable is retryable
    assert isinstance(err, e.PennylaneError)
    assert err.text.fr != err.text.en


def test_messages_a_person_can_act_on():
    auth = e.error_from_status(401, b'{"error": "The access token is invalid", "status": 401}')
    assert auth.text.fr.startswith("Le jeton n’est plus valide : reconnectez-vous")
    assert "sign in" in auth.text.en
    scope = e.error_from_status(
        403, b'{"error": "Access to this resource requires scope \\"supplier_invoices:all\\".", "status": 403}')
    assert isinstance(scope, e.ScopeError) and scope.scope == "supplier_invoices:all"
    assert scope.text.fr.startswith("Il manque l'autorisation « supplier_invoices:all » à ce jeton : ")
    assert '"supplier_invoices:all"' in scope.text.en
    rejected = e.error_from_status(
        400, b'{"message": "Value not in enum", "field": "invoice_lines/0/vat_rate", "code": "NotEnumInclude"}')
    assert rejected.field == "invoice_lines/0/vat_rate" and rejected.code == "NotEnumInclude"
    assert rejected.api_message == "Value not in enum"
    assert "Value not in enum" in rejected.text.fr and "invoice_lines/0/vat_rate" in rejected.text.en
    unbalanced = e.error_from_status(422, b'{"error": "Entry lines are not balanced", "status": 422}')
    assert "Entry lines are not balanced" in unbalanced.text.fr
    limited = e.error_from_status(429, b"Rate limit exceeded. Please retry in 2 seconds.", retry_after=2)
    assert limited.retry_after == 2 and "2 s" in limited.text.fr
    unknown = e.OutcomeUnknownError(e.outcome_unknown_text("ref-1"), external_reference="ref-1")
    assert "ref-1" in unknown.text.fr and "ref-1" in unknown.text.en and not unknown.retryable


def test_str_follows_the_language():
    from app.domain.text import set_language

    err = e.error_from_status(404, b"")
    try:
        set_language("fr")
        assert str(err) == err.text.fr
        set_language("en")
        assert str(err) == err.text.en
    finally:
        set_language("en")
