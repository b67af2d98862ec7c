"""The address printed under a party's name (for "Create the supplier…"): street lines down to a
postal-code line, in the party's block — or nothing."""

from __future__ import annotations

from app.pdf.fields.layout import build_layout
from app.pdf.fields.parties import address_under
from app.pdf.words import Box, PageWords, Word


def page(lines: list[str], x: float = 50.0) -> tuple[PageWords, list[Box]]:
    words, boxes = [], []
    for n, text in enumerate(lines):
        top, left, line_words = 60.0 + 14 * n, x, []
        for token in text.split():
            width = 5.0 * len(token)
            line_words.append(Word(token, 0, left, top, left + width, top + 10))
            left += width + 3
        words += line_words
        box = line_words[0].box
        for w in line_words[1:]:
            box = box.union(w.box)
        boxes.append(box)
    return PageWords(0, 595.0, 842.0, words), boxes


def test_street_lines_down_to_the_postal_code():
    pages, boxes = page(["Fiduciaire Blanc", "Bâtiment B", "33 rue du Vieux-Marché", "67000 Strasbourg Cedex 2", "compta@fb.fr"])
    assert address_under(build_layout([pages]), boxes[0]) == ("Bâtiment B, 33 rue du Vieux-Marché", "67000", "Strasbourg Cedex 2")


def test_street_and_city_on_one_line_and_a_foreign_code():
    pages, boxes = page(["Das Company", "Highway 1, B-9000 Ghent"])
    assert address_under(build_layout([pages]), boxes[0]) == ("Highway 1", "9000", "Ghent")


def test_no_postal_code_line_no_address():
    pages, boxes = page(["Au bon moulin", "compta@au-bon-moulin.fr", "69003 Lyon"])
    assert address_under(build_layout([pages]), boxes[0]) is None  # an e-mail is not a street
    pages, boxes = page(["Au bon moulin", "SIREN 999 999 998"])
    assert address_under(build_layout([pages]), boxes[0]) is None
