#!/usr/bin/env python3
"""Start-up time: `pennylane-importer --self-test` against a bare PySide6 window, side by side.

Each is run five times, alternating, in fresh processes (offscreen); the figure is the wall
time from process start to exit. Prints both medians and their ratio (goal: ratio <= 2.0).

The app's bytecode is compiled first, as it is in an installed app (pip and PyInstaller ship
.pyc files): a checkout run with PYTHONDONTWRITEBYTECODE=1 — as this workplace sets — would
otherwise recompile every module on every start (~70 ms), which no user pays.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("bare ok")
"""


def timed(args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{args} failed:\n{result.stderr}")
    return elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import compileall
    from pathlib import Path

    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "app"), quiet=1)
    app_times, bare_times = [], []
    timed([sys.executable, "-c", BARE])  # warm the OS file cache once for both
    timed([sys.executable, "-m", "app", "--self-test"])
    for _ in range(runs):
        bare_times.append(timed([sys.executable, "-c", BARE]))
        app_times.append(timed([sys.executable, "-m", "app", "--self-test"]))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"bare PySide6 window : median {bare_median:7.1f} ms  runs {[round(t) for t in bare_times]}")
    print(f"app --self-test     : median {app_median:7.1f} ms  runs {[round(t) for t in app_times]}")
    print(f"ratio app/bare      : {app_median / bare_median:.2f}  (goal <= 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
