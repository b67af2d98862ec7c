"""Opening an invoice in Pennylane's web app (the queue's, the outcome box's and History's
"Open in Pennylane"). Its own module so that History and the import controller do not import
each other."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

PENNYLANE_APP_URL = "https://app.pennylane.com/"


def open_invoice(company_id: Any, kind: str, invoice_id: int | None, link: str | None = None) -> str:
    """Open the invoice in Pennylane's web app; returns what was opened.

    Pennylane documents no stable web address for one invoice (``remote.invoice_link`` returns
    None until one is confirmed), so without a link this opens Pennylane and puts the invoice id on
    the clipboard, ready to paste into Pennylane's search.
    """
    from app.jobs.remote import invoice_link

    url = link or invoice_link(company_id, kind, invoice_id)
    if not url:
        if invoice_id is not None:
            QGuiApplication.clipboard().setText(str(invoice_id))
        url = PENNYLANE_APP_URL
    QDesktopServices.openUrl(QUrl(url))
    return url
