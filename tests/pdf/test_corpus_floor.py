"""Accuracy floor of the page reader on the corpus's plain PDFs (real layouts, XML removed).

Runs ``../shared/corpus/score.py`` against this checkout (about 10 s). The floor keeps the reader
from sliding back; raise it when the reader improves. Skipped when shared/ is not beside the clone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "corpus" / "score.py"

FLOOR = 83.0  # % of plain fields right (84.5 % when set; 38.1 % before the layout reader)
MAX_WRONG = 2  # wrong values on plain (would be imported): 0 when set, 16 before the layout reader


@pytest.mark.skipif(not SCORER.exists(), reason="shared/corpus not beside the checkout")
def test_plain_pdfs_reading_floor(tmp_path):
    tool = tmp_path / "tool"
    tool.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m app "$@"\n')
    tool.chmod(0o755)
    done = subprocess.run([sys.executable, str(SCORER), str(tool), "--variant", "plain"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = re.search(r"plain\s+files\s+\d+\s+fields right \d+/\d+ = ([\d.]+)%.*?wrong or spurious (\d+)", done.stdout)
    assert summary, done.stdout[-2000:]
    right, wrong = float(summary.group(1)), int(summary.group(2))
    assert right >= FLOOR, done.stdout[-3000:]
    assert wrong <= MAX_WRONG, done.stdout[-3000:]
