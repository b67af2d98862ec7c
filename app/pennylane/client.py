"""Synchronous client of the Pennylane Company API v2 (httpx). Qt-free; call it from worker threads.

Retry policy (see :meth:`PennylaneClient._send`):

* **429** — the request was not processed: wait ``retry-after`` (every thread sharing the token
  waits, through the limiter) and send it again, at most ``max_rate_limit_retries`` times, for
  every kind of request, imports included.
* **401** — ask the token source for a new token once (``refresh_after_401``); if it has one,
  send again once. Nothing was processed, so this is safe for imports too.
* **5xx, timeouts, dropped connections** — GET, idempotent PUT and uploads are sent again with
  bounded exponential backoff and jitter (``max_retries``). A request that *creates* something
  (invoice imports, e-invoice imports, supplier/customer creation, a PUT that creates invoice
  lines) is **never sent again blindly**: the caller gets :class:`OutcomeUnknownError` carrying
  the ``external_reference`` to look up.
* **Connection refused / connect timeout / no free pooled connection** — nothing left the
  machine, so every request, imports included, may be retried. We only treat httpx's
  ``ConnectError``, ``ConnectTimeout`` and ``PoolTimeout`` that way: httpcore raises them while
  opening the TCP/TLS connection, before a single byte of the request is written. Everything
  else (``WriteError``, ``ReadTimeout``, ``RemoteProtocolError``, a reset) may happen after the
  server got the whole request, so for imports it means "outcome unknown".
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from app import APP_ID, __version__
from app.config import DEFAULT_API_URL
from app.domain.text import Text
from app.pennylane import models as m
from app.pennylane.auth import StaticToken, TokenSource, token_key
from app.pennylane.errors import (
    Cancelled,
    FileChangedError,
    NetworkError,
    OutcomeUnknownError,
    RejectedError,
    UnexpectedResponseError,
    error_from_status,
    network_text,
    outcome_unknown_text,
)
from app.pennylane.logsafe import logger, remember_secret
from app.pennylane.ratelimit import RateLimiter, limiter_for, parse_retry_after

__all__ = ["PennylaneClient", "USER_AGENT", "DEFAULT_TIMEOUT", "MAX_UPLOAD_BYTES", "encode_filter"]

USER_AGENT = f"{APP_ID}/{__version__} (+python-httpx)"
DEFAULT_TIMEOUT = httpx.Timeout(connect=10, read=60, write=60, pool=10)
MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # Pennylane: 100 MB; the server has the last word
UPLOAD_CHUNK = 1024 * 1024

Kind = Literal["safe", "create"]
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
T = TypeVar("T", bound=BaseModel)

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


# --------------------------------------------------------------------------------------------
# Filters


def _filter_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_filter_value(v) for v in value]
    return value


FilterSpec = Iterable[Mapping[str, Any] | Sequence[Any]]


def encode_filter(filters: FilterSpec | str | None) -> str | None:
    """``[("external_reference", "eq", "abc")]`` → ``'[{"field":"external_reference",...}]'``.

    Pennylane wants the ``filter`` query parameter as a JSON-encoded string (form-style nested
    params are refused). Scalar values are sent as strings, like the OpenAPI examples; ``in`` /
    ``not_in`` take a JSON array.
    """
    if filters is None:
        return None
    if isinstance(filters, str):
        return filters
    out = []
    for f in filters:
        if isinstance(f, Mapping):
            field, op, value = f["field"], f["operator"], f.get("value")
        else:
            field, op, value = f
        out.append({"field": field, "operator": op, "value": _filter_value(value)})
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False) if out else None


# --------------------------------------------------------------------------------------------
# Upload body


class _ProgressReader:
    """File-like wrapper for httpx multipart: reports progress and stops when cancelled.

    httpx asks for 64 KiB at a time; we hand back up to ``chunk`` bytes (1 MiB) per call for
    throughput, never the whole file. ``fileno()`` lets httpx compute Content-Length (no chunked
    transfer encoding).
    """

    def __init__(
        self, fh: Any, total: int, progress: ProgressFn | None, cancelled: CancelFn | None,
        chunk: int = UPLOAD_CHUNK, expected_sha256: str | None = None, name: str = "",
    ) -> None:
        self._fh = fh
        self._total = total
        self._progress = progress
        self._cancelled = cancelled
        self._chunk = chunk
        self._expected = expected_sha256
        self._name = name
        self._digest = hashlib.sha256()
        self.sent = 0

    def read(self, size: int = -1) -> bytes:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled(Text("Envoi du fichier annulé.", "File upload cancelled."))
        n = self._chunk if size is None or size < 0 else max(size, self._chunk)
        data = self._fh.read(n)
        if self._expected is not None:
            self._digest.update(data)
            if not data or self.sent + len(data) >= self._total:
                self._verify(data)  # before the last bytes leave: a changed file is never complete
        if data:
            self.sent += len(data)
            if self._progress is not None:
                self._progress(self.sent, self._total)
        return data

    def _verify(self, last: bytes) -> None:
        extra = self._fh.read(1) if last else b""  # the file grew: not the file that was read
        if extra or self._digest.hexdigest() != self._expected:
            raise FileChangedError(self._name)
        self._expected = None  # checked once per attempt

    def seek(self, offset: int, whence: int = 0) -> int:
        pos = self._fh.seek(offset, whence)
        self.sent = pos
        if pos == 0 and self._expected is not None:
            self._digest = hashlib.sha256()
        return pos

    def tell(self) -> int:
        return self._fh.tell()

    def fileno(self) -> int:
        return self._fh.fileno()

    def close(self) -> None:
        self._fh.close()


class _Upload:
    """Re-openable multipart body: each attempt reopens the file and restarts the progress."""

    def __init__(
        self,
        path: Path,
        filename: str,
        content_type: str,
        progress: ProgressFn | None,
        cancelled: CancelFn | None,
        data: dict[str, str] | None = None,
        extra_parts: dict[str, tuple[None, bytes, str]] | None = None,
        expected_sha256: str | None = None,
    ) -> None:
        self.path, self.filename, self.content_type = path, filename, content_type
        self.progress, self.cancelled = progress, cancelled
        self.data, self.extra_parts = data or {}, extra_parts or {}
        self.expected_sha256 = expected_sha256  # the file that was read: anything else is refused
        self.total = path.stat().st_size
        self._fh: Any = None

    def open(self) -> tuple[dict[str, str], dict[str, Any]]:
        self.close()
        self._fh = open(self.path, "rb")  # noqa: SIM115 (closed in close())
        self.total = os.fstat(self._fh.fileno()).st_size  # what is sent is this open file, whole
        reader = _ProgressReader(self._fh, self.total, self.progress, self.cancelled,
                                 expected_sha256=self.expected_sha256, name=self.path.name)
        files: dict[str, Any] = {"file": (self.filename, reader, self.content_type)}
        files.update(self.extra_parts)
        return self.data, files

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


# --------------------------------------------------------------------------------------------


class PennylaneClient:
    def __init__(
        self,
        token: str | TokenSource,
        base_url: str | None = None,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        limiter: RateLimiter | None = None,
        max_retries: int = 4,
        max_rate_limit_retries: int = 6,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._token: TokenSource = StaticToken(token) if isinstance(token, str) else token
        self.base_url = (base_url or os.environ.get("PENNYLANE_API_URL") or DEFAULT_API_URL).rstrip("/")
        self._limiter = limiter
        self.last_limiter: RateLimiter | None = limiter  # the limiter the last request went through
        self.max_retries = max_retries
        self.max_rate_limit_retries = max_rate_limit_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._sleep = sleep
        self._http = httpx.Client(
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self._closed = False

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._http.close()

    def __enter__(self) -> "PennylaneClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PennylaneClient({self.base_url!r})"

    # -- core -----------------------------------------------------------------------------
    def limiter(self, token: str | None = None) -> RateLimiter:
        if self._limiter is not None:
            return self._limiter
        return limiter_for(token_key(token or self._token.access_token()))

    def backoff_delay(self, attempt: int) -> float:
        """Exponential (base × 2^(attempt-1), capped) with jitter so that threads spread out."""
        delay = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return delay * random.uniform(0.5, 1.0)

    def _backoff(self, attempt: int, cancelled: CancelFn | None) -> None:
        delay = self.backoff_delay(attempt)
        if cancelled is None:
            self._sleep(delay)
            return
        end = time.monotonic() + delay
        while True:
            if cancelled():
                raise Cancelled()
            left = end - time.monotonic()
            if left <= 0:
                return
            self._sleep(min(left, 0.1))

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        upload: _Upload | None = None,
        kind: Kind = "safe",
        external_reference: str | None = None,
        cancelled: CancelFn | None = None,
    ) -> httpx.Response:
        url = f"{self.base_url}{path}"
        retries = rate_limited = 0
        refreshed = False
        content = None
        if json_body is not None:
            content = json.dumps(json_body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        while True:
            token = self._token.access_token()
            remember_secret(token)
            limiter = self.limiter(token)
            self.last_limiter = limiter  # read by the window to say "waiting for the rate limit" (no I/O)
            slot = limiter.acquire(cancel_check=cancelled)
            headers = {"Authorization": f"Bearer {token}"}
            started = time.monotonic()
            try:
                if upload is not None:
                    data, files = upload.open()
                    request = self._http.build_request(method, url, params=params, data=data, files=files,
                                                       headers=headers)
                else:
                    if content is not None:
                        headers["Content-Type"] = "application/json"
                    request = self._http.build_request(method, url, params=params, content=content,
                                                       headers=headers)
                response = self._http.send(request)
            except (Cancelled, FileChangedError) as exc:  # raised by the upload reader: nothing complete was sent
                limiter.release(slot)
                logger.info("%s %s stopped: %s", method, path, type(exc).__name__)
                raise
            except httpx.TransportError as exc:  # includes every timeout
                limiter.release(slot)
                sent = not isinstance(exc, _NOT_SENT)
                what = "timeout" if isinstance(exc, httpx.TimeoutException) else (
                    "connect" if isinstance(exc, httpx.ConnectError) else "drop")
                logger.warning("%s %s failed after %.0f ms: %s (%s)", method, path,
                               (time.monotonic() - started) * 1000, type(exc).__name__, what)
                if kind == "create" and sent:
                    raise OutcomeUnknownError(
                        outcome_unknown_text(external_reference), external_reference=external_reference,
                        cause=type(exc).__name__,
                    ) from exc
                if retries < self.max_retries:
                    retries += 1
                    self._backoff(retries, cancelled)
                    continue
                raise NetworkError(network_text(what, type(exc).__name__)) from exc
            finally:
                if upload is not None:
                    upload.close()
            limiter.release(slot)
            limiter.update_from_headers(response.headers, sent_at=slot.sent)
            status = response.status_code
            logger.debug("%s %s -> %s in %.0f ms", method, request.url.raw_path.decode("ascii", "replace"),
                         status, (time.monotonic() - started) * 1000)
            if status < 300:
                return response
            body = response.content
            if status == 401 and not refreshed:
                refreshed = True
                if self._token.refresh_after_401(token):
                    logger.info("%s %s: 401, token refreshed, sending again", method, path)
                    continue
            if status == 429:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                if rate_limited < self.max_rate_limit_retries:
                    rate_limited += 1
                    wait = retry_after if retry_after is not None else min(
                        self.backoff_cap, self.backoff_base * 2 ** rate_limited)
                    logger.info("%s %s: 429, waiting %.1f s", method, path, wait)
                    limiter.block_for(wait)
                    continue
                raise error_from_status(429, body, retry_after=retry_after)
            if status >= 500:
                if kind == "create":
                    raise OutcomeUnknownError(
                        outcome_unknown_text(external_reference), external_reference=external_reference,
                        cause=f"HTTP {status}", status=status,
                    )
                if retries < self.max_retries:
                    retries += 1
                    logger.info("%s %s: %s, retry %d", method, path, status, retries)
                    self._backoff(retries, cancelled)
                    continue
            raise error_from_status(status, body)

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise UnexpectedResponseError(
                Text(
                    "Réponse illisible de Pennylane. Réessayez ; si cela persiste, signalez-le.",
                    "Pennylane sent an unreadable answer. Try again; if it persists, please report it.",
                ),
                status=response.status_code,
            ) from exc

    def _parse(self, model: type[T], data: Any, status: int | None = None) -> T:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise UnexpectedResponseError(
                Text(
                    "Réponse inattendue de Pennylane (forme inconnue). Réessayez ; si cela persiste, "
                    "signalez-le.",
                    "Unexpected answer from Pennylane (unknown shape). Try again; if it persists, "
                    "please report it.",
                ),
                status=status,
            ) from exc

    def _get(self, model: type[T], path: str, params: Mapping[str, Any] | None = None) -> T:
        response = self._send("GET", path, params=params)
        return self._parse(model, self._json(response), response.status_code)

    @staticmethod
    def _body(model: type[T], body: T | Mapping[str, Any]) -> T:
        if isinstance(body, model):
            return body
        if isinstance(body, BaseModel):
            body = body.model_dump(exclude_none=True)
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0] if exc.errors() else {}
            where = ".".join(str(p) for p in first.get("loc", ()))
            why = first.get("msg", "")
            raise RejectedError(
                Text(
                    f"La facture n'est pas prête à être envoyée : {why} (champ « {where} »). "
                    f"Corrigez-la puis réessayez.",
                    f'The invoice is not ready to be sent: {why} (field "{where}"). Correct it and try again.',
                ),
                field=where or None,
                code="ClientValidation",
            ) from exc

    def _create(
        self, model: type[T], path: str, body: BaseModel | list, external_reference: str | None
    ) -> T:
        """POST/PUT that creates something: never blindly retried; a 2xx we cannot read is "unknown"."""
        response = self._send("POST", path, json_body=m.dump(body), kind="create",
                              external_reference=external_reference)
        try:
            return self._parse(model, self._json(response), response.status_code)
        except UnexpectedResponseError as exc:
            raise OutcomeUnknownError(
                outcome_unknown_text(external_reference), external_reference=external_reference,
                cause="unreadable 2xx answer", status=response.status_code,
            ) from exc

    # -- pagination -----------------------------------------------------------------------
    def paginate(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        filter: FilterSpec | str | None = None,  # noqa: A002 (the API's name)
        sort: str | None = None,
        limit: int | None = 100,
        cancelled: CancelFn | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every item of a cursor-paginated collection. ``filter`` and ``sort`` go with *every*
        page (the cursor does not carry them)."""
        base: dict[str, Any] = dict(params or {})
        encoded = encode_filter(filter)
        if encoded:
            base["filter"] = encoded
        if sort:
            base["sort"] = sort
        if limit:
            base["limit"] = limit
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            query = dict(base)
            if cursor:
                query["cursor"] = cursor
            data = self._json(self._send("GET", path, params=query, cancelled=cancelled))
            if isinstance(data, list):  # not paginated after all
                yield from data
                return
            if not isinstance(data, dict):
                return
            yield from data.get("items") or []
            cursor = data.get("next_cursor")
            if not data.get("has_more") or not cursor:
                return
            if cursor in seen:
                logger.warning("GET %s: the same cursor came back twice; stopping", path)
                return
            seen.add(cursor)

    def _models(self, model: type[T], path: str, **kw: Any) -> Iterator[T]:
        for item in self.paginate(path, **kw):
            yield self._parse(model, item)

    # -- endpoints ------------------------------------------------------------------------
    def me(self) -> m.Me:
        return self._get(m.Me, "/me")

    def upload_file(
        self,
        path: str | os.PathLike[str],
        filename: str | None = None,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
        content_type: str = "application/pdf",
        expected_sha256: str | None = None,
    ) -> m.FileAttachment:
        """``POST /file_attachments``: multipart ``file`` + ``filename``, streamed from disk.

        ``expected_sha256``: the hash of the file as it was read; it is computed again while the
        file is streamed and :class:`FileChangedError` is raised before the last bytes are sent
        when it differs (the file was replaced or changed on disk since)."""
        p = Path(path)
        size = p.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise RejectedError(
                Text(
                    f"Le fichier fait {size / 1e6:.0f} Mo : Pennylane refuse les fichiers de plus de "
                    f"100 Mo. Réduisez-le (compression, pages inutiles) puis réessayez.",
                    f"The file is {size / 1e6:.0f} MB: Pennylane refuses files over 100 MB. "
                    f"Make it smaller (compression, unneeded pages) and try again.",
                ),
                field="file",
                code="FileTooLarge",
            )
        name = (filename or p.name)[:255]
        upload = _Upload(p, name, content_type, progress, cancelled, data={"filename": name},
                         expected_sha256=expected_sha256)
        response = self._send("POST", "/file_attachments", upload=upload, cancelled=cancelled)
        return self._parse(m.FileAttachment, self._json(response), response.status_code)

    def import_customer_invoice(self, body: m.CustomerInvoiceImport | Mapping[str, Any]) -> m.CustomerInvoice:
        model = self._body(m.CustomerInvoiceImport, body)
        return self._create(m.CustomerInvoice, "/customer_invoices/import", model, model.external_reference)

    def import_supplier_invoice(self, body: m.SupplierInvoiceImport | Mapping[str, Any]) -> m.SupplierInvoice:
        model = self._body(m.SupplierInvoiceImport, body)
        return self._create(m.SupplierInvoice, "/supplier_invoices/import", model, model.external_reference)

    def _e_invoice(
        self, path: str, file: str | os.PathLike[str], options: BaseModel | None,
        progress: ProgressFn | None, cancelled: CancelFn | None, content_type: str,
        expected_sha256: str | None = None,
    ) -> m.EInvoiceImport:
        p = Path(file)
        extra: dict[str, tuple[None, bytes, str]] = {}
        if options is not None:
            extra["invoice_options"] = (None, json.dumps(m.dump(options)).encode("utf-8"), "application/json")
        upload = _Upload(p, p.name, content_type, progress, cancelled, extra_parts=extra,
                         expected_sha256=expected_sha256)
        # An e-invoice import creates an invoice: never blindly retried. It has no
        # external_reference; look it up by invoice number after an OutcomeUnknownError.
        response = self._send("POST", path, upload=upload, kind="create", cancelled=cancelled)
        try:
            return self._parse(m.EInvoiceImport, self._json(response), response.status_code)
        except UnexpectedResponseError as exc:
            raise OutcomeUnknownError(outcome_unknown_text(None), cause="unreadable 2xx answer",
                                      status=response.status_code) from exc

    def import_customer_e_invoice(
        self, path: str | os.PathLike[str],
        options: m.CustomerEInvoiceImportOptions | Mapping[str, Any] | None = None, *,
        progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
        content_type: str = "application/pdf", expected_sha256: str | None = None,
    ) -> m.EInvoiceImport:
        opts = self._body(m.CustomerEInvoiceImportOptions, options) if options is not None else None
        return self._e_invoice("/customer_invoices/e_invoices/imports", path, opts, progress, cancelled, content_type,
                               expected_sha256)

    def import_supplier_e_invoice(
        self, path: str | os.PathLike[str],
        options: m.SupplierEInvoiceImportOptions | Mapping[str, Any] | None = None, *,
        progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
        content_type: str = "application/pdf", expected_sha256: str | None = None,
    ) -> m.EInvoiceImport:
        opts = self._body(m.SupplierEInvoiceImportOptions, options) if options is not None else None
        return self._e_invoice("/supplier_invoices/e_invoices/imports", path, opts, progress, cancelled, content_type,
                               expected_sha256)

    def get_customer_invoice(self, invoice_id: int) -> m.CustomerInvoice:
        return self._get(m.CustomerInvoice, f"/customer_invoices/{int(invoice_id)}")

    def get_supplier_invoice(self, invoice_id: int) -> m.SupplierInvoice:
        return self._get(m.SupplierInvoice, f"/supplier_invoices/{int(invoice_id)}")

    def supplier_invoice_lines(self, invoice_id: int) -> list[m.InvoiceLine]:
        return list(self._models(m.InvoiceLine, f"/supplier_invoices/{int(invoice_id)}/invoice_lines"))

    def customer_invoice_lines(self, invoice_id: int) -> list[m.InvoiceLine]:
        return list(self._models(m.InvoiceLine, f"/customer_invoices/{int(invoice_id)}/invoice_lines"))

    def _put(self, model: type[T], path: str, body: BaseModel | list, *, creates: bool,
             external_reference: str | None = None) -> T | Any:
        if creates:  # a PUT that creates lines is not idempotent
            response = self._send("PUT", path, json_body=m.dump(body), kind="create",
                                  external_reference=external_reference)
        else:
            response = self._send("PUT", path, json_body=m.dump(body))
        return self._parse(model, self._json(response), response.status_code)

    def update_supplier_invoice(
        self, invoice_id: int, body: m.SupplierInvoiceUpdate | Mapping[str, Any]
    ) -> m.SupplierInvoice:
        model = self._body(m.SupplierInvoiceUpdate, body)
        creates = bool(model.invoice_lines and model.invoice_lines.create)
        return self._put(m.SupplierInvoice, f"/supplier_invoices/{int(invoice_id)}", model, creates=creates,
                         external_reference=model.external_reference)

    def update_imported_customer_invoice(
        self, invoice_id: int, body: m.CustomerInvoiceUpdateImported | Mapping[str, Any]
    ) -> m.CustomerInvoice:
        model = self._body(m.CustomerInvoiceUpdateImported, body)
        creates = bool(model.invoice_lines and model.invoice_lines.create)
        return self._put(m.CustomerInvoice, f"/customer_invoices/{int(invoice_id)}/update_imported", model,
                         creates=creates, external_reference=model.external_reference)

    @staticmethod
    def _invoice_filter(
        counterpart_field: str, invoice_number: str | None, external_reference: str | None,
        date: date | str | None, counterpart_id: int | None, extra: FilterSpec | None,
    ) -> list[Any]:
        f: list[Any] = []
        if invoice_number is not None:
            f.append(("invoice_number", "eq", invoice_number))
        if external_reference is not None:
            f.append(("external_reference", "eq", external_reference))
        if date is not None:
            f.append(("date", "eq", date))
        if counterpart_id is not None:
            f.append((counterpart_field, "eq", counterpart_id))
        f.extend(extra or [])
        return f

    def find_customer_invoices(
        self, invoice_number: str | None = None, external_reference: str | None = None,
        date: date | str | None = None, counterpart_id: int | None = None, *,
        filter: FilterSpec | None = None, sort: str | None = None,  # noqa: A002
    ) -> Iterator[m.CustomerInvoice]:
        f = self._invoice_filter("customer_id", invoice_number, external_reference, date, counterpart_id, filter)
        return self._models(m.CustomerInvoice, "/customer_invoices", filter=f, sort=sort)

    def find_supplier_invoices(
        self, invoice_number: str | None = None, external_reference: str | None = None,
        date: date | str | None = None, counterpart_id: int | None = None, *,
        filter: FilterSpec | None = None, sort: str | None = None,  # noqa: A002
    ) -> Iterator[m.SupplierInvoice]:
        f = self._invoice_filter("supplier_id", invoice_number, external_reference, date, counterpart_id, filter)
        return self._models(m.SupplierInvoice, "/supplier_invoices", filter=f, sort=sort)

    def customers(self, filter: FilterSpec | None = None) -> Iterator[m.Customer]:  # noqa: A002
        return self._models(m.Customer, "/customers", filter=filter)

    def suppliers(self, filter: FilterSpec | None = None) -> Iterator[m.Supplier]:  # noqa: A002
        return self._models(m.Supplier, "/suppliers", filter=filter)

    def create_supplier(self, body: m.SupplierCreate | Mapping[str, Any]) -> m.Supplier:
        model = self._body(m.SupplierCreate, body)
        return self._create(m.Supplier, "/suppliers", model, model.external_reference)

    def create_company_customer(self, body: m.CompanyCustomerCreate | Mapping[str, Any]) -> m.Customer:
        model = self._body(m.CompanyCustomerCreate, body)
        return self._create(m.Customer, "/company_customers", model, model.external_reference)

    def ledger_accounts(self, prefix: str | None = None, *, enabled: bool | None = None) -> Iterator[m.LedgerAccount]:
        f: list[Any] = []
        if prefix:
            f.append(("number", "start_with", prefix))
        if enabled is not None:
            f.append(("enabled", "eq", enabled))
        return self._models(m.LedgerAccount, "/ledger_accounts", filter=f or None, limit=1000)

    def products(self, filter: FilterSpec | None = None) -> Iterator[m.Product]:  # noqa: A002
        return self._models(m.Product, "/products", filter=filter)

    def category_groups(self) -> Iterator[m.CategoryGroup]:
        return self._models(m.CategoryGroup, "/category_groups")

    def categories(self, group_id: int | None = None) -> Iterator[m.Category]:
        f = [("category_group_id", "eq", group_id)] if group_id is not None else None
        return self._models(m.Category, "/categories", filter=f)

    def invoice_categories(self, kind: str, invoice_id: int) -> list[m.InvoiceCategory]:
        """The analytic categories of an invoice, with their weights (0..1)."""
        path = f"/{'supplier' if kind == 'supplier' else 'customer'}_invoices/{int(invoice_id)}/categories"
        return list(self._models(m.InvoiceCategory, path))

    def _set_categories(self, path: str, weights: Iterable[tuple[int, Decimal | str]]) -> list[m.InvoiceCategory]:
        body = [self._body(m.CategoryWeight, {"id": cid, "weight": w}) for cid, w in weights]
        response = self._send("PUT", path, json_body=m.dump(body))  # replaces the list: idempotent
        data = self._json(response)
        items = data if isinstance(data, list) else (data.get("items") if isinstance(data, dict) else None) or []
        return [self._parse(m.InvoiceCategory, item, response.status_code) for item in items]

    def set_customer_invoice_categories(
        self, invoice_id: int, weights: Iterable[tuple[int, Decimal | str]]
    ) -> list[m.InvoiceCategory]:
        """``weights``: (category id, weight in 0..1); weights of one group must add up to 1."""
        return self._set_categories(f"/customer_invoices/{int(invoice_id)}/categories", weights)

    def set_supplier_invoice_categories(
        self, invoice_id: int, weights: Iterable[tuple[int, Decimal | str]]
    ) -> list[m.InvoiceCategory]:
        return self._set_categories(f"/supplier_invoices/{int(invoice_id)}/categories", weights)


