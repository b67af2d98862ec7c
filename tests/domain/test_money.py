"""Money: parsing what people type, half-up rounding, API strings, display."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.money import AmountError, format_amount, format_money, parse_amount, round_money, to_api
from app.domain.text import Text


@pytest.mark.parametrize(
    "typed, value",
    [
        ("1 234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),  # narrow no-break space (French typography)
        ("1\u00a0234,56", "1234.56"),  # no-break space
        ("1 234 567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1'234.56", "1234.56"),
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.50", "12.50"),
        ("0,99", "0.99"),
        (",5", "0.5"),
        ("1234.50", "1234.50"),
        ("12 €", "12"),
        ("€12.30", "12.30"),
        ("12,30€", "12.30"),
        ("EUR 1 000,00", "1000.00"),
        ("1 000,00 eur", "1000.00"),
        ("-12,50", "-12.50"),
        ("−12,50", "-12.50"),  # U+2212 minus sign
        ("- 12,50 €", "-12.50"),
        ("-€12.50", "-12.50"),
        ("12,50-", "-12.50"),
        ("(12,50)", "-12.50"),
        ("(1 234,56 €)", "-1234.56"),
        ("+3", "3"),
        ("  7,00  ", "7.00"),
        # The ambiguous single separator is a decimal separator (documented rule 3).
        ("1,234", "1.234"),
        ("1.234", "1.234"),
    ],
)
def test_parse_amount(typed, value):
    parsed = parse_amount(typed)
    assert parsed == Decimal(value)
    assert isinstance(parsed, Decimal)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "€", "abc", "12 34", "1.23.4", "1,2,3.4", "12,", "1e5", "NaN", "Infinity", "--1", "1,234,56.7.8",
     "١٢", "12..5", "1 234 56", "(12", "1-2", "0x10", "12 %"],
)  # fmt: skip
def test_garbage_is_refused_with_a_bilingual_reason(typed):
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error.text, Text) and error.text.fr and error.text.en
    assert error.text.fr != error.text.en


def test_grouping_errors_say_why():
    with pytest.raises(AmountError) as caught:
        parse_amount("12 34")
    assert "trois" in caught.value.text.fr and "three" in caught.value.text.en


def test_parse_refuses_non_strings():
    with pytest.raises(TypeError):
        parse_amount(12.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, places, rounded",
    [
        ("0.125", 2, "0.13"),  # half-even would give 0.12
        ("0.135", 2, "0.14"),
        ("2.675", 2, "2.68"),
        ("-0.125", 2, "-0.13"),  # ties away from zero: symmetric for credit notes
        ("0.124999", 2, "0.12"),
        ("-0.001", 2, "0.00"),  # never "-0.00"
        ("12", 2, "12.00"),
        ("1.23456789", 6, "1.234568"),
        ("0.33335", 4, "0.3334"),
        ("123456789012345678901234567890.005", 2, "123456789012345678901234567890.01"),
    ],
)
def test_round_money_is_half_up(value, places, rounded):
    result = round_money(Decimal(value), places)
    assert result == Decimal(rounded)
    assert str(result) == rounded


def test_round_money_refuses_floats():
    with pytest.raises(TypeError):
        round_money(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, places, api",
    [
        ("1234.5", 2, "1234.50"),
        ("1E+3", 2, "1000.00"),
        ("0", 2, "0.00"),
        ("-0", 2, "0.00"),
        ("-12.345", 2, "-12.35"),
        ("0.0000001", 2, "0.00"),
        ("1E-7", 6, "0.000000"),
        ("10.0055", 6, "10.005500"),
    ],
)
def test_to_api(value, places, api):
    assert to_api(Decimal(value), places) == api


@pytest.mark.parametrize(
    "value, fr, en",
    [
        ("1234.56", "1\u202f234,56", "1,234.56"),
        ("0", "0,00", "0.00"),
        ("-1234567.891", "-1\u202f234\u202f567,89", "-1,234,567.89"),
        ("999.995", "1\u202f000,00", "1,000.00"),
        ("12.5", "12,50", "12.50"),
    ],
)
def test_format_amount(value, fr, en):
    assert format_amount(Decimal(value), "fr") == fr
    assert format_amount(Decimal(value), "en") == en


def test_format_amount_follows_the_current_language():
    from app.domain.text import current_language, set_language

    before = current_language()
    try:
        set_language("fr")
        assert format_amount(Decimal("1000")) == "1\u202f000,00"
        set_language("en")
        assert format_amount(Decimal("1000")) == "1,000.00"
    finally:
        set_language(before)


def test_format_money():
    assert format_money(Decimal("120"), "EUR", "fr") == "120,00\u00a0€"
    assert format_money(Decimal("120"), "EUR", "en") == "€120.00"
    assert format_money(Decimal("-5"), "EUR", "en") == "-€5.00"
    assert format_money(Decimal("5"), "CHF", "en") == "CHF\u00a05.00"
    assert format_money(Decimal("5"), "CHF", "fr") == "5,00\u00a0CHF"
