"""OCR: the usable-text rule, the pinned offline engine, orientation and skew, the photo crop,
the page pipeline (limits, cache, cancel) and an image file read end to end.

Real OCR runs only on small generated pictures (well under a second of recognition each)."""

from __future__ import annotations

import math
import socket

import numpy as np
import pytest

from app.pdf.ocr import needs_ocr
from app.pdf.ocr import engine, geometry
from app.pdf.words import PageWords, Word
from tests.pdf.ocr_images import LINES, save, text_image


# --- the rule ----------------------------------------------------------------------------------

def _pages(text: str) -> list[PageWords]:
    return [PageWords(0, 595, 842, [Word(t, 0, 10 + 40 * i, 10, 40 + 40 * i, 20) for i, t in enumerate(text.split())])]


@pytest.mark.parametrize("text, ocr", [
    ("", True),
    ("Page 1 / 2", True),  # a scanner's stamp is not a text layer
    ("(cid:12)(cid:45)(cid:3) " * 40, True),
    ("\ue001\ue002\ue003 " * 30 + "Facture", True),  # private-use glyphs: no Unicode map
    ("Facture n° F-1 du 12/03/2024 — Total TTC 120,00 €", False),
])
def test_needs_ocr(text, ocr):
    assert needs_ocr(_pages(text)) is ocr


def test_needs_ocr_on_pages():
    empty = [PageWords(0, 595, 842, [])]
    real = [PageWords(0, 595, 842, [Word(w, 0, 10, 10, 40, 20) for w in "Facture numéro 2024-001 Total 120,00".split()])]
    assert needs_ocr(empty) and not needs_ocr(real)


# --- the engine is pinned to the wheel's models, and works with no network ----------------------

def test_models_are_the_bundled_files():
    params = engine.model_params()
    root = engine.models_dir()
    for key in ("Det.model_path", "Rec.model_path", "Cls.model_path"):
        path = params[key]
        assert path.startswith(str(root)) and __import__("os").path.isfile(path), key


def test_ocr_runs_with_the_network_unreachable(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(engine, "_engine", None)  # load the models now, offline
    lines = engine.recognise(np.asarray(text_image()))
    text = " ".join(line.text for line in lines)
    assert "F-2024-017" in text and "14/03/2024" in text and "234,56" in text
    assert all(w.quad and len(w.quad) == 4 for line in lines for w in line.words)
    assert attempts == []


def test_a_missing_model_is_an_error_not_a_download(monkeypatch, tmp_path):
    monkeypatch.setattr(engine, "models_dir", lambda: tmp_path)
    with pytest.raises(engine.OcrUnavailable):
        engine.model_params()


# --- geometry ----------------------------------------------------------------------------------

def _quad(x, y, length, thickness, degrees):
    a = math.radians(degrees)
    dx, dy = math.cos(a), math.sin(a)
    p0 = (x, y)
    p1 = (x + length * dx, y + length * dy)
    p2 = (p1[0] - thickness * dy, p1[1] + thickness * dx)
    p3 = (x - thickness * dy, y + thickness * dx)
    return (p0, p1, p2, p3)


def test_skew_and_vertical_text():
    level = [_quad(50, 50 + 40 * i, 400, 20, 1.2) for i in range(6)]
    assert geometry.skew_degrees(level) == pytest.approx(1.2, abs=0.01)
    assert not geometry.is_vertical(level)
    tall = [((10, 10 + 300), (10, 10), (30, 10), (30, 310)) for _ in range(5)]
    assert geometry.is_vertical(tall)
    assert geometry.skew_degrees(level[:2]) == 0.0  # too few lines to say


def test_rotate_points_undoes_a_skew():
    quad = _quad(100, 100, 400, 20, 2.0)
    straight = geometry.rotate_points(quad, 2.0, (300, 300))
    assert straight[0][1] == pytest.approx(straight[1][1], abs=1e-6)


def _photo(angle: float = 8.0):
    import cv2

    canvas = np.full((1200, 900, 3), (60, 70, 50), np.uint8)
    page = np.full((800, 560, 3), 245, np.uint8)
    cv2.putText(page, "INVOICE 42", (60, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 3)
    src = np.float32([[0, 0], [560, 0], [560, 800], [0, 800]])
    dst = np.float32([[200, 180], [700, 230], [740, 1050], [150, 1000]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    cv2.warpPerspective(page, matrix, (900, 1200), canvas, borderMode=cv2.BORDER_TRANSPARENT)
    return canvas, dst


def test_a_photographed_page_is_found_and_flattened():
    photo, corners = _photo()
    found = geometry.find_document(photo)
    assert found is not None
    assert np.abs(found - corners).max() < 25  # px, on a 1200-px picture
    flat = geometry.flatten(photo, found)
    assert flat.shape[0] > flat.shape[1]  # portrait, as the page
    assert flat.mean() > 200  # the background is gone


def test_no_crop_when_there_is_no_clear_page():
    assert geometry.find_document(np.full((800, 600), 250, np.uint8)) is None  # a scan: all page
    noise = np.random.default_rng(1).integers(0, 255, (600, 800, 3), dtype=np.uint8)
    assert geometry.find_document(noise) is None


# --- one page -----------------------------------------------------------------------------------

def test_an_upside_down_page_is_turned_and_read():
    from app.pdf.ocr.pages import read_image

    image = np.asarray(text_image())[::-1, ::-1].copy()  # 180°
    reading = read_image(image, page=0, points_per_pixel=0.5)
    assert reading.quarter_turns == 2
    text = " ".join(w.text for w in reading.words.words)
    assert text.startswith("FACTURE") and "14/03/2024" in text
    words = reading.words.words
    assert all(0 <= w.x0 < w.x1 <= reading.words.width and 0 <= w.top < w.bottom <= reading.words.height for w in words)
    assert all(w.confidence > 0.5 for w in words)


def test_a_blank_page_is_not_read():
    from app.pdf.ocr.pages import read_image

    called = []
    reading = read_image(np.full((900, 600), 255, np.uint8), page=0, points_per_pixel=1.0,
                         recognise=lambda *a: called.append(a) or [])
    assert reading.words.words == [] and called == []


def test_reading_order_keeps_lines_whole():
    from app.pdf.ocr.pages import _reading_order

    def line(text, x, top):
        words = []
        for i, t in enumerate(text.split()):
            words.append(Word(t, 0, x + 60 * i, top, x + 60 * i + 50, top + 10))
        return words

    order = _reading_order([line("Alexandre Payet", 300, 100), line("35 rue République", 10, 104),
                            line("35 rue République", 300, 113)])
    assert " ".join(w.text for w in order) == "35 rue République Alexandre Payet 35 rue République"


# --- a document: limits, cache, cancel ----------------------------------------------------------

@pytest.fixture
def small_pdf(tmp_path):
    import img2pdf

    png = save(text_image(), tmp_path / "scan.png")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(img2pdf.convert([str(png)] * 3))
    return pdf


def test_pages_are_cached_by_sha256_and_limited(small_pdf, tmp_path):
    from app.pdf.ocr.document import ocr_pdf

    seen = []
    sha = "ab" * 32
    first = ocr_pdf(small_pdf, sha256=sha, max_pages=1, cache_dir=tmp_path, progress=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 1)] and not first.cached and len(first.pages) == 1
    assert any("3" in note.en for note in first.notes)  # only 1 page of 3 read, and it says so
    again = ocr_pdf(small_pdf, sha256=sha, max_pages=1, cache_dir=tmp_path, progress=lambda i, n: seen.append((i, n)))
    assert again.cached and seen == [(1, 1)]
    assert [w.text for w in again.pages[0].words] == [w.text for w in first.pages[0].words]
    a, b = again.pages[0].words[0], first.pages[0].words[0]
    assert (a.x0, a.top, a.x1, a.bottom) == pytest.approx((b.x0, b.top, b.x1, b.bottom), abs=0.01)


def test_cancel_stops_before_the_next_page(small_pdf, tmp_path):
    from app.pdf.ocr.document import OcrCancelled, ocr_pdf

    with pytest.raises(OcrCancelled):
        ocr_pdf(small_pdf, cache_dir=tmp_path, cancelled=lambda: True)


def test_an_image_file_is_read_end_to_end(tmp_path):
    from app.pdf.reader import read_document

    png = save(text_image(), tmp_path / "ticket.png")
    reading = read_document(png)
    assert reading.error is None and reading.source == "ocr"
    assert reading.source_file == png and reading.path.suffix == ".pdf" and reading.path.is_file()
    assert reading.invoice.invoice_number == "F-2024-017"
    assert str(reading.invoice.amount) == "1234.56"
    assert reading.invoice.provenance["amount"] == "ocr"
    data = reading.to_json()
    assert data["file"] == str(png) and data["pdf"] == str(reading.path) and data["ocr"]["pages"] == 1


def test_the_installers_smoke_image_reads_offline(monkeypatch):
    """packaging/linux/smoke_test.sh runs the installed app on this picture with no network."""
    from pathlib import Path

    from app.pdf.reader import read_document

    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    image = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "ocr-smoke.png"
    data = read_document(image).to_json()
    assert data["source"] == "ocr" and data["invoice_number"] == "F-2024-017" and data["amount"] == "1234.56"


def test_words_glued_at_a_bracket_are_split():
    from app.pdf.ocr.pages import split_glued

    assert [p for p, _, _ in split_glued("(380)Nr.", 0, 80)] == ["(380)", "Nr."]
    parts = split_glued("Nr.(380)", 10, 90)
    assert [p for p, _, _ in parts] == ["Nr.", "(380)"] and parts[0][1] == 10 and parts[-1][2] == pytest.approx(90)
    assert split_glued("F-2024-017", 0, 50) == [("F-2024-017", 0, 50)]
    for glued, parts in (("Nr.210111", ["Nr.", "210111"]), ("632.00EUR", ["632.00", "EUR"]), ("12,00€", ["12,00", "€"]),
                         ("TVA:FR05987654321", ["TVA:", "FR05987654321"]), ("%Base", ["%", "Base"]),
                         ("FactureFA-2017-0010", ["Facture", "FA-2017-0010"])):
        assert [p for p, _, _ in split_glued(glued, 0, 10)] == parts, glued
    for whole in ("10:30", "13/11/2017", "FR7630006000011234567890189", "S.A.R.L", "4778C", "1.234,56", "EUROPA", "eRechnung", "iPhone12", "McDonald"):
        assert [p for p, _, _ in split_glued(whole, 0, 10)] == [whole], whole


def test_the_time_limit_is_cpu_time_with_a_wall_backstop():
    import time

    from app.pdf.ocr.engine import Deadline

    assert not Deadline.after(5, 5).passed()
    assert Deadline(time.process_time() - 1, time.monotonic() + 100).passed()  # CPU spent
    assert Deadline(time.process_time() + 100, time.monotonic() - 1).passed()  # wall backstop


def test_an_ocr_failure_is_a_note_and_the_engine_is_loaded_again(monkeypatch, tmp_path):
    from app.pdf.ocr import document
    from app.pdf.reader import read_document

    monkeypatch.setattr(engine, "_engine", object())
    monkeypatch.setattr(document, "read_image", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bad state")))
    reading = read_document(save(text_image(), tmp_path / "x.png"))
    assert reading.error is None and reading.source == "none"
    assert any("RuntimeError" in note.en for note in reading.ocr_notes)
    assert engine._engine is None
