"""Finding the PDFs and images in paths given by a person (a drop, a browse, the command line). Qt-free.

Files are kept as given, whatever their name (reading says what is wrong with a non-PDF); folders
are walked recursively for ``*.pdf`` and image files (``*.jpg``, ``*.png``, ``*.tif``, ``*.webp``,
``*.bmp``, ``*.heic``…: scans and photos, read by OCR; any case), sorted case-insensitively per folder, macOS
resource forks (``._name.pdf``) left out, symlinked folders not followed. A path given twice is
listed once; a path that does not exist is reported apart.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"


@dataclass
class Discovery:
    """What a drop / a browse / the command line turned into."""

    files: list[Path] = field(default_factory=list)  # absolute paths, in a stable order
    folders: int = 0  # how many folders were walked
    missing: list[Path] = field(default_factory=list)  # given paths that do not exist
    skipped: int = 0  # non-PDF files met while walking folders (not added)


def is_pdf_name(name: str) -> bool:
    return name.lower().endswith(PDF_SUFFIX) and not name.startswith("._")  # macOS resource forks


def is_document_name(name: str) -> bool:
    """A PDF or an image file (a scan or a photo of an invoice), by its name."""
    from app.pdf.images import is_image_name

    return is_pdf_name(name) or is_image_name(name)


def walk_pdfs(folder: Path) -> tuple[list[Path], int]:
    """The PDFs and images under ``folder`` (recursive, sorted per folder, symlinked folders not
    followed) and the number of other files met."""
    found: list[Path] = []
    others = 0
    for root, dirs, files in os.walk(folder, onerror=lambda exc: log.info("cannot list %s", exc)):
        dirs.sort(key=str.casefold)
        for name in sorted(files, key=str.casefold):
            if is_document_name(name):
                found.append(Path(root, name))
            else:
                others += 1
    return found, others


def path_key(path: Path) -> str:
    """How two paths are recognised as the same file (no disk access)."""
    return os.path.normcase(os.path.abspath(path))


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """Expand given paths: files are kept, folders are walked (see the module docstring)."""
    result = Discovery()
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = path_key(path)
        if key not in seen:
            seen.add(key)
            result.files.append(Path(os.path.abspath(path)))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result.folders += 1
            pdfs, others = walk_pdfs(path)
            result.skipped += others
            for pdf in pdfs:
                add(pdf)
        elif path.exists():
            add(path)
        else:
            result.missing.append(path)
    return result
