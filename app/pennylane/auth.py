"""Where the client gets its bearer token from.

A :class:`TokenSource` gives the current access token and, after a 401, may obtain a new one
(OAuth refresh). The client calls :meth:`TokenSource.refresh_after_401` at most once per request
and retries once when it returns True. The company API token (:class:`StaticToken`) cannot be
refreshed.
"""

from __future__ import annotations

import hashlib
from typing import Protocol, runtime_checkable

__all__ = ["TokenSource", "StaticToken", "token_key"]


@runtime_checkable
class TokenSource(Protocol):
    def access_token(self) -> str:
        """The token to send now."""
        ...

    def refresh_after_401(self, rejected_token: str) -> bool:
        """Called after a 401 for ``rejected_token``. True if a *different* token is now available.

        Implementations must be thread-safe and must not refresh twice when several threads get a
        401 for the same token (refresh-token rotation): if the current token already differs from
        ``rejected_token``, just return True.
        """
        ...


class StaticToken:
    """A company API token (the "developer token"). Never refreshed."""

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        token = (token or "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        self._token = token

    def access_token(self) -> str:
        return self._token

    def refresh_after_401(self, rejected_token: str) -> bool:
        return False

    def __repr__(self) -> str:  # never show the secret
        return "StaticToken(<redacted>)"


def token_key(token: str) -> str:
    """A stable, non-secret key for a token (for the limiter registry and logs)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]
