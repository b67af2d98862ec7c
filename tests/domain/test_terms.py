"""app.domain.terms: a company's usual payment terms and the one "end of month" rule."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.terms import PaymentTerms, end_of_month


@pytest.mark.parametrize(
    ("terms", "issued", "due"),
    [
        (PaymentTerms.on_receipt(), date(2026, 3, 15), date(2026, 3, 15)),
        (PaymentTerms(30), date(2026, 3, 15), date(2026, 4, 14)),
        (PaymentTerms(30, True), date(2026, 3, 15), date(2026, 4, 30)),
        (PaymentTerms(45, True), date(2026, 1, 10), date(2026, 2, 28)),  # February, not a leap year
        (PaymentTerms(45, True), date(2026, 1, 15), date(2026, 3, 31)),  # 1 March: the end of March
        (PaymentTerms(45, True), date(2024, 1, 15), date(2024, 2, 29)),  # leap year
        (PaymentTerms(30, True), date(2026, 11, 20), date(2026, 12, 31)),  # December
        (PaymentTerms(30, True), date(2026, 12, 15), date(2027, 1, 31)),  # over the year's end
        (PaymentTerms(0, True), date(2026, 2, 3), date(2026, 2, 28)),  # "fin de mois"
        (PaymentTerms(366), date(2024, 1, 1), date(2025, 1, 1)),
    ],
)
def test_due_dates(terms, issued, due):
    assert terms.due(issued) == due


def test_end_of_month_of_every_month():
    assert [end_of_month(date(2024, m, 10)).day for m in range(1, 13)] == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


@pytest.mark.parametrize("days", [-1, 367, 10**9, True, "30", 30.0, None])
def test_days_out_of_bounds_or_not_whole_are_refused(days):
    with pytest.raises(ValueError):
        PaymentTerms(days)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [None, [], "30", {"days": "30"}, {"days": 30.5}, {"days": -5}, {"days": 400}, {"days": True},
     {"days": 30, "end_of_month": "yes"}, {"days": 10**40}, {"end_of_month": True}],
)
def test_settings_values_that_are_not_terms_give_none(value):
    assert PaymentTerms.from_json(value) is None


def test_json_round_trip():
    terms = PaymentTerms(45, True)
    assert PaymentTerms.from_json(terms.to_json()) == terms
    assert PaymentTerms.from_json({"days": 0}) == PaymentTerms.on_receipt()


def test_the_reader_s_printed_terms_use_the_same_rule(monkeypatch):
    """'30 jours fin de mois' printed on a page goes through PaymentTerms.due: one rule."""
    from app.pdf.fields import values

    assert values.due_from_terms(["Paiement à 45 jours fin de mois"], date(2024, 1, 15)) == date(2024, 2, 29)
    calls = []
    real = PaymentTerms.due

    def spy(self, issued):
        calls.append((self, issued))
        return real(self, issued)

    monkeypatch.setattr(PaymentTerms, "due", spy)
    values.due_from_terms(["Règlement à 30 jours fin de mois"], date(2026, 11, 20))
    assert calls == [(PaymentTerms(30, True), date(2026, 11, 20))]
