"""The Rules view (issue #20): what is remembered per company, forget one field or a counterpart,
export and import; the 'remembered' badge says when a value was learned and what it replaced."""

from __future__ import annotations

import json
from decimal import Decimal

from app.jobs import memory as M
from tests.ui.test_form import form, session  # noqa: F401 (fixtures)


def _store(tmp_path):
    store = M.MemoryStore(tmp_path / "memory.sqlite3")
    memory = M.CounterpartMemory(
        key="siren:732829320", kind="supplier", name="Bricolage Dupont", invoices=2,
        values={"seller.iban": M.Learned("FR7630006000011234567890189", "2026-12-01T10:00:00+00:00", None)},
        ledger_account_id=6061, payment_days=30, totals=[Decimal("150")],
        learned="2026-12-01T10:00:00+00:00", updated="2026-12-01T10:00:00+00:00",
    )  # fmt: skip
    store.save(7, memory)
    store.save(8, M.CounterpartMemory(key="name:other", name="Other company's supplier"))
    return store


def _dialog(qtbot, store, company_id=7):
    from app.ui.rules_dialog import RulesDialog

    dialog = RulesDialog(lambda: store, company_id, "Atelier Demo SAS")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() > 0 or "Nothing" in dialog.status.text(), timeout=5000)
    return dialog


def test_the_rules_of_the_company_only_and_forgetting_one_field_then_all(qtbot, tmp_path):
    store = _store(tmp_path)
    dialog = _dialog(qtbot, store)
    assert dialog.tree.topLevelItemCount() == 1
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == "Bricolage Dupont" and top.text(1) == "supplier"
    labels = [top.child(i).text(0) for i in range(top.childCount())]
    assert labels == ["seller.iban", "Ledger account", "Payment terms (days)"]
    assert not dialog.forget_button.isEnabled()

    top.child(0).setSelected(True)
    assert dialog.forget_button.isEnabled()
    dialog.forget_button.click()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1 and dialog.tree.topLevelItem(0).childCount() == 2, timeout=5000)
    assert store.get(7, "siren:732829320").values == {}

    dialog.tree.topLevelItem(0).setSelected(True)
    dialog.forget_button.click()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0, timeout=5000)
    assert store.all(7) == [] and len(store.all(8)) == 1  # the other company keeps its own


def test_export_then_import_into_another_company(qtbot, tmp_path):
    store = _store(tmp_path)
    dialog = _dialog(qtbot, store)
    target = tmp_path / "rules.json"
    dialog.export_file(str(target))
    qtbot.waitUntil(lambda: "exported" in dialog.status.text(), timeout=5000)
    assert json.loads(target.read_text(encoding="utf-8"))["counterparts"][0]["name"] == "Bricolage Dupont"

    other = _dialog(qtbot, store, company_id=9)
    other.import_file(str(target))
    qtbot.waitUntil(lambda: other.tree.topLevelItemCount() == 1, timeout=5000)
    assert store.all(9)[0].ledger_account_id == 6061

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pennylane-importer-rules", "version": 1, "counterparts": [{"key": "x"}]}')
    other.import_file(str(bad))
    qtbot.waitUntil(lambda: "did not work" in other.status.text(), timeout=5000)
    assert "Nothing was imported" in other.status.text() and len(store.all(9)) == 1


def test_the_menu_opens_it_and_says_to_sign_in_first(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.rules_action.trigger()
    assert said and "Sign in" in said[0]


def test_the_remembered_badge_says_when_and_what_it_replaced(qtbot):
    from app.jobs.recall import RecallNote
    from app.ui.form.widgets import ProvenanceBadge

    badge = ProvenanceBadge()
    qtbot.addWidget(badge)
    badge.set_provenance("remembered", RecallNote("amount", "1500.00", "2026-12-01T10:00:00+00:00", "150.00").tooltip())
    assert badge.text() == "remembered"
    assert "2026-12-01" in badge.toolTip() and "150.00" in badge.toolTip()


def test_the_window_reads_with_the_memory_on_the_worker(tmp_path):
    """The intake hook (run on a reading worker): the draft is rebuilt with the remembered values
    and the row keeps the recall, which prepare() turns into the form's badges and warnings."""
    from types import SimpleNamespace

    from app.jobs.recall import Taught, learn
    from app.ui.import_controller import ImportController
    from app.jobs.intake_work import read_for_queue
    from tests.jobs.test_memory import supplier_pdf

    store = M.MemoryStore(tmp_path / "memory.sqlite3")
    first = supplier_pdf(tmp_path / "a.pdf", "BD-0412", "05/03/2024", "1 500,00")
    learn(store, 7, first, Taught("supplier", {"invoice_number": "BD-0412", "amount": "1500.00"}))
    outcome = read_for_queue(supplier_pdf(tmp_path / "b.pdf", "BD-0513", "17/04/2024", "2 345,60", lines=5))
    controller = SimpleNamespace(company_id=lambda: 7, memory=lambda: store)
    ImportController.recall_document(controller, outcome)
    assert outcome.recall is not None and outcome.recall.title
    assert outcome.draft.invoice_number == "BD-0513" and outcome.draft.amount == Decimal("2345.60")
    assert outcome.draft.provenance["amount"].value == "remembered"
    other = read_for_queue(tmp_path / "b.pdf")
    ImportController.recall_document(SimpleNamespace(company_id=lambda: 8, memory=lambda: store), other)
    assert other.recall is None and other.draft.amount != Decimal("2345.60")


def test_a_remembered_iban_contradicted_warns_on_the_row_and_in_the_form(qtbot, tmp_path, form):  # noqa: F811
    """Issue #20's contradiction: the supplier's IBAN was taught; an invoice printing another one
    shows the printed IBAN, and a warning in the form and as the row's reason; nothing is blocked."""
    from app.jobs.document import refresh
    from app.jobs.recall import Taught, learn, recall_reading
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document
    from tests.jobs.test_memory import IBAN_A, IBAN_B, supplier_pdf
    from tests.ui.test_form import Row

    store = M.MemoryStore(tmp_path / "memory.sqlite3")
    first = supplier_pdf(tmp_path / "a.pdf", "BD-1", "05/03/2024", "1 500,00", ht="1 250,00", tva="250,00")
    learn(store, 7, first, Taught("supplier", {"seller.iban": IBAN_A, "amount": "1500.00"}))
    reading = read_document(supplier_pdf(tmp_path / "b.pdf", "BD-2", "05/04/2024", "1 200,00",
                                         ht="1 000,00", tva="200,00", iban=IBAN_B))
    recall = recall_reading(reading, store, 7)
    draft = to_draft(reading, "supplier")
    draft.seller.siren = draft.seller.siret = draft.seller.vat_number = None  # not a supplier Pennylane knows
    row = Row(draft, recall=recall)
    form.set_document(row)
    assert row.draft.seller.iban == IBAN_B  # the printed one, not the remembered one
    warning = form.counterpart.iban_warning
    assert warning.isVisible() and "Another IBAN than the one remembered" in warning.text.text()
    prepared = refresh(row)
    assert "Another IBAN than the one remembered" in str(prepared.warning_text)
    assert "FR87 …0917" in str(prepared.warning_text)
    badge = form.total_badges["amount"]
    assert badge.text() == "remembered" and "Remembered on" in badge.toolTip()
