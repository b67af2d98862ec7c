"""VAT codes: the list equals Pennylane's enum, rates, labels, aliases, suggestions, mapping."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.currency import CURRENCIES, is_supported_currency
from app.domain.vat import (
    VAT_CODE_LIST,
    VAT_CODES,
    UnknownVatCode,
    code_for_rate,
    normalize_vat_code,
    tax_for,
)

from tests.shared_files import OPENAPI_PATH as OPENAPI  # noqa: E402
from tests.shared_files import openapi_document  # noqa: E402


@pytest.fixture(scope="module")
def openapi() -> dict:
    if not OPENAPI.exists():
        pytest.skip("the shared OpenAPI document is not present")
    return openapi_document()


def test_the_codes_are_exactly_pennylanes_enum(openapi):
    enum = openapi["components"]["schemas"]["VatRateWithMixed"]["enum"]
    assert len(enum) == 172
    assert set(VAT_CODES) == set(enum)
    assert list(VAT_CODE_LIST) == enum


def test_the_currencies_are_exactly_pennylanes_enum(openapi):
    body = openapi["paths"]["/api/external/v2/customer_invoices/import"]["post"]["requestBody"]
    enum = body["content"]["application/json"]["schema"]["properties"]["currency"]["enum"]
    assert list(CURRENCIES) == enum
    assert len(CURRENCIES) == 168


def test_172_codes_without_the_invalid_ones():
    assert len(VAT_CODES) == 172
    for invalid in ("FR_055", "FR_021", "any"):
        assert invalid not in VAT_CODES


@pytest.mark.parametrize(
    "code, rate",
    [
        ("FR_200", "20"),
        ("FR_100", "10"),
        ("FR_55", "5.5"),
        ("FR_21", "2.1"),
        ("FR_09", "0.9"),
        ("FR_1_05", "1.05"),
        ("FR_1_75", "1.75"),
        ("FR_15_385", "15.385"),
        ("FR_196", "19.6"),
        ("CH_77", "7.7"),
        ("IE_135", "13.5"),
        ("DE_190_BU0003", "19"),
        ("DE_70_BU0008", "7"),
        ("MC_200", "20"),
        ("exempt", "0"),
        ("extracom", "0"),
        ("crossborder", "0"),
        ("DE_exempt_BU0001", "0"),
        ("DE_extracom_BU0173", "0"),
    ],
)
def test_rates_charged_on_the_invoice(code, rate):
    assert VAT_CODES[code].rate == Decimal(rate)
    assert not VAT_CODES[code].reverse_charge


@pytest.mark.parametrize(
    "code, nominal",
    [
        ("intracom_21", "2.1"),
        ("intracom_55", "5.5"),
        ("intracom_85", "8.5"),
        ("intracom_100", "10"),
        ("FR_200_construction", "20"),
        ("FR_85_construction", "8.5"),
        ("DE_intracom_190_BU0013", "19"),
        ("DE_190_construction_BU0094", "19"),
        ("DE_70_construction_BU0091", "7"),
    ],
)
def test_reverse_charge_codes_put_no_tax_on_the_invoice(code, nominal):
    vat = VAT_CODES[code]
    assert vat.reverse_charge and vat.rate == 0
    assert vat.self_assessed_rate == Decimal(nominal) == vat.nominal_rate
    assert tax_for(Decimal("100"), code) == Decimal("0.00")


def test_mixed_has_no_rate():
    assert VAT_CODES["mixed"].rate is None
    with pytest.raises(ValueError):
        tax_for(Decimal("100"), "mixed")


def test_every_code_has_both_labels_and_a_sane_rate():
    for code, vat in VAT_CODES.items():
        assert vat.code == code
        assert vat.label.fr and vat.label.en and vat.label.fr != vat.label.en or code == "mixed"
        assert vat.rate is None or Decimal(0) <= vat.rate <= Decimal(30)
        if vat.country:
            assert code.upper().startswith(vat.country)


def test_labels():
    assert VAT_CODES["FR_200"].label.fr == "TVA 20\u00a0% (France)"
    assert VAT_CODES["FR_200"].label.en == "VAT 20% (France)"
    assert VAT_CODES["FR_55"].label.fr == "TVA 5,5\u00a0% (France)"
    assert VAT_CODES["FR_55"].label.en == "VAT 5.5% (France)"
    assert VAT_CODES["exempt"].label.fr.startswith("Exonéré")
    assert VAT_CODES["exempt"].label.en.startswith("VAT exempt")


@pytest.mark.parametrize(
    "typed, code",
    [
        ("FR_200", "FR_200"),
        ("fr_200", "FR_200"),
        ("  FR_55 ", "FR_55"),
        ("FR_055", "FR_55"),
        ("FR_021", "FR_21"),
        ("fr_021", "FR_21"),
        ("FR-200", "FR_200"),
        ("fr 55", "FR_55"),
        ("FR_09", "FR_09"),
        ("de_intracom_190_bu0013", "DE_intracom_190_BU0013"),
        ("20 %", "FR_200"),
        ("20%", "FR_200"),
        ("20", "FR_200"),
        ("20,0 %", "FR_200"),
        ("0.2", "FR_200"),
        ("0,2", "FR_200"),
        ("TVA 20 %", "FR_200"),
        ("20\u00a0%", "FR_200"),
        ("5,5 %", "FR_55"),
        ("5.5%", "FR_55"),
        ("0.055", "FR_55"),
        ("10 %", "FR_100"),
        ("2,1 %", "FR_21"),
        ("0,9 %", "FR_09"),
        ("0.9", "FR_09"),
        ("19,6 %", "FR_196"),
        ("DE 19 %", "DE_190"),
        ("19 % DE", "DE_190"),
        ("exonéré", "exempt"),
        ("Exonéré", "exempt"),
        ("exonere", "exempt"),
        ("exempt", "exempt"),
        ("EXEMPT", "exempt"),
        ("0 %", "exempt"),
        ("0", "exempt"),
        ("export", "extracom"),
        ("mixte", "mixed"),
    ],
)
def test_aliases(typed, code):
    assert normalize_vat_code(typed) == code


@pytest.mark.parametrize(
    "typed, expected_first",
    [
        ("FR_20", "FR_200"),
        ("FR_2000", "FR_200"),
        ("19 %", "FR_196"),
        ("intracom_200", "intracom_100"),
    ],
)
def test_unknown_codes_name_the_nearest(typed, expected_first):
    with pytest.raises(UnknownVatCode) as caught:
        normalize_vat_code(typed)
    error = caught.value
    assert error.suggestions and error.suggestions[0] == expected_first
    assert all(s in VAT_CODES for s in error.suggestions)
    assert expected_first in error.text.fr and expected_first in error.text.en
    assert isinstance(error, ValueError)


def test_families_are_refused_with_the_family():
    with pytest.raises(UnknownVatCode) as caught:
        normalize_vat_code("autoliquidation")
    assert "intracom_55" in caught.value.suggestions
    assert "FR_200_construction" in caught.value.suggestions
    with pytest.raises(UnknownVatCode):
        normalize_vat_code("any")


def test_garbage_gets_the_common_codes():
    with pytest.raises(UnknownVatCode) as caught:
        normalize_vat_code("xyz")
    assert caught.value.suggestions[0] == "FR_200"


@pytest.mark.parametrize(
    "rate, country, category, code",
    [
        ("20", "FR", "S", "FR_200"),
        ("20.00", "FR", "S", "FR_200"),
        ("5.5", "FR", "S", "FR_55"),
        ("10", "FR", "S", "FR_100"),
        ("2.1", "FR", "S", "FR_21"),
        ("19", "DE", "S", "DE_190"),
        ("7.7", "CH", "S", "CH_77"),
        ("19", "FR", "S", None),
        ("0", "FR", "S", "exempt"),
        ("0", "FR", "E", "exempt"),
        ("0", "FR", "Z", "exempt"),
        ("0", "FR", "O", "exempt"),
        ("0", "FR", "G", "extracom"),
        ("0", "ES", "L", "extracom"),
        ("0", "ES", "M", "extracom"),
        ("5.5", "FR", "K", "intracom_55"),
        ("10", "FR", "K", "intracom_100"),
        ("20", "FR", "K", None),
        ("0", "FR", "K", None),
        ("20", "FR", "AE", "FR_200_construction"),
        ("0", "FR", "AE", "crossborder"),
        ("19", "DE", "AE", "crossborder"),
        ("20", "FR", "XX", None),
    ],
)
def test_code_for_rate(rate, country, category, code):
    assert code_for_rate(Decimal(rate), country, category) == code


@pytest.mark.parametrize(
    "base, code, tax",
    [
        ("100", "FR_200", "20.00"),
        ("10.03", "FR_55", "0.55"),  # 0.55165
        ("0.10", "FR_55", "0.01"),  # 0.0055 → half-up
        ("12.50", "FR_21", "0.26"),  # 0.2625
        ("-12.50", "FR_21", "-0.26"),  # symmetric for credit notes
        ("33.33", "FR_200", "6.67"),  # 6.666
        ("100", "exempt", "0.00"),
        ("100", "fr_200", "20.00"),
    ],
)
def test_tax_for(base, code, tax):
    assert tax_for(Decimal(base), code) == Decimal(tax)


def test_currency_support():
    assert CURRENCIES[0] == "EUR"
    assert is_supported_currency("eur") and is_supported_currency("HRK")
    assert not is_supported_currency("XYZ") and not is_supported_currency(None)
