"""PySide6 user interface: the only package that imports Qt."""

from app.ui import _pyside_fix  # noqa: F401  (first: PySide6 6.12 leaks None on Python 3.11)
