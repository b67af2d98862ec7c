"""One exception hierarchy for everything the Pennylane API (or the network) can do to us.

Every error carries a bilingual :class:`~app.domain.text.Text` that says what happened and what
the person can do about it; ``str(error)`` gives it in the current language. ``status`` is the
HTTP status (``None`` for network problems), ``retryable`` says whether trying the same thing
again later may succeed.

Error bodies are parsed defensively: the OpenAPI document says ``{error, status}`` (plus six 400
shapes with ``message``/``field``/``code``/``payload``), the guides show
``{error, message, details{field, issue}}``, and a 429 body is plain text. Every field is optional.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from app.domain.text import Text, error_text

__all__ = [
    "PennylaneError",
    "AuthError",
    "ScopeError",
    "NotFoundError",
    "ConflictError",
    "RejectedError",
    "RateLimitedError",
    "ServerError",
    "NetworkError",
    "OutcomeUnknownError",
    "UnexpectedResponseError",
    "Cancelled",
    "ErrorBody",
    "REFUSED_TOKEN_TEXT",
    "token_error_text",
    "parse_error_body",
    "error_from_status",
]


class PennylaneError(Exception):
    """Base class. ``text`` is for people, ``api_message`` is Pennylane's own words (may be None)."""

    default_retryable = False

    def __init__(
        self,
        text: Text,
        *,
        status: int | None = None,
        retryable: bool | None = None,
        api_message: str | None = None,
    ) -> None:
        super().__init__(text.en)
        self.text = text
        self.status = status
        self.retryable = self.default_retryable if retryable is None else retryable
        self.api_message = api_message

    def __str__(self) -> str:  # current language
        return str(self.text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, text={self.text.en!r})"


class AuthError(PennylaneError):
    """401: the token is missing, invalid, expired or revoked (Pennylane cannot tell which)."""


class ScopeError(PennylaneError):
    """403: the token lacks a permission; ``scope`` names it when Pennylane's message does."""

    def __init__(self, text: Text, *, scope: str | None = None, **kw: Any) -> None:
        super().__init__(text, **kw)
        self.scope = scope


class NotFoundError(PennylaneError):
    """404: the thing does not exist in this company (or was deleted, or the file expired)."""


class ConflictError(PennylaneError):
    """409: Pennylane says it already exists."""


class RejectedError(PennylaneError):
    """400/422: Pennylane refused the content. ``field``/``code`` when it said which."""

    def __init__(
        self, text: Text, *, field: str | None = None, code: str | None = None, **kw: Any
    ) -> None:
        super().__init__(text, **kw)
        self.field = field
        self.code = code


class RateLimitedError(PennylaneError):
    """429 still there after the bounded waits. ``retry_after`` in seconds when known."""

    default_retryable = True

    def __init__(self, text: Text, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(text, **kw)
        self.retry_after = retry_after


class ServerError(PennylaneError):
    """5xx after the bounded retries (or on a request that may not be retried)."""

    default_retryable = True


class NetworkError(PennylaneError):
    """Could not connect, the connection dropped, or a timeout."""

    default_retryable = True


class OutcomeUnknownError(PennylaneError):
    """An import POST was sent but no answer came back (timeout, 5xx, dropped connection).

    Pennylane may or may not have created the invoice. Never send it again blindly: look it up
    first by ``external_reference`` (``find_*_invoices(external_reference=...)``).
    """

    def __init__(
        self, text: Text, *, external_reference: str | None = None, cause: str | None = None, **kw: Any
    ) -> None:
        kw.setdefault("retryable", False)
        super().__init__(text, **kw)
        self.external_reference = external_reference
        self.cause = cause


class UnexpectedResponseError(PennylaneError):
    """A 2xx answer whose body we could not understand (not JSON, or missing what we need)."""


class FileChangedError(PennylaneError):
    """The file being uploaded is not the one that was read: its SHA-256, computed while it was
    streamed, differs from the one expected. Raised before its last bytes are sent, so Pennylane
    never receives a complete file. Read the file again."""

    def __init__(self, name: str, **kw: Any) -> None:
        super().__init__(Text(
            f"Le fichier « {name} » a changé sur le disque depuis sa lecture : il n'a pas été envoyé. "
            "Relisez-le (retirez-le et déposez-le à nouveau), vérifiez la facture, puis importez-la.",
            f"The file “{name}” changed on disk since it was read: it was not sent. Read it again "
            "(remove it and drop it again), check the invoice, then import it.",
        ), **kw)


class Cancelled(PennylaneError):
    """The person cancelled (raised from the upload reader or while waiting)."""

    def __init__(self, text: Text | None = None, **kw: Any) -> None:
        super().__init__(text or Text("Opération annulée.", "Cancelled."), **kw)


# --------------------------------------------------------------------------------------------
# Error bodies


@dataclass(frozen=True)
class ErrorBody:
    message: str | None = None  # the best human-readable sentence Pennylane gave
    field: str | None = None
    code: str | None = None
    raw: str = ""


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float, bool)):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False)[:500]
    except (TypeError, ValueError):
        return None


def parse_error_body(content: bytes | str | None) -> ErrorBody:
    """Never raises. Understands every shape we know of, and plain text."""
    if content is None:
        return ErrorBody()
    if isinstance(content, bytes):
        text = content.decode("utf-8", errors="replace")
    else:
        text = content
    text = text.strip()
    raw = text[:2000]
    if not text:
        return ErrorBody(raw=raw)
    try:
        data = json.loads(text)
    except ValueError:
        # plain text (the 429 body), or an HTML error page from a proxy
        if text.lstrip().startswith("<"):
            return ErrorBody(raw=raw)
        return ErrorBody(message=text[:500], raw=raw)
    if isinstance(data, list):  # some validators answer a list of errors
        data = data[0] if data and isinstance(data[0], dict) else {"message": _as_str(data)}
    if not isinstance(data, dict):
        return ErrorBody(message=_as_str(data), raw=raw)
    message = _as_str(data.get("message"))
    error = _as_str(data.get("error"))
    details = data.get("details")
    field = _as_str(data.get("field"))
    code = _as_str(data.get("code"))
    if isinstance(details, dict):
        field = field or _as_str(details.get("field"))
        issue = _as_str(details.get("issue"))
        if issue and message and issue not in message:
            message = f"{message} ({issue})"
        message = message or issue
    elif details is not None and not message:
        message = _as_str(details)
    # `error` is sometimes a sentence ("The access token is invalid"), sometimes a slug
    # ("unprocessable_entity"); prefer `message` when both exist.
    if not message:
        message = error
    elif isinstance(data.get("error"), str) and error and " " in error and error not in message:
        message = f"{error}: {message}"
    if code is None and isinstance(data.get("error"), dict):
        code = _as_str(data["error"].get("code"))
    return ErrorBody(message=message, field=field, code=code, raw=raw)


_SCOPE_RE = re.compile(r"""scopes?\s*[:=]?\s*["'«“]?\s*([a-z_]+(?::[a-z_]+)?)""", re.IGNORECASE)


def parse_scope(message: str | None) -> str | None:
    """'Access to this resource requires scope "supplier_invoices:all".' → 'supplier_invoices:all'."""
    if not message:
        return None
    m = _SCOPE_RE.search(message)
    return m.group(1) if m else None


# --------------------------------------------------------------------------------------------
# Messages


def _suffix(body: ErrorBody) -> Text:
    if not body.message:
        return Text("", "")
    return Text(f" (Pennylane : « {body.message} »)", f' (Pennylane: "{body.message}")')


def _join(a: Text, b: Text) -> Text:
    return Text(a.fr + b.fr, a.en + b.en)


AUTH_TEXT = Text(
    "Le jeton n’est plus valide : reconnectez-vous à Pennylane ou saisissez un nouveau jeton API "
    "(il a peut-être expiré ou été révoqué).",
    "The token is no longer valid: sign in to Pennylane again or enter a new API token "
    "(it may have expired or been revoked).",
)

# A token tried for the first time (pasted in the sign-in dialog, piped to ``login``, or given by
# PENNYLANE_API_TOKEN) that Pennylane refuses never worked: "no longer valid" would mislead.
REFUSED_TOKEN_TEXT = Text(
    "Pennylane refuse ce jeton. Vérifiez que vous l’avez copié en entier (sans espace ni retour à la "
    "ligne) et qu’il s’agit d’un jeton API de la société voulue ; sinon, générez-en un nouveau "
    "(Paramètres → Connectivité → Développeurs).",
    "Pennylane refuses this token. Check that you copied all of it (no space or line break) and that "
    "it is an API token of the company you want; otherwise generate a new one "
    "(Settings → Connectivity → Developers).",
)


def token_error_text(exc: BaseException, *, worked_before: bool) -> Text:
    """What to say about ``exc`` met while using a token: a 401 on a token that never worked is
    "refused, check it" (:data:`REFUSED_TOKEN_TEXT`), on one that worked (stored after a check,
    or used already) "no longer valid" (:data:`AUTH_TEXT`). Any other error keeps its own text.
    The one rule for the sign-in dialog, ``login`` and connecting on start."""
    if isinstance(exc, AuthError) and not worked_before:
        return REFUSED_TOKEN_TEXT
    return error_text(exc)


def scope_text(scope: str | None) -> Text:
    if scope:
        return Text(
            f"Il manque l'autorisation « {scope} » à ce jeton : créez un jeton API en lecture et "
            f"écriture qui l'inclut (Paramètres → Connectivité → Développeurs) ou reconnectez-vous "
            f"en l'accordant.",
            f'This token lacks the "{scope}" permission: create a read-and-write API token that '
            f"includes it (Settings → Connectivity → Developers) or sign in again and grant it.",
        )
    return Text(
        "Ce jeton n'a pas l'autorisation nécessaire pour cette opération : créez un jeton API en "
        "lecture et écriture (Paramètres → Connectivité → Développeurs) ou reconnectez-vous.",
        "This token is not allowed to do this: create a read-and-write API token "
        "(Settings → Connectivity → Developers) or sign in again.",
    )


NOT_FOUND_TEXT = Text(
    "Pennylane ne trouve pas cet élément : il a été supprimé ou appartient à une autre société. "
    "Vérifiez la société choisie ; pour un fichier, envoyez-le à nouveau.",
    "Pennylane cannot find this item: it was deleted or belongs to another company. "
    "Check the selected company; for a file, upload it again.",
)

CONFLICT_TEXT = Text(
    "Pennylane indique que cet élément existe déjà. Vérifiez dans Pennylane s'il n'a pas déjà été "
    "importé (même numéro de facture ou même PDF) avant de réessayer.",
    "Pennylane says this already exists. Check in Pennylane whether it was already imported "
    "(same invoice number or same PDF) before trying again.",
)


def rejected_text(body: ErrorBody, status: int) -> Text:
    what = body.message or ("requête invalide" if status == 400 else "données refusées")
    what_en = body.message or ("invalid request" if status == 400 else "data refused")
    field_fr = f" (champ « {body.field} »)" if body.field else ""
    field_en = f' (field "{body.field}")' if body.field else ""
    if status == 400:
        return Text(
            f"Pennylane a refusé la requête : {what}{field_fr}. Corrigez la facture puis réessayez ; "
            f"si le problème persiste, signalez-le (l'application a envoyé une donnée que l'API n'accepte pas).",
            f"Pennylane refused the request: {what_en}{field_en}. Correct the invoice and try again; "
            f"if it persists, please report it (the app sent something the API does not accept).",
        )
    return Text(
        f"Pennylane a refusé la facture : {what}{field_fr}. Corrigez-la (montants, TVA, dates, "
        f"tiers) puis réessayez.",
        f"Pennylane refused the invoice: {what_en}{field_en}. Correct it (amounts, VAT, dates, "
        f"counterpart) and try again.",
    )


def rate_limited_text(retry_after: float | None) -> Text:
    if retry_after:
        n = max(1, round(retry_after))
        return Text(
            f"Pennylane limite le nombre de requêtes : réessayez dans {n} s.",
            f"Pennylane is limiting the number of requests: try again in {n} s.",
        )
    return Text(
        "Pennylane limite le nombre de requêtes : réessayez dans quelques secondes.",
        "Pennylane is limiting the number of requests: try again in a few seconds.",
    )


def server_text(status: int) -> Text:
    return Text(
        f"Pennylane rencontre un problème (erreur {status}). Réessayez dans quelques minutes ; "
        f"si cela dure, contactez le support Pennylane.",
        f"Pennylane is having a problem (error {status}). Try again in a few minutes; "
        f"if it lasts, contact Pennylane support.",
    )


def network_text(kind: str, detail: str = "") -> Text:
    d = f" ({detail})" if detail else ""
    if kind == "timeout":
        return Text(
            f"Pennylane ne répond pas à temps{d}. Vérifiez votre connexion puis réessayez.",
            f"Pennylane did not answer in time{d}. Check your connection and try again.",
        )
    if kind == "connect":
        return Text(
            f"Impossible de joindre Pennylane{d}. Vérifiez votre connexion Internet (ou votre proxy) "
            f"puis réessayez.",
            f"Cannot reach Pennylane{d}. Check your Internet connection (or proxy) and try again.",
        )
    return Text(
        f"La connexion avec Pennylane a été interrompue{d}. Réessayez.",
        f"The connection to Pennylane was interrupted{d}. Try again.",
    )


def outcome_unknown_text(external_reference: str | None) -> Text:
    if external_reference:
        return Text(
            f"La facture a été envoyée mais Pennylane n'a pas répondu : on ne sait pas si elle a été "
            f"créée. Ne la renvoyez pas telle quelle : cherchez d'abord la référence externe "
            f"« {external_reference} » dans Pennylane (l'application le fait à la reprise).",
            f"The invoice was sent but Pennylane did not answer: it may or may not have been created. "
            f'Do not send it again as is: first look up the external reference "{external_reference}" '
            f"in Pennylane (the app does this when it resumes).",
        )
    return Text(
        "La facture a été envoyée mais Pennylane n'a pas répondu : on ne sait pas si elle a été "
        "créée. Vérifiez dans Pennylane (par son numéro) avant de la renvoyer.",
        "The invoice was sent but Pennylane did not answer: it may or may not have been created. "
        "Check in Pennylane (by its number) before sending it again.",
    )


def error_from_status(
    status: int,
    content: bytes | str | None,
    *,
    retry_after: float | None = None,
) -> PennylaneError:
    """Map an HTTP error answer to the right exception (OutcomeUnknown is the client's call)."""
    body = parse_error_body(content)
    msg = body.message
    if status == 401:
        return AuthError(AUTH_TEXT, status=status, api_message=msg)
    if status == 403:
        scope = parse_scope(msg)
        return ScopeError(scope_text(scope), scope=scope, status=status, api_message=msg)
    if status == 404:
        return NotFoundError(_join(NOT_FOUND_TEXT, _suffix(body)), status=status, api_message=msg)
    if status == 409:
        return ConflictError(_join(CONFLICT_TEXT, _suffix(body)), status=status, api_message=msg)
    if status in (400, 422):
        return RejectedError(
            rejected_text(body, status), field=body.field, code=body.code, status=status, api_message=msg
        )
    if status == 429:
        return RateLimitedError(rate_limited_text(retry_after), retry_after=retry_after, status=status,
                                api_message=msg)
    if status >= 500:
        return ServerError(server_text(status), status=status, api_message=msg)
    return RejectedError(
        Text(
            f"Réponse inattendue de Pennylane (erreur {status}){_suffix(body).fr}. Réessayez ; si cela "
            f"persiste, signalez-le.",
            f"Unexpected answer from Pennylane (error {status}){_suffix(body).en}. Try again; if it "
            f"persists, please report it.",
        ),
        field=body.field,
        code=body.code,
        status=status,
        api_message=msg,
    )
