"""The Session against the stand-in, and the form in French."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.invoice import Party, new_draft
from app.standin.server import StandIn
from tests.ui.test_form import Row, reference, supplier_draft


@pytest.fixture
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


def test_connect_with_token_checks_me_then_loads_the_reference_data(qtbot, standin):
    from app.pennylane.reference_cache import cache_path
    from app.ui.session import Session

    session = Session()
    with qtbot.waitSignal(session.changed, timeout=10000):
        session.connect_with_token(standin.demo_token, standin.url)
    assert session.is_connected
    assert session.company.name == "Atelier Demo SAS"
    qtbot.waitUntil(lambda: session.reference_data is not None, timeout=10000)
    assert any(s.name == "Au bon moulin" for s in session.reference_data.suppliers)
    qtbot.waitUntil(lambda: not session.busy, timeout=10000)
    assert cache_path(session.company.id).exists()


def test_a_bad_token_is_reported_not_raised(qtbot, standin):
    from app.domain.text import Text
    from app.ui.session import Session

    session = Session()
    with qtbot.waitSignal(session.failed, timeout=10000) as blocker:
        session.connect_with_token("not-a-token", standin.url)
    assert isinstance(blocker.args[0], Text)
    assert not session.is_connected


def test_the_demo_window_fills_the_form_from_the_stand_in(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    standin = window.start_demo()
    try:
        qtbot.waitUntil(lambda: window.session.reference_data is not None, timeout=10000)
        row = Row(supplier_draft(seller=Party(name="Au bon moulin", siren="999999998")))
        window.form_panel.set_document(row)
        assert window.form_panel.counterpart.combo.currentText() == "Au bon moulin"
    finally:
        if standin is not None:
            qtbot.waitUntil(lambda: not window.session.busy, timeout=10000)
            standin.stop()




def test_the_form_speaks_french(qtbot, french):
    from app.ui.form_panel import InvoiceFormPanel
    from app.ui.session import Session

    session = Session()
    session.company = reference().company
    session.reference_data = reference()
    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.set_session(session)
    form.set_document(Row(supplier_draft()))
    assert form.import_button.text() == "I&mporter dans Pennylane"
    assert form.counterpart.match_label.message().startswith("Trouvé dans Pennylane\u00a0: Au bon moulin (par SIREN 999999998)")
    assert form.kind_selector.currentText() == "Achat (facture fournisseur)"
    assert form.balance_status.text().startswith("Aucune ligne")
    qtbot.keyClicks(form.total_before_tax_edit, "1 234,5")
    assert str(form.draft.amount_before_tax) == "1234.5"
    form.total_before_tax_edit.editingFinished.emit()
    assert form.total_before_tax_edit.text() == "1\u202f234,50"


def test_tab_goes_through_the_form_in_reading_order(qtbot):
    from app.ui.form_panel import InvoiceFormPanel
    from app.ui.session import Session

    session = Session()
    session.company = reference().company
    session.reference_data = reference()
    form = InvoiceFormPanel()
    qtbot.addWidget(form)
    form.set_session(session)
    form.set_document(Row(new_draft("supplier", date=dt.date(2026, 1, 2))))
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.kind_selector.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.kind_selector)
    seen = [QApplication.focusWidget()]
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        assert seen[-1] is not None
    names = [w.objectName() or w.parent().objectName() for w in seen]
    order = [n for n in ("kindSelector", "counterpartCombo", "dateEdit", "deadlineEdit", "invoiceNumberEdit", "currencyCombo")]
    assert all(name in names for name in order), names
    positions = [names.index(name) for name in order]
    assert positions == sorted(positions), names
