"""Start-up: QApplication, translations, the main window, and the --self-test / --demo modes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__
from app.domain.text import choose_language, current_language, set_language  # noqa: F401 - choose_language: re-exported
from app.ui.resources import icon, translations_dir


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (qtbase_fr: "Annuler"...), the few of them qtbase_fr leaves in English
    (our qtbase_gaps_fr: the file dialog's "Look in:"), then the app's, when French is wanted."""
    translators: list[QTranslator] = []
    if language != "fr":
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    for name, folder in (("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("qtbase_gaps_fr", str(translations_dir())), ("app_fr", str(translations_dir()))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("app"))
    from app.config import load_settings

    settings = load_settings()
    set_language(choose_language(settings.language))
    app._translators = install_translators(app, current_language())  # keep them alive
    return app


# Modules the window needs soon after start-up (the form's parts, the domain rules, the PDF draft
# builder). They are imported lazily to keep start-up short; importing them on a worker thread
# once the window is up keeps that cost (~100 ms, PySide6 scans each new module's source) off
# the moment the first document is shown.
WARM_UP_MODULES = (
    "app.ui.form.lines", "app.ui.form.counterpart", "app.ui.form.categories", "app.jobs.kind",
    "app.domain.invoice", "app.domain.balance", "app.domain.vat", "app.domain.currency",
    "app.jobs.matching", "app.jobs.journal", "app.jobs.pipeline", "app.pdf.draft",
)


def warm_up(modules: tuple[str, ...] = WARM_UP_MODULES) -> None:
    import importlib

    for name in modules:
        importlib.import_module(name)


def warm_up_in_background(window) -> None:
    """Once the event loop runs, import :data:`WARM_UP_MODULES` on a worker thread, then build the
    invoice form while the window is idle (:func:`prepare_form`), then start the reading processes
    (:func:`app.ui.reading_processes.start`) so that a first drop finds them ready."""
    from app.ui import reading_processes
    from app.ui.tasks import run_task

    def form_then_readers() -> None:
        prepare_form(window)
        run_task(reading_processes.start, on_error=lambda exc: None, context=window)

    QTimer.singleShot(0, lambda: run_task(warm_up, on_result=lambda _r: QTimer.singleShot(0, form_then_readers),
                                          on_error=lambda exc: None, context=window))


def prepare_form(window) -> None:
    """Build the form's fields now, while nobody waits, instead of when the first document is
    shown: that is the moment a drop's first results arrive, and building them there (~20 ms of
    the GUI thread's CPU, several times that on a busy machine) was the worst stall of a 200-PDF
    drop (bench/intake.py)."""
    form = getattr(window, "form_panel", None)
    build = getattr(form, "build", None)
    if callable(build) and getattr(form, "draft", None) is None:
        build()


def run_window(*, demo: bool, self_test: bool, files: list[str], started: float) -> int:
    app = create_application()
    from app.ui.main_window import MainWindow

    window = MainWindow()
    backend = None
    if demo:
        backend = window.start_demo()
    window.show()
    if files:
        window.open_paths([Path(f) for f in files])
    if not self_test:  # the self-test measures start-up and exits at once
        warm_up_in_background(window)
    if self_test:
        def finish() -> None:
            if getattr(window, "_self_test_done", False):
                return
            window._self_test_done = True
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"self-test ok {elapsed_ms:.0f} ms", flush=True)
            if files:  # also proves that reading works (worker processes, in a frozen build too)
                rows = window.queue_panel.model.rows()
                print("self-test read: " + ", ".join(f"{row.name}={row.status.value}" for row in rows), flush=True)
            window.close()
            app.quit()

        if files:
            intake = window.queue_panel.intake
            intake.idle.connect(finish)
            QTimer.singleShot(60_000, lambda: (print("self-test: reading timed out", flush=True), app.exit(1)))
        else:
            QTimer.singleShot(0, finish)
    code = app.exec()
    if backend is not None:
        backend.stop()
    return code
