"""Signed-in companies: the toolbar switcher, the status-bar link, connecting on start, signing out.

:class:`AccountsController` is installed by the main window. It

- adds ``companySwitcher`` (a QComboBox) to the main toolbar: the companies of the settings (each
  with its own keyring entry; the reference-data cache and the journal are keyed by company id),
  then "Add a company…" and "Sign out";
- on start, connects the current company in the background when it has stored credentials
  (``PENNYLANE_API_TOKEN`` wins); otherwise the status bar says "Not connected — Sign in…"
  (a link that opens :class:`~app.ui.signin_dialog.SignInDialog`);
- keeps out of the way in ``--demo`` (the stand-in's demo company is shown, nothing is stored).

Keyring reads, revocation and settings writes run through :func:`app.ui.tasks.run_task`.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMessageBox, QSizePolicy

from app.domain.text import error_text
from app.ui.tasks import run_task

ADD, SIGN_OUT = "__add__", "__sign_out__"


# --- worker-thread work -----------------------------------------------------------------------------


def _load_source(company_id: int | None) -> Any:
    from app.pennylane import credentials

    return credentials.load_token(company_id)


def _set_current(company_id: int) -> None:
    from app.config import load_settings, save_settings

    settings = load_settings()
    if settings.current_company_id != company_id:
        settings.current_company_id = company_id
        save_settings(settings)


def _sign_out(company_id: int) -> Any:
    """Revoke (OAuth), delete the keyring entry, forget the company; returns the new settings."""
    from app.pennylane import credentials, oauth

    try:
        secret = credentials.load(company_id)
    except credentials.KeyringUnavailable:
        secret = None
    if secret is not None and secret.kind == "oauth":
        config = oauth.OAuthConfig.load()
        if config is not None:
            try:
                oauth.revoke(config, secret.value)
            except Exception:  # noqa: BLE001 - revoking is best effort; the entry goes anyway
                pass
    try:
        credentials.delete(company_id)
    except credentials.KeyringUnavailable:
        pass
    return credentials.forget_company(company_id)


class AccountsController(QObject):
    """Owns the company switcher and the connection label of a :class:`MainWindow`."""

    companies_changed = Signal()

    def __init__(self, window: QMainWindow, *, connect_on_start: bool = True) -> None:
        super().__init__(window)
        from app.config import load_settings

        self.window = window
        self.session = window.session
        self.settings = load_settings()  # small JSON; read once at start like the rest of the window
        self._attempt = 0

        self.switcher = QComboBox(window)
        self.switcher.setObjectName("companySwitcher")
        self.switcher.setToolTip(self.tr("Pennylane company"))
        self.switcher.setAccessibleName(self.tr("Pennylane company"))
        self.switcher.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.switcher.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.switcher.activated.connect(self._activated)
        toolbar = getattr(window, "toolbar", None)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addWidget(self.switcher)

        self.label: QLabel = getattr(window, "connection_label", None) or QLabel(window)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(lambda _link: self.add_company())

        self.session.changed.connect(self._session_changed)
        self.session.failed.connect(self._session_failed)
        self._fill()
        self._show_not_connected()
        if connect_on_start:
            QTimer.singleShot(0, self.connect_on_start)

    # --- helpers ---
    @property
    def demo(self) -> bool:
        return getattr(self.window, "demo_standin", None) is not None

    def base_url(self) -> str:
        standin = getattr(self.window, "demo_standin", None)
        return standin.url if standin is not None else self.settings.effective_api_url()

    def oauth_config(self) -> Any:
        standin = getattr(self.window, "demo_standin", None)
        from app.pennylane.oauth import OAuthConfig

        if standin is not None:
            return OAuthConfig.for_standin(standin.root_url, standin.oauth_client_id, standin.oauth_client_secret)
        return OAuthConfig.load()  # reads oauth.json: tiny, only when the dialog opens

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10_000)

    def _show_not_connected(self) -> None:
        text = self.tr("Not connected — Sign in…")
        self.label.setText(f'<a href="signin">{text}</a>')
        self.label.setToolTip(self.tr("Sign in to Pennylane with a company API token or your Pennylane account"))

    # --- the switcher ---
    def _fill(self) -> None:
        self.switcher.blockSignals(True)
        self.switcher.clear()
        sandboxes = set(self.settings.sandbox_companies)
        for key, name in self.settings.companies.items():
            label = name or f"#{key}"
            if key in sandboxes:
                label += " " + self.tr("(sandbox)")
            self.switcher.addItem(label, int(key))
        company = self.session.company
        if company is not None and str(company.id) not in self.settings.companies:
            # the demo company, or one reached with PENNYLANE_API_TOKEN: shown, not stored
            self.switcher.addItem(company.name or f"#{company.id}", int(company.id))
        if self.switcher.count():
            self.switcher.insertSeparator(self.switcher.count())
        self.switcher.addItem(self.tr("Add a company…"), ADD)
        if self.settings.companies:
            self.switcher.addItem(self.tr("Sign out…"), SIGN_OUT)  # asks first
        self._select_current()
        self.switcher.blockSignals(False)
        self.companies_changed.emit()

    def _select_current(self) -> None:
        wanted = self.session.company.id if self.session.company is not None else self.settings.current_company_id
        index = self.switcher.findData(int(wanted)) if wanted is not None else -1
        if index < 0:
            index = -1
        self.switcher.setCurrentIndex(index)
        if index < 0:
            self.switcher.setPlaceholderText(self.tr("No company"))

    def _activated(self, index: int) -> None:
        data = self.switcher.itemData(index)
        self.switcher.blockSignals(True)
        self._select_current()
        self.switcher.blockSignals(False)
        if data == ADD:
            self.add_company()
        elif data == SIGN_OUT:
            self.sign_out()
        elif isinstance(data, int):
            self.switch_to(data)

    # --- connecting ---
    def connect_on_start(self) -> None:
        if self.demo or self.session.client is not None or self.session.busy:
            return
        from app.config import ENV_TOKEN  # not app.pennylane.credentials: that chain is for the worker

        if self.settings.current_company_id is None and not os.environ.get(ENV_TOKEN):
            self._show_not_connected()
            return
        self.switch_to(self.settings.current_company_id, remember=False)

    def switch_to(self, company_id: int | None, *, remember: bool = True) -> None:
        """Connect to a signed-in company (its own token, cache and journal rows)."""
        if self.demo and company_id == getattr(self.window.demo_standin, "demo_company_id", None):
            return
        if self.session.company is not None and self.session.company.id == company_id:
            return
        self._attempt += 1
        attempt = self._attempt
        name = self.settings.companies.get(str(company_id), "") if company_id is not None else ""
        self.label.setText(self.tr("Connecting to %1…").replace("%1", name or "Pennylane"))
        base_url = self.base_url()
        from app.config import ENV_TOKEN

        stored = not os.environ.get(ENV_TOKEN, "").strip()  # the variable's token wins, and was never checked

        def loaded(source: Any) -> None:
            if attempt != self._attempt:
                return
            if source is None:
                self._show_not_connected()
                self._status(self.tr("No stored credentials for this company: sign in again."))
                return
            self.session.connect_with_token(source, base_url, worked_before=stored)

        def failed(exc: BaseException) -> None:
            if attempt == self._attempt:
                self._show_not_connected()
                self._status(str(error_text(exc)))

        run_task(_load_source, company_id, on_result=loaded, on_error=failed, context=self)
        if remember and company_id is not None:
            self.settings.current_company_id = company_id
            run_task(_set_current, company_id, on_error=lambda exc: None)

    def _session_changed(self) -> None:
        company = self.session.company
        if company is None:
            self._show_not_connected()
        else:
            label = company.name or f"#{company.id}"
            if self.session.me is not None and getattr(self.session.me, "is_sandbox", False):
                label += " — " + self.tr("sandbox")
            if self.demo:
                label += " — " + self.tr("demo")
            self.label.setText(label)
            self.label.setToolTip(self.tr("Connected to Pennylane"))
        self._fill()

    def _session_failed(self, text: Any) -> None:
        self._show_not_connected()
        self._status(str(text))

    # --- signing in / out ---
    def add_company(self) -> Any:
        from app.ui.signin_dialog import SignInDialog

        dialog = SignInDialog(self.window, base_url=self.base_url(), oauth_config=self.oauth_config())
        dialog.signed_in.connect(self._signed_in)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _signed_in(self, result: Any) -> None:
        self._attempt += 1  # a connection still loading is now stale
        key = str(result.company_id)
        self.settings.companies[key] = result.name or f"#{key}"
        if result.sandbox and key not in self.settings.sandbox_companies:
            self.settings.sandbox_companies.append(key)
        self.settings.current_company_id = result.company_id
        self.session.set_client(result.client, result.me)
        if result.session_only:
            self._status(self.tr("Signed in for this session only: you will have to sign in again next time."))
        else:
            self._status(self.tr("Signed in; the credentials are in the system keyring."))

    def sign_out(self, *, confirm: bool = True) -> None:
        company = self.session.company
        company_id = company.id if company is not None else self.settings.current_company_id
        if company_id is None or str(company_id) not in self.settings.companies:
            self._status(self.tr("Nothing to sign out of: this company's credentials are not stored."))
            return
        name = self.settings.companies.get(str(company_id)) or f"#{company_id}"
        if confirm:
            answer = QMessageBox.question(
                self.window, self.tr("Sign out"),
                self.tr("Sign out of %1? The stored credentials are deleted from this computer; "
                        "documents and history are kept.").replace("%1", name))
            if answer != QMessageBox.StandardButton.Yes:
                return

        def done(settings: Any) -> None:
            self.settings = settings
            self.session.disconnect()
            self._status(self.tr("Signed out of %1.").replace("%1", name))
            self._fill()
            if settings.current_company_id is not None:
                self.switch_to(settings.current_company_id, remember=False)

        self._attempt += 1
        run_task(_sign_out, int(company_id), on_result=done, on_error=lambda exc: self._status(str(error_text(exc))),
                 context=self)
