#!/usr/bin/env python3
"""Screenshots of the invoice form (and the whole window), offscreen, for review and the README.

    .venv/bin/python tools/screenshots.py                 # fr+en × 100 %+200 % × empty/valid/unbalanced
    .venv/bin/python tools/screenshots.py --out /tmp/shots --langs fr --scales 1
    .venv/bin/python tools/screenshots.py --size 1024x700 --dark --readme ''   # a small screen, dark palette

``--size`` is the window's size in device-independent pixels (1600×1000 at 150 % is
``--size 1067x667 --scales 1.5``); ``--dark`` gives the application a dark palette (what a dark
desktop theme gives it), and the file names end in ``-dark``.

Each (language, scale) runs in its own process (``QT_SCALE_FACTOR`` and the translators are fixed
at start-up) against the built-in stand-in (``--demo`` data), with a throw-away app home.
It writes ``<out>/form-<lang>-<scale>x-<state>.png`` (the form alone, tall enough to show
everything) and ``<out>/window-<lang>-<scale>x-<state>.png`` (the main window). By default the
queue is filled the way a newcomer does it, with the empty state's "Open sample invoices" button
(the demo invoices of ``app.standin.samples``); the "valid" state shows the Factur-X invoice of the
seeded supplier "Au bon moulin" addressed to the demo company, the "unbalanced" state the sample
whose lines do not add up. ``--sample FILE`` shows that file instead (the unbalanced state then
edits its total). The French, 100 %, valid window also goes to ``docs/screenshot.png`` (the
README's picture).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATES = ("empty", "valid", "unbalanced")
VALID_SAMPLE = "au-bon-moulin-AM-2026-1187.pdf"  # a purchase from a seeded supplier, balanced
UNBALANCED_SAMPLE = "fiduciaire-blanc-FBC-2026-118.pdf"  # its lines do not add up


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"))
    parser.add_argument("--langs", default="fr,en")
    parser.add_argument("--scales", default="1,2")
    parser.add_argument("--sample", type=Path, default=None, help="a PDF to show instead of the demo samples")
    parser.add_argument("--readme", type=Path, default=ROOT / "docs" / "screenshot.png",
                        help="where the French 100 %% valid window goes ('' to skip)")
    parser.add_argument("--size", default="1360x860", help="the window's size, WIDTHxHEIGHT (device-independent px)")
    parser.add_argument("--dark", action="store_true", help="a dark palette, as a dark desktop theme gives")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--lang", default="fr", help=argparse.SUPPRESS)
    parser.add_argument("--scale", default="1", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    if args.sample is not None and not args.sample.exists():
        raise SystemExit(f"sample not found: {args.sample}")
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for lang in args.langs.split(","):
        for scale in args.scales.split(","):
            home = tempfile.mkdtemp(prefix="pli-shots-")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale,
                       PENNYLANE_IMPORTER_LANG=lang, PENNYLANE_IMPORTER_HOME=home)
            env.pop("PENNYLANE_API_TOKEN", None)
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--lang", lang, "--scale", scale,
                   "--out", str(args.out), "--size", args.size, *(["--dark"] if args.dark else []),
                   *(["--sample", str(args.sample)] if args.sample else [])]
            result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
            shutil.rmtree(home, ignore_errors=True)
            print(result.stdout, end="")
            if result.returncode != 0:
                failures += 1
                print(f"[{lang} {scale}x] failed:\n{result.stderr}", file=sys.stderr)
    readme_source = args.out / "window-fr-1x-valid.png"
    if str(args.readme) not in ("", ".") and readme_source.exists():
        args.readme.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(readme_source, args.readme)
        print(f"README screenshot: {args.readme}")
    return 1 if failures else 0


# --- worker (one language, one scale) -------------------------------------------------------------
def worker(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication

    from app.ui.application import create_application

    app = create_application([sys.argv[0]])
    app.setStyle("Fusion")  # the same look on every machine
    if args.dark:
        from PySide6.QtGui import QColor, QPalette

        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#2d2d30"), (QPalette.ColorRole.WindowText, "#f0f0f0"),
                             (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
                             (QPalette.ColorRole.Text, "#f0f0f0"), (QPalette.ColorRole.Button, "#3a3a3d"),
                             (QPalette.ColorRole.ButtonText, "#f0f0f0"), (QPalette.ColorRole.Highlight, "#3d7bd9"),
                             (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Link, "#8ab4f8"),
                             (QPalette.ColorRole.ToolTipBase, "#3a3a3d"), (QPalette.ColorRole.ToolTipText, "#f0f0f0"),
                             (QPalette.ColorRole.PlaceholderText, "#9a9a9a"), (QPalette.ColorRole.Mid, "#555555"),
                             (QPalette.ColorRole.Dark, "#202020"), (QPalette.ColorRole.Light, "#505050")):
            palette.setColor(role, QColor(colour))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))  # as dark themes dim them
        app.setPalette(palette)
    from app.ui.main_window import MainWindow
    from app.ui.form_panel import InvoiceFormPanel

    def pump(seconds: float, until=None) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if until is not None and until():
                return True
            time.sleep(0.01)
        return until is None

    window = MainWindow()
    width, height = (int(v) for v in args.size.lower().split("x"))
    window.resize(width, height)
    standin = window.start_demo()
    window.show()
    if standin is None or not pump(20, lambda: window.session.reference_data is not None):
        print("the stand-in or the reference data did not come up", file=sys.stderr)
        return 2

    # The documents through the real queue: read in the background, selected, shown in the preview.
    queue = window.queue_panel
    unbalanced_row = None
    if args.sample is None:  # what a newcomer does: the empty state's "Open sample invoices"
        queue.samples_button.click()
        if not pump(30, lambda: queue.model.rowCount() > 1 and all(r.is_final for r in queue.model.rows())):
            print("the demo samples were not read", file=sys.stderr)
            return 3
        rows = {r.name: r for r in queue.model.rows()}
        row, unbalanced_row = rows[VALID_SAMPLE], rows[UNBALANCED_SAMPLE]
    else:
        window.open_paths([args.sample])
        if not pump(20, lambda: queue.model.row_at(0) is not None and queue.model.row_at(0).draft is not None):
            print("the sample was not read", file=sys.stderr)
            return 3
        row = queue.model.row_at(0)
    queue.select(row)
    pump(1.5)  # the preview renders asynchronously

    # A standalone form, tall enough to show every part, on the same session.
    form = InvoiceFormPanel()
    form.set_session(window.session)
    form.resize(640, 1180)
    form.show()

    from app.domain.invoice import new_draft
    from app.ui.queue_model import DocumentRow

    empty_row = DocumentRow(path=Path("facture-vide.pdf"), name="facture-vide.pdf", draft=new_draft("supplier"))
    suffix = f"{args.lang}-{args.scale}x" + (f"-{args.size}" if args.size != "1360x860" else "") + ("-dark" if args.dark else "")
    out: Path = args.out

    def shoot(state: str) -> None:
        pump(0.3)
        form.grab().save(str(out / f"form-{suffix}-{state}.png"))
        window.grab().save(str(out / f"window-{suffix}-{state}.png"))
        print(f"[{suffix}] {state}: balance={form.balance_status.text()!r} import={'on' if form.import_button.isEnabled() else 'off'}")

    for state in STATES:
        if state == "empty":
            form.set_document(empty_row)
            window.form_panel.set_document(empty_row)
        elif state == "valid":
            queue.select(row)
            form.set_document(row)
            window.form_panel.set_document(row)
            pump(1.0)
        elif unbalanced_row is not None:
            queue.select(unbalanced_row)
            form.set_document(unbalanced_row)
            pump(1.5)
        else:
            for panel in (form, window.form_panel):
                panel.set_document(row)
                edit = panel.total_edit
                edit.setFocus()
                edit.selectAll()
                edit.insert("700,00" if args.lang == "fr" else "700.00")
                edit.textEdited.emit(edit.text())
                edit.clearFocus()
        shoot(state)
        if state == "unbalanced" and unbalanced_row is None:  # put the row back as it was read
            row.draft.amount = row.draft.amount_before_tax + row.draft.tax
    window.close()
    standin.stop()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
