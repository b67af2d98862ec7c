"""The API scopes this app needs, and which of them a token lacks.

Pennylane scopes are ``<resource>:all`` (read and write) or ``<resource>:readonly``; ``:all``
includes ``:readonly``. ``GET /me`` lists the token's scopes.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["REQUIRED_SCOPES", "OPTIONAL_SCOPES", "OAUTH_SCOPES", "missing_scopes", "satisfies"]

# What importing invoices needs: upload the PDF, import both kinds of invoice, read the
# counterparts, ledger accounts and categories the form offers.
REQUIRED_SCOPES: tuple[str, ...] = (
    "file_attachments:all",
    "customer_invoices:all",
    "supplier_invoices:all",
    "customers:readonly",
    "suppliers:readonly",
    "ledger_accounts:readonly",
    "categories:readonly",
)

# Nice to have: creating a missing supplier/customer from the form.
OPTIONAL_SCOPES: tuple[str, ...] = ("customers:all", "suppliers:all")

# What the OAuth flow asks for by default.
OAUTH_SCOPES: tuple[str, ...] = (
    "file_attachments:all",
    "customer_invoices:all",
    "supplier_invoices:all",
    "customers:all",
    "suppliers:all",
    "ledger_accounts:readonly",
    "categories:readonly",
)


def _split(scope: str) -> tuple[str, str]:
    resource, _, level = scope.strip().partition(":")
    return resource, level


def satisfies(granted: Iterable[str], wanted: str) -> bool:
    """True when ``granted`` covers ``wanted`` (``x:all`` covers ``x:readonly``)."""
    resource, level = _split(wanted)
    have = {s.strip() for s in granted if s and s.strip()}
    if wanted in have:
        return True
    return level == "readonly" and f"{resource}:all" in have


def missing_scopes(granted: Iterable[str] | None, wanted: Iterable[str] = REQUIRED_SCOPES) -> list[str]:
    """The scopes of ``wanted`` that ``granted`` does not cover, in ``wanted``'s order."""
    have = [s for s in (granted or []) if isinstance(s, str)]
    return [scope for scope in wanted if not satisfies(have, scope)]
