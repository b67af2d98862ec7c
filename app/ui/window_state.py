"""What the window remembers between sessions: its size and position, its splitters, the widths of
its table columns and their sort order, which columns the queue shows, and the same for the dialogs
that want it (History).

Kept apart from the user's settings (``settings.json``) in ``window.json`` in the config directory:
it is the layout, not a preference, and a damaged or foreign file only means the default layout.
Every value read from the file is bounded (count and length) and checked as base64; Qt's own
``restoreGeometry`` / ``restoreState`` then refuse what they do not recognise.

The first size, when nothing is remembered, comes from the screen the window opens on
(:func:`default_rect`), so that at 150 % scaling the window and its Import button are on screen.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QWidget

from app.config import AppDirs, app_dirs

FILE_NAME = "window.json"
MAX_VALUE_CHARS = 16_384  # one saved Qt state, base64 (a header of 20 columns is ~200 bytes)
MAX_ENTRIES = 64  # splitters + headers + dialogs remembered
PREFERRED = QSize(1440, 900)  # the window's size on a screen with room for it
MINIMUM = QSize(1024, 700)  # the smallest layout the window is designed for (issue #19)
SCREEN_SHARE = 0.92  # of the available screen, when it is smaller than PREFERRED


@dataclass
class WindowLayout:
    """Qt's opaque saved states, base64-encoded, keyed by the widget's object name."""

    geometry: dict[str, str] = field(default_factory=dict)  # window or dialog object name -> saveGeometry
    splitters: dict[str, str] = field(default_factory=dict)  # splitter object name -> saveState
    headers: dict[str, str] = field(default_factory=dict)  # "<view name>/<columns>" -> header saveState
    columns: dict[str, str] = field(default_factory=dict)  # "<view name>/<columns>" -> "name,total,status"

    @classmethod
    def from_dict(cls, data: object) -> "WindowLayout":
        if not isinstance(data, dict):
            return cls()
        layout = cls(**{name: _bounded(data.get(name)) for name in ("geometry", "splitters", "headers")})
        layout.columns = _bounded_columns(data.get("columns"))
        return layout


def _bounded(value: object) -> dict[str, str]:
    """A {name: base64} mapping as read from the file, without anything oversized or malformed."""
    if not isinstance(value, dict):
        return {}
    kept: dict[str, str] = {}
    for key, text in list(value.items())[:MAX_ENTRIES]:
        if (isinstance(key, str) and 0 < len(key) <= 200 and isinstance(text, str)
                and 0 < len(text) <= MAX_VALUE_CHARS and _decode(text) is not None):
            kept[key] = text
    return kept


COLUMN_KEY = re.compile(r"[a-z_]{1,32}")


def _bounded_columns(value: object) -> dict[str, str]:
    """{view: "key,key"} as read from the file, keeping only short lists of plain column keys."""
    if not isinstance(value, dict):
        return {}
    kept: dict[str, str] = {}
    for key, text in list(value.items())[:MAX_ENTRIES]:
        if isinstance(key, str) and 0 < len(key) <= 200 and isinstance(text, str) and len(text) <= 400:
            names = [n for n in text.split(",") if COLUMN_KEY.fullmatch(n)][:32]
            kept[key] = ",".join(names)
    return kept


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _decode(text: str) -> QByteArray | None:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


# --- the file (small; read once before the window shows, written when it closes) ----------------
def layout_path(dirs: AppDirs | None = None) -> Path:
    return (dirs or app_dirs()).config / FILE_NAME


def load_layout(dirs: AppDirs | None = None) -> WindowLayout:
    path = layout_path(dirs)
    try:
        if path.stat().st_size > MAX_ENTRIES * MAX_VALUE_CHARS * 2:
            return WindowLayout()
        return WindowLayout.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return WindowLayout()


def save_layout(layout: WindowLayout, dirs: AppDirs | None = None) -> None:
    path = layout_path(dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(layout), indent=1), encoding="utf-8")
    os.replace(tmp, path)


def folder_setting(value: object) -> Path | None:
    """A folder as saved in the settings, or None if it is not a plausible absolute path."""
    if not isinstance(value, str) or not 0 < len(value) <= 4096 or "\0" in value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None


# --- the first size ------------------------------------------------------------------------------
def default_rect(available: QRect) -> QRect:
    """The window's first geometry on a screen whose available area is ``available``: PREFERRED
    when it fits, else SCREEN_SHARE of the screen (never below what the screen can hold), centred."""
    width = min(PREFERRED.width(), max(int(available.width() * SCREEN_SHARE), min(MINIMUM.width(), available.width())))
    height = min(PREFERRED.height(), max(int(available.height() * SCREEN_SHARE), min(MINIMUM.height(), available.height())))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


DECORATION = QSize(16, 48)  # room left for the window manager's frame and title bar (unknown before show)


def place_by_default(window: QWidget) -> None:
    """The first geometry: :func:`default_rect` for the whole window, frame included."""
    screen = window.screen()
    if screen is None:
        return
    rect = default_rect(screen.availableGeometry())
    window.resize(rect.size().shrunkBy(QMargins(0, 0, DECORATION.width(), DECORATION.height())))
    window.move(rect.topLeft())  # move() places the frame


QUEUE_SHARE, QUEUE_MIN, QUEUE_MAX = 0.18, 200, 320  # the queue column, px: at least a two-line row whole (date, a 4-digit total, scroll bar)
FORM_SHARE = 0.42
PREVIEW_MIN = 200


def default_splitter_sizes(total: int, form_width: int) -> list[int]:
    """[queue, preview, form] widths for a splitter ``total`` px wide, the first time: the form gets
    at least ``form_width`` (its fields without a horizontal scroll bar: the due date, "Credit
    note", the VAT columns), the queue about a fifth, the preview the rest (it zooms and pans)."""
    queue = min(QUEUE_MAX, max(QUEUE_MIN, int(total * QUEUE_SHARE)))
    form = max(form_width, int(total * FORM_SHARE))
    preview = total - queue - form
    if preview < PREVIEW_MIN:  # a very narrow window: everyone gives up some
        preview = min(PREVIEW_MIN, max(0, total // 4))
        form = max(0, total - queue - preview)
    return [queue, preview, form]


def form_width(widget: QWidget) -> int:
    """The form's width without a horizontal scroll bar, from the font (the form is built later):
    its widest row, the dates and their badges, is about 86 average characters in French (measured: 520 px with a document shown)."""
    return widget.fontMetrics().averageCharWidth() * 86 + 40  # + the panel's margins and scroll bar


# --- capturing and restoring a widget tree -------------------------------------------------------
def _header_key(header: QHeaderView) -> str | None:
    view = header.parent()
    if not isinstance(view, QAbstractItemView) or not view.objectName() or header.orientation() != Qt.Orientation.Horizontal:
        return None  # only the horizontal headers of named views
    # The column count is part of the key: a table that gained a column starts from its defaults.
    return f"{view.objectName()}/{header.count()}"


def _named_splitters(root: QWidget) -> list[QSplitter]:
    return [s for s in root.findChildren(QSplitter) if s.objectName()]


def capture(root: QWidget, layout: WindowLayout) -> None:
    """Record ``root``'s geometry, and the states of its named splitters and table headers, into ``layout``."""
    if root.objectName():
        layout.geometry[root.objectName()] = _encode(root.saveGeometry())
    for splitter in _named_splitters(root):
        layout.splitters[splitter.objectName()] = _encode(splitter.saveState())
    for header in root.findChildren(QHeaderView):
        key = _header_key(header)
        if key is not None:
            layout.headers[key] = _encode(header.saveState())
            chosen = getattr(header.parent(), "chosen_columns", None)  # a view whose columns the person picks
            if callable(chosen):
                layout.columns[key] = ",".join(chosen())


def restore(root: QWidget, layout: WindowLayout) -> bool:
    """Apply what ``layout`` holds for ``root`` and its children; True if its geometry was restored."""
    for splitter in _named_splitters(root):
        state = _decode(layout.splitters.get(splitter.objectName(), ""))
        if state is not None and not state.isEmpty():
            splitter.restoreState(state)
    for header in root.findChildren(QHeaderView):
        key = _header_key(header)
        state = _decode(layout.headers.get(key, "")) if key is not None else None
        if state is not None and not state.isEmpty() and header.restoreState(state):
            view = header.parent()
            if isinstance(view, QAbstractItemView) and getattr(view, "isSortingEnabled", lambda: False)():
                view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())  # sorted as it was left
            choose = getattr(view, "choose_columns", None)
            if callable(choose):  # the columns the person chose, fitted to the width (not the saved fit)
                choose([k for k in layout.columns[key].split(",") if k] if key in layout.columns else view.chosen_columns())
    geometry = _decode(layout.geometry.get(root.objectName(), "")) if root.objectName() else None
    return geometry is not None and not geometry.isEmpty() and root.restoreGeometry(geometry)


def remember_dialog(dialog: QWidget, window: QWidget | None) -> None:
    """A dialog of ``window`` (a MainWindow with a ``window_layout``) reopens where and as it was left."""
    layout = getattr(window, "window_layout", None)
    if not isinstance(layout, WindowLayout):
        return
    restore(dialog, layout)
    dialog.finished.connect(lambda _result: capture(dialog, layout))
