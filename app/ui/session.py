"""The signed-in session: the API client, the company from ``GET /me``, and its reference data.

One :class:`Session` lives in the main window; panels read it and listen to its signals.

- ``changed``: the client/company changed (connected, disconnected, switched company).
- ``defaults_changed``: the same company's usual payment terms changed in Preferences
  (:meth:`Session.use_settings`): documents are prepared again; nothing about the connection changed
  (no unfinished imports to look for, no outcome to hide).
- ``reference_data_changed``: :attr:`Session.reference_data` was replaced (cache loaded, refresh
  finished, a counterpart created).
- ``failed(Text)``: connecting failed (bad token, network); ``reference_failed(Text)``: a refresh
  failed (the previous data stays).

Every network and disk call runs through :func:`app.ui.tasks.run_task`; results from a previous
connection (the person switched company meanwhile) are dropped by a generation counter.
The sign-in work (OAuth, keyring, company switcher) extends this class; it keeps no secret on disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Signal

from app.domain.text import error_text

if TYPE_CHECKING:  # reference_cache is imported when first needed (start-up time)
    from app.config import Settings
    from app.domain.terms import PaymentTerms
    from app.pennylane.reference_cache import Company, Counterpart, ReferenceData


def _run(fn: Callable[..., Any], *args: Any, context: QObject, on_result: Callable[[Any], None],
         on_error: Callable[[BaseException], None]) -> None:
    """run_task tied to ``context``: nothing is delivered once the session is deleted."""
    from app.ui.tasks import run_task

    run_task(fn, *args, on_result=on_result, on_error=on_error, context=context)


class Session(QObject):
    changed = Signal()
    defaults_changed = Signal()
    reference_data_changed = Signal()
    failed = Signal(object)  # Text
    reference_failed = Signal(object)  # Text
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client: Any = None
        self.me: Any = None  # the API's Me (user, company, scopes)
        self.company: Company | None = None
        self.reference_data: ReferenceData | None = None
        self.base_url: str | None = None
        self._generation = 0
        self._busy = 0
        self._settings: Settings | None = None  # the company's usual payment terms come from them

    # --- the settings (Preferences) ---
    def use_settings(self, settings: Settings) -> None:
        """Adopt the settings as loaded or saved (read off this thread or before the window shows):
        the signed-in company's usual payment terms. When they change (``defaults_changed``), every
        document is prepared again and the shown form follows."""
        self._settings = settings
        company = self.company
        if company is not None and company.payment_terms != self._terms_for(company.id):
            self.company = company.with_terms(self._terms_for(company.id))
            self.defaults_changed.emit()

    def _terms_for(self, company_id: int) -> PaymentTerms | None:
        return self._settings.terms_for(company_id) if self._settings is not None else None

    # --- state ---
    @property
    def is_connected(self) -> bool:
        return self.client is not None and self.company is not None

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def _set_busy(self, delta: int) -> None:
        before = self.busy
        self._busy = max(0, self._busy + delta)
        if before != self.busy:
            self.busy_changed.emit(self.busy)

    # --- connecting ---
    def connect_with_token(self, token: str, base_url: str, *, worked_before: bool = True) -> None:
        """Build a client and check it with ``GET /me`` in the background; then load the reference data.
        ``worked_before``: the token was checked when it was stored (a refusal now means "no longer
        valid"); False for one never checked (``PENNYLANE_API_TOKEN``: a refusal means "check it")."""
        from app.pennylane.errors import token_error_text
        from app.pennylane.client import PennylaneClient

        self._generation += 1
        generation = self._generation
        self.base_url = base_url

        def check() -> tuple[Any, Any]:
            client = PennylaneClient(token, base_url)
            return client, client.me()

        def done(result: tuple[Any, Any]) -> None:
            self._set_busy(-1)
            if generation == self._generation:
                self.set_client(*result)

        def fail(exc: BaseException) -> None:
            self._set_busy(-1)
            if generation == self._generation:
                self.failed.emit(token_error_text(exc, worked_before=worked_before))

        self._set_busy(+1)
        _run(check, context=self, on_result=done, on_error=fail)

    def set_client(self, client: Any, me: Any) -> None:
        """Adopt a checked client and its ``GET /me``; show the cached data, then refresh it."""
        self._generation += 1
        self.client = client
        self.me = me
        from app.pennylane import reference_cache

        company = reference_cache.company_from_me(me)
        self.company = company.with_terms(self._terms_for(company.id))
        cached_for = self.reference_data.company.id if self.reference_data else None
        if cached_for != self.company.id:
            self.reference_data = None
        self.changed.emit()
        if self.reference_data is None:
            self.reference_data_changed.emit()
            self._load_cache(self.company.id)
        self.refresh_reference_data()

    def disconnect(self) -> None:
        self._generation += 1
        self.client = self.me = self.company = self.reference_data = None
        self.changed.emit()
        self.reference_data_changed.emit()

    # --- reference data ---
    def _load_cache(self, company_id: int) -> None:
        from app.pennylane import reference_cache

        generation = self._generation

        def done(data: ReferenceData | None) -> None:
            # A refresh that finished first wins over the cache.
            if data is not None and generation == self._generation and self.reference_data is None:
                self.set_reference_data(data)

        _run(reference_cache.load_cached, company_id, context=self, on_result=done, on_error=lambda exc: None)

    def refresh_reference_data(self) -> None:
        """Fetch customers, suppliers, accounts, products and categories again (every page)."""
        if self.client is None:
            return
        from app.pennylane import reference_cache

        generation = self._generation
        client = self.client

        def done(data: ReferenceData) -> None:
            self._set_busy(-1)
            if generation == self._generation:
                self.set_reference_data(data)

        def fail(exc: BaseException) -> None:
            self._set_busy(-1)
            if generation == self._generation:
                self.reference_failed.emit(error_text(exc))

        self._set_busy(+1)
        _run(reference_cache.refresh, client, context=self, on_result=done, on_error=fail)

    def set_reference_data(self, data: ReferenceData | None) -> None:
        self.reference_data = data
        self.reference_data_changed.emit()

    def add_counterpart(self, counterpart: Counterpart) -> None:
        """After creating a supplier/customer through the API: add it without a full refresh."""
        if self.reference_data is None:
            return
        self.set_reference_data(self.reference_data.with_counterpart(counterpart))
        data = self.reference_data
        from app.pennylane import reference_cache

        _run(reference_cache.save, data, context=self, on_result=lambda _p: None, on_error=lambda _e: None)
