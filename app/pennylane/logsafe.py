"""Keep secrets out of logs (the rules live in :mod:`app.logs`, importable from every layer).

The client never logs headers. As a second line of defence, :class:`~app.logs.RedactingFilter`
rewrites any record that contains ``Bearer <something>`` or a token the client has used; it sits
on the handlers that :func:`app.logs.configure` installs (a filter on a logger only sees records
created on that very logger, not its children's, so handlers are the reliable place).
:func:`install_log_redaction` adds it to other handlers (a test's, an embedding program's).
"""

from __future__ import annotations

import logging

from app.logs import FILTER, RedactingFilter, redact, remember_secret

__all__ = ["RedactingFilter", "redact", "remember_secret", "install_log_redaction", "logger"]

logger = logging.getLogger("app.pennylane")
# also on the loggers that see requests, so a handler added by someone else (a test's) gets
# redacted records too
logger.addFilter(FILTER)
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(FILTER)


def install_log_redaction(*handlers: logging.Handler) -> None:
    """Add the redacting filter to these handlers (default: every handler of the root logger)."""
    for handler in handlers or tuple(logging.getLogger().handlers):
        if FILTER not in handler.filters:
            handler.addFilter(FILTER)
