"""Opening an invoice in Pennylane's web app (the queue's, the outcome box's and History's
"Open in Pennylane"). Its own module so that History and the import controller do not import
each other. It says what really happened (issue #19 item 5): the browser may not start (no default
browser, a locked-down desktop), and in demo mode there is no web app at all (the stand-in only
has an API).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

PENNYLANE_APP_URL = "https://app.pennylane.com/"


@dataclass(frozen=True)
class Opened:
    invoice_id: int | None
    url: str  # what was (or would have been) opened; "" in demo mode
    launched: bool  # a browser accepted the address
    copied: bool  # the invoice id is on the clipboard
    demo: bool = False


def open_invoice(company_id: Any, kind: str, invoice_id: int | None, link: str | None = None, *,
                 demo: bool = False) -> Opened:
    """Open the invoice in Pennylane's web app (or Pennylane, with the id on the clipboard, when no
    address of the invoice is known: Pennylane documents none yet)."""
    from app.jobs.remote import invoice_link

    url = "" if demo else (link or invoice_link(company_id, kind, invoice_id) or "")
    copied = False
    if not url and invoice_id is not None:
        QGuiApplication.clipboard().setText(str(invoice_id))
        copied = True
    if demo:
        return Opened(invoice_id, "", False, copied, demo=True)
    url = url or PENNYLANE_APP_URL
    launched = bool(QDesktopServices.openUrl(QUrl(url)))
    if not launched and not copied and invoice_id is not None:
        QGuiApplication.clipboard().setText(url)  # the address, to paste into a browser
    return Opened(invoice_id, url, launched, copied)


def opened_message(opened: Opened) -> str:
    """What to tell the person (the status bar, the History's status line); "" when the invoice's
    own page simply opened."""
    number = str(opened.invoice_id)
    if opened.demo:
        return QCoreApplication.translate("OpenInPennylane", "Demo mode: the local stand-in has no web pages to open. Invoice #%1 is on the clipboard.").replace("%1", number)
    if not opened.launched and opened.copied:
        return QCoreApplication.translate(
            "OpenInPennylane", "No web browser could be opened. Open %1 yourself and search for invoice #%2 (on the clipboard)."
        ).replace("%1", opened.url).replace("%2", number)
    if not opened.launched:
        return QCoreApplication.translate(
            "OpenInPennylane", "No web browser could be opened. Open %1 yourself (the address is on the clipboard)."
        ).replace("%1", opened.url)
    if opened.copied:
        return QCoreApplication.translate("OpenInPennylane", "Pennylane opened in your browser; invoice #%1 is on the clipboard: paste it into Pennylane’s search.").replace("%1", number)
    return ""
