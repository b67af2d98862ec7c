"""The sign-in dialog (``signInDialog``): a company API token, or OAuth in the browser.

1. Paste a company API token → **Verify** runs ``GET /me`` in the background and shows the
   company, the user, the scopes, what is missing for importing, and a sandbox badge →
   **Save** puts it in the OS keyring.
2. **Sign in with Pennylane (OAuth)** (only when an OAuth configuration exists): the loopback flow
   runs in a worker; **Cancel** stops the wait. The company is the one picked in the browser.

When the keyring is unusable the dialog says so and offers **Keep for this session only**.
On success :attr:`SignInDialog.signed_in` carries a :class:`SignInResult` (a ready client and its
``GET /me``) and the dialog closes. No I/O happens on the GUI thread.
"""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.text import error_text
from app.ui import colours
from app.ui.tasks import run_task


@dataclass
class SignInResult:
    company_id: int
    name: str
    sandbox: bool
    client: Any  # PennylaneClient, ready to use
    me: Any  # its GET /me
    session_only: bool = False


# --- work done on worker threads (no widgets here) ----------------------------------------------------


def _check_token(token: str, base_url: str) -> tuple[Any, Any]:
    from app.pennylane.client import PennylaneClient
    from app.pennylane.logsafe import remember_secret

    remember_secret(token)
    client = PennylaneClient(token, base_url)
    try:
        return client, client.me()
    except BaseException:
        client.close()
        raise


def _save(company_id: int, name: str, sandbox: bool, secret: Any, session_only: bool,
          make_client: Callable[[bool], Any] | None) -> Any:
    """Store the secret, list the company in the settings; build the client when asked (OAuth)."""
    from app.pennylane import credentials

    credentials.store(company_id, secret, session_only=session_only)
    credentials.remember_company(company_id, name, sandbox=sandbox)
    return make_client(session_only) if make_client is not None else None


def _oauth(config: Any, base_url: str, open_browser: Callable[[str], Any], timeout: float,
           cancel: threading.Event) -> tuple[Any, Any]:
    from app.pennylane import oauth
    from app.pennylane.client import PennylaneClient

    pair = oauth.authorize(config, open_browser, timeout, cancel=cancel)
    with PennylaneClient(pair.access_token, base_url) as client:
        me = client.me()
    return pair, me


def _revoke_quietly(config: Any, refresh_token: str) -> None:
    from app.pennylane import oauth

    try:
        oauth.revoke(config, refresh_token)
    except Exception:  # noqa: BLE001 - best effort: the grant is dropped anyway
        pass


# --- the dialog ---------------------------------------------------------------------------------------


class SignInDialog(QDialog):
    browser_not_opened = Signal(str)  # OAuth: the address no browser could open (from the worker)
    oauth_address_ready = Signal(str)  # OAuth: the sign-in address, before the browser is asked (from the worker)
    signed_in = Signal(object)  # SignInResult

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        base_url: str,
        oauth_config: Any = None,
        open_browser: Callable[[str], Any] = webbrowser.open,
        oauth_timeout: float = 300,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Pennylane"))
        self.setModal(True)
        self.base_url = base_url
        self.oauth_config = oauth_config
        self.open_browser = open_browser
        self.oauth_timeout = oauth_timeout
        self._checked: tuple[str, Any, Any] | None = None  # token, client, me
        self._pending: tuple[Any, Any, Any] | None = None  # secret, client (or factory), me: keyring choice
        self._pending_oauth_refresh: str | None = None
        self._cancel: threading.Event | None = None
        self._busy = False
        self._build()
        self._update()

    # --- layout ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        token_box = QGroupBox(self.tr("Company API token"), self)
        token_box.setObjectName("tokenBox")
        box = QVBoxLayout(token_box)
        hint = QLabel(self.tr(
            "In Pennylane: Settings → Connectivity → Developers → Generate an API token. Choose "
            "“Read and write” so that invoices can be imported. The token is shown only once: paste it here."
        ), token_box)
        hint.setObjectName("tokenHint")
        hint.setWordWrap(True)
        box.addWidget(hint)
        row = QHBoxLayout()
        self.token_edit = QLineEdit(token_box)
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Paste the token here"))
        self.token_edit.setAccessibleName(self.tr("Company API token"))
        self.token_edit.setClearButtonEnabled(True)
        self.token_edit.textChanged.connect(self._token_changed)
        self.token_edit.returnPressed.connect(self.verify)
        row.addWidget(self.token_edit, 1)
        self.show_token = QCheckBox(self.tr("Show"), token_box)
        self.show_token.setObjectName("showTokenCheck")
        self.show_token.toggled.connect(
            lambda on: self.token_edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        row.addWidget(self.show_token)
        self.verify_button = QPushButton(self.tr("&Verify"), token_box)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.verify)
        row.addWidget(self.verify_button)
        box.addLayout(row)

        self.details = QFrame(token_box)
        self.details.setObjectName("tokenDetails")
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(10, 8, 10, 8)
        head = QHBoxLayout()
        self.company_label = self._plain_label("companyLabel")
        font = self.company_label.font()
        font.setBold(True)
        self.company_label.setFont(font)
        head.addWidget(self.company_label, 1)
        self.sandbox_badge = QLabel(self.tr("SANDBOX (test environment)"), self.details)
        self.sandbox_badge.setObjectName("sandboxBadge")
        warning, error = colours.tone("warning"), colours.tone("error")  # light or dark with the palette
        self.sandbox_badge.setStyleSheet(
            f"QLabel#sandboxBadge {{ background: {warning.bg}; color: {warning.fg}; border: 1px solid {warning.fg};"
            " border-radius: 4px; padding: 1px 6px; font-weight: bold; }")
        self.sandbox_badge.setToolTip(self.tr("A Pennylane test company: imports do not reach real books."))
        head.addWidget(self.sandbox_badge, 0, Qt.AlignmentFlag.AlignTop)
        details.addLayout(head)
        self.user_label = self._plain_label("userLabel")
        details.addWidget(self.user_label)
        self.scopes_label = self._plain_label("scopesLabel")
        self.scopes_label.setStyleSheet(f"color: {colours.muted()};")
        details.addWidget(self.scopes_label)
        self.scope_warning = self._plain_label("scopeWarning")
        self.scope_warning.setStyleSheet(
            f"QLabel#scopeWarning {{ background: {error.bg}; color: {error.fg}; border-left: 3px solid {error.fg}; padding: 4px 6px; }}")
        details.addWidget(self.scope_warning)
        box.addWidget(self.details)

        self.error_label = self._plain_label("errorLabel", token_box)
        self.error_label.setStyleSheet(f"QLabel#errorLabel {{ color: {error.fg}; }}")
        box.addWidget(self.error_label)

        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save"), token_box)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        box.addLayout(save_row)
        layout.addWidget(token_box)

        # OAuth
        oauth_box = QGroupBox(self.tr("Pennylane account (OAuth)"), self)
        oauth_box.setObjectName("oauthBox")
        obox = QVBoxLayout(oauth_box)
        orow = QHBoxLayout()
        self.oauth_button = QPushButton(self.tr("Sign in with &Pennylane (OAuth)"), oauth_box)
        self.oauth_button.setObjectName("oauthButton")
        self.oauth_button.setAutoDefault(False)
        self.oauth_button.clicked.connect(self.start_oauth)
        orow.addWidget(self.oauth_button)
        self.cancel_oauth_button = QPushButton(self.tr("Cancel"), oauth_box)
        self.cancel_oauth_button.setObjectName("cancelOAuthButton")
        self.cancel_oauth_button.setAutoDefault(False)
        self.cancel_oauth_button.clicked.connect(self.cancel_oauth)
        orow.addWidget(self.cancel_oauth_button)
        orow.addStretch(1)
        obox.addLayout(orow)
        self.oauth_status = self._plain_label("oauthStatus", oauth_box)
        self.browser_not_opened.connect(self._show_oauth_address)
        self.oauth_address_ready.connect(self._oauth_address_known)
        obox.addWidget(self.oauth_status)
        # the sign-in address, to open by hand: a browser may not start, or open on another screen
        self.oauth_address_row = QWidget(oauth_box)
        self.oauth_address_row.setObjectName("oauthAddressRow")
        arow = QHBoxLayout(self.oauth_address_row)
        arow.setContentsMargins(0, 0, 0, 0)
        self.oauth_address = QLineEdit(self.oauth_address_row)
        self.oauth_address.setObjectName("oauthAddress")
        self.oauth_address.setReadOnly(True)
        self.oauth_address.setAccessibleName(self.tr("Sign-in address"))
        arow.addWidget(self.oauth_address, 1)
        self.copy_address_button = QPushButton(self.tr("&Copy the address"), self.oauth_address_row)
        self.copy_address_button.setObjectName("copyOAuthAddressButton")
        self.copy_address_button.setAutoDefault(False)
        self.copy_address_button.clicked.connect(self.copy_oauth_address)
        arow.addWidget(self.copy_address_button)
        self.oauth_address_row.hide()
        obox.addWidget(self.oauth_address_row)
        if self.oauth_config is None:
            self.oauth_button.setToolTip(self.tr(
                "OAuth sign-in is not configured in this installation (oauth.json in the configuration "
                "folder, or the PENNYLANE_OAUTH_CLIENT_ID variable). Use a company API token."))
            self.oauth_status.setText(self.tr("Not available: no OAuth configuration. Use a company API token."))
        else:
            self.oauth_button.setToolTip(self.tr(
                "Opens Pennylane in your browser; choose the company there, then come back here."))
        layout.addWidget(oauth_box)

        # no usable keyring
        self.keyring_panel = QFrame(self)
        self.keyring_panel.setObjectName("keyringPanel")
        self.keyring_panel.setFrameShape(QFrame.Shape.StyledPanel)
        warning = colours.tone("warning")
        self.keyring_panel.setStyleSheet(
            f"QFrame#keyringPanel {{ background: {warning.bg}; border: 1px solid {warning.fg}; border-radius: 4px; }}"
            f" QFrame#keyringPanel QLabel {{ color: {warning.fg}; }}")
        kbox = QVBoxLayout(self.keyring_panel)
        self.keyring_label = self._plain_label("keyringLabel", self.keyring_panel)
        kbox.addWidget(self.keyring_label)
        krow = QHBoxLayout()
        krow.addStretch(1)
        self.session_only_button = QPushButton(self.tr("Keep for this session only"), self.keyring_panel)
        self.session_only_button.setObjectName("sessionOnlyButton")
        self.session_only_button.setAutoDefault(False)
        self.session_only_button.clicked.connect(self.keep_for_session)
        krow.addWidget(self.session_only_button)
        kbox.addLayout(krow)
        layout.addWidget(self.keyring_panel)

        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(580)

    def _plain_label(self, name: str, parent: QWidget | None = None) -> QLabel:
        label = QLabel(parent or self.details)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- state ---
    def _update(self) -> None:
        busy = self._busy
        oauth_running = self._cancel is not None
        has_token = bool(self.token_edit.text().strip())
        self.token_edit.setEnabled(not busy)
        self.verify_button.setEnabled(has_token and not busy)
        self.save_button.setEnabled(self._checked is not None and not busy and self._pending is None)
        self.oauth_button.setEnabled(self.oauth_config is not None and not busy)
        self.cancel_oauth_button.setVisible(oauth_running)
        self.oauth_address_row.setVisible(oauth_running and bool(self.oauth_address.text()))
        self.details.setVisible(self._checked is not None)
        self.error_label.setVisible(bool(self.error_label.text()))
        self.keyring_panel.setVisible(self._pending is not None)
        self.session_only_button.setEnabled(not busy)
        self._fit()

    def _fit(self) -> None:
        """Grow to the content (word-wrapped labels need their height for the current width): now,
        and once more when the labels just shown or changed have been laid out (their heights for
        the width are only right then: the instructions above an error were cut by 3 px)."""
        self._grow()
        QTimer.singleShot(0, self, self._grow)  # dropped with the dialog

    def _grow(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if height > self.height():
            self.resize(width, height)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update()

    def _token_changed(self) -> None:
        self._checked = None
        self.error_label.clear()
        self._update()

    def _show_me(self, me: Any) -> None:
        from app.pennylane.scopes import missing_scopes

        company = me.company
        name = company.name or f"#{company.id}"
        self.company_label.setText(self.tr("Company: %1 (id %2)").replace("%1", name).replace("%2", str(company.id)))
        self.sandbox_badge.setVisible(bool(me.is_sandbox))
        user = me.user
        if user is not None:
            who = " ".join(p for p in (user.first_name, user.last_name) if p) or "?"
            if user.email:
                who += f" <{user.email}>"
            self.user_label.setText(self.tr("User: %1").replace("%1", who))
        else:
            self.user_label.setText(self.tr("User: not reported"))
        scopes = list(me.scopes or [])
        if scopes:
            self.scopes_label.setText(self.tr("Scopes: %1").replace("%1", ", ".join(scopes)))
            missing = missing_scopes(scopes)
        else:
            self.scopes_label.setText(self.tr("Scopes: not reported by Pennylane"))
            missing = []
        self.scope_warning.setVisible(bool(missing))
        self.scope_warning.setText(self.tr(
            "Missing permissions: %1. Importing invoices will fail without them; create a “Read and write” "
            "token (Settings → Connectivity → Developers).").replace("%1", ", ".join(missing)))

    # --- 1. company API token ---
    def verify(self) -> None:
        token = self.token_edit.text().strip()
        if not token or self._busy:
            return
        self._checked = None
        self.error_label.setText(self.tr("Checking the token with Pennylane…"))
        self._set_busy(True)
        run_task(_check_token, token, self.base_url, on_result=lambda r: self._verified(token, r),
                 on_error=self._verify_failed, context=self)

    def _verified(self, token: str, result: tuple[Any, Any]) -> None:
        client, me = result
        if token != self.token_edit.text().strip():  # edited meanwhile
            client.close()
            self._set_busy(False)
            return
        self._checked = (token, client, me)
        self.error_label.clear()
        self._show_me(me)
        self._set_busy(False)
        self.save_button.setDefault(True)

    def _verify_failed(self, exc: BaseException) -> None:
        from app.pennylane.errors import token_error_text

        self._checked = None
        # a pasted token is on its first use: a 401 means "refused, check it", not "no longer valid"
        self.error_label.setText(str(token_error_text(exc, worked_before=False)))
        self._set_busy(False)

    def save(self) -> None:
        if self._checked is None or self._busy:
            return
        from app.pennylane.credentials import Secret

        token, client, me = self._checked
        self._store(Secret.token(token), client, me, session_only=False)

    def _store(self, secret: Any, client: Any, me: Any, *, session_only: bool) -> None:
        """``client``: a ready client (API token) or a factory ``(session_only) -> client`` (OAuth)."""
        self._set_busy(True)
        company = me.company
        factory = client if callable(client) else None
        run_task(_save, int(company.id), company.name or "", bool(me.is_sandbox), secret, session_only, factory,
                 on_result=lambda built: self._saved(built if factory is not None else client, me, session_only),
                 on_error=lambda exc: self._save_failed(exc, secret, client, me), context=self)

    def _saved(self, client: Any, me: Any, session_only: bool) -> None:
        self._pending = None
        self._pending_oauth_refresh = None
        self._set_busy(False)
        company = me.company
        self.signed_in.emit(SignInResult(int(company.id), company.name or "", bool(me.is_sandbox), client, me,
                                         session_only))
        self.accept()

    def _save_failed(self, exc: BaseException, secret: Any, client: Any, me: Any) -> None:
        from app.pennylane.credentials import KeyringUnavailable

        self._set_busy(False)
        if isinstance(exc, KeyringUnavailable):
            self._pending = (secret, client, me)
            self.keyring_label.setText(str(error_text(exc)))
            self.error_label.clear()
        else:
            self.error_label.setText(str(error_text(exc)))
        self._update()

    def keep_for_session(self) -> None:
        if self._pending is None or self._busy:
            return
        secret, client, me = self._pending
        self._store(secret, client, me, session_only=True)

    # --- 2. OAuth ---
    def start_oauth(self) -> None:
        if self.oauth_config is None or self._busy:
            return
        self._cancel = threading.Event()
        self.error_label.clear()
        self.oauth_address.clear()
        self.copy_address_button.setText(self.tr("&Copy the address"))
        self.oauth_status.setText(self.tr(
            "Waiting for Pennylane in your browser… Sign in, choose the company, then come back here."))
        self._set_busy(True)
        opener, not_opened, ready = self.open_browser, self.browser_not_opened, self.oauth_address_ready

        def open_or_say(url: str) -> bool:  # on the worker: a browser that does not start is said, with the address
            ready.emit(url)  # queued to the GUI thread: shown as a fallback in every case
            try:
                opened = bool(opener(url))
            except Exception:  # noqa: BLE001 - webbrowser's errors vary by platform; the address is shown instead
                opened = False
            if not opened:
                not_opened.emit(url)  # queued to the GUI thread
            return opened

        run_task(_oauth, self.oauth_config, self.base_url, open_or_say, self.oauth_timeout, self._cancel,
                 on_result=self._oauth_done, on_error=self._oauth_failed, context=self)

    def _oauth_address_known(self, url: str) -> None:
        """The sign-in address, shown under the status while the dialog waits (if the browser opens
        elsewhere, or not at all, it can be opened by hand)."""
        if not self._busy:
            return
        self.oauth_address.setText(url)
        self.oauth_address.setCursorPosition(0)
        self.oauth_address.setToolTip(url)
        self.oauth_status.setText(self.tr(
            "Waiting for Pennylane in your browser… Sign in, choose the company, then come back here. "
            "If no browser page opened, open this address in a browser:"))
        self._update()

    def _show_oauth_address(self, url: str) -> None:
        """No browser could be started (a server, a locked-down desktop): the address to open by hand."""
        if not self._busy:
            return
        self._oauth_address_known(url)
        QGuiApplication.clipboard().setText(url)
        self.oauth_status.setText(self.tr(
            "No web browser could be opened. Open this address in a browser (it is already on the "
            "clipboard), sign in, choose the company, then come back here:"))

    def copy_oauth_address(self) -> None:
        QGuiApplication.clipboard().setText(self.oauth_address.text())
        self.copy_address_button.setText(self.tr("Copied"))

    def cancel_oauth(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _oauth_done(self, result: tuple[Any, Any]) -> None:
        from app.pennylane import credentials
        from app.pennylane.client import PennylaneClient
        from app.pennylane.credentials import Secret

        pair, me = result
        self._cancel = None
        self._show_me(me)
        self.oauth_status.setText(self.tr("Signed in. Saving…"))
        company_id = int(me.company.id)
        self._pending_oauth_refresh = pair.refresh_token
        config = self.oauth_config

        def make_client(session_only: bool) -> Any:
            source = credentials.oauth_source(company_id, config, pair=pair, session_only=session_only)
            return PennylaneClient(source, self.base_url)

        # the client is built on the worker thread, once we know where the refresh token lives
        self._store(Secret.oauth(pair.refresh_token), make_client, me, session_only=False)

    def _oauth_failed(self, exc: BaseException) -> None:
        from app.pennylane.errors import Cancelled

        self._cancel = None
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self.oauth_status.setText(self.tr("Sign-in cancelled."))
        else:
            self.oauth_status.setText(str(error_text(exc)))

    # --- closing ---
    def done(self, result: int) -> None:
        self.cancel_oauth()
        if self._pending is not None and self._pending_oauth_refresh and self.oauth_config is not None:
            # an OAuth grant we could not keep anywhere: do not leave it alive
            run_task(_revoke_quietly, self.oauth_config, self._pending_oauth_refresh)
        self._pending = None
        if self._checked is not None and result != QDialog.DialogCode.Accepted:
            self._checked[1].close()
        super().done(result)

