"""Preferences (issue #19 item 11): the language and the folder Browse starts in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.config import load_settings
from app.ui.application import choose_language


def _window(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_preferences_save_the_language_and_the_default_folder(qtbot, tmp_path):
    window = _window(qtbot)
    folder = tmp_path / "Factures fournisseurs"
    folder.mkdir()
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.isVisible() and dialog.language.currentData() is None  # "As the system"
    assert not dialog.language_note.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.language_note.isVisibleTo(dialog)  # applies at the next start: said so
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    saved = load_settings()
    assert (saved.language, saved.default_folder) == ("fr", str(folder))
    assert window.queue_panel.start_folder() == folder  # at once, while no folder was browsed

    again = _window(qtbot)  # the next session starts in it too
    assert again.queue_panel.start_folder() == folder


def test_a_relative_folder_is_refused_with_a_reason_and_nothing_is_saved(qtbot):
    window = _window(qtbot)
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    dialog.folder.setText("Documents/factures")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "full path" in dialog.status.text()
    qtbot.wait(50)
    assert load_settings().default_folder is None


def test_the_preference_chooses_the_language_unless_the_environment_forces_one():
    assert choose_language("fr", {"LANG": "en_US.UTF-8"}) == "fr"
    assert choose_language("en", {"LANG": "fr_FR.UTF-8"}) == "en"
    assert choose_language(None, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert choose_language("de", {"LANG": "fr_FR.UTF-8"}) == "fr"  # not a supported value: the system's
    assert choose_language("fr", {"PENNYLANE_IMPORTER_LANG": "en"}) == "en"


def test_preferences_are_in_the_file_menu_with_a_shortcut(qtbot):
    window = _window(qtbot)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.preferences_action in file_menu.actions()
    assert not window.preferences_action.shortcut().isEmpty()


# --- the company's usual payment terms (issue #19 item 11) -----------------------------------------

from tests.ui.test_import_ui import TIMEOUT, client, connect, make_row, standin  # noqa: E402,F401 (fixtures)


def _no_due_row(standin, tmp_path, number: str):
    import dataclasses

    from app.jobs.document import DocumentRow, DocumentStatus
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from app.standin import samples
    from tests.jobs.facturx_gen import invoice

    path = samples.invoice_pdf(tmp_path / f"{number}.pdf", dataclasses.replace(invoice(number), due=None), facturx=True)
    reading = read_document(path)
    return DocumentRow(path=path, name=path.name, sha256=reading.sha256, size=reading.size, pages=reading.pages,
                       status=DocumentStatus.READY, reading=reading, draft=to_draft(reading, "supplier"))


def test_without_a_company_the_terms_are_disabled_and_say_why(qtbot):
    window = _window(qtbot)
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert not dialog.terms.isEnabled() and not dialog.days.isEnabled()
    assert "Sign in" in dialog.terms_note.text() and not dialog.terms_example.isVisibleTo(dialog)


def test_saved_terms_fill_the_shown_document_s_due_date_with_their_badge(qtbot, client, standin, tmp_path):
    from datetime import date

    from app.domain.terms import PaymentTerms
    from app.jobs.document import DocumentStatus

    window = _window(qtbot)
    window.show()
    connect(qtbot, window, client)
    row = _no_due_row(standin, tmp_path, "AM-TERMS")
    window.queue_panel.model.add_rows([row])
    window.queue_panel.select(row)
    form = window.form_panel
    assert form.row is row and form.deadline_edit.date_value() is None
    assert row.status is DocumentStatus.NEEDS_ATTENTION and "due date" in str(row.reason)

    company_changes, default_changes = [], []
    window.session.changed.connect(lambda: company_changes.append(True))
    window.session.defaults_changed.connect(lambda: default_changes.append(True))
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.company_box.isEnabled() and window.session.company.name in dialog.company_box.title()
    assert not dialog.days.isEnabled()  # "Ask me" is the default
    dialog.terms.setCurrentIndex(dialog.terms.findData("days"))
    assert dialog.days.isEnabled() and dialog.end_of_month.isEnabled()
    dialog.days.setValue(45)
    dialog.end_of_month.setChecked(True)
    assert "2026-03-31" in dialog.terms_example.text()  # 15 January + 45 days = 1 March → 31 March
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert load_settings().terms_for(window.session.company.id) == PaymentTerms(45, True)
    assert form.deadline_edit.date_value() == date(2024, 4, 30)  # at once, in the form shown
    badge = form.header_fields["deadline"].badge
    assert badge.isVisibleTo(form) and "usual payment terms" in badge.toolTip()
    assert row.status is DocumentStatus.READY  # and in the queue
    # new terms are not a new connection: no "company changed" (which hides an import's outcome
    # and looks for unfinished imports again), only the documents prepared again
    assert default_changes == [True] and company_changes == []

    window.preferences_action.trigger()  # the dialog opens on what was saved; back to "Ask me"
    dialog = window.preferences_dialog
    assert dialog.terms.currentData() == "days" and dialog.days.value() == 45 and dialog.end_of_month.isChecked()
    dialog.terms.setCurrentIndex(dialog.terms.findData("ask"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert form.deadline_edit.date_value() is None and not badge.isVisibleTo(form)
    assert row.status is DocumentStatus.NEEDS_ATTENTION
