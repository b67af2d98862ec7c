#!/usr/bin/env python3
"""Benchmark: drop 200 PDFs on the main window at once; time until every row is read, and the worst
stall of the GUI thread, measured by a QTimer heartbeat.

    QT_QPA_PLATFORM=offscreen python bench/intake.py [--files 200] [--interval 5] [--keep]

The 200 files: copies of the official Factur-X samples (each made unique by a trailing comment,
so that the sha256 differs and no row is merged as a duplicate) plus generated plain-text invoices
of 1 to 3 pages (French, English, German layouts). They are dropped through the same path a real
drop takes (DragEnter, DragMove, Drop events sent to the window). Goals (issue 4): stall <= 50 ms,
all read in <= 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT.parent / "shared" / "samples"

LAYOUTS = {
    "fr": ["FACTURE N° {n}", "Date de facture : 13/03/2024", "Conseil Durand SAS - SIREN 732 829 320",
           "Prestation de conseil  {ht} EUR", "Total HT {ht} EUR", "TVA 20 % {tva} EUR", "Total TTC {ttc} EUR"],
    "en": ["INVOICE No. {n}", "Invoice date: 2024-03-13", "Durand Consulting Ltd",
           "Consulting services  {ht} EUR", "Subtotal {ht} EUR", "VAT 20% {tva} EUR", "Total {ttc} EUR"],
    "de": ["RECHNUNG Nr. {n}", "Rechnungsdatum: 13.03.2024", "Durand Beratung GmbH",
           "Beratung  {ht} EUR", "Nettobetrag {ht} EUR", "MwSt. 19 % {tva} EUR", "Gesamtbetrag {ttc} EUR"],
}


def text_pdf(path: Path, pages: list[list[str]]) -> None:
    """Plain-text pages (Helvetica 11, WinAnsi), written by the project's one PDF generator."""
    from app.standin.samples import text_pdf as write_text_pdf

    write_text_pdf(path, pages, size=11)


def make_corpus(folder: Path, count: int) -> list[Path]:
    samples = sorted(SAMPLES.glob("*.pdf"))
    files = []
    for i in range(count):
        if samples and i % 2 == 0:
            source = samples[(i // 2) % len(samples)]
            target = folder / f"{i:03d} {source.stem}.pdf"
            shutil.copyfile(source, target)
            with target.open("ab") as fh:
                fh.write(f"\n% bench variation {i}\n".encode())
        else:
            language = ("fr", "en", "de")[i % 3]
            ht = 100 + i
            values = {"n": f"B-{i:04d}", "ht": f"{ht:.2f}", "tva": f"{ht * 0.2:.2f}", "ttc": f"{ht * 1.2:.2f}"}
            first = [line.format(**values) for line in LAYOUTS[language]]
            pages = [first] + [[f"Annexe / page {p + 2}"] * 20 for p in range(i % 3)]
            target = folder / f"{i:03d} facture é {language}.pdf"
            text_pdf(target, pages)
        files.append(target)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--interval", type=int, default=5, help="heartbeat interval, ms")
    parser.add_argument("--timeout", type=float, default=120.0, help="give up after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEvent, QEventLoop, QMimeData, QPointF, Qt, QTimer, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.application import create_application, warm_up_in_background
    from app.ui.main_window import MainWindow
    from app.ui.tasks import shutdown

    folder = Path(tempfile.mkdtemp(prefix="pli-bench-"))
    made = time.perf_counter()
    files = make_corpus(folder, args.files)
    made = time.perf_counter() - made

    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.show()
    warm_up_in_background(window)  # as the app does after start-up
    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)  # let the window settle (first paint) before measuring
    loop.exec()

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(args.interval)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

    panel = window.queue_panel
    model = panel.model
    done = QEventLoop()
    finished_at: list[float] = []

    def check_idle() -> None:
        if model.rowCount() >= len(files) and all(r.is_final for r in model.rows()):
            finished_at.append(time.perf_counter())
            done.quit()

    panel.intake.idle.connect(check_idle)
    QTimer.singleShot(int(args.timeout * 1000), done.quit)

    mime = QMimeData()  # kept referenced: the events do not own it
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    centre = QPointF(window.width() / 2, window.height() / 2)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    heartbeat.start()
    ticks.append(time.perf_counter())
    started = time.perf_counter()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, enter)
    move = QDragMoveEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, move)
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, drop)
    drop_handled = time.perf_counter() - started
    done.exec()
    heartbeat.stop()
    total = (finished_at[0] if finished_at else time.perf_counter()) - started

    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    interval = args.interval / 1000
    worst = max(gaps) if gaps else 0.0
    counts: dict[str, int] = {}
    for row in model.rows():
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
    pages = sum(r.pages or 0 for r in model.rows())

    print(f"cores: {os.cpu_count()}  reading threads: {panel.intake.pool.maxThreadCount()}  python {sys.version.split()[0]}")
    print(f"corpus: {len(files)} files, {pages} pages, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB (made in {made:.1f} s)")
    print(f"drop handler returned in {drop_handled * 1000:.1f} ms")
    print(f"all read: {'yes' if finished_at else 'NO (timeout)'} in {total:.2f} s  ({len(files) / total:.0f} files/s)   goal <= 5 s")
    print(f"rows: {model.rowCount()}  statuses: {counts}")
    print(f"heartbeat: {len(ticks)} ticks at {args.interval} ms; median gap {statistics.median(gaps) * 1000:.1f} ms, "
          f"p99 {sorted(gaps)[int(len(gaps) * 0.99) - 1] * 1000:.1f} ms" if gaps else "heartbeat: no ticks")
    print(f"worst main-thread stall: {max(0.0, worst - interval) * 1000:.1f} ms   goal <= 50 ms")
    print(f"status bar: {window.statusBar().currentMessage()}")

    shutdown()
    window.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"files kept in {folder}")
    ok = bool(finished_at) and total <= 5.0 and worst - interval <= 0.050
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
