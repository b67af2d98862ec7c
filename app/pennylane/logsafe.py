"""Keep secrets out of logs.

The client never logs headers. As a second line of defence, :class:`RedactingFilter` rewrites any
log record that contains ``Bearer <something>`` or a token the client has used, and
:func:`install_log_redaction` puts it on the handlers of the app's logging setup (a filter on a
logger only sees records created on that very logger, not its children's, so handlers are the
reliable place).
"""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["RedactingFilter", "redact", "remember_secret", "install_log_redaction", "logger"]

logger = logging.getLogger("app.pennylane")

_BEARER = re.compile(r"(?i)(bearer\s+)[^\s'\",]+")
_secrets: set[str] = set()
_lock = threading.Lock()


def remember_secret(secret: str | None) -> None:
    """Register a token so that it is scrubbed from any log line it might end up in."""
    if secret and len(secret) >= 8:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    text = _BEARER.sub(r"\1[REDACTED]", text)
    with _lock:
        secrets = list(_secrets)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "[REDACTED]")
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not our problem; let logging report it
            return True
        clean = redact(message)
        if clean != message:
            record.msg = clean
            record.args = None
        return True


_FILTER = RedactingFilter()
logger.addFilter(_FILTER)
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(_FILTER)


def install_log_redaction(*handlers: logging.Handler) -> None:
    """Add the redacting filter to these handlers (default: every handler of the root logger)."""
    for handler in handlers or tuple(logging.getLogger().handlers):
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
