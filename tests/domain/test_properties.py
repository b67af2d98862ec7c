"""Property tests (hypothesis): the money parser and the balance rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.balance import check, has_errors, tolerance_for
from app.domain.invoice import CustomerLine, SupplierLine, compute_line, new_draft, with_computed_totals
from app.domain.money import AmountError, format_amount, format_money, parse_amount, round_money
from app.domain.vat import VAT_CODES, tax_for

# Per-test settings (a global profile would leak into other test modules).
fast = settings(max_examples=60, deadline=None)

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False)
cents = st.integers(min_value=-10**14, max_value=10**14).map(lambda n: Decimal(n).scaleb(-2))
languages = st.sampled_from(["fr", "en"])
rated_codes = st.sampled_from(sorted(code for code, vat in VAT_CODES.items() if vat.rate is not None))


@fast
@given(amounts, languages)
def test_parse_after_format_gives_the_rounded_amount(value, language):
    assert parse_amount(format_amount(value, language)) == round_money(value)


@fast
@given(amounts, languages, st.sampled_from(["EUR", "USD", "CHF"]))
def test_parse_reads_formatted_money_too(value, language, currency):
    assert parse_amount(format_money(value, currency, language)) == round_money(value)


@fast
@given(cents, languages)
def test_format_after_parse_is_stable(value, language):
    text = format_amount(value, language)
    assert format_amount(parse_amount(text), language) == text


@fast
@given(st.text(max_size=20))
def test_the_parser_only_ever_raises_amount_error(text):
    try:
        result = parse_amount(text)
    except AmountError as error:
        assert error.text.fr and error.text.en
    else:
        assert isinstance(result, Decimal) and result.is_finite()


@fast
@given(amounts, st.integers(min_value=0, max_value=6))
def test_round_money_is_idempotent_and_close(value, places):
    once = round_money(value, places)
    assert round_money(once, places) == once
    assert abs(once - value) <= Decimal(5).scaleb(-places - 1)
    assert round_money(-value, places) == -once  # symmetric: credit notes round like invoices


@fast
@given(st.integers(min_value=0, max_value=10**12))
def test_round_money_rounds_ties_up(whole_cents):
    tie = Decimal(whole_cents).scaleb(-2) + Decimal("0.005")
    assert round_money(tie) == Decimal(whole_cents + 1).scaleb(-2)
    assert round_money(-tie) == -Decimal(whole_cents + 1).scaleb(-2)


# --- balance -------------------------------------------------------------------------------------

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(1000), places=3)
prices = st.decimals(min_value=Decimal(0), max_value=Decimal(100000), places=6)
bases = st.decimals(min_value=Decimal(0), max_value=Decimal(10**7), places=2)

customer_lines = st.builds(
    lambda q, p, code: compute_line(CustomerLine(quantity=q, unit_price=p, vat_rate=code)),
    quantities,
    prices,
    rated_codes,
)
supplier_lines = st.builds(
    lambda ht, code: compute_line(SupplierLine(amount_before_tax=ht, vat_rate=code)),
    bases,
    rated_codes,
)


@st.composite
def balanced_drafts(draw):
    kind = draw(st.sampled_from(["customer", "supplier"]))
    lines = draw(st.lists(customer_lines if kind == "customer" else supplier_lines, min_size=1, max_size=12))
    credit_note = draw(st.booleans())
    if credit_note:
        negated = []
        for line in lines:
            if kind == "customer":
                negated.append(compute_line(line.model_copy(update={"unit_price": -line.unit_price})))
            else:
                negated.append(compute_line(line.model_copy(update={"amount_before_tax": -line.amount_before_tax})))
        lines = negated
    date = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)))
    draft = new_draft(
        kind,
        counterpart_id=draw(st.integers(min_value=1, max_value=10**9)),
        date=date,
        deadline=date + dt.timedelta(days=draw(st.integers(min_value=0, max_value=120))),
        invoice_number="N-1",
        credit_note=credit_note,
        currency=draw(st.sampled_from(["EUR", "USD", "GBP", "CHF"])),
        lines=lines,
    )
    return with_computed_totals(draft)


@fast
@given(balanced_drafts())
def test_drafts_built_from_computed_lines_balance(draft):
    assert check(draft) == []


@fast
@given(balanced_drafts(), st.sampled_from(["amount_before_tax", "tax", "amount"]), st.data())
def test_perturbing_a_total_beyond_the_tolerance_gives_exactly_the_expected_errors(draft, field, data):
    tolerance = tolerance_for(len(draft.lines))
    extra = data.draw(st.integers(min_value=1, max_value=10**6)).__index__()
    delta = tolerance + Decimal(extra).scaleb(-2)
    # Move away from zero so the total keeps the draft's sign (no sign finding on top).
    if draft.credit_note:
        delta = -delta
    setattr(draft, field, getattr(draft, field) + delta)
    found = check(draft)
    assert {(f.field, f.code) for f in found} == {(field, "lines_sum"), ("amount", "header_ttc")}
    assert all(f.severity.value == "error" for f in found)


@fast
@given(balanced_drafts(), st.data())
def test_shifting_ht_and_ttc_within_the_tolerance_keeps_the_draft_valid(draft, data):
    tolerance_cents = len(draft.lines)
    shift = Decimal(data.draw(st.integers(min_value=-tolerance_cents, max_value=tolerance_cents))).scaleb(-2)
    if (draft.amount + shift < 0 and not draft.credit_note) or (draft.amount + shift > 0 and draft.credit_note):
        shift = -shift
    if (draft.amount_before_tax + shift < 0 and not draft.credit_note) or (
        draft.amount_before_tax + shift > 0 and draft.credit_note
    ):
        shift = Decimal(0)
    draft.amount_before_tax += shift
    draft.amount += shift
    assert not has_errors(check(draft))


@fast
@given(bases, rated_codes)
def test_tax_is_symmetric_and_proportional(base, code):
    assert tax_for(-base, code) == -tax_for(base, code)
    rate = VAT_CODES[code].rate
    assert abs(tax_for(base, code) - base * rate / 100) <= Decimal("0.005")
