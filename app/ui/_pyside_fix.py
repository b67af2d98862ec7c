"""Work around a reference leak of ``None`` in PySide6 6.12 on Python < 3.12.

With PySide6-Essentials 6.12.0 (abi3 wheel) on CPython 3.11, every call of a wrapped C++ method
that returns ``void`` (``QObject.setObjectName``, ``QWidget.update``, ``QCoreApplication.processEvents``,
``QTimer.start``...) returns ``None`` without taking a reference to it. From Python 3.12 ``None`` is
immortal and nothing happens; on 3.11 its reference count (about 5,000 at start-up) falls by one per
call, and after a few thousand calls the interpreter aborts with
``Fatal Python error: none_dealloc: deallocating None``.

This module measures the leak once (64 calls of a void method) and, only when it is there, gives
``None`` a very large reference count so that it can never reach zero (what Python 3.12 does by
design). Imported first by ``app/ui/__init__.py``; harmless where the bug is absent.
"""

from __future__ import annotations

import sys

LEAK_PADDING = 1 << 50  # one leaked reference per call: more than any session will ever make


def leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= 32


def install() -> bool:
    """Pad the reference counts of None, True and False when the leak is present; True when padded."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not leaks_none():
        return False
    import ctypes

    # Signal.emit() leaks its ``True`` result the same way (measured: one reference per emit),
    # so the two bools get the same padding as None.
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: first field of PyObject
        refcount.value += LEAK_PADDING
    return True


PADDED = install()
