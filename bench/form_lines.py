#!/usr/bin/env python3
"""Benchmark: the invoice form with many lines — time to show a document, and the worst time of
one keystroke in an amount cell (the live update recomputes the line and the totals).

    QT_QPA_PLATFORM=offscreen python bench/form_lines.py [--lines 20,200,500] [--keys 20]

Long labels wrap onto a second line (app/ui/form/lines.LinesView.fit_rows): the row heights are
measured from the label only, for the rows that changed. Letting Qt size the rows to their
contents (QHeaderView.ResizeToContents) asked every cell of every row on each keystroke: 135 ms
per keystroke with 200 lines, 266 ms with 500. Goal: a keystroke <= 50 ms (the GUI thread's).
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", default="20,200,500")
    parser.add_argument("--keys", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.domain.invoice import Party, SupplierLine, new_draft
    from app.jobs.document import DocumentRow, DocumentStatus
    from app.pennylane.reference_cache import Company, Counterpart, LedgerAccount, ReferenceData
    from app.ui.form.lines import COL, LIVE_ROLE
    from app.ui.form_panel import InvoiceFormPanel
    from app.ui.session import Session

    company = Company(id=1, name="Atelier Demo SAS", reg_no="552100554")
    session = Session()
    session.company = company
    session.reference_data = ReferenceData(
        company=company, suppliers=[Counterpart(10, "Au bon moulin", "supplier", reg_no="999999998")],
        customers=[], ledger_accounts=[LedgerAccount(2, "606", "Achats non stockés")], products=[],
        category_groups=[], categories=[])
    form = InvoiceFormPanel()
    form.set_session(session)
    form.resize(620, 900)
    form.show()
    for count in (int(n) for n in args.lines.split(",")):
        draft = new_draft("supplier", invoice_number="F-1", seller=Party(name="Au bon moulin", siren="999999998"),
                          buyer=Party(name="Atelier Demo SAS", siren="552100554"))
        for i in range(count):
            draft.lines.append(SupplierLine(label=f"Farine de blé T65 bio, sac de 25 kg, lot {i}, livraison comprise",
                                            amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
        row = DocumentRow(path=Path(f"bench-{count}.pdf"), name=f"bench-{count}.pdf", status=DocumentStatus.READY, draft=draft)
        started = time.perf_counter()
        form.set_document(row)
        app.processEvents()
        shown = time.perf_counter() - started
        worst = 0.0
        for k in range(args.keys):
            started = time.perf_counter()
            form.lines_model.setData(form.lines_model.index(k % count, COL["amount_before_tax"]), str(100 + k), LIVE_ROLE)
            app.processEvents()
            worst = max(worst, time.perf_counter() - started)
        print(f"{count} lines: shown in {shown * 1000:.0f} ms; worst keystroke {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
