"""Where a counterpart prints a value: a typed *layout hint*, learned from a person's correction and
read first the next time (issue #20).

A hint says, for one header field (the invoice number, a date, a total), the label the right value
followed on that counterpart's layout — in the same cell after it (``after``), in the ``nth`` cell
to its right on its row (``right``) or under it (``below``) — or, for a value printed without a
label, an *anchor*: a nearby labelled cell and the value's offset from it (``anchor``; totals anchor
to what follows them, since the lines above vary in number; header fields to what precedes them),
and the region of the page it sat in, as fractions of the page (the last fallback). Labels are compared with their digits folded to
``#`` ("Facture n° F-12 du" matches "Facture n° F-13 du").

:func:`learn_hint` finds where a known value sits on the pages; :func:`read_hinted` reads the value
each hint points to. Both only use the layout (:mod:`app.pdf.fields.layout`); neither guesses a
value that is not printed where the hint says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.pdf.fields.layout import Cell, Layout, below, build_layout, fold, left_of, right_of
from app.pdf.fields.values import amounts_at, amounts_in, find_dates
from app.pdf.words import Box, PageWords

AMOUNT_FIELDS = ("amount_before_tax", "tax", "amount", "amount_due")
DATE_FIELDS = ("date", "deadline")
LAYOUT_FIELDS = ("invoice_number", *DATE_FIELDS, *AMOUNT_FIELDS)
WHERE = ("after", "right", "below", "anchor", "region")
MAX_OFFSET = 2000.0  # points
MAX_LABEL_CHARS = 80
MAX_PAGE = 50

# the reader's label category that names each field (a label of the right kind is preferred)
_CATEGORY = {
    "invoice_number": ("number", "bare_number"), "date": ("issue",), "deadline": ("due_date",),
    "amount_before_tax": ("ht",), "tax": ("tva",), "amount": ("ttc",), "amount_due": ("due",),
}  # fmt: skip


@dataclass(frozen=True)
class LayoutHint:
    """Where ``field``'s value sat on this counterpart's pages."""

    field: str  # one of LAYOUT_FIELDS
    label: str  # the label it followed, folded, digits as '#' ('' when none)
    where: str  # one of WHERE
    page: int  # 0-based
    region: tuple[float, float, float, float]  # the value's box as fractions of the page: x0, top, x1, bottom
    nth: int = 0  # "right": which cell to the right of the label (0 = the next one)
    offset: tuple[float, float] = (0.0, 0.0)  # "anchor": value's (x1, top) minus the anchor's (x0, top), points

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "label": self.label, "where": self.where, "page": self.page,
                "region": [round(v, 4) for v in self.region], "nth": self.nth,
                "offset": [round(v, 1) for v in self.offset]}

    @classmethod
    def from_json(cls, data: Any) -> "LayoutHint":
        """A hint from its JSON (an exported rules file): every value checked and bounded."""
        if not isinstance(data, dict):
            raise ValueError("a layout hint is an object")
        field, where, label = data.get("field"), data.get("where"), data.get("label", "")
        if field not in LAYOUT_FIELDS or where not in WHERE:
            raise ValueError(f"unknown layout hint field or place: {field!r} {where!r}")
        if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS:
            raise ValueError("a layout hint's label is a text of at most 80 characters")
        page = data.get("page")
        if not isinstance(page, int) or isinstance(page, bool) or not 0 <= page <= MAX_PAGE:
            raise ValueError("a layout hint's page is a number from 0 to 50")
        region = data.get("region")
        if (not isinstance(region, list) or len(region) != 4
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in region)):
            raise ValueError("a layout hint's region is four fractions of the page")
        nth = data.get("nth", 0)
        if not isinstance(nth, int) or isinstance(nth, bool) or not 0 <= nth <= 20:
            raise ValueError("a layout hint's nth is a number from 0 to 20")
        offset = data.get("offset", [0.0, 0.0])
        if (not isinstance(offset, list) or len(offset) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= MAX_OFFSET for v in offset)):
            raise ValueError("a layout hint's offset is two distances in points")
        return cls(field, _norm(label), where, page, tuple(float(v) for v in region),  # type: ignore[arg-type]
                   nth, (float(offset[0]), float(offset[1])))


# --- values -------------------------------------------------------------------------------------

def parse_value(field: str, text: str, language: str = "fr") -> Any:
    """The first value of ``field``'s type in ``text`` (Decimal ≥ 0, date, or a number token), or None."""
    if field in AMOUNT_FIELDS:
        found = amounts_in(text)
        return abs(found[0]) if found else None
    if field in DATE_FIELDS:
        dates = find_dates(text, language)
        return dates[0][1] if dates else None
    for token in text.split():
        token = token.strip(" :;,#")
        if any(c.isdigit() for c in token) and 1 <= len(token) <= 40 and not find_dates(token):
            return token
    return None


def _target(field: str, value: str) -> Any:
    if field in AMOUNT_FIELDS:
        try:
            return abs(Decimal(str(value).replace(",", ".").replace(" ", "")))
        except InvalidOperation:
            return None
    if field in DATE_FIELDS:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    return _number_key(str(value)) or None


def _number_key(text: str) -> str:
    return re.sub(r"\s+", "", text).lstrip("#").casefold()


def _occurs(field: str, target: Any, text: str, language: str) -> int | None:
    """Where (character offset) ``target`` is printed in ``text``, or None."""
    if field in AMOUNT_FIELDS:
        return next((pos for pos, value in amounts_at(text) if abs(value) == target), None)
    if field in DATE_FIELDS:
        for pos, value in find_dates(text, language):
            if value == target:
                return pos
        return None
    tokens = text.split(" ")
    for k in range(len(tokens)):
        if _number_key(tokens[k].strip(" :;,")) == target:
            return len(" ".join(tokens[:k])) + (1 if k else 0)
    for k in range(len(tokens)):
        # "N° F 2022 0024" printed with spaces: the value is the cell's tail
        if len(target) >= 3 and _number_key(" ".join(tokens[k:]).strip(" :;,")) == target:
            return len(" ".join(tokens[:k])) + (1 if k else 0)
    return None


# --- labels -------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    """A label as compared: folded, digits as '#', at most the last 80 characters."""
    text = re.sub(r"\d+", "#", fold(text))
    text = " ".join(text.replace(":", " ").split())
    return text[-MAX_LABEL_CHARS:].strip()


_NOT_WORDS = re.compile(r"(?i)\b(?:eur|euros?|usd|gbp|chf)\b|[€$£%]")


def _has_words(text: str) -> bool:
    """Does ``text`` hold a word (not only numbers, a currency or a rate)?"""
    return sum(ch.isalpha() for ch in _NOT_WORDS.sub(" ", text)) >= 2


def _category(label: str) -> str | None:
    from app.pdf.fields.reader import _best_label  # the reader's own vocabulary

    best = _best_label(label.replace("#", "1"))
    return best[1] if best else None


def _fraction(box: Box, pages: list[PageWords]) -> tuple[float, float, float, float]:
    page = next((p for p in pages if p.page == box.page), None)
    w, h = (page.width, page.height) if page is not None and page.width > 0 and page.height > 0 else (595.0, 842.0)
    clamp = lambda v: min(max(v, 0.0), 1.0)  # noqa: E731
    return (clamp(box.x0 / w), clamp(box.top / h), clamp(box.x1 / w), clamp(box.bottom / h))


def _language(layout: Layout) -> str:
    from app.pdf.fields.reader import _language as language_of

    return language_of(fold(layout.text()))


# --- learning -----------------------------------------------------------------------------------

def learn_hint(pages: list[PageWords], field: str, value: str) -> LayoutHint | None:
    """Where ``value`` (the right value of ``field``, as sent: ``"123.40"``, ``"2024-05-01"``,
    ``"F-12"``) is printed on ``pages``, with the label it follows; None when it is not printed."""
    hints = learn_hints(pages, field, value, limit=1)
    return hints[0] if hints else None


def learn_hints(pages: list[PageWords], field: str, value: str, limit: int = 3) -> list[LayoutHint]:
    """The ``limit`` best places where ``value`` is printed, best first, each found by another label
    (a total printed in a totals box and again in the VAT breakdown: the next invoice may carry
    only one of them on the pages read)."""
    if field not in LAYOUT_FIELDS or not pages:
        return []
    target = _target(field, value)
    if target is None:
        return []
    layout = build_layout(pages)
    language = _language(layout)
    ranked: list[tuple[float, LayoutHint]] = []
    for cell in layout.cells():
        pos = _occurs(field, target, cell.text, language)
        if pos is None:
            continue
        row = layout.row_of(cell).index
        for hint in _hints_for(layout, cell, pos, field, pages):
            # a label of this field's kind first ("Total TTC" for the total, not "Net à payer")
            score = 100.0 if hint.label and hint.where != "anchor" and _category(hint.label) in _CATEGORY[field] else 0.0
            if field in AMOUNT_FIELDS:
                score += row  # printed twice: the later one is the total (lines and rate rows come first)
            else:
                score -= row / 1000.0
            score += {"after": 0.3, "right": 0.3, "below": 0.2, "anchor": 0.1, "region": 0.0}[hint.where]
            ranked.append((score, hint))
    out: list[LayoutHint] = []
    seen: set[tuple[str, str, int]] = set()
    for _, hint in sorted(ranked, key=lambda item: -item[0]):
        key = (hint.where, hint.label, hint.nth)
        if key in seen or (out and hint.where == "region"):
            continue  # a region only as the first choice: as a fallback it would guess
        seen.add(key)
        out.append(hint)
        if len(out) >= limit:
            break
    return out


def _hints_for(layout: Layout, cell: Cell, pos: int, field: str, pages: list[PageWords]) -> list[LayoutHint]:
    """Every way to find the value of ``cell`` again: after its label in the cell, right of a
    label on its row, under a heading, from an anchor, by its region."""
    region = _fraction(cell.box, pages)
    out: list[LayoutHint] = []
    before = cell.text[:pos]
    if _has_words(before):
        out.append(LayoutHint(field, _norm(before), "after", cell.page, region))
    for nth, other in enumerate(left_of(layout, cell)):
        if _has_words(other.text):
            out.append(LayoutHint(field, _norm(other.text), "right", cell.page, region, nth=nth))
            break
        if parse_value(field, other.text) is None:
            break  # something else than a value of this kind between them
    row = layout.row_of(cell)
    for above in reversed(layout.rows[max(0, row.index - 3): row.index]):
        if above.page != row.page:
            continue
        over = [c for c in above.cells if c.x0 < cell.x1 + 2 and c.x1 > cell.x0 - 2]
        if over:
            if _has_words(over[0].text) and cell in below(layout, over[0], max_rows=3):
                out.append(LayoutHint(field, _norm(over[0].text), "below", cell.page, region))
            break
    anchor = _anchor(layout, cell, field)
    if anchor is not None:
        offset = (cell.box.x1 - anchor.x0, cell.box.top - anchor.box.top)
        out.append(LayoutHint(field, _norm(anchor.text), "anchor", cell.page, region, offset=offset))
    out.append(LayoutHint(field, "", "region", cell.page, region))
    return out


def _anchor(layout: Layout, cell: Cell, field: str) -> Cell | None:
    """The labelled cell nearest ``cell`` that stays put relative to it: for a total, the first
    labelled row after it (the lines above vary in number), else before; for a header field,
    the first before it."""
    row = layout.row_of(cell)
    same_page = [r for r in layout.rows if r.page == row.page]
    after = [r for r in same_page if r.index > row.index][:6]
    before = list(reversed([r for r in same_page if r.index < row.index]))[:6]
    order = after + before if field in AMOUNT_FIELDS else before + after
    for other in order:
        for c in other.cells:
            if _has_words(c.text) and len(c.text) <= 200:
                return c
    return None


# --- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hinted:
    """A value read where a hint points: by its label (``by_label``) or only by its region."""

    value: Any  # Decimal ≥ 0 | date | str
    box: Box
    by_label: bool


def read_hinted(pages: list[PageWords], hints: list[LayoutHint]) -> dict[str, Hinted]:
    """``field -> Hinted`` for each hint whose place holds a value of its field's type.

    The label wins: the cell that holds (``after``) or stands next to (``right``, ``below``) the
    remembered label (or sits at its offset from the anchor), the one nearest the remembered region
    when there are several; a place learned without any label: the cell that covers its region.
    """
    out: dict[str, Hinted] = {}
    if not pages or not hints:
        return out
    layout = build_layout(pages)
    if not layout.rows:
        return out
    language = _language(layout)
    for hint in hints:
        found = _read_one(layout, hint, pages, language)
        if found is not None:
            out[hint.field] = found
    return out


def _distance(box: Box, hint: LayoutHint, pages: list[PageWords]) -> float:
    x0, top, x1, bottom = _fraction(box, pages)
    hx = (hint.region[0] + hint.region[2]) / 2
    hy = (hint.region[1] + hint.region[3]) / 2
    return abs((x0 + x1) / 2 - hx) + abs((top + bottom) / 2 - hy) + (0 if box.page == hint.page else 5)


def _at_offset(layout: Layout, anchor: Cell, hint: LayoutHint, language: str) -> tuple[Any, Box] | None:
    """The value in the cell at ``hint.offset`` from ``anchor`` (its right edge and top, within a
    line and a half and a few characters; the nearest)."""
    x1 = anchor.x0 + hint.offset[0]
    top = anchor.box.top + hint.offset[1]
    height = max(anchor.height, 6.0)
    best: tuple[float, Any, Box] | None = None
    for row in layout.rows:
        if row.page != anchor.page or abs(row.top - top) > 1.5 * height:  # the nearest within a line and a half
            continue
        for c in row.cells:
            if abs(c.x1 - x1) > 3 * height:
                continue
            value = parse_value(hint.field, c.text, language)
            if value is not None:
                d = abs(c.x1 - x1) + abs(row.top - top)
                if best is None or d < best[0]:
                    best = (d, value, c.box)
    return (best[1], best[2]) if best else None


def _read_one(layout: Layout, hint: LayoutHint, pages: list[PageWords], language: str) -> Hinted | None:
    found: list[tuple[float, Any, Box]] = []
    if hint.label:
        for cell in layout.cells():
            words = [_norm(w.text) for w in cell.words]
            if hint.where == "after":
                size = len(hint.label.split())
                for k in range(size, len(words)):
                    prefix = _norm(" ".join(words[:k]))
                    if prefix == hint.label or prefix.endswith(" " + hint.label):
                        rest = cell.words[k:]
                        text = " ".join(w.text for w in rest)
                        value = parse_value(hint.field, text, language)
                        if value is not None:
                            box = rest[0].box
                            for w in rest[1:]:
                                box = box.union(w.box)
                            found.append((_distance(box, hint, pages), value, box))
                        break
            elif hint.where == "anchor" and _norm(cell.text) == hint.label:
                got = _at_offset(layout, cell, hint, language)
                if got is not None:
                    found.append((_distance(got[1], hint, pages), *got))
            elif _norm(cell.text) == hint.label:
                nxt = right_of(layout, cell)[hint.nth: hint.nth + 1] if hint.where == "right" else below(layout, cell, max_rows=3)
                for other in nxt:
                    value = parse_value(hint.field, other.text, language)
                    if value is not None:
                        found.append((_distance(other.box, hint, pages), value, other.box))
                        break
    by_label = bool(found)
    if not found and hint.where == "region":  # a labelled place not found is not guessed by its region
        x0, top, x1, bottom = hint.region
        for cell in layout.cells():
            if cell.page != hint.page:
                continue
            fx0, ftop, fx1, fbottom = _fraction(cell.box, pages)
            if fx0 < x1 + 0.01 and fx1 > x0 - 0.01 and ftop < bottom + 0.005 and fbottom > top - 0.005:
                value = parse_value(hint.field, cell.text, language)
                if value is not None:
                    found.append((_distance(cell.box, hint, pages), value, cell.box))
    if not found:
        return None
    _, value, box = min(found, key=lambda f: f[0])
    return Hinted(value, box, by_label)
