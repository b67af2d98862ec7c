#!/usr/bin/env python3
"""Benchmark OCR (issue #15): seconds per page, peak memory of a reading process, the GUI stall
while 20 scans are read, and hostile inputs (bounded time and memory, a clear message).

    python bench/ocr.py pages [--pages 10] [--threads 1]   # OCR seconds per page, median CPU and wall
    python bench/ocr.py rss                                 # peak RSS of a reading process per input
    QT_QPA_PLATFORM=offscreen python bench/ocr.py drop [--files 20]   # worst GUI stall, 20 scans dropped
    python bench/ocr.py bad                                 # 60-MP photo, 300-page scan, blank, not an invoice, truncated JPEG
    python bench/ocr.py all

Inputs come from ../shared/corpus (scan/ and photo/: test inputs, never shipped) or are generated.
Every run uses a fresh PENNYLANE_IMPORTER_HOME: the OCR cache never answers for a measured page.
Reading processes run ONNX Runtime on one thread each (two processes on two cores), so ``pages``
defaults to --threads 1; the CLI (``inspect``) uses every core.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")


def scans(count: int) -> list[Path]:
    return sorted((CORPUS / "scan").glob("*.pdf"))[:count]


def photos() -> list[Path]:
    return sorted((CORPUS / "photo").glob("*.jpg"))


# --- pages -----------------------------------------------------------------------------------------

def bench_pages(count: int, threads: int) -> None:
    from app.pdf.ocr import engine
    from app.pdf.ocr.document import ocr_pdf

    engine.set_threads(threads)
    engine.engine()
    walls, cpus = [], []
    for path in scans(count):
        result = ocr_pdf(path, max_pages=1)  # no sha256: no cache
        walls.append(result.seconds)
        cpus.append(result.cpu_seconds)
        print(f"  {path.name[:60]:60s} wall {result.seconds:5.2f} s  cpu {result.cpu_seconds:5.2f} s  words {result.word_count}")
    print(f"OCR per page ({len(walls)} scan pages, {threads} ONNX thread(s), {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}): median wall {statistics.median(walls):.2f} s, median CPU {statistics.median(cpus):.2f} s "
          f"(max wall {max(walls):.2f} s)")


# --- one reading in a fresh process (rss, bad) -----------------------------------------------------

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from app.pdf.ocr import engine
engine.set_threads(1)  # as in a reading process
from app.jobs.intake_work import read_for_queue, classify
started = time.perf_counter()
outcome = read_for_queue(__import__("pathlib").Path({path!r}))
wall = time.perf_counter() - started
status, reason = classify(outcome)
r = outcome.reading
print(json.dumps({{"wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "status": status, "reason": str(reason) if reason else None, "source": r.source,
                   "error": r.error.code if r.error else None, "notes": [n.en for n in r.ocr_notes],
                   "words": sum(len(p.words) for p in r.ocr_pages)}}))
"""


def read_in_child(path: Path, timeout: float = 300) -> dict:
    home = tempfile.mkdtemp(prefix="pli-ocr-home-")
    env = dict(os.environ, PENNYLANE_IMPORTER_HOME=home)
    try:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), path=str(path))],
                              capture_output=True, text=True, timeout=timeout, env=env)
        if proc.returncode != 0:
            return {"crash": proc.stderr[-400:], "wall": time.perf_counter() - started}
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def show(label: str, data: dict) -> None:
    if "crash" in data or "timeout" in data:
        print(f"  {label:34s} {data}")
        return
    print(f"  {label:34s} wall {data['wall']:6.2f} s  peak RSS {data['rss_mb']:5.0f} MB  {data['status']:15s} "
          f"source {data['source']:5s} words {data['words']:4d}  error {data['error']}")
    for text in ([data["reason"]] if data["reason"] else []) + data["notes"]:
        print(f"  {'':34s}   “{text}”")


def bench_rss() -> None:
    inputs = scans(3) + photos()[:2]
    peaks = []
    for path in inputs:
        data = read_in_child(path)
        show(path.name[:34], data)
        peaks.append(data.get("rss_mb", 0))
    print(f"peak RSS of a reading process: max {max(peaks):.0f} MB over {len(inputs)} inputs   goal <= 800 MB")


# --- hostile inputs --------------------------------------------------------------------------------

def make_bad(folder: Path) -> dict[str, Path]:
    import img2pdf
    import numpy as np
    from PIL import Image

    out = {}
    photo = photos()[0] if photos() else None
    big = folder / "60-megapixel.jpg"
    base = Image.open(photo).convert("RGB") if photo else Image.new("RGB", (1500, 2000), "white")
    base.resize((6700, 9000)).save(big, quality=85)  # 60.3 MP
    out["60-megapixel photo"] = big
    page = folder / "page.jpg"
    src = scans(1)[0] if scans(1) else None
    if src:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(src))
        doc[0].render(scale=150 / 72, grayscale=True).to_pil().save(page, quality=60)
        doc.close()
    else:
        Image.new("L", (1240, 1754), 255).save(page)
    many = folder / "300-page-scan.pdf"
    many.write_bytes(img2pdf.convert([str(page)] * 300))
    out["300-page scanned PDF"] = many
    blank = folder / "blank.png"
    Image.new("L", (2480, 3508), 255).save(blank)
    out["blank page"] = blank
    rng = np.random.default_rng(7)
    picture = folder / "holiday.jpg"  # not an invoice: smooth colour blobs and noise
    field = rng.normal(0, 1, (90, 120, 3)).cumsum(axis=0).cumsum(axis=1)
    field = ((field - field.min()) / (field.max() - field.min()) * 255).astype("uint8")
    Image.fromarray(field).resize((3000, 2250)).save(picture, quality=85)
    out["picture, not an invoice"] = picture
    cut = folder / "truncated.jpg"
    data = big.read_bytes() if big.stat().st_size < 50_000_000 else photo.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    out["truncated JPEG"] = cut
    return out


def bench_bad() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pli-ocr-bad-"))
    try:
        inputs = make_bad(folder)
        for label, path in inputs.items():
            print(f"  ({label}: {path.stat().st_size / 1e6:.1f} MB)")
            show(label, read_in_child(path))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- 20 scans dropped: the GUI stall ----------------------------------------------------------------

def bench_drop(count: int, interval: int = 5) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PENNYLANE_IMPORTER_HOME"] = tempfile.mkdtemp(prefix="pli-ocr-drop-home-")
    from PySide6.QtCore import QEventLoop, QMimeData, QPointF, Qt, QTimer, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.application import create_application, warm_up_in_background
    from app.ui.main_window import MainWindow
    from app.ui.tasks import shutdown

    folder = Path(tempfile.mkdtemp(prefix="pli-ocr-drop-"))
    files = []
    sources = scans(35)
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"{i:02d} {source.name}"
        shutil.copyfile(source, target)
        with target.open("ab") as fh:
            fh.write(f"\n% variation {i}\n".encode())  # another sha256: no duplicate, no cache
        files.append(target)
    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.show()
    warm_up_in_background(window)
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    ticks, cpu = [], []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(interval)
    heartbeat.timeout.connect(lambda: (ticks.append(time.perf_counter()), cpu.append(time.thread_time())))
    model = window.queue_panel.model
    done = QEventLoop()
    progress_seen = []
    model.dataChanged.connect(lambda *a: progress_seen.extend(
        str(r.reason) for r in model.rows() if r.reason and "OCR" in str(r.reason)))

    def check() -> None:
        if model.rowCount() >= len(files) and all(r.is_final for r in model.rows()):
            done.quit()

    window.queue_panel.intake.idle.connect(check)
    QTimer.singleShot(900_000, done.quit)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    centre = QPointF(window.width() / 2, window.height() / 2)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    heartbeat.start()
    ticks.append(time.perf_counter())
    cpu.append(time.thread_time())
    started = time.perf_counter()
    for event in (QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods),
                  QDragMoveEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods),
                  QDropEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods)):
        QApplication.sendEvent(window, event)
    done.exec()
    total = time.perf_counter() - started
    heartbeat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    busy = [b - a for a, b in zip(cpu, cpu[1:])]
    statuses: dict[str, int] = {}
    for row in model.rows():
        statuses[row.status.value] = statuses.get(row.status.value, 0) + 1
    print(f"{len(files)} scans dropped: all read in {total:.1f} s ({total / len(files):.1f} s/file); statuses {statuses}")
    print(f"rows showed OCR progress: {len(progress_seen)} updates, e.g. “{progress_seen[0] if progress_seen else '-'}”")
    print(f"worst GUI stall (wall): {max(0.0, max(gaps) - interval / 1000) * 1000:.1f} ms; "
          f"worst GUI-thread work between two ticks (its CPU time): {max(busy) * 1000:.1f} ms   goal <= 50 ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    shutdown()
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("pages", "rss", "drop", "bad", "all"))
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args(argv)
    if args.what in ("pages", "all"):
        bench_pages(args.pages, args.threads)
    if args.what in ("rss", "all"):
        bench_rss()
    if args.what in ("bad", "all"):
        bench_bad()
    if args.what in ("drop", "all"):
        bench_drop(args.files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
