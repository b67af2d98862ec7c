"""Locate the app's resources (icons, translations) in a checkout, a wheel or a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


@cache
def resources_dir() -> Path:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parents[2] / "resources")  # checkout / editable install
    candidates.append(Path(sys.prefix) / "share" / "pennylane-importer" / "resources")
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[-1]


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
