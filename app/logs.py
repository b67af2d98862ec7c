"""Logging: where the logs go, and no secret in them.

:func:`configure` (called once by ``app/cli.py`` for the window and every subcommand) writes the
log to the OS's log folder (``config.app_dirs().log``: ``~/.local/state/…/log`` on Linux,
``~/Library/Logs/…`` on macOS, ``%LOCALAPPDATA%\\…\\Logs`` on Windows; ``PENNYLANE_IMPORTER_HOME``
moves it), ``pennylane-importer.log``, rotated at :data:`MAX_BYTES` with :data:`BACKUPS` old files
kept; warnings and errors also go to stderr. ``--debug`` logs everything, to both.

Redaction is on the **handlers** (:class:`RedactingFilter`): a filter on a logger only sees the
records created on that very logger, not its children's, so every record of every logger
(``httpx``, ``app.pennylane.client``, a library...) passes the filter on its way out. It rewrites
``Bearer <something>`` and every token registered with :func:`remember_secret`.

Imports only the standard library and ``app.config``: importable from every layer.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

__all__ = ["RedactingFilter", "redact", "remember_secret", "configure", "LOG_NAME"]

LOG_NAME = "pennylane-importer.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s] %(message)s"

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
    """Rewrites a record's message (and its traceback text) without any secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not our problem; let logging report it
            return True
        clean = redact(message)
        if clean != message:
            record.msg = clean
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


FILTER = RedactingFilter()


class _Stderr(logging.StreamHandler):
    """stderr as it is when a record is written (tests and redirections replace sys.stderr)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # noqa: ANN001
        pass


def configure(*, debug: bool = False, console: bool = True, folder: Path | None = None) -> Path | None:
    """Set up the root logger (again: the previous setup of this function is replaced).

    Returns the log file, or None when the log folder cannot be written (then stderr only)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_pli", False)]:
        root.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter(FORMAT)
    path: Path | None = None
    try:
        if folder is None:
            from app.config import app_dirs

            folder = app_dirs().log
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        file_handler.setLevel(logging.DEBUG if debug else logging.INFO)
        _add(root, file_handler, formatter)
    except OSError:
        path = None
    if console:
        err = _Stderr()
        err.setLevel(logging.DEBUG if debug else logging.WARNING)
        short = "%(levelname)s %(name)s: %(message)s"
        _add(root, err, logging.Formatter(short) if debug else _NoTraceback(short))
    # the root's level is only ever lowered: a lower one set by someone else (a test, an embedding
    # program) is kept
    wanted = logging.DEBUG if debug else logging.INFO
    if root.level == logging.NOTSET or root.level > wanted:
        root.setLevel(wanted)
    if not debug:
        for handler in root.handlers:
            if getattr(handler, "_pli", False):
                handler.addFilter(_quiet_libraries)
    return path


NOISY = ("httpx", "httpcore", "urllib3", "PIL", "pypdf")  # one INFO line per request or per quirk


def _quiet_libraries(record: logging.LogRecord) -> bool:
    """Without --debug, libraries' records below WARNING stay out of the log."""
    return record.levelno >= logging.WARNING or record.name.split(".")[0] not in NOISY


class _NoTraceback(logging.Formatter):
    """One line per record: tracebacks go to the log file only (or to stderr with --debug)."""

    def format(self, record: logging.LogRecord) -> str:
        return " ".join(self.formatMessage(_with_message(record)).split("\n")[:1])


def _with_message(record: logging.LogRecord) -> logging.LogRecord:
    record.message = record.getMessage()
    return record


def _add(root: logging.Logger, handler: logging.Handler, formatter: logging.Formatter) -> None:
    handler.setFormatter(formatter)
    handler.addFilter(FILTER)
    handler._pli = True  # type: ignore[attr-defined]  # ours: replaced by the next configure()
    root.addHandler(handler)
