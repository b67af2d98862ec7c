"""French company identifiers, VAT numbers and IBANs: normalize and check (pure functions).

* SIREN (9 digits) and SIRET (14 digits = SIREN + 5-digit establishment number) carry a Luhn
  check digit. Exception: La Poste (SIREN 356 000 000) numbers its establishments beyond what Luhn
  allows, so INSEE checks a La Poste SIRET by "the sum of its digits is a multiple of 5"; either
  rule is accepted for SIRETs starting with ``356000000``.
* French VAT number: ``FR`` + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97.
  (Numbers with a letter in the key, given to the few businesses without a SIREN, are not
  checkable and :func:`is_valid_fr_vat` refuses them.)
* IBAN: ISO 13616, country letters, 2 check digits, mod 97 == 1 after moving the first four
  characters to the end; the length is checked for the countries listed in :data:`IBAN_LENGTHS`.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "digits_only",
    "party_siren",
    "luhn_ok",
    "is_valid_siren",
    "is_valid_siret",
    "siren_from_siret",
    "normalize_siren",
    "normalize_siret",
    "normalize_vat_number",
    "is_valid_fr_vat",
    "fr_vat_key",
    "fr_vat_from_siren",
    "normalize_iban",
    "is_valid_iban",
    "format_iban",
    "LA_POSTE_SIREN",
    "IBAN_LENGTHS",
]

LA_POSTE_SIREN = "356000000"

# SEPA countries and a few neighbours (ISO 13616 registry).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "VA": 22, "MU": 30, "MA": 28, "TN": 24,
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-_/\u00a0\u202f]")


def digits_only(value: str | None) -> str:
    """``"732 829 320"`` → ``"732829320"``: drops spaces, dots, dashes (not letters)."""
    return _SEPARATORS.sub("", value or "")


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit() or not digits.isascii():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def normalize_siren(value: str | None) -> str:
    return digits_only(value)


def normalize_siret(value: str | None) -> str:
    return digits_only(value)


def is_valid_siren(value: str | None) -> bool:
    s = digits_only(value)
    return len(s) == 9 and luhn_ok(s)


def is_valid_siret(value: str | None) -> bool:
    s = digits_only(value)
    if len(s) != 14 or not s.isdigit() or not s.isascii():
        return False
    if luhn_ok(s):
        return True
    return s.startswith(LA_POSTE_SIREN) and sum(int(c) for c in s) % 5 == 0


def siren_from_siret(value: str | None) -> str:
    """The first nine digits of a SIRET (after removing separators)."""
    s = digits_only(value)
    if len(s) != 14 or not s.isdigit():
        raise ValueError(f"not a SIRET: {value!r}")
    return s[:9]


def normalize_vat_number(value: str | None) -> str:
    """``"fr 40 303.265.045"`` → ``"FR40303265045"``."""
    return digits_only(value).upper()


def fr_vat_key(siren: str) -> str:
    """The two-digit key of a French VAT number for ``siren``."""
    s = digits_only(siren)
    if len(s) != 9 or not s.isdigit():
        raise ValueError(f"not a SIREN: {siren!r}")
    return f"{(12 + 3 * (int(s) % 97)) % 97:02d}"


def fr_vat_from_siren(siren: str) -> str:
    """``"303265045"`` → ``"FR40303265045"``. Raises ``ValueError`` for an invalid SIREN."""
    s = digits_only(siren)
    if not is_valid_siren(s):
        raise ValueError(f"not a valid SIREN: {siren!r}")
    return f"FR{fr_vat_key(s)}{s}"


def is_valid_fr_vat(value: str | None) -> bool:
    v = normalize_vat_number(value)
    if not re.fullmatch(r"FR\d{11}", v):
        return False
    key, siren = v[2:4], v[4:]
    return is_valid_siren(siren) and fr_vat_key(siren) == key


def normalize_iban(value: str | None) -> str:
    """``"fr76 3000 6000 0112 3456 7890 189"`` → ``"FR7630006000011234567890189"``."""
    return re.sub(r"[\s\-.\u00a0\u202f]", "", value or "").upper()


def is_valid_iban(value: str | None) -> bool:
    v = normalize_iban(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", v):
        return False
    expected = IBAN_LENGTHS.get(v[:2])
    if expected is not None and len(v) != expected:
        return False
    moved = v[4:] + v[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def format_iban(value: str | None) -> str:
    """Groups of four for display: ``"FR76 3000 6000 0112 3456 7890 189"``."""
    v = normalize_iban(value)
    return " ".join(v[i : i + 4] for i in range(0, len(v), 4))


def party_siren(party: Any) -> str | None:
    """The SIREN a party's identifiers name: its SIREN or SIRET, else a French VAT number's."""
    if party is None:
        return None
    for attr in ("siren", "siret"):
        digits = re.sub(r"\D", "", getattr(party, attr, None) or "")
        if len(digits) in (9, 14):
            return digits[:9]
    vat = re.sub(r"[^0-9A-Z]", "", (getattr(party, "vat_number", None) or "").upper())
    if vat.startswith("FR") and len(vat) == 13 and vat[4:].isdigit():
        return vat[4:]
    return None
