"""PySide6 6.12 on CPython 3.11 leaks a reference to None (void methods) and to True (Signal.emit)
per call; app.ui pads them so that a long session does not abort with none_dealloc/bool_dealloc."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import app.ui  # installs the padding first
from PySide6.QtCore import QObject, Signal
class S(QObject):
    changed = Signal(bool)
s = S(); s.changed.connect(lambda v: None)
for _ in range(20000):
    s.setObjectName("x")      # returns None
    s.changed.emit(True)      # returns True
    s.changed.emit(False)
print("survived")
"""


def test_a_long_session_of_void_calls_and_emits_does_not_abort():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
