"""Client-side rate limiting: Pennylane allows 25 requests per 5 seconds per token.

One :class:`RateLimiter` per token, shared by every thread of the process (:func:`limiter_for`).
It is a sliding window over the moments requests *finished* (a request counts from when it is
acquired; :meth:`RateLimiter.release` moves its timestamp to when the answer came back, which is
never earlier than when the server saw it — so our window is always at least as strict as the
server's, whatever the latency).

It also follows what the server says. A header describes the server's window when the request
*arrived*, not when its answer is read: by then some of the requests it counted may have left our
window too. So the headers are compared with the requests of ours the server could have counted —
those still in our window *or that left it since the request was sent* (a short history is kept):
- ``ratelimit-remaining: 0`` that our own requests do not explain (someone else spends this
  token's budget), or a 429 with ``retry-after``, blocks every thread until the reset;
  a ``remaining: 0`` that our own requests explain is only stale news, and our window governs;
- ``ratelimit-remaining: n`` smaller than what we think is left (another program using the same
  token) fills the window with phantom entries so that at most ``n`` more go out;
- ``ratelimit-limit`` replaces our limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime

from app.pennylane.errors import Cancelled

__all__ = ["RateLimiter", "limiter_for", "parse_retry_after", "DEFAULT_LIMIT", "DEFAULT_WINDOW"]

DEFAULT_LIMIT = 25
DEFAULT_WINDOW = 5.0
_MAX_BLOCK = 120.0  # never trust a header that asks us to wait longer than this


class _Slot:
    __slots__ = ("t", "sent")

    def __init__(self, t: float) -> None:
        self.t = t  # when the request counts from (its answer, once released)
        self.sent = t  # when it was allowed to go


class RateLimiter:
    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        poll: float = 0.1,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._wall = wall
        self._sleep = sleep
        self._poll = poll
        self._lock = threading.Lock()
        self._slots: list[_Slot] = []
        self._history: list[_Slot] = []  # slots that left the window less than a window ago
        self._blocked_until = 0.0

    # -- state -----------------------------------------------------------------------------
    def _prune(self, now: float) -> None:
        horizon = now - self.window
        if self._slots and min(s.t for s in self._slots) <= horizon:
            self._history += [s for s in self._slots if s.t <= horizon]
            self._slots = [s for s in self._slots if s.t > horizon]
        if self._history and self._history[0].t <= horizon - self.window:
            self._history = [s for s in self._history if s.t > horizon - self.window]

    def _ours_counted_since(self, sent_at: float) -> int:
        """Our requests the server may have counted when it saw a request sent at ``sent_at``."""
        horizon = sent_at - self.window
        return sum(1 for s in self._slots if s.t > horizon) + sum(1 for s in self._history if s.t > horizon)

    def _wait_time(self, now: float) -> float:
        """0 if a request may go now, else how long to wait (lock held)."""
        if self._blocked_until > now:
            return self._blocked_until - now
        self._prune(now)
        if len(self._slots) < self.limit:
            return 0.0
        oldest = sorted(s.t for s in self._slots)[len(self._slots) - self.limit]
        return max(oldest + self.window - now, 1e-3)

    def wait_time(self) -> float:
        """How long a request asked now would wait, in seconds (0: it may go). Thread-safe, no I/O:
        the window polls it to say that the imports wait for Pennylane's rate limit, and how long."""
        with self._lock:
            return max(self._wait_time(self._clock()), 0.0)

    def in_window(self) -> int:
        with self._lock:
            self._prune(self._clock())
            return len(self._slots)

    # -- API -------------------------------------------------------------------------------
    def acquire(self, cancel_check: Callable[[], bool] | None = None) -> _Slot:
        """Block until a request may be sent; returns a slot to :meth:`release` afterwards."""
        while True:
            if cancel_check is not None and cancel_check():
                raise Cancelled()
            with self._lock:
                now = self._clock()
                wait = self._wait_time(now)
                if wait <= 0:
                    slot = _Slot(now)
                    self._slots.append(slot)
                    return slot
            self._sleep(min(wait, self._poll) if cancel_check is not None else wait)

    def release(self, slot: _Slot | None) -> None:
        """The answer came back: count the request from now (never earlier than the server did)."""
        if slot is None:
            return
        with self._lock:
            slot.t = max(slot.t, self._clock())

    def block_for(self, seconds: float) -> None:
        """Nobody sends anything for ``seconds`` (a 429's retry-after, or remaining == 0)."""
        seconds = min(max(seconds, 0.0), _MAX_BLOCK)
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._clock() + seconds)

    def update_from_headers(self, headers: Mapping[str, str], sent_at: float | None = None) -> None:
        """Follow ``ratelimit-limit`` / ``ratelimit-remaining`` / ``ratelimit-reset``.

        ``sent_at``: when the request that got these headers was sent (its slot's ``sent``), so
        that stale headers are read as of then; unknown: as of now.
        """
        limit = _int(headers.get("ratelimit-limit"))
        remaining = _int(headers.get("ratelimit-remaining"))
        reset = _float(headers.get("ratelimit-reset"))
        with self._lock:
            now = self._clock()
            if limit is not None and limit >= 1 and limit != self.limit:
                self.limit = limit
            if remaining is None:
                return
            reset_in = self._reset_in(reset)
            self._prune(now)
            ours = self._ours_counted_since(now if sent_at is None else min(sent_at, now))
            if remaining <= 0:
                if ours >= self.limit:
                    # every request the server counted is one of ours, and our timestamps are
                    # never earlier than the server's: the window governs (the reset header is
                    # rounded up to the second, waiting for it would be slower)
                    return
                until = now + (reset_in if reset_in is not None else self.window)
                self._blocked_until = max(self._blocked_until, min(until, now + _MAX_BLOCK))
                return
            foreign = (self.limit - remaining) - ours
            if foreign > 0:
                # someone else uses this token too: pretend their requests are ours
                self._slots.extend(_Slot(now) for _ in range(foreign))

    def _reset_in(self, reset: float | None) -> float | None:
        """``ratelimit-reset`` is a Unix timestamp (Pennylane); accept a delay in seconds too."""
        if reset is None:
            return None
        if reset > 1_000_000_000:
            return max(0.0, reset - self._wall())
        return max(0.0, reset)


def parse_retry_after(value: str | None, *, wall: Callable[[], float] = time.time) -> float | None:
    """Seconds from a ``retry-after`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - wall())


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


_registry: dict[str, RateLimiter] = {}
_registry_lock = threading.Lock()


def limiter_for(token_key: str, limit: int = DEFAULT_LIMIT, window: float = DEFAULT_WINDOW) -> RateLimiter:
    """The process-wide limiter of a token (pass :func:`app.pennylane.auth.token_key`, not the token)."""
    with _registry_lock:
        limiter = _registry.get(token_key)
        if limiter is None:
            limiter = _registry[token_key] = RateLimiter(limit, window)
        return limiter
