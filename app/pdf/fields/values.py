"""Values as printed: amounts in every European notation, dates (numeric and with month names in
six languages, day/month order by the document's language), invoice numbers, identifiers (FR/DE VAT
check digits, IBAN), VAT breakdown rows, payment terms. Pure functions over strings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from app.domain.identifiers import IBAN_LENGTHS, is_valid_iban
from app.domain.money import AmountError, parse_amount
from app.domain.terms import PaymentTerms
from app.pdf.extracted import VatBreakdown
from app.pdf.fields.layout import fold


# --- dates -------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "janvier january jan januar jänner janv",
        "fevrier février february feb februar fev févr fevr",
        "mars march mar märz marz",
        "avril april apr avr",
        "mai may",
        "juin june jun juni",
        "juillet july jul juli juil",
        "aout août august aug",
        "septembre september sep sept",
        "octobre october oct oktober okt",
        "novembre november nov",
        "decembre décembre december dec dezember dez déc",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _num
# Dutch, Spanish, Italian
for _num, _names in {1: 'januari enero gennaio', 2: 'februari febrero febbraio', 3: 'maart marzo mrt', 4: 'abril aprile', 5: 'mei mayo maggio', 6: 'junio giugno', 7: 'julio luglio', 8: 'augustus agosto', 9: 'septiembre setiembre settembre', 10: 'oktober octubre ottobre', 11: 'noviembre', 12: 'diciembre dicembre'}.items():
    for _n in _names.split():
        MONTHS.setdefault(_n, _num)

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DATE_PATTERNS = [
    # 2017-11-13
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    # 13/12/2017, 13.12.2017, 13-12-2017, 13/12/17
    ("num", re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")),
    # 02 juillet 2015, 2. Juli 2015, 1er juillet 2015, 2 July 2015, 2nd July 2015
    (
        "dmy",
        re.compile(
            rf"(?<![\w])(\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    # July 2, 2015 / July 2nd 2015
    (
        "mdy",
        re.compile(rf"(?<![\w])({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE),
    ),
]


def _mkdate(y: int, m: int, d: int) -> date | None:
    if y < 100:
        y += 2000
    if not 1990 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _find_dates(line: str) -> list[tuple[int, date]]:
    """All dates in a line, as (position, date), in order."""
    found: list[tuple[int, int, date]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(line):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value: date | None = None
            if kind == "iso":
                value = _mkdate(int(m[1]), int(m[2]), int(m[3]))
            elif kind == "num":
                a, b, y = int(m[1]), int(m[3]), int(m[4])
                value = _mkdate(y, b, a)  # day first
                if value is None:
                    value = _mkdate(y, a, b)  # 12/13/2017: month first
            elif kind == "dmy":
                value = _mkdate(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
            else:
                value = _mkdate(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
            if value is not None:
                found.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    found.sort()
    return [(start, value) for start, _, value in found]


def parse_date(text: str) -> date | None:
    """The single date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][1] if len(dates) == 1 else None


_AMBIGUOUS = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")


def find_dates(text: str, language: str = "fr") -> list[tuple[int, date]]:
    """Dates in ``text`` as (position, date). Numeric dates are day first, except in English
    documents written month first (US): ``04/05/2024`` is 4 May in French, April 5 in en-US only
    when the document says so (a ``$``/USD amount); an impossible day/month order is swapped."""
    found = _find_dates(text)
    if language != "en-us":
        return found
    out = []
    for pos, value in found:
        m = _AMBIGUOUS.match(text, pos)
        if m and int(m[1]) <= 12 and int(m[3]) <= 12:
            try:
                value = date(value.year, int(m[1]), int(m[3]))
            except ValueError:
                pass
        out.append((pos, value))
    return out



# --- amounts -----------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"(?<![\w.,%/-])"
    r"(?:[€$£]\s?)?"
    r"(-?\d{1,3}(?:[ \u202f'.,]\d{3})*(?:[.,]\d{2})|-?\d+(?:[.,]\d{2}))"
    r"(?!\d|[.,]\d|\s?%|/\d)"
)
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s?%")


def _amount(text: str) -> Decimal | None:
    """:func:`app.domain.money.parse_amount`, or None for what is not an amount."""
    try:
        return parse_amount(text)
    except AmountError:
        return None


def amounts_at(text: str) -> list[tuple[int, Decimal]]:
    """The amounts in ``text`` with where each starts (not percentages, not dates, not identifiers)."""
    found = []
    for m in _AMOUNT.finditer(text):
        value = _amount(m.group(1))
        if value is not None:
            found.append((m.start(1), value))
    return found


def amounts_in(text: str) -> list[Decimal]:
    """The amounts in ``text`` (not percentages, not dates, not identifiers)."""
    return [value for _, value in amounts_at(text)]


# --- invoice numbers ---------------------------------------------------------------------------

def good_number(token: str) -> bool:
    if not any(c.isdigit() for c in token) or not 1 <= len(token) <= 40:
        return False
    if _find_dates(token) or token.endswith("%"):
        return False
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})*[.,]\d{2}[€$£]?", token):
        return False  # an amount
    return True


# --- VAT breakdown -----------------------------------------------------------------------------

_VAT_WORD = re.compile(r"tva|t\.v\.a|vat|tax|mwst|ust\b|umsatzsteuer|mehrwertsteuer|taux")
_KNOWN_RATES = {Decimal(x) for x in ("0", "2.1", "5.5", "7", "8.5", "10", "13", "16", "19", "20", "21", "22", "23", "25")}


def _rate(text: str) -> Decimal | None:
    value = _amount(text)
    if value is None or not (0 <= value <= 30):
        return None
    return value


def vat_breakdown(lines: list[str], totals: dict[str, Decimal]) -> list[VatBreakdown]:
    rows: list[VatBreakdown] = []
    rates: list[Decimal] = []
    for line in lines:
        folded = fold(line)
        if not _VAT_WORD.search(folded):
            continue
        for pm in _PERCENT.finditer(line):
            rate = _rate(pm.group(1))
            if rate is None:
                continue
            if rate not in rates:
                rates.append(rate)
            after = amounts_in(line[pm.end():])
            if len(after) >= 2:
                base, tax = abs(after[-2]), abs(after[-1])
                expected = (base * rate / 100).quantize(Decimal("0.01"))
                if abs(expected - tax) <= Decimal("0.01") and base > 0:
                    row = VatBreakdown(vat_rate=rate, category="S", base=base, tax=tax)
                    if all((r.vat_rate, r.base) != (rate, base) for r in rows):
                        rows.append(row)
    if rows:
        if "ht" in totals and sum(r.base for r in rows) != totals["ht"]:
            return []  # the rows do not add up: unsure
        return rows
    known = [r for r in rates if r in _KNOWN_RATES and r > 0]
    if len(known) == 1:
        rate = known[0]
        row = VatBreakdown(vat_rate=rate, category="S")
        if "ht" in totals and "tva" in totals:
            expected = (totals["ht"] * rate / 100).quantize(Decimal("0.01"))
            if abs(expected - totals["tva"]) <= Decimal("0.02"):
                row.base, row.tax = totals["ht"], totals["tva"]
        return [row]
    return []


# --- identifiers -------------------------------------------------------------------------------

_IBAN_START = re.compile(r"(?<![A-Z0-9])([A-Z]{2}) ?(\d{2})[ ]?(?=[A-Z0-9])")


def is_valid_de_vat(value: str) -> bool:
    """German USt-IdNr: DE + 9 digits, ISO 7064 MOD 11,10 check digit."""
    v = re.sub(r"\s", "", value or "").upper()
    if not re.fullmatch(r"DE\d{9}", v):
        return False
    digits = v[2:]
    product = 10
    for ch in digits[:8]:
        total = (int(ch) + product) % 10
        if total == 0:
            total = 10
        product = (2 * total) % 11
    check = 11 - product
    if check == 10:
        check = 0
    return check == int(digits[8])


def find_ibans(line: str) -> list[str]:
    found = []
    for m in _IBAN_START.finditer(line.upper()):
        country = m.group(1)
        rest = line.upper()[m.start():]
        chars = []
        for ch in rest:
            if ch.isalnum():
                chars.append(ch)
            elif ch not in " -":
                break
            if len(chars) >= 34:
                break
        candidate = "".join(chars)
        lengths = [IBAN_LENGTHS[country]] if country in IBAN_LENGTHS else range(min(34, len(candidate)), 14, -1)
        for n in lengths:
            if len(candidate) >= n and is_valid_iban(candidate[:n]):
                found.append(candidate[:n])
                break
    return found


# --- currency and payment terms ----------------------------------------------------------------

def currency_of(text: str) -> str | None:
    counts = {
        "EUR": len(re.findall(r"€|\bEUR\b", text)),
        "GBP": len(re.findall(r"£|\bGBP\b", text)),
        "USD": len(re.findall(r"US\$|\bUSD\b|\$", text)),
        "CHF": len(re.findall(r"\bCHF\b", text)),
    }
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0 or sorted(counts.values())[-2] == counts[best]:
        return None
    return best


# Payment terms printed instead of a due date: "Paiement à 30 jours (fin de mois)", "Net 30",
# "payable within 45 days", "zahlbar innerhalb von 14 Tagen", "à réception" / "upon receipt" / "sofort".
_TERM_DAYS = re.compile(
    r"(?:paiement|reglement|payable|echeance|conditions de paiement|payment terms?|terms|due|net|zahlbar|zahlungsziel)"
    r"[^0-9\n]{0,30}?(\d{1,3})\s*(?:jours|days|tage|j\b)(?P<eom>\s*(?:fin de mois|end of month|monatsende))?"
    r"|\bnet\s+(\d{1,3})\b"
)
_TERM_NOW = re.compile(r"(?:paiement|reglement|payable|payment|zahlbar)[^\n]{0,20}?(?:a reception|comptant|upon receipt|on receipt|sofort)")


def due_from_terms(lines: list[str], issued: date | None) -> date | None:
    """The due date that printed payment terms give from the issue date; None when there are none."""
    if issued is None:
        return None
    for line in lines:
        folded = fold(line)
        match = _TERM_DAYS.search(folded)
        if match:
            days = int(match.group(1) or match.group(3))
            if days > 120:
                continue  # not a payment term
            return PaymentTerms(days, bool(match.group("eom"))).due(issued)  # the one rule of "end of month"
        if _TERM_NOW.search(folded):
            return PaymentTerms.on_receipt().due(issued)
    return None
