"""A corpus of bad files, generated here: each gets its code and a reason; nothing raises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.pdf.reader import ERROR_CODES, read_document
from app.pdf.sniff import MAX_SIZE, sniff
from tests.pdf.makepdf import BILLION_LAUGHS, XXE, make_pdf, nested_arrays_pdf

ROOT = Path(__file__).resolve().parents[2]


def _good(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "good.pdf", ["Facture n° F-1", "Total HT 100,00 €", "TVA 20 % 20,00 €", "Total TTC 120,00 €"])


def _corpus(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = _good(tmp_path).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good[: len(good) // 3])
    random_bytes = tmp_path / "random.pdf"
    random_bytes.write_bytes(os.urandom(4096).replace(b"%PDF", b"%XXX"))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as fh:  # sparse: nothing written
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_SIZE + 1)
    jpeg = tmp_path / "photo.pdf"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(2000))
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    zip_ = tmp_path / "archive.pdf"
    zip_.write_bytes(b"PK\x03\x04" + os.urandom(200))
    encrypted = make_pdf(tmp_path / "locked.pdf", ["Facture"], user_password="secret")
    bomb = make_pdf(tmp_path / "bomb.pdf", ["Facture n° B-1", "Total TTC 10,00 €"], attachments={"factur-x.xml": BILLION_LAUGHS})
    xxe = make_pdf(tmp_path / "xxe.pdf", ["Facture"], attachments={"factur-x.xml": XXE})
    nested = nested_arrays_pdf(tmp_path / "nested.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    return {
        "truncated": (truncated, "damaged"),
        "random": (random_bytes, "not_pdf"),
        "empty": (empty, "empty"),
        "huge": (huge, "too_large"),
        "jpeg": (jpeg, "bad_image"),  # images are read (OCR); these two do not decode
        "png": (png, "bad_image"),
        "zip": (zip_, "not_pdf"),
        "encrypted": (encrypted, "encrypted"),
        "bomb": (bomb, "xml_unsafe"),
        "xxe": (xxe, "xml_unsafe"),
        "nested": (nested, "damaged"),
        "missing": (tmp_path / "gone.pdf", "not_found"),
        "folder": (folder, "not_pdf"),
    }


def test_each_bad_file_gets_its_code_and_a_reason(tmp_path):
    for label, (path, code) in _corpus(tmp_path).items():
        reading = read_document(path)
        assert reading.error is not None, label
        assert reading.error.code == code, (label, reading.error)
        assert reading.error.code in ERROR_CODES
        fr, en = reading.error.message
        assert path.name in fr and path.name in en, label
        assert len(fr) > 30 and len(en) > 30
        json.dumps(reading.to_json())  # always serialisable


def test_reasons_say_what_it_is(tmp_path):
    corpus = _corpus(tmp_path)
    assert "JPEG" in read_document(corpus["jpeg"][0]).error.message.en
    assert "JPEG" in read_document(corpus["jpeg"][0]).error.message.fr
    assert "PNG" in read_document(corpus["png"][0]).error.message.en
    assert "100 MB" in read_document(corpus["huge"][0]).error.message.en
    assert "password" in read_document(corpus["encrypted"][0]).error.message.en
    assert "mot de passe" in read_document(corpus["encrypted"][0]).error.message.fr


def test_huge_file_is_refused_without_reading_it(tmp_path):
    huge = _corpus(tmp_path)["huge"][0]
    assert huge.stat().st_size == MAX_SIZE + 1
    reading = read_document(huge)
    assert reading.error.code == "too_large" and reading.sha256 == "" and reading.size == MAX_SIZE + 1


def test_xml_bomb_still_reads_the_pdf(tmp_path):
    reading = read_document(_corpus(tmp_path)["bomb"][0])
    assert reading.error.code == "xml_unsafe"
    assert reading.pages == 1 and reading.attachments == ["factur-x.xml"]
    assert reading.source == "text" and reading.invoice.invoice_number == "B-1"


def test_empty_user_password_opens(tmp_path):
    path = make_pdf(tmp_path / "owner-only.pdf", ["Facture n° P-7", "Total TTC 12,00 €"], user_password="", owner_password="owner")
    reading = read_document(path)
    assert reading.error is None and reading.pages == 1
    assert reading.invoice.invoice_number == "P-7"


def test_junk_before_header_is_refused_at_intake_with_what_to_do(tmp_path):
    """PDF viewers skip bytes before %PDF-; Pennylane's upload refuses the file (422). Refused at
    intake, saying why and how to fix it, instead of failing at the upload with advice that does
    not fit."""
    good = _good(tmp_path).read_bytes()
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"\r\n" * 100 + good)
    error = sniff(path)
    assert error.code == "damaged" and "200 byte(s) before its %PDF- header" in error.message.en
    assert "Pennylane refuses" in error.message.en and "Pennylane refuse" in error.message.fr
    reading = read_document(path)
    assert reading.error.code == "damaged" and reading.sha256  # still one row per file
    far = tmp_path / "far.pdf"
    far.write_bytes(b"x" * 2000 + good)
    assert sniff(far).code == "not_pdf"


def test_good_files_are_read_between_bad_ones(tmp_path):
    corpus = _corpus(tmp_path)
    good = _good(tmp_path)
    readings = [read_document(p) for p, _ in corpus.values()] + [read_document(good)]
    assert readings[-1].error is None and readings[-1].invoice.amount is not None


def test_same_bytes_same_sha256(tmp_path):
    a = _good(tmp_path)
    b = tmp_path / "copy.pdf"
    b.write_bytes(a.read_bytes())
    assert read_document(a).sha256 == read_document(b).sha256 != ""
    jpeg = tmp_path / "photo.pdf"
    jpeg.write_bytes(b"\xff\xd8\xff" + b"0" * 10)
    assert len(read_document(jpeg).sha256) == 64  # refused files keep a hash: dropped twice, one row


def test_inspect_cli_on_a_bad_file(tmp_path):
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "app", "inspect", str(bad), str(tmp_path / "missing.pdf"), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["error"]["code"] for r in rows] == ["bad_image", "not_found"]  # a JPEG that does not decode
    assert rows[0]["source"] == "none" and rows[0]["amount"] is None and rows[0]["seller"]["siren"] is None


def test_inspect_cli_usage_error():
    proc = subprocess.run([sys.executable, "-m", "app", "inspect", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2


def test_recursion_error_anywhere_is_damaged(tmp_path, monkeypatch):
    import app.pdf.pdfdoc as pdfdoc

    def boom(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pdfdoc, "PdfReader", boom)
    reading = read_document(_good(tmp_path))
    assert reading.error.code == "damaged"
    assert "nested too deeply" in reading.error.message.en


def test_reading_in_threads_gives_the_same_results(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    paths = [p for p, _ in _corpus(tmp_path).values()] + [_good(tmp_path)] * 3
    serial = [read_document(p).to_json() for p in paths]
    with ThreadPoolExecutor(4) as pool:
        parallel = [r.to_json() for r in pool.map(read_document, paths)]
    assert parallel == serial


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fifos_and_devices_are_refused_without_being_opened(tmp_path):
    import threading

    from app.pdf.reader import read_document

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")
    results = {}

    def read_all():
        for p in (fifo, zero):
            results[p.name] = read_document(p)

    t = threading.Thread(target=read_all, daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "reading a FIFO or /dev/zero never ended"
    for r in results.values():
        assert r.error is not None and r.error.code == "unreadable" and r.sha256 == ""
        assert "regular file" in r.error.message.en and "fichier ordinaire" in r.error.message.fr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_open_regular_refuses_a_file_swapped_for_a_fifo(tmp_path):
    from app.pdf.sniff import NotRegularFile, open_regular

    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    with open_regular(path) as fh:
        assert fh.read() == b"%PDF-1.4"
    path.unlink()
    os.mkfifo(path)  # after any earlier stat: the open descriptor is what is checked
    with pytest.raises(NotRegularFile):
        open_regular(path)


def test_page_content_that_inflates_past_the_bound_is_not_read(tmp_path):
    """A Flate bomb in the page content: PDFium and OCR would inflate it whole; it is measured in
    bounded chunks and refused."""
    import zlib

    from app.pdf import pdfdoc

    bomb = zlib.compress(b" " * (pdfdoc.MAX_PAGE_CONTENT + 1024 * 1024), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(out)
    r = read_document(path)
    assert r.error is not None and r.error.code == "damaged"
    assert "32 MB" in r.error.message.en and "32 Mo" in r.error.message.fr
