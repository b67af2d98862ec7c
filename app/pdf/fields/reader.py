"""The layout-aware field reader: words with boxes (text layer or OCR) → :class:`ExtractedInvoice`.

How a value is found: a label (``vocabulary``) followed by its value in the same cell, in the next
cells of its row, or below it in its column. How one is chosen: cross-checks first (HT + TVA = TTC,
TTC − paid = due, identifiers' check digits, due ≥ issue), then the label's strength. When unsure,
the field stays empty and the best candidate is kept in ``suggestions`` (shown beside the field,
never filled). Every filled value records its source and its box (``locations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import product
from typing import Any

from app.domain.identifiers import is_valid_fr_vat, is_valid_iban, is_valid_siren, is_valid_siret
from app.domain.vat import code_for_rate
from app.pdf.extracted import ExtractedInvoice
from app.pdf.fields import vocabulary as V
from app.pdf.fields.layout import Cell, Layout, Row, below, build_layout, fold, right_of
from app.pdf.fields.values import (
    amounts_in,
    currency_of,
    due_from_terms,
    find_dates,
    find_ibans,
    good_number,
    is_valid_de_vat,
    vat_breakdown,
)
from app.pdf.words import Box, PageWords

MAX_AMOUNT = Decimal("1000000000")  # a total beyond this is not read from a page


@dataclass
class Cand:
    value: Any
    box: Box
    score: float
    row: int
    negative: bool = False


@dataclass
class _Hit:
    category: str
    strong: bool
    cell: Cell
    rest: list[str]  # the words after the label in the same cell
    rest_box: Box | None
    span: int  # length of the label match (the longest, most specific label wins)


def read_fields(pages: list[PageWords], source: str = "text") -> ExtractedInvoice:
    layout = build_layout(pages)
    inv = ExtractedInvoice()
    if not layout.rows:
        return inv
    reader = _Reader(layout, source)
    reader.run(inv)
    return inv


def _same_line(a: Box, b: Box) -> bool:
    """Do two boxes sit on one printed line (they overlap over most of the shorter one's height)?"""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


class _Reader:
    def __init__(self, layout: Layout, source: str) -> None:
        self.layout = layout
        self.source = source
        self.text = layout.text()
        self.folded = fold(self.text)
        self.language = _language(self.folded)
        if self.language == "en" and re.search(r"\$|\busd\b", self.folded) and not re.search(r"€|\beur\b|£", self.folded):
            self.language = "en-us"  # month first: 04/05/2024 is April 5
        self.hits: list[_Hit] = list(self._label_hits())
        self.locations: dict[str, Box] = {}
        self.suggestions: dict[str, str] = {}

    # --- labels ---------------------------------------------------------------------------
    def _label_hits(self):  # type: ignore[no-untyped-def]
        consumed: set[int] = set()  # second lines of two-line labels, read with their first line
        for cell in self.layout.cells():
            if id(cell) in consumed:
                continue
            words = cell.words
            folded_words = [fold(w.text) for w in words]
            for k in range(1, len(words) + 1):
                prefix = " ".join(folded_words[:k])
                best = _best_label(prefix)
                if best is None:
                    continue
                if k == len(words) and (not best[2] or _GENERIC.fullmatch(prefix.strip(" :"))):
                    # a label wrapped on two lines ("Date" / "d'échéance"): the longer reading wins
                    for other in self._wrapped_neighbours(cell):
                        for joined in (fold(other.text) + " " + prefix, prefix + " " + fold(other.text)):
                            longer = _best_label(joined)
                            if longer is not None and longer[0] > best[0] + 2 and (longer[1] != best[1] or not best[2]):
                                best = (longer[0], longer[1], longer[2])
                                consumed.add(id(other))
                rest_words = words[k:]
                rest_box = None
                if rest_words:
                    rest_box = rest_words[0].box
                    for w in rest_words[1:]:
                        rest_box = rest_box.union(w.box)
                label_text = prefix[max(0, len(prefix) - best[0]):].strip(" :.#")
                strong = best[2] and not _GENERIC.fullmatch(prefix.strip(" :")) and not _GENERIC.fullmatch(label_text)
                yield _Hit(best[1], strong, cell, [w.text for w in rest_words], rest_box, best[0])

    def _wrapped_neighbours(self, cell: Cell) -> list[Cell]:
        row = self.layout.row_of(cell)
        out = []
        for other_row in self.layout.rows[max(0, row.index - 1): row.index + 2]:
            if other_row is row or other_row.page != row.page:
                continue
            if abs(other_row.middle - row.middle) > 1.6 * max(row.height, other_row.height):
                continue
            out.extend(c for c in other_row.cells if abs(c.x0 - cell.x0) < 30 and len(c.words) <= 3 and not any(ch.isdigit() for ch in c.text))
        return out

    def _is_label_cell(self, cell: Cell) -> bool:
        return any(h.cell is cell and not h.rest for h in self.hits)

    def _value_cells(self, hit: _Hit, *, down: int = 3) -> list[tuple[str, Box, float]]:
        """(text, box, how good) where the value of ``hit`` may sit, best first."""
        out: list[tuple[str, Box, float]] = []
        if hit.rest and hit.rest_box is not None:
            out.append((" ".join(hit.rest), hit.rest_box, 1.0))
        rest = " ".join(hit.rest)
        if not hit.rest or re.fullmatch(r"[\s:]*\(?\d{1,2}(?:[.,]\d{1,3})?\s?%\)?[\s:]*", rest):
            for cell in right_of(self.layout, hit.cell)[:3]:
                if self._is_label_cell(cell):
                    break
                out.append((cell.text, cell.box, 0.9))
            # under a totals box's headings a value may stand alone; under a line-items table's
            # column headings, the first row is a line, not a total: it only counts in a cross-check
            row = self.layout.row_of(hit.cell)
            boxed = all(self._is_label_cell(c) for c in row.cells)
            if not out and not self._headings_row(row):
                # a value printed a little lower than its label, to its right — not in a row of
                # column headings, where what lies lower right is the next column's value
                for cell in _right_nearby(self.layout, hit.cell):
                    out.append((cell.text, cell.box, 0.85))
            partners = self._wrapped_neighbours(hit.cell) if hit.category in _TOTAL_FIELD else []
            for cell in below(self.layout, hit.cell, max_rows=down):
                if any(cell is p for p in partners) and not amounts_in(cell.text):
                    continue  # the heading's second line ("Total" / "incl. VAT")
                if self._is_label_cell(cell):
                    break
                out.append((cell.text, cell.box, 0.7 if boxed else 0.6))
        return out

    # --- run ------------------------------------------------------------------------------
    def run(self, inv: ExtractedInvoice) -> None:
        self._number(inv)
        self._dates(inv)
        self._totals(inv)
        self._parties(inv)
        inv.currency = currency_of(self.text)
        if inv.currency:
            self._mark(inv, "currency", None)
        if inv.kind is None:
            inv.kind = self._kind(inv)
            if inv.kind and (inv.invoice_number or inv.amount is not None):
                self._mark(inv, "kind", None)
            else:
                inv.kind = None
        rows_text = [row.text for row in self.layout.rows]
        inv.vat_breakdown = vat_breakdown(rows_text, {
            k: v for k, v in (("ht", inv.amount_before_tax), ("tva", inv.tax)) if v is not None
        })
        country = "DE" if (inv.seller.vat_number or "").startswith("DE") else "FR"
        for row in inv.vat_breakdown:
            row.vat_code = code_for_rate(row.vat_rate, country, row.category)
        from app.pdf.fields.lines import read_lines

        lines = read_lines(self.layout, inv.amount_before_tax)
        for line in lines:
            if line.vat_rate is not None:
                line.vat_code = code_for_rate(line.vat_rate, country, "S" if line.vat_rate else "E")
        if _lines_check_out(lines, inv.tax):
            inv.lines = lines
        inv.mark_found(self.source)
        inv.locations = dict(self.locations)
        inv.suggestions = dict(self.suggestions)

    def _mark(self, inv: ExtractedInvoice, name: str, box: Box | None) -> None:
        inv.provenance[name] = self.source
        if box is not None:
            self.locations[name] = box

    # --- kind -----------------------------------------------------------------------------
    def _kind(self, inv: ExtractedInvoice) -> str | None:
        for row in self.layout.rows[:40]:
            for cell in row.cells:
                if V.CREDIT.search(cell.folded):
                    return "credit_note"
        if getattr(self, "_negative_total", False):
            return "credit_note"
        if V.INVOICE.search(self.folded):
            return "invoice"
        return None

    # --- number ---------------------------------------------------------------------------
    def _near_title(self, cell: Cell) -> bool:
        row = self.layout.row_of(cell)
        for other in self.layout.rows[max(0, row.index - 3): row.index + 1]:
            if other.page != row.page:
                continue
            for c in other.cells:
                if V.TITLE.search(c.folded) and (other is row or abs(c.x0 - cell.x0) < 150):
                    return True
        return False

    def _number(self, inv: ExtractedInvoice) -> None:
        cands: list[Cand] = []
        for hit in self.hits:
            if hit.category not in ("number", "bare_number"):
                continue
            if hit.category == "bare_number" and not self._near_title(hit.cell):
                continue
            label_and_before = fold(" ".join(w.text for w in hit.cell.words[: len(hit.cell.words) - len(hit.rest)]))
            if V.OTHER_NUMBER.search(label_and_before[-30:]):
                continue  # "Bestellung Nr. …", "N° client …": another document's number
            for text, box, how in self._value_cells(hit, down=1):
                tokens = [t for t in text.split() if not re.fullmatch(r"\(.*\)", t)]  # "(380)": a type code
                token = tokens[0].strip(" :.,;") if tokens else ""
                if token.startswith(":"):
                    token = token[1:]
                if good_number(token) and not _looks_like_id(token) and not re.fullmatch(r"(?:BT|BG)-\d+", token):
                    weight = how * (1.0 if hit.category == "number" else 0.8)
                    cands.append(Cand(token, box, weight, self.layout.row_of(hit.cell).index))
                    break
                if text.strip() and text.strip() not in (":", "#"):
                    break
        if not cands:
            return
        values = {c.value for c in cands}
        best = max(cands, key=lambda c: (c.score, -c.row))
        if len(values) > 1:
            # several different numbers: the best-labelled one if it clearly wins
            others = [c for c in cands if c.value != best.value]
            if max(c.score for c in others) >= best.score:
                self.suggestions["invoice_number"] = best.value
                return
        inv.invoice_number = best.value
        self._mark(inv, "invoice_number", best.box)

    # --- dates ----------------------------------------------------------------------------
    def _dates(self, inv: ExtractedInvoice) -> None:
        issue: list[Cand] = []
        due: list[Cand] = []
        for hit in self.hits:
            if hit.category not in ("issue", "due_date"):
                continue
            for text, box, how in self._value_cells(hit, down=2):
                found = find_dates(text, self.language)
                if found:
                    pos, value = found[0]
                    if pos > 3 and not hit.rest:
                        break  # the cell starts with something else
                    if hit.rest and pos > 3:
                        break
                    target = issue if hit.category == "issue" else due
                    weight = how * (1.0 if hit.strong else 0.6)
                    before = fold(" ".join(w.text for w in hit.cell.words[: len(hit.cell.words) - len(hit.rest)]))
                    if V.OTHER_DATE.search(before[-30:]):
                        break  # "Bestellung vom …", "Livraison du …"
                    if V.TITLE.search(hit.cell.folded) or any(h.cell is hit.cell and h.category in ("number", "bare_number") for h in self.hits):
                        weight += 0.5  # "Facture n° 12 du …", "Rechnung Nr. 5 vom …"
                    target.append(Cand(value, box, weight, self.layout.row_of(hit.cell).index))
                    break
                if text.strip():
                    break
        if not issue:
            issue.extend(self._unlabelled_issue_dates())
        issued = _pick(issue)
        if issued is not None:
            inv.date = issued.value
            self._mark(inv, "date", issued.box)
        elif issue:
            self.suggestions["date"] = max(issue, key=lambda c: c.score).value.isoformat()
        dued = _pick(due)
        if dued is not None and inv.date is not None and dued.value < inv.date:
            swapped = (_swap_day_month(inv.date), _swap_day_month(dued.value))
            if None not in swapped and swapped[1] >= swapped[0]:  # read month first, the due date follows the issue
                inv.date, dued = swapped[0], Cand(swapped[1], dued.box, dued.score, dued.row)
        if dued is not None and (inv.date is None or dued.value >= inv.date):
            inv.deadline = dued.value
            self._mark(inv, "deadline", dued.box)
        elif due:
            self.suggestions["deadline"] = max(due, key=lambda c: c.score).value.isoformat()
        if inv.deadline is None and inv.date is not None and not due:
            lines = [row.text for row in self.layout.rows]
            termed = due_from_terms(lines, inv.date)
            if termed is not None:
                inv.deadline = termed
                self._mark(inv, "deadline", None)

    def _unlabelled_issue_dates(self) -> list[Cand]:
        """A date alone in its cell, right by the document's title or number (the top of page 1)."""
        out: list[Cand] = []
        for row in self.layout.rows:
            if row.page != 0 or row.top > row.page_height * 0.4:
                continue
            for cell in row.cells:
                found = find_dates(cell.text, self.language)
                if len(found) != 1 or len(cell.text) > 22:
                    continue
                if V.OTHER_DATE.search(fold(row.text)):
                    continue
                if self._near_title(cell) or any(
                    self._near_title(c) for r in self.layout.rows[row.index + 1: row.index + 3] for c in r.cells
                ):
                    out.append(Cand(found[0][1], cell.box, 0.5, row.index))
        return out

    # --- totals ---------------------------------------------------------------------------
    def _amount_cands(self) -> dict[str, list[Cand]]:
        cands: dict[str, list[Cand]] = {"ht": [], "tva": [], "ttc": [], "due": [], "paid": []}
        for hit in self.hits:
            if hit.category not in cands:
                continue
            score = 2.0 if hit.strong else 1.0
            row = self.layout.row_of(hit.cell).index
            column: list[tuple[Decimal, Box, float, bool]] = []  # values below the label, a row each
            seen_rows: list[Box] = []
            for text, box, how in self._value_cells(hit, down=10):
                if "%" in text and not amounts_in(text.split("%")[-1]):
                    continue
                found = amounts_in(text)
                if found and how >= 1.0 and _words_before_amount(text):
                    break  # "TVA : FR11… capital de 120 000,00": not this label's value
                if not found:
                    if text.strip() and not re.fullmatch(r"[\s:€$£]*|eur|euro", text.strip().lower()):
                        if how < 0.8:
                            break
                    continue
                value = found[-1] if how >= 0.8 else found[0]
                if abs(value) > MAX_AMOUNT:
                    break
                negative = value < 0 or bool(re.match(r"\s*[-\u2212]\s*\d", text))
                if how >= 0.8:  # beside the label
                    cands[hit.category].append(Cand(abs(value), box, score * how, row, negative))
                    break
                if any(_same_line(box, seen) for seen in seen_rows):
                    continue  # one value a row: the one most under the label (OCR tops differ by a pixel)
                if self._labelled_row(box, hit):
                    break  # this row has its own label ("Acompte", "Net à payer"): the value is that label's
                if column and box.top - column[-1][1].bottom > 1.5 * (box.bottom - box.top):
                    break  # the column's block of values ended: what follows is another part of the page
                seen_rows.append(box)
                column.append((abs(value), box, how, negative))
            if column:
                # under a column heading: a single value, or the last row when it sums the rows above
                # (a VAT breakdown's total row); never one row of several
                last = column[-1]
                if len(column) == 1 or sum(v for v, *_ in column[:-1]) == last[0]:
                    cands[hit.category].append(Cand(last[0], last[1], score * last[2], row, last[3]))
        return cands

    def _totals(self, inv: ExtractedInvoice) -> None:
        cands = self._amount_cands()
        best: tuple[float, Cand, Cand, Cand] | None = None
        for ht, tva, ttc in product(cands["ht"], cands["tva"], cands["ttc"]):
            if ht.value + tva.value == ttc.value and ttc.value > 0 and ht.value > 0 and len({id(ht.box), id(tva.box), id(ttc.box)}) == 3 \
                    and (ht.value != ttc.value or (tva.value == 0 and ht.box != ttc.box)):
                score = ht.score + tva.score + ttc.score
                if best is None or score > best[0]:
                    best = (score, ht, tva, ttc)
        chosen: dict[str, Cand] = {}
        # OCR may misread a digit: when several totals are printed but do not cross-check, none is filled
        unchecked = sum(1 for cat in ("ht", "tva", "ttc") if cands[cat]) > 1
        if best is not None:
            chosen.update(ht=best[1], tva=best[2], ttc=best[3])
        elif (pair := self._breakdown_pair(cands)) is not None:
            chosen.update(ht=pair[0], tva=pair[1])  # base × rate = tax on one VAT breakdown row
        else:
            for cat in ("ht", "tva", "ttc"):
                strong = [c for c in cands[cat] if c.score >= 1.4]
                if strong and len({c.value for c in strong}) == 1 and (self.source != "ocr" or not unchecked):
                    chosen[cat] = max(strong, key=lambda c: c.score)
                elif cands[cat]:
                    self.suggestions[_TOTAL_FIELD[cat]] = str(max(cands[cat], key=lambda c: c.score).value)
            if "ht" in chosen and "tva" in chosen and "ttc" in chosen:
                if chosen["ht"].value + chosen["tva"].value != chosen["ttc"].value:
                    for cat in ("ht", "tva", "ttc"):
                        self.suggestions[_TOTAL_FIELD[cat]] = str(chosen.pop(cat).value)
            elif "ht" in chosen and "ttc" in chosen and chosen["ttc"].value == chosen["ht"].value:
                pass  # no tax printed: TTC = HT
        # what is left to pay: TTC − paid = due when both are printed
        paid = {c.value for c in cands["paid"]}
        dues = [c for c in cands["due"] if c.score >= 1.4]
        due_values = {c.value for c in dues}
        if "ttc" in chosen and dues:
            consistent = [c for c in dues if c.value == chosen["ttc"].value or chosen["ttc"].value - c.value in paid]
            if consistent:
                chosen["due"] = max(consistent, key=lambda c: c.score)
            elif len(due_values) == 1 and next(iter(due_values)) <= chosen["ttc"].value:
                chosen["due"] = max(dues, key=lambda c: c.score)  # a deposit not printed
        elif len(due_values) == 1:
            chosen["due"] = max(dues, key=lambda c: c.score)
        if "ttc" not in chosen and "due" in chosen and not paid and "ht" in chosen and "tva" in chosen:
            if chosen["ht"].value + chosen["tva"].value == chosen["due"].value:
                chosen["ttc"] = chosen["due"]
        for cat, cand in chosen.items():
            setattr(inv, _TOTAL_FIELD[cat], cand.value)
            self._mark(inv, _TOTAL_FIELD[cat], cand.box)
            self.suggestions.pop(_TOTAL_FIELD[cat], None)
        if "ttc" in chosen and "due" not in chosen and not cands["paid"] and not cands["due"]:
            inv.amount_due = chosen["ttc"].value
            self._mark(inv, "amount_due", chosen["ttc"].box)
        if "ht" in chosen and "ttc" in chosen and "tva" not in chosen and chosen["ttc"].value >= chosen["ht"].value:
            inv.tax = chosen["ttc"].value - chosen["ht"].value
            self._mark(inv, "tax", None)
        self._negative_total = "ttc" in chosen and chosen["ttc"].negative

    def _headings_row(self, row: Any) -> bool:
        """A row of column headings ("TAX: | % Base amount: | Tax amount: | Total:"): three labels or more."""
        return sum(1 for c in row.cells if self._is_label_cell(c)) >= 3

    def _labelled_row(self, box: Box, hit: _Hit) -> bool:
        """Does the row at ``box`` carry another amount label than ``hit``'s?"""
        middle = (box.top + box.bottom) / 2
        for other in self.hits:
            if other is hit or other.cell is hit.cell or not other.strong or (other.category not in _TOTAL_FIELD and other.category != "paid"):
                continue
            cell_box = other.cell.box
            # a value printed a little lower than its label — not under a row of column headings,
            # where the next row's values are the columns' (OCR boxes are taller: they would reach it)
            slack = 0.0 if self._headings_row(self.layout.row_of(other.cell)) else 0.6 * (cell_box.bottom - cell_box.top)
            if cell_box.page == box.page and cell_box.top - slack <= middle <= cell_box.bottom + slack and cell_box.x1 <= box.x0:
                return True
        return False

    def _breakdown_pair(self, cands: dict[str, list[Cand]]) -> tuple[Cand, Cand] | None:
        """A base and a tax printed on the same row with the rate that links them (the only VAT
        breakdown row of the document, and no total incl. VAT to check against)."""
        if cands["ttc"] or len({c.value for c in cands["ht"]}) != 1 or len({c.value for c in cands["tva"]}) != 1:
            return None  # a total to check against, or several rows' values: not this rule's case
        pairs = []
        for ht, tva in product(cands["ht"], cands["tva"]):
            if ht.box.page != tva.box.page or abs((ht.box.top + ht.box.bottom) - (tva.box.top + tva.box.bottom)) > 6:
                continue
            row = next((r for r in self.layout.rows if r.page == ht.box.page and r.top <= (ht.box.top + ht.box.bottom) / 2 <= r.bottom), None)
            if row is None:
                continue
            rates = [Decimal(m.replace(",", ".")) for m in re.findall(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)(?:\s?%)?(?![\d.,])", row.text)]
            if any(abs((ht.value * rate / 100).quantize(Decimal("0.01")) - tva.value) <= Decimal("0.01") for rate in rates if 0 < rate <= 30):
                pairs.append((ht, tva))
        distinct = {(a.value, b.value) for a, b in pairs}
        return pairs[0] if len(distinct) == 1 else None

    # --- parties --------------------------------------------------------------------------
    def _parties(self, inv: ExtractedInvoice) -> None:
        from app.pdf.fields.parties import read_parties

        read_parties(self.layout, inv, self.source, self.locations)


_GENERIC = re.compile(r"date|datum|data|fecha|le|du|vom|del|total|totaal|totale|summe|betrag|montant|n[°º]|nr\.?|no\.?|#")


def _lines_check_out(lines: list, tax: Decimal | None) -> bool:
    """Table lines are kept when each printed rate has a VAT code and, rates known, their VAT adds
    up to the printed tax (to a cent a line)."""
    if not lines:
        return False
    if any(line.vat_rate is not None and line.vat_code is None for line in lines):
        return False
    if tax is not None and all(line.vat_rate is not None for line in lines):
        computed = sum((line.amount_before_tax * line.vat_rate / 100 for line in lines), Decimal(0))
        return abs(computed - tax) <= Decimal("0.01") * max(2, len(lines))
    return True


def _right_nearby(layout: Layout, cell: Cell) -> list[Cell]:
    row = layout.row_of(cell)
    out = []
    for other in layout.rows[max(0, row.index - 1): row.index + 2]:
        if other is row or other.page != row.page or abs(other.middle - row.middle) > 0.8 * max(row.height, other.height):
            continue
        out.extend(c for c in other.cells if c.x0 >= cell.x1 - 0.5 and c.x0 - cell.x1 < 200)
    return sorted(out, key=lambda c: c.x0)[:1]


def _words_before_amount(text: str) -> bool:
    """Does a word (not a currency, a rate or a sign) stand before the first amount of ``text``?"""
    head = re.split(r"\d", text, maxsplit=1)[0]
    return any(len(w) > 3 and w.isalpha() and w.lower() not in ("euro", "euros") for w in re.findall(r"[^\W\d_]+", head))


def _best_label(text: str) -> tuple[int, str, bool] | None:
    best: tuple[int, str, bool] | None = None
    for category, strong, pattern in _ALL_LABELS:
        m = pattern.search(text)
        if m:
            span = m.end() - m.start()
            if best is None or span > best[0] or (span == best[0] and strong and not best[2]):
                best = (span, category, strong)
    return best


def _swap_day_month(value: date) -> date | None:
    """The same date read the other way round (5 April ↔ 4 May), when both readings exist."""
    if value.day > 12 or value.day == value.month:
        return None
    try:
        return date(value.year, value.day, value.month)
    except ValueError:
        return None


def _language(folded: str) -> str:
    counts = {lang: len(p.findall(folded)) for lang, p in V.LANGUAGE_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "fr"


def _pick(cands: list[Cand]) -> Cand | None:
    """The best candidate when the candidates agree, or when the best clearly wins."""
    if not cands:
        return None
    best = max(cands, key=lambda c: (c.score, -c.row))
    others = [c for c in cands if c.value != best.value]
    if others and max(c.score for c in others) >= best.score:
        return None
    return best


def _looks_like_id(token: str) -> bool:
    digits = re.sub(r"\D", "", token)
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", token.upper()) and is_valid_iban(token):
        return True
    if len(digits) == 14 and digits == token and is_valid_siret(digits):
        return True
    return bool(re.fullmatch(r"(?:FR|DE)[0-9A-Z]{2}\d{9}", token.upper()) and (is_valid_fr_vat(token) or is_valid_de_vat(token)))


_TOTAL_FIELD = {"ht": "amount_before_tax", "tva": "tax", "ttc": "amount", "due": "amount_due"}

_ALL_LABELS: list[tuple[str, bool, re.Pattern[str]]] = [
    ("number", True, V.NUMBER),
    ("bare_number", False, V.BARE_NUMBER),
    ("issue", True, V.ISSUE_DATE),
    ("due_date", True, V.DUE_DATE),
    *V.TOTALS,
]

__all__ = ["read_fields", "is_valid_siren", "timedelta", "date", "Row"]
