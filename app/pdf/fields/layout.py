"""Words → rows → cells → blocks: the page as a person reads it.

* A **row** gathers the words of one page whose vertical middles line up.
* A **cell** is a run of words on a row with no wide gap (wider than about one character height):
  "Date de facture :" and "13/11/2017" printed apart are two cells; "Facture n° 12 du 13/11/2017"
  is one.
* A **block** is a column of cells starting at the same x on consecutive rows (an address, a
  "Bill to" box, a letterhead), for finding who is who.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field

from app.pdf.words import Box, PageWords, Word


def fold(text: str) -> str:
    """Lower case without accents, typographic quotes made straight: for label matching."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ")
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@dataclass
class Cell:
    words: list[Word]
    row: int = -1  # index of its row in Layout.rows

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for w in self.words[1:]:
            box = box.union(w.box)
        return box

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def height(self) -> float:
        return max(w.height for w in self.words)


@dataclass
class Row:
    index: int
    page: int
    top: float
    bottom: float
    cells: list[Cell] = field(default_factory=list)
    page_height: float = 842.0
    page_width: float = 595.0

    @property
    def text(self) -> str:
        return "   ".join(c.text for c in self.cells)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Layout:
    rows: list[Row]
    pages: list[PageWords]

    def cells(self):  # type: ignore[no-untyped-def]
        for row in self.rows:
            yield from row.cells

    def row_of(self, cell: Cell) -> Row:
        return self.rows[cell.row]

    def text(self) -> str:
        return "\n".join(row.text for row in self.rows)


def build_layout(pages: list[PageWords]) -> Layout:
    rows: list[Row] = []
    for page in pages:
        words = sorted((w for w in page.words if w.text.strip() and w.bottom > w.top), key=lambda w: (w.middle, w.x0))
        page_rows: list[list[Word]] = []
        mids: list[float] = []
        for word in words:
            tol = max(word.height * 0.45, 1.0)
            # join the last row whose middle is close (words arrive sorted by middle)
            if page_rows and abs(mids[-1] - word.middle) <= tol:
                page_rows[-1].append(word)
                n = len(page_rows[-1])
                mids[-1] += (word.middle - mids[-1]) / n
            else:
                page_rows.append([word])
                mids.append(word.middle)
        for group in page_rows:
            group.sort(key=lambda w: w.x0)
            row = Row(index=len(rows), page=page.page, top=min(w.top for w in group),
                      bottom=max(w.bottom for w in group), page_height=page.height, page_width=page.width)
            gap_limit = max(statistics.median(w.height for w in group) * 0.9, 3.0)
            current: list[Word] = []
            for word in group:
                if current and word.x0 - current[-1].x1 > gap_limit:
                    row.cells.append(Cell(current, row.index))
                    current = []
                current.append(word)
            if current:
                row.cells.append(Cell(current, row.index))
            rows.append(row)
    return Layout(rows=rows, pages=pages)


def right_of(layout: Layout, cell: Cell) -> list[Cell]:
    """The cells after ``cell`` on its row, nearest first."""
    row = layout.row_of(cell)
    return [c for c in row.cells if c.x0 >= cell.x1 - 0.5 and c is not cell]


def left_of(layout: Layout, cell: Cell) -> list[Cell]:
    row = layout.row_of(cell)
    return [c for c in reversed(row.cells) if c.x1 <= cell.x0 + 0.5 and c is not cell]


def below(layout: Layout, cell: Cell, max_rows: int = 4, max_gap: float = 3.0) -> list[Cell]:
    """Cells under ``cell`` in its column, nearest row first, on the following rows of the same page,
    stopping after ``max_rows`` rows or a vertical gap larger than ``max_gap`` line heights. The
    column runs from the cell to the next cell of its row (a header's value may be right-aligned
    under it, starting past the header's last letter)."""
    out: list[Cell] = []
    row = layout.row_of(cell)
    following = [c.x0 for c in row.cells if c.x0 > cell.x1]
    right = min(following) - 2 if following else cell.x1 + 2
    last_bottom = row.bottom
    seen = 0
    for nxt in layout.rows[row.index + 1:]:
        if nxt.page != row.page or nxt.top - last_bottom > max_gap * max(row.height, 6.0):
            break
        hits = [c for c in nxt.cells if c.x0 < right and c.x1 > cell.x0 - 2]
        # the cell most under the column first ("21.00 | 522.31" under "% Base amount:")
        hits.sort(key=lambda c: -(min(c.x1, right) - max(c.x0, cell.x0)))
        if hits:
            out.extend(hits)
            seen += 1
            last_bottom = nxt.bottom
            if seen >= max_rows:
                break
    return out


@dataclass
class Block:
    cells: list[Cell]

    @property
    def lines(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.cells)

    @property
    def page(self) -> int:
        return self.cells[0].page

    def contains(self, cell: Cell) -> bool:
        return any(c is cell for c in self.cells)


def blocks(layout: Layout, max_gap: float = 1.9) -> list[Block]:
    """Columns of left-aligned cells on consecutive rows (addresses, letterheads, boxes)."""
    out: list[Block] = []
    open_blocks: list[tuple[Block, Row]] = []
    for row in layout.rows:
        still: list[tuple[Block, Row]] = []
        used: set[int] = set()
        for block, last in open_blocks:
            if last.page != row.page or row.top - last.bottom > max_gap * max(last.height, 6.0):
                continue
            anchor = block.cells[0].x0
            match = next((c for c in row.cells if id(c) not in used and abs(c.x0 - anchor) <= 4.0), None)
            if match is not None:
                block.cells.append(match)
                used.add(id(match))
                still.append((block, row))
            elif row.top - last.bottom <= max_gap * max(last.height, 6.0):
                still.append((block, last))
        for cell in row.cells:
            if id(cell) not in used:
                block = Block([cell])
                out.append(block)
                still.append((block, row))
        open_blocks = still
    return out
