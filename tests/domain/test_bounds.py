"""Bounds on numbers and strings read from files (app.domain.bounds)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.domain.bounds import OutOfBounds, clean_string, read_number, read_string


@pytest.mark.parametrize("text, expected", [
    ("1200.00", D("1200.00")), ("12,50", D("12.50")), (" -3 ", D("-3")), ("1E3", D("1E3")),
    ("0.000000001", D("1E-9")), ("999999999999.99", D("999999999999.99")), ("-0", D("0")), ("+.5", D(".5")),
])  # fmt: skip
def test_numbers_within_bounds(text, expected):
    assert read_number(text) == expected


@pytest.mark.parametrize("text", [
    "1E999999999", "1E-999999999", "1E99999999", "1e400", "1E999999", "NaN", "Infinity", "-inf", "sNaN",
    "123456789012345678901234567890.12",  # 32 digits
    "1000000000000",  # 10^12
    "0.0000000001",  # 10^-10
    "١٢٠.٠٠",  # Arabic-Indic digits, which Decimal() itself accepts
    "1" * 41, "1.234.56", "", "12 34", "0x10",
])  # fmt: skip
def test_numbers_out_of_bounds_are_refused_with_a_reason(text):
    with pytest.raises(OutOfBounds) as info:
        read_number(text, "GrandTotalAmount")
    assert "GrandTotalAmount" in info.value.text.fr and "GrandTotalAmount" in info.value.text.en
    assert len(info.value.text.en) < 300  # the reason never carries the whole value


def test_strings_are_cleaned_and_bounded():
    assert clean_string("F-1\x1b[2J\x1b[31m\nred\u202efdp") == "F-1 [2J [31m red fdp"
    assert read_string("  Conseil   Durand ", 255) == "Conseil Durand"
    assert read_string("x" * 255, 255) == "x" * 255
    for value in ("x" * 256, "x" * 2_000_000):
        with pytest.raises(OutOfBounds) as info:
            read_string(value, 255, "ID")
        assert f"{len(value)}" in info.value.text.en and "255" in info.value.text.fr
