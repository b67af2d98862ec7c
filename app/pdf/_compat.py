"""Bridges to ``app.domain`` helpers, with tiny private fallbacks while they are being written.

The domain layer (identifiers, money, VAT codes) is built in parallel; each helper here uses the
domain version when it is importable and a minimal local one otherwise, so app/pdf never breaks.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = re.compile(r"\D+")


def _digits(value: str) -> str:
    return _DIGITS.sub("", value or "")


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# --- identifiers -------------------------------------------------------------------------------

def _fb_normalize_siren(value: str) -> str:
    return _digits(value)


def _fb_is_valid_siren(value: str) -> bool:
    v = _digits(value)
    return len(v) == 9 and v == re.sub(r"\s", "", value or "") and _luhn_ok(v)


def _fb_is_valid_siret(value: str) -> bool:
    v = re.sub(r"\s", "", value or "")
    if len(v) != 14 or not v.isdigit():
        return False
    if v.startswith("356000000"):  # La Poste: sum of digits multiple of 5
        return sum(int(c) for c in v) % 5 == 0
    return _luhn_ok(v)


def _fb_normalize_vat(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def _fb_is_valid_fr_vat(value: str) -> bool:
    v = _fb_normalize_vat(value)
    if not re.fullmatch(r"FR\d{11}", v):
        return False
    key, siren = int(v[2:4]), int(v[4:])
    return key == (12 + 3 * (siren % 97)) % 97


def _fb_normalize_iban(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "").upper()


def _fb_is_valid_iban(value: str) -> bool:
    v = _fb_normalize_iban(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", v):
        return False
    moved = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


try:  # pragma: no cover - depends on the domain layer being there
    from app.domain import identifiers as _ids

    is_valid_siren = _ids.is_valid_siren
    is_valid_siret = _ids.is_valid_siret
    is_valid_fr_vat = _ids.is_valid_fr_vat
    is_valid_iban = _ids.is_valid_iban
    normalize_vat = getattr(_ids, "normalize_vat", None) or getattr(_ids, "normalize_vat_number", _fb_normalize_vat)
    normalize_iban = getattr(_ids, "normalize_iban", _fb_normalize_iban)
    DOMAIN_IDENTIFIERS = True
except (ImportError, AttributeError):
    is_valid_siren = _fb_is_valid_siren
    is_valid_siret = _fb_is_valid_siret
    is_valid_fr_vat = _fb_is_valid_fr_vat
    is_valid_iban = _fb_is_valid_iban
    normalize_vat = _fb_normalize_vat
    normalize_iban = _fb_normalize_iban
    DOMAIN_IDENTIFIERS = False


# --- money -------------------------------------------------------------------------------------

_AMOUNT_CLEAN = re.compile(r"[\s\u00a0\u202f'’€$£]|EUR|USD|GBP|CHF")


def _fb_parse_amount(text: str) -> Decimal | None:
    """'1 234,56 €' / '1,234.56' / '1.234,56' / '-12.5' → Decimal, or None when unsure."""
    if text is None:
        return None
    s = _AMOUNT_CLEAN.sub("", str(text))
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    if s.startswith(("-", "−")):
        neg, s = True, s[1:]
    if s.endswith("-"):
        neg, s = True, s[:-1]
    if not s or not re.fullmatch(r"[\d.,]+", s):
        return None
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        dec = "." if last_dot > last_comma else ","
        thousands = "," if dec == "." else "."
        s = s.replace(thousands, "").replace(dec, ".")
    elif last_comma >= 0:
        if s.count(",") > 1:
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", s):
                return None
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif s.count(".") > 1:
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
            return None
        s = s.replace(".", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if neg else value


parse_amount = _fb_parse_amount
try:  # pragma: no cover
    from app.domain.money import parse_amount as _domain_parse_amount

    def parse_amount(text: str) -> Decimal | None:  # type: ignore[no-redef]
        try:
            value = _domain_parse_amount(text)
        except (ValueError, ArithmeticError, TypeError):
            return None
        return value if isinstance(value, Decimal) else _fb_parse_amount(text)

    DOMAIN_MONEY = True
except ImportError:
    DOMAIN_MONEY = False


# --- VAT codes ---------------------------------------------------------------------------------

_FR_CODES = {
    "1.05": "FR_1_05", "1.75": "FR_1_75", "0.9": "FR_09", "2.1": "FR_21", "4": "FR_40", "5": "FR_50",
    "5.5": "FR_55", "6": "FR_60", "6.5": "FR_65", "8.5": "FR_85", "9.2": "FR_92", "10": "FR_100",
    "13": "FR_130", "16": "FR_160", "19.6": "FR_196", "20": "FR_200",
}


def _fb_vat_code(rate: Decimal | None, category: str | None = None) -> str | None:
    cat = (category or "S").upper()
    if cat == "E" or cat == "Z":
        return "exempt"
    if cat == "G":
        return "extracom"
    if cat in ("S", "AA", "AB", "H", "L", "M") and rate is not None:
        key = format(rate.normalize(), "f")
        return _FR_CODES.get(key)
    return None  # K / AE / O: depends on the direction of the invoice; let the user (or domain) decide


def vat_code(rate: Decimal | None, category: str | None = None, country: str | None = None) -> str | None:
    """Pennylane VAT code for a rate (percent), UNCL5305 category and VAT country; None when unsure."""
    try:
        from app.domain.vat import code_for_rate  # imported late: the domain module may land any time
    except ImportError:
        return _fb_vat_code(rate, category)
    try:
        return code_for_rate(rate, country=(country or "FR"), category=(category or "S"))
    except (TypeError, ValueError, KeyError, LookupError, ArithmeticError):
        return _fb_vat_code(rate, category)
