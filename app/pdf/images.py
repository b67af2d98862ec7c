"""Image files (scans, phone photos) -> a PDF for the upload, losslessly.

Pennylane's import takes PDFs only. JPEG, PNG and TIFF go into the PDF as they are (img2pdf: a
JPEG is embedded byte for byte, never re-encoded; the EXIF orientation becomes the page's
rotation); WebP, BMP, HEIC/HEIF and images img2pdf cannot embed directly (transparency, exotic
TIFF compressions) are decoded once and embedded as lossless PNG (Flate) — a HEIC photo is not
made worse, only bigger. A page has the image's own size (from its resolution, 96 dpi when it has
none) but never more than A4 (portrait or landscape): a 72-dpi phone photo is not a poster.

The PDF is written under the app's data folder, ``images/<sha256 of the image>/<name>.<ext>.pdf``: the
same picture dropped again reuses it, and the reading records which file it came from
(:attr:`app.pdf.reader.DocumentReading.source_file`).

Bounds: at most :data:`MAX_PIXELS` per image and :data:`MAX_FRAMES` pages; an image that does not
decode to its end (a truncated JPEG) is refused with a clear message before anything is written.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from app.domain.text import Text

log = logging.getLogger(__name__)

MAX_PIXELS = 100_000_000  # per image (a 60-megapixel photo is fine; a 200-megapixel one is not)
MAX_FRAMES = 50  # pages of a multi-page TIFF
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".tif", ".tiff", ".webp", ".bmp",
                            ".dib", ".heic", ".heif", ".hif"})
A4 = (595.28, 841.89)  # points


class ImageError(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def image_kind(head: bytes) -> str | None:
    """``"jpeg" | "png" | "tiff" | "webp" | "bmp" | "heif"`` from the first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:2] == b"BM" and len(head) >= 18:
        return "bmp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"):
        return "heif"
    return None


def is_image_name(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES and not name.startswith("._")


def file_kind(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return image_kind(fh.read(32))
    except OSError:
        return None


@dataclass(frozen=True)
class ConvertedImage:
    pdf: Path
    pages: int
    lossless_copy: bool  # True: the image bytes are embedded as they are (JPEG/PNG/TIFF)


def _refuse(name: str, fr: str, en: str) -> ImageError:
    return ImageError(Text(f"« {name} » : {fr}", f"“{name}”: {en}"))


def image_to_pdf(path: Path, sha256: str, data_dir: Path) -> ConvertedImage:
    """The PDF of the image at ``path`` (made once, kept under ``data_dir``). Raises
    :class:`ImageError` with a bilingual reason for an image that cannot be used."""
    name = path.name
    kind = file_kind(path)
    if kind is None:
        raise _refuse(name, "ce n'est pas une image reconnue (JPEG, PNG, TIFF, WebP, BMP, HEIC).",
                      "this is not a recognised image (JPEG, PNG, TIFF, WebP, BMP, HEIC).")
    folder = data_dir / "images" / sha256[:32]
    target = folder / (name[:120] + ".pdf")  # "IMG_0042.jpg.pdf": says what it was made from
    if target.is_file() and target.stat().st_size > 0:
        return ConvertedImage(target, _page_count(target), kind in ("jpeg", "png", "tiff"))
    pages, frames = _check(path, kind)
    import img2pdf

    layout = _layout
    data: bytes | None = None
    lossless_copy = False
    if kind in ("jpeg", "png", "tiff"):
        try:
            data = img2pdf.convert(str(path), rotation=img2pdf.Rotation.ifvalid, nodate=True, layout_fun=layout,
                                   producer="Pennylane Importer")
            lossless_copy = True
        except Exception as exc:  # noqa: BLE001 - alpha channel, exotic TIFF...: re-encode below
            log.info("img2pdf cannot embed %s as is (%r): PNG copy", name, exc)
    if data is None:
        data = img2pdf.convert(frames(), rotation=img2pdf.Rotation.ifvalid, nodate=True, layout_fun=layout,
                               producer="Pennylane Importer")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return ConvertedImage(target, pages, lossless_copy)


_LABELS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "webp": "WebP", "bmp": "BMP", "heif": "HEIC/HEIF"}


def _layout(width_px: int, height_px: int, ndpi: tuple[float, float]) -> tuple[float, float, float, float]:
    """img2pdf layout: (page width, page height, image width, image height) in points."""
    dpi_x, dpi_y = (d if d and d > 1 else 96.0 for d in ndpi)
    width, height = width_px * 72.0 / dpi_x, height_px * 72.0 / dpi_y
    short, long = sorted(A4)
    limit_w, limit_h = (short, long) if height >= width else (long, short)
    factor = min(1.0, limit_w / width, limit_h / height)
    width, height = max(3.0, width * factor), max(3.0, height * factor)
    return width, height, width, height


def _open(path: Path, kind: str):
    from PIL import Image

    if kind == "heif":
        import pillow_heif

        pillow_heif.register_heif_opener()
    return Image.open(path)


def _check(path: Path, kind: str):
    """Decode the image once (bounded) to prove it is whole; return (pages, frames()) where
    ``frames()`` gives each page as lossless PNG bytes, upright (EXIF orientation applied)."""
    from PIL import Image, ImageOps

    name = path.name
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # PIL refuses twice this itself; we refuse it just below
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked here
            im = _open(path, kind)
        with im:
            count = int(getattr(im, "n_frames", 1) or 1)
            if count > MAX_FRAMES:
                raise _refuse(name, f"{count} pages, c'est trop (au plus {MAX_FRAMES}). Séparez les factures.",
                              f"{count} pages is too many (at most {MAX_FRAMES}). Split the invoices.")
            for index in range(count):
                im.seek(index)
                width, height = im.size
                if width * height > MAX_PIXELS:
                    mp = width * height / 1e6
                    raise _refuse(name, f"image trop grande ({width} × {height}, {mp:.0f} mégapixels ; au plus {MAX_PIXELS // 1_000_000}). Réduisez-la avant de la déposer.",
                                  f"image too large ({width} × {height}, {mp:.0f} megapixels; at most {MAX_PIXELS // 1_000_000}). Shrink it before dropping it.")
                if width < 16 or height < 16:
                    raise _refuse(name, f"image trop petite ({width} × {height}) pour être une facture.",
                                  f"image too small ({width} × {height}) to be an invoice.")
                if kind == "jpeg":
                    im.draft("L", (max(1, width // 8), max(1, height // 8)))  # decodes at 1/8: cheap, still reads every byte
                im.load()
                if kind == "jpeg":
                    break
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(name, f"image trop grande (plus de {MAX_PIXELS // 1_000_000} mégapixels).",
                      f"image too large (over {MAX_PIXELS // 1_000_000} megapixels).") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        detail = " ".join(str(exc).split())[:120]
        label = _LABELS.get(kind, kind.upper())
        raise _refuse(name, f"image {label} endommagée ou incomplète ({detail}). Récupérez le fichier à nouveau.",
                      f"damaged or incomplete {label} image ({detail}). Get the file again.") from None

    def frames() -> list[bytes]:
        out = []
        with _open(path, kind) as im:
            for index in range(count):
                im.seek(index)
                frame = ImageOps.exif_transpose(im) if index == 0 else im.copy()
                if frame.mode in ("RGBA", "LA", "PA", "P") or "transparency" in frame.info:
                    rgba = frame.convert("RGBA")
                    flat = Image.new("RGB", rgba.size, "white")
                    flat.paste(rgba, mask=rgba.getchannel("A"))
                    frame = flat
                elif frame.mode not in ("RGB", "L", "1", "CMYK"):
                    frame = frame.convert("RGB")
                buf = io.BytesIO()
                frame.save(buf, format="PNG")
                out.append(buf.getvalue())
        return out

    return count, frames


def _page_count(pdf: Path) -> int:
    try:
        import pypdfium2 as pdfium

        from app.pdf.pdfium_lock import PDFIUM

        with PDFIUM:  # PDFium is not thread-safe
            doc = pdfium.PdfDocument(str(pdf))
            try:
                return len(doc)
            finally:
                doc.close()
    except Exception:  # noqa: BLE001
        return 0
