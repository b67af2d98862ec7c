"""The invoice's lines, read from its table: a header row naming the columns (description, quantity,
unit price, amount, VAT rate — in six languages), then one line per row that has an amount in the
amount column, until the totals. The lines are kept only when their amounts add up to the total
before tax (the cross-check); otherwise the draft makes its lines from the totals, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.pdf.extracted import ExtractedLine
from app.pdf.fields import vocabulary as V
from app.pdf.fields.layout import Cell, Layout, Row, fold
from app.pdf.fields.values import amounts_in

MAX_LINES = 200

_COLUMNS: dict[str, re.Pattern[str]] = {
    "label": re.compile(
        r"^(?:designation|description|libelle|article|produit|prestation|objet|detail|item|items|product|service"
        r"|bezeichnung|beschreibung|artikel|leistung|produkt|omschrijving|artikelomschrijving|descripcion|concepto|articulo"
        r"|descrizione|articolo|nom & designation|nom et designation)\b"
    ),
    "quantity": re.compile(r"^(?:qte|quantite|qty|quantity|menge|anzahl|aantal|cantidad|cant\.?|quantita|qta|nb|nombre)\b"),
    "unit_price": re.compile(
        r"^(?:prix unitaire|p\.?\s?u\.?|pu|prix|unit price|price|rate|einzelpreis|stuckpreis|preis|nettopreis|e-preis"
        r"|prijs|stukprijs|precio(?: unitario)?|prezzo(?: unitario)?)\b"
    ),
    "amount": re.compile(
        r"^(?:montant|total|total ht|montant ht|amount|line total|subtotal|net|betrag|gesamt|gesamtpreis|summe|nettobetrag"
        r"|bedrag|totaal|importe|total linea|importo|totale)\b"
    ),
    "vat": re.compile(r"^(?:tva|taux(?: tva)?|vat|tax|mwst|ust|steuersatz|btw|iva)\b"),
}
_BREAKDOWN = re.compile(
    r"detail (?:de la )?tva|recapitulatif tva|vat breakdown|vat summary|umsatzsteueraufschlusselung|steueraufstellung"
    r"|btw-?overzicht|desglose (?:de )?iva|riepilogo iva|\bbase (?:ht|imposable|tva)\b|\btaux tva\b"
)
_RATE = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s?%")
_QTY = re.compile(r"^-?\d{1,6}(?:[.,]\d{1,4})?$")


@dataclass
class _Column:
    name: str
    x0: float
    x1: float

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def read_lines(layout: Layout, before_tax: Decimal | None) -> list[ExtractedLine]:
    """The table's lines when they add up to ``before_tax``; [] otherwise."""
    if before_tax is None:
        return []
    for index, row in enumerate(layout.rows):
        columns = _header(row)
        if columns is None:
            continue
        lines = _rows(layout, index, columns)
        total = sum((line.amount_before_tax or Decimal(0) for line in lines), Decimal(0))
        if lines and total == -before_tax:  # a credit note printed with negative lines
            for line in lines:
                line.amount_before_tax = -(line.amount_before_tax or Decimal(0))
            total = -total
        if lines and total == before_tax:
            return lines
    return []


def _header(row: Row) -> list[_Column] | None:
    columns: list[_Column] = []
    for cell in row.cells:
        folded = cell.folded.strip(" :")
        for name, pattern in _COLUMNS.items():
            if pattern.match(folded) and all(c.name != name for c in columns):
                columns.append(_Column(name, cell.x0, cell.x1))
                break
    names = {c.name for c in columns}
    if "amount" in names and "label" in names and len(names) >= 3:
        return sorted(columns, key=lambda c: c.x0)
    return None


def _column_of(cell: Cell, columns: list[_Column]) -> _Column:
    """The column a cell sits in: the one its box overlaps most, else the nearest."""
    best, best_overlap = None, 0.0
    for column in columns:
        overlap = min(cell.x1, column.x1) - max(cell.x0, column.x0)
        if overlap > best_overlap:
            best, best_overlap = column, overlap
    if best is not None:
        return best
    middle = (cell.x0 + cell.x1) / 2
    return min(columns, key=lambda c: abs(c.middle - middle))


def _rows(layout: Layout, header_index: int, columns: list[_Column]) -> list[ExtractedLine]:
    lines: list[ExtractedLine] = []
    header = layout.rows[header_index]
    last_bottom = header.bottom
    label_column = next(c for c in columns if c.name == "label")
    for row in layout.rows[header_index + 1:]:
        if row.page != header.page or len(lines) >= MAX_LINES:
            break
        if row.top - last_bottom > 6 * max(header.height, 8.0):
            break
        folded = fold(row.text)
        if any(pattern.search(cell.folded) for _, strong, pattern in V.TOTALS if strong for cell in row.cells) \
                or _BREAKDOWN.search(folded):
            break  # the totals, or the VAT breakdown, start
        cells: dict[str, list[Cell]] = {}
        for cell in row.cells:
            column = _column_of(cell, columns)
            if column.name == "label" and cell.x1 <= label_column.x0 + 2:
                continue  # a position number or a code left of the description column
            cells.setdefault(column.name, []).append(cell)
        amount = _last_amount(cells.get("amount", []))
        if amount is None:
            if lines and "label" in cells and not any(cells.get(n) for n in ("quantity", "unit_price", "vat")):
                continue  # a second line of the description, or a note under the line
            if re.search(r"\d", folded):
                continue
            continue
        label = " ".join(c.text for c in cells.get("label", [])).strip()
        if sum(ch.isalpha() for ch in label) < 2 or len(label) > 200:
            continue  # no description (a code alone), or a paragraph of small print
        line = ExtractedLine(label=label[:500] or None, amount_before_tax=amount)
        line.quantity = _quantity(cells.get("quantity", []))
        prices = [a for c in cells.get("unit_price", []) for a in amounts_in(c.text)]
        line.unit_price = abs(prices[-1]) if prices else None
        line.vat_rate = _rate(cells.get("vat", []))
        lines.append(line)
        last_bottom = row.bottom
    return lines


def _last_amount(cells: list[Cell]) -> Decimal | None:
    for cell in reversed(cells):
        found = amounts_in(cell.text)
        if found:
            value = found[-1]
            if re.match(r"\s*[-\u2212]\s*\d", cell.text) and value > 0:
                value = -value
            return value
    return None


def _quantity(cells: list[Cell]) -> Decimal | None:
    for cell in cells:
        for token in cell.text.split():
            if _QTY.match(token):
                try:
                    value = Decimal(token.replace(",", "."))
                except InvalidOperation:
                    continue
                return abs(value) if value else None
    return None


def _rate(cells: list[Cell]) -> Decimal | None:
    for cell in cells:
        m = _RATE.search(cell.text)
        if m:
            value = Decimal(m.group(1).replace(",", "."))
            if 0 <= value <= 30:
                return value
    return None
