"""The import history dialog: rows from the journal, state filter, CSV export (off the GUI thread)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from app.jobs import journal as J
from app.jobs.import_job import DUPLICATE, FAILED, ImportJob, VERIFIED
from app.jobs.pipeline import ImportPipeline
from app.ui.history_model import HistoryModel
from tests.ui.test_import_ui import TIMEOUT, client, connect, make_row, standin  # noqa: F401 (fixtures)


@pytest.fixture
def history_window(qtbot, standin, client, tmp_path):  # noqa: F811
    """A journal with one imported, one failed (unbalanced) and one duplicate document; a window."""
    from app.ui.main_window import MainWindow

    journal = J.Journal(J.default_path())
    pipeline = ImportPipeline(client, journal, standin.demo_company_id)
    ok = make_row(standin, tmp_path, "AM-H1", net="120.00")
    bad = make_row(standin, tmp_path, "AM-H2", net="100.00", tax_override="25.00")
    results = [pipeline.run(ImportJob.from_reading(r.reading, "supplier", draft=r.draft)) for r in (ok, bad, ok)]
    assert [r.status for r in results] == [VERIFIED, FAILED, DUPLICATE]
    journal.close()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    connect(qtbot, w, client)
    return w, results


def test_history_shows_the_journal_and_filters_by_state(qtbot, history_window):
    window, results = history_window
    window.imports.history_action.trigger()
    dialog = window.findChild(QDialog, "historyDialog")
    assert dialog is not None and dialog is window.imports.history_dialog and not dialog.isModal()
    qtbot.waitUntil(lambda: dialog.model.total() == 2, timeout=TIMEOUT)  # 2 documents (AM-H1 twice = one row)
    model = dialog.model
    rows = {model.index(r, HistoryModel.FILE).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"AM-H1.pdf", "AM-H2.pdf"}
    ok = rows["AM-H1.pdf"]
    assert model.index(ok, HistoryModel.STATE).data() == "Imported"
    assert model.index(ok, HistoryModel.INVOICE).data() == str(results[0].invoice_id)
    assert model.index(ok, HistoryModel.NUMBER).data() == "AM-H1"
    assert model.index(ok, HistoryModel.AMOUNT).data() == "€144.00"  # 120.00 + 20 % VAT
    assert model.index(ok, HistoryModel.COUNTERPART).data()
    assert model.index(ok, HistoryModel.DATE).data()[:2] == "20"
    bad = rows["AM-H2.pdf"]
    assert model.index(bad, HistoryModel.STATE).data() == "Failed"
    assert "unbalanced" in model.index(bad, HistoryModel.STATE).data(0x03)  # ToolTipRole: the reason

    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("failed"))
    assert model.rowCount() == 1 and model.index(0, HistoryModel.FILE).data() == "AM-H2.pdf"
    assert "1 of 2" in dialog.count_label.text()
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("imported"))
    assert model.rowCount() == 1 and model.index(0, HistoryModel.FILE).data() == "AM-H1.pdf"

    # a link to the invoice: the helper decides the address (Pennylane documents none yet)
    opened = []
    monkey = pytest.MonkeyPatch()
    monkey.setattr("app.ui.pennylane_links.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    dialog.table.setCurrentIndex(model.index(0, HistoryModel.INVOICE))
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    monkey.undo()
    assert opened and opened[0].startswith("https://app.pennylane.com/")


def test_history_exports_the_csv_for_audit(qtbot, history_window, tmp_path, monkeypatch):
    window, results = history_window
    window.imports.history_action.trigger()
    dialog = window.imports.history_dialog
    qtbot.waitUntil(lambda: dialog.model.total() == 2, timeout=TIMEOUT)
    target = tmp_path / "audit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)"))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    path, count = blocker.args
    assert path.endswith("audit.csv") and count == 2
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == J.Journal.CSV_COLUMNS
    for column in ("file_name", "invoice_number", "amount", "state", "invoice_id", "reason_en", "created_at"):
        assert column in table[0]
    by_file = {row[table[0].index("file_name")]: dict(zip(table[0], row)) for row in table[1:]}
    assert by_file["AM-H1.pdf"]["state"] == "verified"
    assert by_file["AM-H1.pdf"]["invoice_id"] == str(results[0].invoice_id)
    assert by_file["AM-H2.pdf"]["state"] == "failed" and "unbalanced" in by_file["AM-H2.pdf"]["reason_en"]
    assert "2 rows exported" in dialog.status.text()


def test_history_follows_a_batch(qtbot, history_window, standin, tmp_path):
    window, _results = history_window
    window.imports.history_action.trigger()
    dialog = window.imports.history_dialog
    qtbot.waitUntil(lambda: dialog.model.total() == 2, timeout=TIMEOUT)
    window.queue_panel.model.add_rows([make_row(standin, tmp_path, "AM-H3", net="130.00")])
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        window.imports.import_all_action.trigger()
    assert dialog.model.total() == 3


def test_history_dates_read_the_french_way_in_french():
    from app.ui.history_model import local_time

    iso = "2024-03-15T13:02:11+00:00"
    assert local_time(iso, "fr")[:10] == "15/03/2024"
    assert local_time(iso, "en")[:10] == "2024-03-15"
    assert local_time(None) == ""


def test_history_finds_by_number_amount_counterpart_and_invoice_dates(qtbot, history_window):
    from datetime import date, timedelta

    from PySide6.QtCore import QDate

    window, _results = history_window
    window.imports.history_action.trigger()
    dialog = window.imports.history_dialog
    qtbot.waitUntil(lambda: dialog.model.total() == 2, timeout=TIMEOUT)
    model = dialog.model

    def files() -> set[str]:
        return {model.index(r, HistoryModel.FILE).data() for r in range(model.rowCount())}

    ok = next(r for r in range(model.rowCount()) if model.index(r, HistoryModel.FILE).data() == "AM-H1.pdf")
    assert model.index(ok, HistoryModel.KIND).data() == "Purchase"
    invoice_day = model.row_at(ok).date
    assert invoice_day and model.index(ok, HistoryModel.INVOICE_DATE).data() == invoice_day[:10]  # English: ISO
    counterpart = model.index(ok, HistoryModel.COUNTERPART).data()

    dialog.search_edit.setText("am-h2")  # the number, any case
    assert files() == {"AM-H2.pdf"} and "1 of 2" in dialog.count_label.text()
    dialog.search_edit.setText("144,00")  # the amount incl. VAT, typed the French way
    assert files() == {"AM-H1.pdf"}
    dialog.search_edit.setText("144")
    assert files() == {"AM-H1.pdf"}
    dialog.search_edit.setText(counterpart[: max(3, len(counterpart) - 1)].upper())  # a name, or "#id"
    assert "AM-H1.pdf" in files()
    dialog.search_edit.setText("nothing like this")
    assert files() == set()
    dialog.search_edit.clear()
    assert files() == {"AM-H1.pdf", "AM-H2.pdf"}

    day = date.fromisoformat(invoice_day[:10])
    after = day + timedelta(days=1)
    dialog.from_edit.setDate(QDate(after.year, after.month, after.day))
    assert "AM-H1.pdf" not in files()
    dialog.from_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.to_edit.setDate(QDate(day.year, day.month, day.day))
    assert "AM-H1.pdf" in files()  # the range is inclusive
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("failed"))
    assert "AM-H1.pdf" not in files()  # the state filter and the search combine
    dialog.clear_search_button.click()
    assert files() == {"AM-H2.pdf"}


def test_the_search_rule_reads_amounts_both_ways_and_bounds_the_text():
    import dataclasses
    from datetime import date

    from app.ui.history_model import HistorySearch, matches

    fields = {f.name: None for f in dataclasses.fields(J.JournalRow)}
    fields.update(company_id="1", sha256="x", external_reference="r", state=J.VERIFIED, import_pending=0,
                  categorized=0, forced=0, attempts=1, created_at="2026-01-02T10:00:00+00:00",
                  updated_at="2026-01-02T10:00:00+00:00", counterpart_name="Au bon moulin",
                  invoice_number="FA-2017-0010", amount="-1234.50", date="2017-11-13", file_name="avoir.pdf")
    row = J.JournalRow(**fields)
    assert matches(row, HistorySearch("1 234,50"))  # a credit note by its amount, French spacing
    assert matches(row, HistorySearch("1,234.50"))
    assert matches(row, HistorySearch("MOULIN"))
    assert not matches(row, HistorySearch("1 234,51"))
    assert matches(row, HistorySearch(start=date(2017, 11, 13), end=date(2017, 11, 13)))
    assert not matches(row, HistorySearch(end=date(2017, 11, 12)))
    undated = dataclasses.replace(row, date=None)  # falls back to the day it was last sent
    assert matches(undated, HistorySearch(start=date(2026, 1, 2)))
    assert not matches(row, HistorySearch("x" * 10_000))  # bounded, and no match


def test_no_history_column_is_narrower_than_its_title(qtbot, french):
    from PySide6.QtCore import Qt

    from app.ui.history_dialog import HistoryDialog

    class NoJournal:
        def with_journal(self, fn):
            pass

        def company_id(self):
            return None

    dialog = HistoryDialog(NoJournal())
    qtbot.addWidget(dialog)
    header = dialog.table.horizontalHeader()
    metrics = dialog.fontMetrics()
    for column in range(dialog.model.columnCount()):
        if header.sectionResizeMode(column) == header.ResizeMode.Stretch:
            continue
        title = dialog.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title


def test_history_columns_fit_their_contents_and_the_name_takes_the_rest(qtbot, french):
    """#19 item 3: a long number or file name was cut while the table had room; amounts never are."""
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from app.ui.history_dialog import HistoryDialog
    from tests.ui.test_edit_ui import history_row

    class NoJournal:
        def with_journal(self, fn):
            pass

        def company_id(self):
            return None

    long_name = "Société Coopérative Agricole des Producteurs de Blé du Grand Est"
    rows = [replace(history_row(123456789, 1, "FA-2026-000987654321"), counterpart_name=long_name,
                    file_name="au-bon-moulin-AM-2026-1187.pdf", amount="12345.67"),
            replace(history_row(2345, 1, "AM-2026-1187"), counterpart_name="Au bon moulin")]
    widths = {}
    for width in (1280, 940):
        dialog = HistoryDialog(NoJournal())
        qtbot.addWidget(dialog)
        dialog.resize(width, 560)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog._loaded(rows)
        header, metrics = dialog.table.horizontalHeader(), dialog.table.fontMetrics()
        model = dialog.model

        def fits(column, row=0):
            return header.sectionSize(column) >= metrics.horizontalAdvance(model.index(row, column).data())

        assert fits(HistoryModel.AMOUNT) and fits(HistoryModel.INVOICE)  # never cut, however narrow
        assert header.sectionResizeMode(HistoryModel.COUNTERPART) == header.ResizeMode.Stretch
        assert header.sectionSize(HistoryModel.COUNTERPART) >= 20 * metrics.horizontalAdvance("x")
        assert sum(header.sectionSize(c) for c in range(model.columnCount())) <= dialog.table.viewport().width() + 1
        # what a column may cut is whole in its tooltip
        assert model.index(0, HistoryModel.COUNTERPART).data(Qt.ItemDataRole.ToolTipRole) == long_name
        assert model.index(0, HistoryModel.NUMBER).data(Qt.ItemDataRole.ToolTipRole) == "FA-2026-000987654321"
        widths[width] = dialog
    wide = widths[1280]
    header, metrics = wide.table.horizontalHeader(), wide.table.fontMetrics()
    for column in (HistoryModel.NUMBER, HistoryModel.FILE, HistoryModel.STATE):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(wide.model.index(0, column).data()), column
