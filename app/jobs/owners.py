"""Who holds a document's import claim, and whether that holder is still alive. Qt-free.

A claim (``journal.Journal.claim``) names its owner: the process (pid, the time the process
started, so that a recycled pid is not mistaken for the owner), the host, and a token unique to
one pipeline run. An owner is alive while its lease runs and, on this host, while its process
runs; on another host only the lease can tell (the owner renews it with every journal change).

No dependency: the process start time comes from ``/proc`` on Linux and is left out elsewhere
(the pid check then stands alone); Windows is asked through ``OpenProcess`` (``os.kill(pid, 0)``
would *terminate* the process there).
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

# How long a claim holds without news from its owner. Every journal change of the owner renews
# it, and uploads renew it while they send; an owner on this host is also checked by its pid, so
# the lease only decides for an owner on another host (or a process frozen for that long).
LEASE_SECONDS = 600.0


@dataclass(frozen=True)
class Owner:
    """The holder of a claim: one pipeline run of one process on one host."""

    pid: int
    host: str
    started: str  # the process start marker ("" when the platform gives none)
    token: str  # unique per run

    def describe(self) -> str:
        return f"pid {self.pid} @ {self.host}"


@lru_cache(maxsize=1)
def host_name() -> str:
    return (socket.gethostname() or "?")[:200]


def process_started(pid: int) -> str:
    """A marker of when process ``pid`` started ("" when unknown or the process is gone)."""
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{int(pid)}/stat", "rb") as handle:
                stat = handle.read(4096).decode("ascii", "replace")
        except OSError:
            return ""
        # the command name (field 2) may hold spaces and parentheses: split after the last ')'
        rest = stat.rpartition(")")[2].split()
        return rest[19] if len(rest) > 19 else ""  # field 22, starttime in clock ticks since boot
    return ""


def new_owner() -> Owner:
    pid = os.getpid()
    return Owner(pid=pid, host=host_name(), started=process_started(pid), token=uuid.uuid4().hex)


def pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return False
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    return True


def lease_until(now: datetime | None = None, seconds: float = LEASE_SECONDS) -> str:
    return ((now or datetime.now(timezone.utc)) + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def is_alive(owner: Owner, lease: str | None, *, now: datetime | None = None) -> bool:
    """True while ``owner``'s claim must be respected."""
    now = now or datetime.now(timezone.utc)
    try:
        if lease is None or datetime.fromisoformat(lease) <= now:
            return False
    except ValueError:
        return False
    if owner.host != host_name():
        return True  # another computer: the lease is all we can know
    if not pid_running(owner.pid):
        return False
    if owner.started:
        current = process_started(owner.pid)
        if current and current != owner.started:
            return False  # the pid was given to another process since
    return True
