"""Cheap checks before parsing: does the file exist, is it empty, too large, a PDF at all?"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.domain.text import Text

if TYPE_CHECKING:
    from app.pdf.errors import ReadError

MAX_SIZE = 100 * 1024 * 1024  # Pennylane's limit
HEADER_WINDOW = 1024  # readers accept junk before %PDF- within the first 1 KB (Pennylane does not)

# magic bytes -> (French, English) name of what the file really is
_MAGIC: list[tuple[bytes, str, str]] = [
    (b"\xff\xd8\xff", "une image JPEG", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "une image PNG", "a PNG image"),
    (b"GIF87a", "une image GIF", "a GIF image"),
    (b"GIF89a", "une image GIF", "a GIF image"),
    (b"II*\x00", "une image TIFF", "a TIFF image"),
    (b"MM\x00*", "une image TIFF", "a TIFF image"),
    (b"PK\x03\x04", "une archive ZIP (ou un document Office)", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "une archive ZIP vide", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0", "un ancien document Office", "an old Office document"),
    (b"{\\rtf", "un document RTF", "an RTF document"),
    (b"<?xml", "un fichier XML (peut-être une facture électronique seule)", "an XML file (maybe a bare e-invoice)"),
]


def _error(code: str, fr: str, en: str) -> "ReadError":
    from app.pdf.errors import ReadError

    return ReadError(code, Text(fr, en))


def describe_magic(head: bytes) -> tuple[str, str] | None:
    for magic, fr, en in _MAGIC:
        if head.startswith(magic):
            return fr, en
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "une image WebP", "a WebP image"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "une image HEIC", "a HEIC image"
    return None


def pdf_header_offset(head: bytes) -> int:
    """Offset of ``%PDF-`` within the first KB, or -1."""
    return head[: HEADER_WINDOW + 5].find(b"%PDF-")


class NotRegularFile(OSError):
    """The path is not (or is no longer) a regular file: a FIFO, a device, a socket..."""


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file; never blocks on a FIFO.

    The file is opened non-blocking (a FIFO without a writer would otherwise wait forever) and
    checked on the open descriptor (``fstat``), so a file swapped for a FIFO or a link to
    ``/dev/zero`` after an earlier ``stat`` is still refused. Raises :class:`NotRegularFile`.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {os.fspath(path)!r}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: ordinary reads from here on
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _not_regular(name: str) -> "ReadError":
    return _error(
        "unreadable",
        f"« {name} » n'est pas un fichier ordinaire (un tube, un périphérique…) : il n'a pas été lu. Déposez un fichier PDF.",
        f"“{name}” is not a regular file (a pipe, a device…): it was not read. Drop a PDF file.",
    )


def sniff(path: str | os.PathLike[str]) -> "ReadError | None":
    """Return a :class:`ReadError` when the file is obviously not a readable PDF, else None.

    Reads at most ~1 KB; never opens anything but a regular file; never raises for bad input.
    """
    p = Path(path)
    name = p.name
    try:
        st = p.stat()
    except FileNotFoundError:
        return _error(
            "not_found",
            f"Fichier introuvable : « {name} ». Il a peut-être été déplacé ou supprimé ; déposez-le à nouveau.",
            f"File not found: “{name}”. It may have been moved or deleted; drop it again.",
        )
    except OSError as exc:
        return _error(
            "unreadable",
            f"Impossible de lire « {name} » ({exc.strerror or exc}). Vérifiez les droits d'accès.",
            f"Cannot read “{name}” ({exc.strerror or exc}). Check the file permissions.",
        )
    if stat.S_ISDIR(st.st_mode):
        return _error(
            "not_pdf",
            f"« {name} » est un dossier, pas un fichier PDF.",
            f"“{name}” is a folder, not a PDF file.",
        )
    if not stat.S_ISREG(st.st_mode):
        return _not_regular(name)  # never opened: a FIFO or /dev/zero would never end
    if st.st_size == 0:
        return _error(
            "empty",
            f"« {name} » est vide (0 octet). Le téléchargement ou la copie a sans doute échoué ; récupérez le fichier à nouveau.",
            f"“{name}” is empty (0 bytes). The download or copy probably failed; get the file again.",
        )
    if st.st_size > MAX_SIZE:
        mb = st.st_size / (1024 * 1024)
        return _error(
            "too_large",
            f"« {name} » est trop volumineux ({mb:.0f} Mo) : Pennylane accepte 100 Mo au plus. Compressez-le ou séparez les factures.",
            f"“{name}” is too large ({mb:.0f} MB): Pennylane accepts at most 100 MB. Compress it or split the invoices.",
        )
    try:
        with open_regular(p) as fh:
            head = fh.read(HEADER_WINDOW + 8)
    except NotRegularFile:
        return _not_regular(name)
    except OSError as exc:
        return _error(
            "unreadable",
            f"Impossible de lire « {name} » ({exc.strerror or exc}). Vérifiez les droits d'accès ou fermez le programme qui l'utilise.",
            f"Cannot read “{name}” ({exc.strerror or exc}). Check the permissions or close the program using it.",
        )
    offset = pdf_header_offset(head)
    if offset == 0:
        return None
    if offset > 0:
        # PDF readers skip junk before the header, Pennylane does not: its upload refuses a file
        # that does not start with %PDF- (422). Refused here, with what to do about it.
        return _error(
            "damaged",
            f"« {name} » commence par {offset} octet(s) avant l'en-tête %PDF- : un lecteur PDF l'ouvre, "
            "mais Pennylane refuse un tel fichier. Ouvrez-le et enregistrez-le à nouveau en PDF "
            "(Imprimer → Enregistrer au format PDF), puis déposez la copie.",
            f"“{name}” starts with {offset} byte(s) before its %PDF- header: a PDF viewer opens it, but "
            "Pennylane refuses such a file. Open it and save it again as PDF (Print → Save as PDF), then "
            "drop the copy.",
        )
    what = describe_magic(head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    if what:
        return _error(
            "not_pdf",
            f"« {name} » n'est pas un PDF : c'est {what[0]}. Convertissez-le en PDF avant de l'importer.",
            f"“{name}” is not a PDF: it is {what[1]}. Convert it to PDF before importing it.",
        )
    return _error(
        "not_pdf",
        f"« {name} » n'est pas un PDF (pas d'en-tête %PDF). Vérifiez qu'il s'agit bien d'une facture au format PDF.",
        f"“{name}” is not a PDF (no %PDF header). Check that it really is an invoice in PDF format.",
    )
