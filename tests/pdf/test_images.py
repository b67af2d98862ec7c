"""Image files become PDFs for the upload: lossless, EXIF orientation kept, bounded, refused with a
reason when broken. (No OCR here: see test_ocr.py.)"""

from __future__ import annotations

import io

import pytest

from app.pdf.discovery import discover
from app.pdf.images import ImageError, image_kind, image_to_pdf
from tests.pdf.ocr_images import text_image


def _pdf_pages(path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [(round(p.get_width()), round(p.get_height()), p.get_rotation()) for p in doc]
    finally:
        doc.close()


def test_a_jpeg_is_embedded_byte_for_byte(tmp_path):
    jpeg = tmp_path / "photo.jpg"
    text_image().convert("RGB").save(jpeg, quality=80)
    out = image_to_pdf(jpeg, "1" * 64, tmp_path / "data")
    assert out.lossless_copy and out.pdf.name == "photo.jpg.pdf" and out.pdf.parent.parent.name == "images"
    assert jpeg.read_bytes() in out.pdf.read_bytes()
    again = image_to_pdf(jpeg, "1" * 64, tmp_path / "data")
    assert again.pdf == out.pdf  # made once


def test_exif_orientation_becomes_the_page_rotation(tmp_path):
    from PIL import Image

    jpeg = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    text_image().convert("RGB").save(jpeg, exif=exif)
    out = image_to_pdf(jpeg, "2" * 64, tmp_path / "data")
    (width, height, rotation), = _pdf_pages(out.pdf)
    assert rotation == 90 or height > width


@pytest.mark.parametrize("fmt, suffix, kind", [
    ("PNG", ".png", "png"), ("WEBP", ".webp", "webp"), ("BMP", ".bmp", "bmp"), ("TIFF", ".tif", "tiff"),
])
def test_other_formats(tmp_path, fmt, suffix, kind):
    path = tmp_path / f"scan{suffix}"
    im = text_image().convert("RGBA") if fmt == "PNG" else text_image()  # transparency: flattened
    im.save(path, format=fmt, **({"lossless": True} if fmt == "WEBP" else {}))
    assert image_kind(path.read_bytes()[:32]) == kind
    out = image_to_pdf(path, "3" * 64, tmp_path / "data")
    assert len(_pdf_pages(out.pdf)) == 1


def test_a_multi_page_tiff_gives_one_page_each(tmp_path):
    path = tmp_path / "two.tiff"
    first = text_image()
    first.save(path, save_all=True, append_images=[text_image(("PAGE DEUX",))])
    out = image_to_pdf(path, "4" * 64, tmp_path / "data")
    assert out.pages == 2 and len(_pdf_pages(out.pdf)) == 2


def test_heic(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    path = tmp_path / "photo.heic"
    try:
        pillow_heif.from_pillow(text_image().convert("RGB")).save(path, quality=90)
    except Exception as exc:  # noqa: BLE001 - no HEVC encoder in this build
        pytest.skip(f"cannot write HEIC here: {exc}")
    assert image_kind(path.read_bytes()[:32]) == "heif"
    out = image_to_pdf(path, "5" * 64, tmp_path / "data")
    assert len(_pdf_pages(out.pdf)) == 1


def test_a_truncated_jpeg_is_refused_with_a_reason(tmp_path):
    buf = io.BytesIO()
    text_image().convert("RGB").save(buf, format="JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(ImageError) as err:
        image_to_pdf(path, "6" * 64, tmp_path / "data")
    assert "JPEG" in err.value.text.en and "JPEG" in err.value.text.fr
    assert not (tmp_path / "data" / "images").exists() or not any((tmp_path / "data" / "images").rglob("*.pdf"))


def test_an_absurd_pixel_count_is_refused_before_decoding(tmp_path):
    from PIL import Image

    path = tmp_path / "huge.png"
    Image.new("1", (12_000, 9_000), 1).save(path)  # 108 megapixels, a few KB on disk
    with pytest.raises(ImageError) as err:
        image_to_pdf(path, "7" * 64, tmp_path / "data")
    assert "megapixels" in err.value.text.en and "mégapixels" in err.value.text.fr


def test_a_big_photo_gives_an_a4_sized_page(tmp_path):
    path = tmp_path / "big.png"
    text_image().resize((3000, 4000)).save(path, dpi=(72, 72))
    (width, height, _), = _pdf_pages(image_to_pdf(path, "8" * 64, tmp_path / "data").pdf)
    assert (width, height) == (595, 794)  # 3000×4000 px at 72 dpi, fitted into A4


def test_folders_pick_images_up(tmp_path):
    (tmp_path / "a.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.JPG").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "c.heic").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "._d.png").write_bytes(b"x")
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["a.PDF", "b.JPG", "c.heic"] and found.skipped == 2
