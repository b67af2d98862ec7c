"""SIREN, SIRET, French VAT numbers and IBANs.

Known values, checked by hand as well as by the code:
* SIREN 732 829 320: Luhn from the right 0 + (2·2=4) + 3 + (9·2=18→9) + 2 + (8·2=16→7) + 2 + (3·2=6)
  + 7 = 40 ≡ 0 (mod 10) → valid; changing the last digit breaks it.
* FR40303265045: 303 265 045 mod 97 = 74 (97 × 3 126 443 = 303 264 971); (12 + 3·74) mod 97 = 234
  mod 97 = 40 → key 40.
* FR44732829320: 732 829 320 mod 97 = 43 (97 × 7 554 941 = 732 829 277); (12 + 129) mod 97 = 44.
* La Poste SIRET 356 000 000 49837: not Luhn-valid, digit sum 3+5+6+4+9+8+3+7 = 45, a multiple of 5.
  Its head office 356 000 000 00048 is Luhn-valid.
* IBANs: the ISO 13616 examples GB82 WEST 1234 5698 7654 32 and DE89 3704 0044 0532 0130 00, and
  the French example FR14 2004 1010 0505 0001 3M02 606.
"""

from __future__ import annotations

import pytest

from app.domain.identifiers import (
    format_iban,
    fr_vat_from_siren,
    fr_vat_key,
    is_valid_fr_vat,
    is_valid_iban,
    is_valid_siren,
    is_valid_siret,
    luhn_ok,
    normalize_iban,
    normalize_vat_number,
    siren_from_siret,
)


@pytest.mark.parametrize("siren", ["732829320", "732 829 320", "303265045", "552100554", "356000000"])
def test_valid_sirens(siren):
    assert is_valid_siren(siren)


@pytest.mark.parametrize("siren", ["732829321", "123456789", "73282932", "7328293200", "ABCDEFGHI", "", None])
def test_invalid_sirens(siren):
    assert not is_valid_siren(siren)


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000000048", "35600000049837"])
def test_valid_sirets(siret):
    assert is_valid_siret(siret)


@pytest.mark.parametrize("siret", ["73282932000075", "35600000049838", "7328293200007", "12345678901234", ""])
def test_invalid_sirets(siret):
    assert not is_valid_siret(siret)


def test_la_poste_rule_only_applies_to_la_poste():
    # 732829320 00004: digit sum 40 (multiple of 5) but not Luhn-valid, and not La Poste.
    assert sum(int(c) for c in "73282932000004") % 5 == 0
    assert not luhn_ok("73282932000004")
    assert not is_valid_siret("73282932000004")


def test_siren_from_siret():
    assert siren_from_siret("732 829 320 00074") == "732829320"
    with pytest.raises(ValueError):
        siren_from_siret("123")


def test_fr_vat_numbers():
    assert fr_vat_key("303265045") == "40"
    assert fr_vat_from_siren("303265045") == "FR40303265045"
    assert fr_vat_from_siren("732 829 320") == "FR44732829320"
    assert is_valid_fr_vat("FR40303265045")
    assert is_valid_fr_vat("fr 40 303 265 045")
    assert is_valid_fr_vat("FR44732829320")
    assert not is_valid_fr_vat("FR41303265045")  # wrong key
    assert not is_valid_fr_vat("FR40303265046")  # invalid SIREN
    assert not is_valid_fr_vat("DE123456789")
    assert not is_valid_fr_vat("FRXX303265045")
    assert not is_valid_fr_vat(None)
    with pytest.raises(ValueError):
        fr_vat_from_siren("123456789")


def test_normalize_vat_number():
    assert normalize_vat_number(" fr 40.303.265.045 ") == "FR40303265045"
    assert normalize_vat_number("de-123456789") == "DE123456789"
    assert normalize_vat_number(None) == ""


@pytest.mark.parametrize(
    "iban",
    [
        "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "fr14 2004 1010 0505 0001 3m02 606",
        "FR7630006000011234567890189",
    ],
)
def test_valid_ibans(iban):
    assert is_valid_iban(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "GB82WEST12345698765433",  # check digits off
        "DE89370400440532013001",
        "FR1420041010050500013M0260",  # one character short for FR
        "XX00",
        "",
        None,
        "FR14-2004-1010-0505-0001-3M02-6O6",  # letter O instead of zero
    ],
)
def test_invalid_ibans(iban):
    assert not is_valid_iban(iban)


def test_iban_normalize_and_format():
    assert normalize_iban(" fr76 3000-6000 0112 3456 7890 189 ") == "FR7630006000011234567890189"
    assert format_iban("FR7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"
