"""Build the hostile intake corpus for Pennylane Importer (a copy of the reference corpus's
generator, shared/hostile/make_corpus.py, loading the project's helpers from ``tests``; used by
``tests/hostile/test_hostile_corpus.py``, which writes the corpus to a temporary folder).

    python -m tests.hostile.make_corpus OUT_DIR [--big]

Small files are written as is; --big also writes the ones that are large on disk or special
(sparse 100 MB files, a FIFO, symlinks to /dev/zero, a 2,000-file folder, a symlink loop).
Run from the project's root (it uses app.standin.samples and tests/jobs/facturx_gen.py).

Every file name says what the file is; EXPECT.tsv lists name, category and the expected outcome.
"""

from __future__ import annotations

import os
import random
import sys
import zlib
from decimal import Decimal
from pathlib import Path

from app.standin import samples
from tests.jobs import facturx_gen as fxg  # the project's Factur-X helpers

EXPECT: list[tuple[str, str, str]] = []


def note(name: str, category: str, expect: str) -> None:
    EXPECT.append((name, category, expect))


# --- raw PDF building ------------------------------------------------------------------------

def stream(inner: bytes, data: bytes, *, flate: bool = False, length: bytes | None = None) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        inner += b" /Filter /FlateDecode"
    ln = length if length is not None else str(len(data)).encode()
    return b"<< " + inner + b" /Length " + ln + b" >>\nstream\n" + data + b"\nendstream"


def flate_of_zeros(total: int, chunk: int = 8 << 20, fill: bytes = b"\0") -> bytes:
    comp = zlib.compressobj(9)
    out = []
    block = (fill * (chunk // len(fill) + 1))[:chunk]
    left = total
    while left > 0:
        n = min(chunk, left)
        out.append(comp.compress(block[:n]))
        left -= n
    out.append(comp.flush())
    return b"".join(out)


def flate_repeat(unit: bytes, total: int) -> bytes:
    reps = max(1, (8 << 20) // len(unit))
    block = unit * reps
    comp = zlib.compressobj(9)
    out, done = [], 0
    while done < total:
        out.append(comp.compress(block))
        done += len(block)
    out.append(comp.flush())
    return b"".join(out)


def build(objs: dict[int, bytes], *, root: int = 1, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.7\n",
          xref_shift: int = 0, startxref: bytes | None = None, eof: bool = True, size: int | None = None) -> bytes:
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    top = max(objs)
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (top + 1)
    for num in range(1, top + 1):
        if num in offsets:
            out += b"%010d 00000 n \n" % (offsets[num] + xref_shift)
        else:
            out += b"0000000000 00000 f \n"
    root_part = b" /Root %d 0 R" % root if root else b""
    out += b"trailer\n<< /Size %d" % (size or top + 1) + root_part + trailer_extra + b" >>\n"
    out += b"startxref\n" + (startxref if startxref is not None else str(xref).encode()) + b"\n"
    if eof:
        out += b"%%EOF\n"
    return bytes(out)


TEXT = b"BT /F1 12 Tf 72 720 Td (Facture F-2024-1 Total HT 100,00 TVA 20,00 Total TTC 120,00) Tj ET"


def page_objs(content: bytes | None = None, *, contents_ref: bytes = b"4 0 R", extra_catalog: bytes = b"") -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R" + extra_catalog + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents_ref
           + b" /Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(b"", content if content is not None else TEXT),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }


def with_attachments(names_and_streams: list[tuple[bytes, bytes]], first_free: int = 10) -> tuple[dict[int, bytes], bytes]:
    """Objects for embedded files and the /Names entry of the catalog."""
    objs: dict[int, bytes] = {}
    arr = []
    n = first_free
    for name, body in names_and_streams:
        objs[n] = b"<< /Type /Filespec /F (" + name + b") /UF (" + name + b") /EF << /F %d 0 R >> >>" % (n + 1)
        objs[n + 1] = body
        arr.append(b"(" + name + b") %d 0 R" % n)
        n += 2
    names = b" /Names << /EmbeddedFiles << /Names [" + b" ".join(arr) + b"] >> >>"
    return objs, names


def pdf_with_xml(xml: bytes, name: bytes = b"factur-x.xml", flate: bool = True) -> bytes:
    objs = page_objs()
    att, names = with_attachments([(name, stream(b"/Type /EmbeddedFile /Subtype /text#2Fxml", xml, flate=flate))])
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R" + names + b" >>"
    objs.update(att)
    return build(objs)


def write(out: Path, name: str, data: bytes, category: str, expect: str) -> None:
    (out / name).write_bytes(data)
    note(name, category, expect)


# --- the corpus ------------------------------------------------------------------------------

def good_facturx(out: Path, name: str, number: str = "AM-2024-0001", **kw) -> bytes:
    p = fxg.facturx_pdf(out / name, number, **kw)
    return p.read_bytes()


def cii(number: str = "HX-1", **kw) -> bytes:
    return fxg.cii(number, **kw)


def make(out: Path, big: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1234)

    # --- 1. not a PDF at all ---------------------------------------------------------------
    write(out, "s01-empty.pdf", b"", "sniff", "empty")
    write(out, "s02-random-4k.pdf", bytes(rnd.getrandbits(8) for _ in range(4096)).replace(b"%PDF", b"%XXX"), "sniff", "not_pdf")
    write(out, "s03-header-then-random.pdf", b"%PDF-1.7\n" + bytes(rnd.getrandbits(8) for _ in range(8192)), "sniff", "damaged")
    write(out, "s04-html-as-pdf.pdf", b"<!doctype html><html><head><title>Invoice</title></head><body><h1>Facture</h1>"
          b"<script>alert(1)</script></body></html>\n", "sniff", "not_pdf")
    write(out, "s05-html-with-pdf-marker.pdf", b"<html><!-- %PDF-1.4 --><body>Facture F-1 Total TTC 120,00</body></html>\n"
          * 3, "sniff", "damaged")
    write(out, "s06-only-header.pdf", b"%PDF-1.4\n", "sniff", "damaged")
    write(out, "s07-jpeg-renamed.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(500), "sniff", "not_pdf")
    write(out, "s08-zip-renamed.pdf", b"PK\x03\x04" + bytes(300), "sniff", "not_pdf")
    write(out, "s09-utf16-bom-text.pdf", "\ufeffFacture F-1 %PDF-1.4".encode("utf-16"), "sniff", "not_pdf")
    write(out, "s10-pdf-header-after-1kb-junk.pdf", b"x" * 1100 + good_facturx(out, "_tmp.pdf"), "sniff", "not_pdf")
    (out / "_tmp.pdf").unlink()

    # --- 2. truncated --------------------------------------------------------------------------
    base_fx = good_facturx(out, "_base_fx.pdf")
    (out / "_base_fx.pdf").unlink()
    samples.text_pdf(out / "_base_txt.pdf", [["Facture n° F-2024-7", "Date : 15/03/2024", "Total HT 100,00 €",
                                               "TVA 20 % 20,00 €", "Total TTC 120,00 €"]])
    base_txt = (out / "_base_txt.pdf").read_bytes()
    (out / "_base_txt.pdf").unlink()
    write(out, "t00-good-facturx-control.pdf", base_fx, "control", "ok facturx")
    write(out, "t00-good-text-control.pdf", base_txt, "control", "ok text")
    for pct in (10, 50, 90):
        write(out, f"t{pct:02d}-facturx-cut-{pct}pct.pdf", base_fx[: len(base_fx) * pct // 100], "truncated", "damaged/partial")
        write(out, f"t{pct:02d}-text-cut-{pct}pct.pdf", base_txt[: len(base_txt) * pct // 100], "truncated", "damaged/partial")

    # --- 3. broken xref / trailer ------------------------------------------------------------
    write(out, "x01-xref-offsets-shifted.pdf", build(page_objs(), xref_shift=37), "xref", "recovered or damaged")
    write(out, "x02-startxref-beyond-eof.pdf", build(page_objs(), startxref=b"99999999"), "xref", "recovered or damaged")
    write(out, "x03-startxref-garbage.pdf", build(page_objs(), startxref=b"-12abc"), "xref", "recovered or damaged")
    write(out, "x04-xref-prev-self-loop.pdf", build(page_objs(), trailer_extra=b" /Prev 0"), "xref", "bounded")
    data = build(page_objs())
    xref_at = data.rfind(b"xref\n")
    data = data.replace(b" >>\nstartxref", b" /Prev %d >>\nstartxref" % xref_at)  # Prev -> itself
    write(out, "x05-xref-prev-points-to-itself.pdf", data, "xref", "bounded")
    write(out, "x06-trailer-without-root.pdf", build(page_objs(), root=0), "xref", "damaged")
    objs = page_objs()
    objs[1] = b"(not a dictionary)"
    write(out, "x07-root-is-a-string.pdf", build(objs), "xref", "damaged")
    write(out, "x08-no-eof-marker.pdf", build(page_objs(), eof=False), "xref", "recovered")
    write(out, "x09-size-2e9.pdf", build(page_objs(), size=2_000_000_000), "xref", "bounded")
    # xref stream with a huge /Index range
    objs = page_objs()
    body = build(objs, eof=True)
    cut = body.find(b"xref\n")
    xs = b"%d 0 obj\n" % 9 + stream(b"/Type /XRef /W [1 4 2] /Index [0 2000000000] /Size 2000000000 /Root 1 0 R",
                                      b"\x01\x00\x00\x00\x0f\x00\x00" * 6) + b"\nendobj\n"
    data = body[:cut] + xs + b"startxref\n%d\n%%%%EOF\n" % cut
    write(out, "x10-xref-stream-index-2e9.pdf", data, "xref", "bounded")

    # --- 4. encrypted -------------------------------------------------------------------------
    from pypdf import PdfReader, PdfWriter
    import io

    def enc(name: str, user: str, owner: str, algo: str, expect: str) -> None:
        w = PdfWriter(clone_from=PdfReader(io.BytesIO(base_fx)))
        w.encrypt(user, owner, algorithm=algo)
        buf = io.BytesIO()
        w.write(buf)
        write(out, name, buf.getvalue(), "encrypted", expect)

    enc("e01-aes256-user-password.pdf", "secret", "owner", "AES-256", "encrypted")
    enc("e02-aes256-empty-user-password.pdf", "", "owner", "AES-256", "ok (opens with empty pw)")
    enc("e03-rc4-40-user-password.pdf", "secret", "owner", "RC4-40", "encrypted")
    enc("e04-rc4-128-empty-user-password.pdf", "", "owner", "RC4-128", "ok (opens with empty pw)")
    enc("e05-aes128-user-password.pdf", "secret", "owner", "AES-128", "encrypted")
    objs = page_objs()
    objs[9] = b"<< /Filter /FooSecurity /V 9 /R 9 /O (x) /U (y) /P -4 >>"
    write(out, "e06-unknown-security-handler.pdf", build(objs, trailer_extra=b" /Encrypt 9 0 R /ID [<00><00>]"),
          "encrypted", "encrypted/damaged")
    objs = page_objs()
    objs[9] = b"<< /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /OE <00> /UE <00> /Perms <00> /P -4 >>"
    write(out, "e07-aes256-garbage-keys.pdf", build(objs, trailer_extra=b" /Encrypt 9 0 R /ID [<00><00>]"),
          "encrypted", "encrypted/damaged")

    # --- 5. bombs ------------------------------------------------------------------------------
    for depth in (10_000, 200_000):
        nested = b"[" * depth + b"]" * depth
        objs = page_objs()
        objs[3] = objs[3][:-2] + b" /Bomb " + nested + b" >>"
        write(out, f"b01-nested-arrays-{depth}.pdf", build(objs), "bomb", "damaged (bounded)")
    depth = 100_000
    objs = page_objs()
    objs[3] = objs[3][:-2] + b" /Bomb " + b"<< /A " * depth + b"1" + b" >>" * depth + b" >>"
    write(out, "b02-nested-dicts-100k.pdf", build(objs), "bomb", "damaged (bounded)")
    # page tree DAG: 10 kids all pointing at the same node, 9 levels -> 10^9 leaves
    objs = page_objs()
    levels = 9
    first = 20
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join([b"%d 0 R" % first] * 10) + b"] /Count 1000000000 >>"
    for lv in range(levels - 1):
        num = first + lv
        objs[num] = b"<< /Type /Pages /Parent 2 0 R /Kids [" + b" ".join([b"%d 0 R" % (num + 1)] * 10) + b"] /Count %d >>" % (10 ** (levels - 1 - lv))
    objs[first + levels - 1] = b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 3 0 R 3 0 R 3 0 R 3 0 R 3 0 R 3 0 R 3 0 R 3 0 R 3 0 R] /Count 10 >>"
    write(out, "b03-page-tree-dag-1e9-pages.pdf", build(objs), "bomb", "bounded")
    objs = page_objs()
    objs[2] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    write(out, "b04-page-tree-cycle.pdf", build(objs), "bomb", "bounded")
    objs = page_objs()
    objs[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>"
    write(out, "b05-count-2147483647.pdf", build(objs), "bomb", "ok or damaged")
    # content stream that inflates to 1 GB of zeros (pypdf caps at 75 MB)
    objs = page_objs()
    objs[4] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % 0
    z = flate_of_zeros(1_000_000_000, fill=b" ")
    objs[4] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(z) + z + b"\nendstream"
    write(out, "b06-flate-bomb-content-1GB-spaces.pdf", build(objs), "bomb", "bounded")
    # content stream of 74 MB of text operators (under pypdf's 75 MB cap)
    unit = b"BT /F1 12 Tf 72 720 Td (A) Tj ET\n"
    z = flate_repeat(unit, 74_000_000)
    objs = page_objs()
    objs[4] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(z) + z + b"\nendstream"
    write(out, "b07-flate-74MB-text-operators.pdf", build(objs), "bomb", "bounded")
    # the same 70 MB stream referenced 100 times in /Contents (7 GB of content)
    z = flate_of_zeros(70_000_000, fill=b" ")
    objs = page_objs(contents_ref=b"[" + b" ".join([b"4 0 R"] * 100) + b"]")
    objs[4] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(z) + z + b"\nendstream"
    write(out, "b08-contents-array-100x70MB.pdf", build(objs), "bomb", "bounded")
    # object-stream loop: the catalog lives in object stream 6, whose entry says it lives in itself
    hdr = b"1 0 "
    objstm_data = hdr + b"<< /Type /Catalog /Pages 2 0 R >>"
    objs = {2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: page_objs()[3], 4: page_objs()[4], 5: page_objs()[5]}
    body = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for num in sorted(objs):
        offs[num] = len(body)
        body += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    offs[6] = len(body)
    body += b"6 0 obj\n" + stream(b"/Type /ObjStm /N 1 /First %d" % len(hdr), objstm_data) + b"\nendobj\n"
    xref_at = len(body)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    rows.append(b"\x02" + (6).to_bytes(4, "big") + b"\x00\x00")  # obj 1 in objstm 6
    for num in (2, 3, 4, 5):
        rows.append(b"\x01" + offs[num].to_bytes(4, "big") + b"\x00\x00")
    rows.append(b"\x02" + (6).to_bytes(4, "big") + b"\x00\x00")  # obj 6 in objstm 6 (itself)
    rows.append(b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00")
    body += b"7 0 obj\n" + stream(b"/Type /XRef /W [1 4 2] /Size 8 /Root 1 0 R", b"".join(rows)) + b"\nendobj\n"
    body += b"startxref\n%d\n%%%%EOF\n" % xref_at
    write(out, "b09-object-stream-self-loop.pdf", bytes(body), "bomb", "damaged (bounded)")
    objs = page_objs()
    objs[1] = b"7 0 R"
    objs[7] = b"8 0 R"
    objs[8] = b"7 0 R"
    write(out, "b10-reference-cycle-root.pdf", build(objs), "bomb", "damaged")
    objs = page_objs()
    objs[4] = b"<< /Length 4 0 R >>\nstream\n" + TEXT + b"\nendstream"
    write(out, "b11-length-refers-to-itself.pdf", build(objs), "bomb", "bounded")
    objs = page_objs()
    objs[4] = b"<< /Length 999999999999 >>\nstream\n" + TEXT + b"\nendstream"
    write(out, "b12-length-1e12.pdf", build(objs), "bomb", "bounded")
    # 50 attachments of 70 MB each (unknown names: each is inflated to look at its root element)
    z = flate_of_zeros(70_000_000, fill=b" ")
    items = [(b"blob%02d.bin" % i, b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length %d >>\nstream\n" % len(z) + z + b"\nendstream")
             for i in range(50)]
    objs = page_objs()
    att, names = with_attachments(items)
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R" + names + b" >>"
    objs.update(att)
    write(out, "b13-50-attachments-70MB-each.pdf", build(objs), "bomb", "bounded")
    # name tree: 1,000 kids all pointing at one leaf of 1,000 names -> 10^6 attachments
    objs = page_objs()
    leaf_names = b" ".join(b"(f%04d.xml) 11 0 R" % i for i in range(1000))
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 9 0 R >> >>"
    objs[9] = b"<< /Kids [" + b" ".join([b"10 0 R"] * 1000) + b"] >>"
    objs[10] = b"<< /Limits [(f0000.xml) (f0999.xml)] /Names [" + leaf_names + b"] >>"
    objs[11] = b"<< /Type /Filespec /F (f.xml) /EF << /F 12 0 R >> >>"
    objs[12] = stream(b"/Type /EmbeddedFile", b"<x/>")
    write(out, "b14-name-tree-1e6-attachments.pdf", build(objs), "bomb", "bounded")
    objs = page_objs()
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 9 0 R >> >>"
    objs[9] = b"<< /Kids [10 0 R] >>"
    objs[10] = b"<< /Kids [9 0 R] >>"
    write(out, "b15-name-tree-cycle.pdf", build(objs), "bomb", "bounded")

    # --- 6. Factur-X XML -----------------------------------------------------------------------
    from tests.pdf.makepdf import BILLION_LAUGHS, XXE

    write(out, "f01-billion-laughs.pdf", pdf_with_xml(BILLION_LAUGHS), "xml", "xml_unsafe")
    write(out, "f02-xxe-etc-passwd.pdf", pdf_with_xml(XXE), "xml", "xml_unsafe")
    write(out, "f03-xxe-external-dtd.pdf", pdf_with_xml(
        b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">'
        b'<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>'), "xml", "xml_unsafe")
    write(out, "f04-xxe-parameter-entity.pdf", pdf_with_xml(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
        b'<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>'), "xml", "xml_unsafe")
    write(out, "f05-xml-50MB-attachment.pdf", pdf_with_xml(
        cii().replace(b"<rsm:ExchangedDocument>", b"<!--" + b" " * 50_000_000 + b"--><rsm:ExchangedDocument>", 1)),
        "xml", "xml ignored (too large), text used")
    write(out, "f06-malformed-xml.pdf", pdf_with_xml(cii()[:-40]), "xml", "xml note, text used")
    write(out, "f07-wrong-namespace.pdf", pdf_with_xml(cii().replace(b"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
                                                                     b"urn:evil:not-cii")), "xml", "?")
    amounts = {
        "f10-amount-1e400": b"1e400",
        "f11-amount-NaN": b"NaN",
        "f12-amount-minus-zero": b"-0",
        "f13-amount-Infinity": b"Infinity",
        "f14-amount-30-digits": b"123456789012345678901234567890.12",
        "f15-amount-1E999999999": b"1E999999999",
        "f16-amount-arabic-indic-digits": "١٢٠.٠٠".encode(),
        "f17-amount-negative": b"-120.00",
        "f18-amount-1E-999999999": b"1E-999999999",
    }
    for name, value in amounts.items():
        xml = cii().replace(b"<ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>",
                            b"<ram:GrandTotalAmount>" + value + b"</ram:GrandTotalAmount>")
        xml = xml.replace(b"<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>",
                          b"<ram:TaxBasisTotalAmount>" + value + b"</ram:TaxBasisTotalAmount>")
        write(out, name + ".pdf", pdf_with_xml(xml), "xml-values", "clear (field refused or flagged)")
    xml = cii().replace(b"<ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>", b"<ram:GrandTotalAmount>1E999999</ram:GrandTotalAmount>")
    write(out, "f35-amount-1E999999.pdf", pdf_with_xml(xml), "xml-values", "clear (a 1,000,000-digit total)")
    write(out, "j01-crlf-before-pdf-header.pdf", b"\r\n\r\n" + base_fx, "upload", "read ok; the server refuses it (422)")
    # a huge exponent in the line quantity / VAT rate: the draft multiplies and rounds them
    xml = cii().replace(b'<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>',
                        b'<ram:BilledQuantity unitCode="C62">1E999999999</ram:BilledQuantity>')
    xml = xml.replace(b"<ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>",
                      b"</ram:SpecifiedTradeSettlementLineMonetarySummation>")
    write(out, "f19-line-quantity-1E999999999.pdf", pdf_with_xml(xml), "xml-values", "clear")
    xml = cii()
    start = xml.find(b"<ram:IncludedSupplyChainTradeLineItem>")
    end = xml.find(b"</ram:IncludedSupplyChainTradeLineItem>") + len(b"</ram:IncludedSupplyChainTradeLineItem>")
    xml = xml[:start] + xml[end:]  # no lines: the draft makes one line per VAT rate
    xml = xml.replace(b"<ram:BasisAmount>100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent>",
                      b"<ram:BasisAmount>100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>1E99999999</ram:RateApplicablePercent>")
    write(out, "f20-vat-rate-1E99999999-no-lines.pdf", pdf_with_xml(xml), "xml-values", "clear")
    for name, value in {"f21-date-2025-02-30": b"20250230", "f22-date-99999999": b"99999999",
                        "f23-date-0000-00-00": b"00000000", "f24-date-iso-with-garbage": b"2025-02-28T99:99:99Zjunk"}.items():
        xml = cii().replace(b'format="102">20240315<', b'format="102">' + value + b"<")
        write(out, name + ".pdf", pdf_with_xml(xml), "xml-values", "date left empty")
    xml = cii().replace(b"<ram:ID>HX-1</ram:ID>", b"<ram:ID>HX-1\x1b[31mRED\x1b[0m&#10;line2\xe2\x80\xae</ram:ID>")
    write(out, "f25-invoice-number-ansi-newline-rtl.pdf", pdf_with_xml(xml), "xml-values", "cleaned or flagged")
    xml = cii().replace(b"<ram:Name>Au bon moulin</ram:Name>", b"<ram:Name>" + b"A" * 2_000_000 + b"</ram:Name>")
    write(out, "f26-seller-name-2MB.pdf", pdf_with_xml(xml), "xml-values", "clear")
    xml = cii().replace(b"<ram:ID>HX-1</ram:ID>", b"<ram:ID>" + b"9" * 100_000 + b"</ram:ID>")
    write(out, "f27-invoice-number-100k-chars.pdf", pdf_with_xml(xml), "xml-values", "clear")
    deep = 300_000
    xml = cii().replace(b"<rsm:ExchangedDocument>", b"<a>" * deep + b"</a>" * deep + b"<rsm:ExchangedDocument>", 1)
    write(out, "f28-xml-nesting-300k.pdf", pdf_with_xml(xml), "xml", "clear")
    line = cii()[cii().find(b"<ram:IncludedSupplyChainTradeLineItem>"):cii().find(b"</ram:IncludedSupplyChainTradeLineItem>") + 39]
    many = 150_000 if big else 20_000
    xml = cii().replace(line, line * many)
    write(out, f"f29-xml-{many}-lines.pdf", pdf_with_xml(xml), "xml", "bounded")
    xml = cii().decode().encode("utf-16")
    write(out, "f30-xml-utf16.pdf", pdf_with_xml(xml), "xml", "ok or clear")
    xml = cii().replace(b"Au bon moulin", b"Au bon \xff\xfe moulin")
    write(out, "f31-xml-invalid-utf8.pdf", pdf_with_xml(xml), "xml", "xml note")
    write(out, "f32-ubl-xxe.pdf", pdf_with_xml(
        b'<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&x;</ID></Invoice>', name=b"invoice.xml"),
        "xml", "xml_unsafe")
    objs = page_objs()
    att, names = with_attachments([(b"factur-x.xml", stream(b"/Type /EmbeddedFile", cii("A-1"))),
                                   (b"factur-x.xml", stream(b"/Type /EmbeddedFile", cii("B-2")))])
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R" + names + b" >>"
    objs.update(att)
    write(out, "f33-two-facturx-attachments.pdf", build(objs), "xml", "one used, note?")
    xml = cii().replace(b'<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>',
                        b'<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>').replace(
        b"<ram:NetPriceProductTradePrice><ram:ChargeAmount>100.00</ram:ChargeAmount>",
        b"<ram:NetPriceProductTradePrice><ram:ChargeAmount>100.00</ram:ChargeAmount><ram:BasisQuantity>1E-999999999</ram:BasisQuantity>")
    write(out, "f34-basis-quantity-1E-999999999.pdf", pdf_with_xml(xml), "xml-values", "clear")

    # --- 7. names ------------------------------------------------------------------------------
    good = base_fx
    names = {
        b"n01-non-utf8-\xff\xfe.pdf": "non-UTF-8 name",
        "n02-new\nline.pdf".encode(): "newline in name",
        b"-n03-leading-dash.pdf": "leading dash",
        "n04-ansi-\x1b[2J\x1b[31mred.pdf".encode(): "ANSI escape in name",
        ("n05-" + "x" * 240 + ".pdf").encode(): "250-char name",
        "n06-rtl-\u202efdp.exe.pdf".encode(): "RTL override",
        b"--json.pdf": "name that looks like an option",
    }
    for raw, what in names.items():
        with open(os.path.join(os.fsencode(out), raw), "wb") as fh:
            fh.write(good)
        note(os.fsdecode(raw), "names", what)

    if big:
        make_big(out)


def make_big(out: Path) -> None:
    base = out / "big"
    base.mkdir(exist_ok=True)
    # sparse files: nothing is written but the header
    with open(base / "g01-sparse-over-100MB.pdf", "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(100 * 1024 * 1024 + 1)
    note("big/g01-sparse-over-100MB.pdf", "size", "too_large")
    with open(base / "g02-sparse-exactly-100MB-zeros.pdf", "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(100 * 1024 * 1024)
    note("big/g02-sparse-exactly-100MB-zeros.pdf", "size", "damaged (bounded)")
    special = out / "special"
    special.mkdir(exist_ok=True)
    for name, target in (("z01-dev-zero.pdf", "/dev/zero"), ("z02-dev-urandom.pdf", "/dev/urandom"),
                         ("z03-self-loop.pdf", "z03-self-loop.pdf"), ("z04-dangling.pdf", "nowhere/none.pdf"),
                         ("z05-etc-passwd.pdf", "/etc/passwd")):
        p = special / name
        if p.is_symlink() or p.exists():
            p.unlink()
        os.symlink(target, p)
        note(f"special/{name}", "special", "refused quickly")
    fifo = special / "z06-fifo.pdf"
    if not fifo.exists():
        os.mkfifo(fifo)
    note("special/z06-fifo.pdf", "special", "refused quickly")
    (special / "z07-directory.pdf").mkdir(exist_ok=True)
    note("special/z07-directory.pdf", "special", "not_pdf")
    # a folder with a symlink loop and a good file
    loop = out / "folder-symlink-loop"
    (loop / "sub").mkdir(parents=True, exist_ok=True)
    for link, target in (("sub/up", ".."), ("self", ".")):
        p = loop / link
        if not p.is_symlink():
            os.symlink(target, p)
    fxg.facturx_pdf(loop / "sub" / "inside.pdf", "LOOP-1")
    note("folder-symlink-loop/", "folders", "one file, no endless walk")
    # 2,000 small files
    many = out / "folder-2000"
    many.mkdir(exist_ok=True)
    seed_pdf = fxg.facturx_pdf(many / "_seed.pdf", "MANY-1").read_bytes()
    (many / "_seed.pdf").unlink()
    for i in range(2000):
        (many / f"m{i:04d}.pdf").write_bytes(seed_pdf if i % 2 == 0 else seed_pdf[: 200 + i])
    note("folder-2000/", "folders", "all read, bounded time")


def main() -> int:
    out = Path(sys.argv[1])
    big = "--big" in sys.argv
    make(out, big)
    with open(out / "EXPECT.tsv", "w", encoding="utf-8", errors="surrogateescape") as fh:
        for name, cat, exp in EXPECT:
            fh.write(f"{name!r}\t{cat}\t{exp}\n")
    print(f"{len(EXPECT)} entries in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
