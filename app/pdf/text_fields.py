"""Heuristics on the plain text of an invoice (French, English, German).

Policy: **when unsure, leave the field empty**. Concretely:

* identifiers are reported only when their check digits hold (SIREN/SIRET Luhn, French VAT key,
  German VAT ISO 7064 check digit, IBAN mod 97); an id on a line that names the customer
  ("client", "customer", "Kunde", "acheteur", "buyer") goes to the buyer, any other to the seller;
* totals: a (before tax, VAT, with tax) triple is taken when before tax + VAT = with tax holds;
  otherwise only amounts with an unambiguous label ("Total HT", "Total TTC", "Montant TVA",
  "Total excl. VAT", "Gesamtbetrag"...) are kept; a bare "Total" or "TVA" alone is not enough;
* dates: a date is the issue date when its line is labelled so ("Date de facture", "Invoice date",
  "Rechnungsdatum", "Facture n° … du …", a bare "Date"); the due date when labelled ("Échéance",
  "Due date", "Fällig"); if the text holds exactly one date and nothing labels it, it is the issue
  date. Numeric dates are read day first (dd/mm/yyyy), except when the first number cannot be a day
  of a valid date and the second can (12/13/2017 → 13 December);
* the seller's name is read only from a first-lines company name carrying a legal form (SARL, SAS,
  GmbH, Ltd...).

Every field found is marked ``"text"`` in :attr:`ExtractedInvoice.provenance`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from app.domain.identifiers import IBAN_LENGTHS, is_valid_fr_vat, is_valid_iban, is_valid_siren, is_valid_siret
from app.domain.money import AmountError, parse_amount
from app.domain.invoice import Party
from app.domain.vat import code_for_rate
from app.pdf.extracted import ExtractedInvoice, VatBreakdown

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


def find_dates(line: str) -> list[tuple[int, date]]:
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


def _fold(s: str) -> str:
    """Lower case without accents, for label matching."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


_DUE_LABEL = re.compile(
    r"echeance|date limite|a payer avant|payable avant|a regler avant|payable le|a regler le"
    r"|due date|date due|payment due|due by|due on|pay by|payable by|payment date"
    r"|falligkeit|fallig|zahlbar bis|zahlungsziel|zu zahlen bis"
)
_ISSUE_LABEL = re.compile(
    r"date de (la )?facture|date d'emission|date de facturation|facture le|facture du|emise le|date facture"
    r"|invoice date|date of issue|issue date|issued on|date of invoice|invoice dated|tax point"
    r"|rechnungsdatum|ausstellungsdatum|rechnungs-datum|belegdatum"
)
_OTHER_DATE_LABEL = re.compile(
    r"livraison|delivery|lieferdatum|leistungsdatum|commande|order|bestell|periode|period|zeitraum"
    r"|du \d|from|vom|acompte|versement|paiement recu|payment received|virement \d|naissance|valable"
)
_GENERIC_DATE = re.compile(r"(?<![a-z])(date|datum|le)\b")


def _classify_dates(lines: list[str]) -> tuple[date | None, date | None]:
    issue: date | None = None
    due: date | None = None
    all_dates: set[date] = set()
    for i, line in enumerate(lines):
        dates = find_dates(line)
        if not dates:
            continue
        folded = _fold(line)
        prev = _fold(lines[i - 1]) if i else ""
        for pos, value in dates:
            all_dates.add(value)
            before = _fold(line[:pos])
            # a label right before the date on the same line, or alone on the previous line
            label = before if before.strip() else prev
            if _DUE_LABEL.search(label):
                due = due or value
            elif _ISSUE_LABEL.search(label):
                issue = issue or value
            elif re.search(r"(facture|invoice|rechnung|avoir|credit note|gutschrift)\b.*\b(du|of|vom|dated)\s*$", before):
                issue = issue or value
            elif _OTHER_DATE_LABEL.search(before[-40:]):
                continue
            elif _GENERIC_DATE.search(before[-25:]) and not _DUE_LABEL.search(folded):
                if issue is None and re.search(r"(?<![a-z])(date|datum)\s*:?\s*$", before):
                    issue = value
    if issue is None and len(all_dates) == 1 and due is None:
        issue = next(iter(all_dates))
    return issue, due


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


def _amounts(line: str) -> list[Decimal]:
    values = []
    for m in _AMOUNT.finditer(line):
        value = _amount(m.group(1))
        if value is not None:
            values.append(value)
    return values


# label regexes (on folded text) -> category; strong labels may stand alone, weak ones only
# count in a consistent triple
_LABELS: list[tuple[str, bool, re.Pattern[str]]] = [
    ("ht", True, re.compile(r"^(sous-?\s?)?total\s*(h\.?t\.?|hors taxes?)\b|^montant\s*(total\s*)?(h\.?t\.?|hors taxes?)\b|^total net h\.?t|^net h\.?t\.?\b")),
    ("ht", True, re.compile(r"^(sub-?\s?total|total)\s*\(?\s*(excl\.?|excluding|before|net of|ex\.?)\s*(vat|tax)|^total net amount|^net total\b")),
    ("ht", True, re.compile(r"^(nettobetrag|summe netto|gesamt netto|netto-?summe|gesamtbetrag netto|rechnungsbetrag netto|zwischensumme netto)\b")),
    ("ht", False, re.compile(r"^(sub-?\s?total|net amount|total net|zwischensumme|netto|summe|sous-total)\b")),
    ("tva", True, re.compile(r"^(total|montant)\s*(de la\s*)?(tva|taxes?)\b|^total vat\b|^vat amount\b|^total tax\b|^(summe|gesamt)\s*(mwst|ust|umsatzsteuer|mehrwertsteuer)")),
    ("tva", False, re.compile(r"^(tva|t\.v\.a\.?|vat|tax|sales tax|mwst|ust\b|umsatzsteuer|mehrwertsteuer|zzgl\.?|plus|\+\s*(mwst|ust))")),
    ("ttc", True, re.compile(r"^(total|montant)\s*(t\.?t\.?c\.?|toutes taxes comprises)\b|^net a payer\b|^total a payer\b")),
    ("ttc", True, re.compile(r"^(grand total|total\s*\(?\s*(incl\.?|including|inc\.?)\s*(vat|tax)|total amount due|invoice total)\b")),
    ("ttc", True, re.compile(r"^(gesamtbetrag|bruttobetrag|rechnungsbetrag|summe brutto|gesamt brutto|gesamtsumme|endbetrag|brutto-?summe)\b")),
    ("ttc", False, re.compile(r"^(total|amount due|balance due|total due|montant du|summe|betrag)\b")),
    ("due", True, re.compile(r"^(net a payer|solde a payer|reste a payer|montant a payer|amount due|balance due|total due|zahlbetrag|zu zahlen|offener betrag|restbetrag)\b")),
]


def _totals(lines: list[str]) -> dict[str, Decimal]:
    """Return {"ht"|"tva"|"ttc"|"due": value}."""
    cands: dict[str, list[tuple[bool, Decimal]]] = {"ht": [], "tva": [], "ttc": [], "due": []}
    for line in lines:
        folded = _fold(line).strip()
        amounts = _amounts(line)
        if not amounts:
            continue
        for cat, strong, pattern in _LABELS:
            if pattern.search(folded):
                value = abs(amounts[-1])
                if (strong, value) not in cands[cat]:
                    cands[cat].append((strong, value))
    result: dict[str, Decimal] = {}
    # 1. a consistent triple, strong labels first
    best = None
    for s1, ht in cands["ht"]:
        for s2, tva in cands["tva"]:
            for s3, ttc in cands["ttc"]:
                if ht + tva == ttc and ttc > 0:
                    score = s1 + s2 + s3
                    if best is None or score > best[0]:
                        best = (score, ht, tva, ttc)
    if best is not None:
        result.update(ht=best[1], tva=best[2], ttc=best[3])
    else:
        # 2. only unambiguous labels, each with a single value
        for cat in ("ht", "tva", "ttc"):
            strong = {v for s, v in cands[cat] if s}
            if len(strong) == 1:
                result[cat] = strong.pop()
        if "ht" in result and "ttc" in result and "tva" not in result and result["ttc"] >= result["ht"]:
            result["tva"] = result["ttc"] - result["ht"]
        elif "ht" in result and "tva" in result and "ttc" in result and result["ht"] + result["tva"] != result["ttc"]:
            result.clear()  # contradictory: trust none
    due = {v for s, v in cands["due"] if s}
    if len(due) == 1:
        result["due"] = due.pop()
    return result


# --- VAT rates and breakdown -------------------------------------------------------------------

_VAT_WORD = re.compile(r"tva|t\.v\.a|vat|tax|mwst|ust\b|umsatzsteuer|mehrwertsteuer|taux")
_KNOWN_RATES = {Decimal(x) for x in ("0", "2.1", "5.5", "7", "8.5", "10", "13", "16", "19", "20", "21", "22", "23", "25")}


def _rate(text: str) -> Decimal | None:
    value = _amount(text)
    if value is None or not (0 <= value <= 30):
        return None
    return value


def _vat_breakdown(lines: list[str], totals: dict[str, Decimal]) -> list[VatBreakdown]:
    rows: list[VatBreakdown] = []
    rates: list[Decimal] = []
    for line in lines:
        folded = _fold(line)
        if not _VAT_WORD.search(folded):
            continue
        for pm in _PERCENT.finditer(line):
            rate = _rate(pm.group(1))
            if rate is None:
                continue
            if rate not in rates:
                rates.append(rate)
            after = _amounts(line[pm.end():])
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

_BUYER_WORDS = re.compile(r"client|customer|acheteur|buyer|kunde|bill to|adresse de facturation|facturer a|destinataire|empfanger|recipient")
_SIRET = re.compile(r"(?<![\dA-Z])(\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5})(?![\d])")
_SIREN = re.compile(r"(?<![\dA-Z])(\d{3}[ .]?\d{3}[ .]?\d{3})(?![\d]|[ .]\d)")
_FR_VAT = re.compile(r"(?<![A-Z0-9])FR[ .-]?([0-9A-Z]{2})[ .-]?(\d{3})[ .-]?(\d{3})[ .-]?(\d{3})(?!\d)")
_DE_VAT = re.compile(r"(?<![A-Z0-9])DE[ ]?(\d{3})[ ]?(\d{3})[ ]?(\d{3})(?!\d)")
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


def _identifiers(lines: list[str], seller: Party, buyer: Party) -> None:
    for line in lines:
        upper = line.upper()
        folded = _fold(line)
        party = buyer if _BUYER_WORDS.search(folded) else seller
        for m in _FR_VAT.finditer(upper):
            vat = "FR" + "".join(m.groups())
            if is_valid_fr_vat(vat) and party.vat_number is None:
                party.vat_number = vat
        for m in _DE_VAT.finditer(upper):
            vat = "DE" + "".join(m.groups())
            if is_valid_de_vat(vat) and party.vat_number is None:
                party.vat_number = vat
        spans: list[tuple[int, int]] = []
        for m in _SIRET.finditer(line):
            digits = re.sub(r"\D", "", m.group(1))
            if is_valid_siret(digits) and is_valid_siren(digits[:9]):
                spans.append(m.span())
                if party.siret is None:
                    party.siret = digits
                if party.siren is None:
                    party.siren = digits[:9]
        if re.search(r"siren|rcs|r\.c\.s|immatricul", folded):
            for m in _SIREN.finditer(line):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                digits = re.sub(r"\D", "", m.group(1))
                if is_valid_siren(digits) and party.siren is None:
                    party.siren = digits
        if "iban" in folded or _IBAN_START.search(upper):
            for iban in find_ibans(line):
                if seller.iban is None and not _BUYER_WORDS.search(folded):
                    seller.iban = iban
    for party in (seller, buyer):
        # a French VAT number carries the SIREN
        if party.siren is None and party.vat_number and party.vat_number.startswith("FR"):
            party.siren = party.vat_number[4:]


_LEGAL_FORM = re.compile(r"\b(SARL|SAS|SASU|SA|EURL|SNC|SCI|SCOP|GmbH|AG|UG|KG|OHG|e\.K\.|Ltd\.?|Limited|LLP|PLC|Inc\.?|LLC)\b")


def _seller_name(lines: list[str]) -> str | None:
    for line in lines[:3]:
        m = _LEGAL_FORM.search(line)
        if not m:
            continue
        head = re.split(r"\s[-–|•·]\s|,", line)[0].strip()
        m = _LEGAL_FORM.search(head)
        if m is None:
            continue
        head = head[: m.end()].strip()
        if 2 <= len(head) <= 80 and not find_dates(head) and not _amounts(head):
            return head
    return None


# --- number and kind ---------------------------------------------------------------------------

_NUMBER_LABELS = [
    re.compile(r"(?:n[°ºo]\.?|num[ée]ro|no\.?)\s*(?:de\s*)?(?:la\s*)?(?:facture|l'avoir|avoir|pi[eè]ce)\s*:?\s*(\S+)", re.IGNORECASE),
    re.compile(r"(?:facture|avoir|note de cr[ée]dit)\s*(?:n[°ºo]\.?|num[ée]ro|#)\s*:?\s*(\S+)", re.IGNORECASE),
    re.compile(r"(?:invoice|credit note|credit memo)\s*(?:no\.?|number|num\.?|#|n[°º])\s*:?\s*(\S+)", re.IGNORECASE),
    re.compile(r"(?:rechnungs-?\s?(?:nummer|nr\.?)|rechnung\s*(?:nr\.?|nummer)|gutschrift\s*(?:nr\.?|nummer)|beleg-?nr\.?)\s*:?\s*(\S+)", re.IGNORECASE),
    # a title: "Facture FA-2017-0010", "INVOICE 2024-117", "Rechnung R-123"
    re.compile(r"^(?:facture|avoir|invoice|credit note|rechnung|gutschrift)\s*:?\s*([A-Z0-9][\w\-/.]*)$", re.IGNORECASE),
]


def _good_number(token: str) -> bool:
    if not any(c.isdigit() for c in token) or not 1 <= len(token) <= 40:
        return False
    if find_dates(token) or token.endswith("%"):
        return False
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})*[.,]\d{2}[€$£]?", token):
        return False  # an amount
    return True


def _invoice_number(lines: list[str]) -> str | None:
    for pattern in _NUMBER_LABELS:
        for line in lines:
            for m in pattern.finditer(line):
                token = m.group(1).strip(" :.,;")
                if _good_number(token):
                    return token
    return None


_CREDIT = re.compile(
    r"^(avoir|facture d'avoir|note de credit|credit note|credit memo|gutschrift|rechnungskorrektur|stornorechnung)\b"
    r"|\b(facture d'avoir|credit note|credit memo|gutschrift)\b"
)
_INVOICE = re.compile(r"\b(facture|invoice|rechnung)\b")


def _kind(lines: list[str]) -> str | None:
    for line in lines[:25]:
        if _CREDIT.search(_fold(line)):
            return "credit_note"
    if any(_INVOICE.search(_fold(line)) for line in lines):
        return "invoice"
    return None


def _currency(text: str) -> str | None:
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


# --- entry points ------------------------------------------------------------------------------

# Payment terms printed instead of a due date: "Paiement à 30 jours (fin de mois)", "Net 30",
# "payable within 45 days", "zahlbar innerhalb von 14 Tagen", "à réception" / "upon receipt" / "sofort".
_TERM_DAYS = re.compile(
    r"(?:paiement|reglement|payable|echeance|conditions de paiement|payment terms?|terms|due|net|zahlbar|zahlungsziel)"
    r"[^0-9\n]{0,30}?(\d{1,3})\s*(?:jours|days|tage|j\b)(?P<eom>\s*(?:fin de mois|end of month|monatsende))?"
    r"|\bnet\s+(\d{1,3})\b"
)
_TERM_NOW = re.compile(r"(?:paiement|reglement|payable|payment|zahlbar)[^\n]{0,20}?(?:a reception|comptant|upon receipt|on receipt|sofort)")


def _end_of_month(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def due_from_terms(lines: list[str], issued: date | None) -> date | None:
    """The due date that printed payment terms give from the issue date; None when there are none."""
    if issued is None:
        return None
    from datetime import timedelta

    for line in lines:
        folded = _fold(line)
        match = _TERM_DAYS.search(folded)
        if match:
            days = int(match.group(1) or match.group(3))
            if days > 120:
                continue  # not a payment term
            due = issued + timedelta(days=days)
            return _end_of_month(due) if match.group("eom") else due
        if _TERM_NOW.search(folded):
            return issued
    return None


def extract_from_text(text: str) -> ExtractedInvoice:
    """Fields found in the text; each is marked ``"text"`` in the provenance."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    inv = ExtractedInvoice()
    inv.kind = _kind(lines)
    inv.invoice_number = _invoice_number(lines)
    inv.date, inv.deadline = _classify_dates(lines)
    if inv.date and inv.deadline and inv.deadline < inv.date:
        inv.deadline = None  # unsure
    if inv.deadline is None:
        inv.deadline = due_from_terms(lines, inv.date)
    totals = _totals(lines)
    inv.amount_before_tax = totals.get("ht")
    inv.tax = totals.get("tva")
    inv.amount = totals.get("ttc")
    inv.amount_due = totals.get("due")
    inv.currency = _currency(text)
    _identifiers(lines, inv.seller, inv.buyer)
    inv.seller.name = _seller_name(lines)
    inv.vat_breakdown = _vat_breakdown(lines, totals)
    country = "DE" if (inv.seller.vat_number or "").startswith("DE") else "FR"
    for row in inv.vat_breakdown:
        row.vat_code = code_for_rate(row.vat_rate, country, row.category)
    for name in ("kind", "invoice_number", "date", "deadline", "currency", "amount_before_tax", "tax", "amount", "amount_due"):
        if getattr(inv, name) is not None and not (name == "kind" and inv.invoice_number is None and inv.amount is None):
            inv.provenance[name] = "text"
    if "kind" not in inv.provenance:
        inv.kind = None
    inv.mark_found("text")
    return inv


def merge_text_fields(target: ExtractedInvoice, found: ExtractedInvoice) -> None:
    """Fill the fields ``target`` (from the XML) left empty with those found in the text."""
    for name in ("invoice_number", "date", "deadline", "currency", "amount_before_tax", "tax", "amount", "amount_due"):
        if getattr(target, name) is None and getattr(found, name) is not None:
            setattr(target, name, getattr(found, name))
            target.provenance[name] = "text"
    if target.kind is None and found.kind is not None:
        target.kind = found.kind
        target.provenance["kind"] = "text"
    for role in ("seller", "buyer"):
        mine, theirs = getattr(target, role), getattr(found, role)
        for key in Party.model_fields:
            if getattr(mine, key) is None and getattr(theirs, key):
                setattr(mine, key, getattr(theirs, key))
                target.provenance[f"{role}.{key}"] = "text"
    if not target.vat_breakdown and found.vat_breakdown:
        # only when the text's breakdown agrees with the XML's totals
        if target.amount_before_tax is None or sum((r.base or Decimal(0)) for r in found.vat_breakdown) == target.amount_before_tax:
            target.vat_breakdown = found.vat_breakdown
            target.provenance["vat_breakdown"] = "text"
