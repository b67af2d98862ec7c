"""The per-token limiter, with a fake clock."""

from __future__ import annotations

import threading
import time

import pytest

from app.pennylane.errors import Cancelled
from app.pennylane.ratelimit import RateLimiter, limiter_for, parse_retry_after


class FakeClock:
    def __init__(self, wall: float = 1_700_000_000.0) -> None:
        self.now = 0.0
        self.wall0 = wall
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall0 + self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def limiter(clock: FakeClock, limit: int = 25, window: float = 5.0) -> RateLimiter:
    return RateLimiter(limit, window, clock=clock.clock, wall=clock.wall, sleep=clock.sleep)


def test_25_per_5_seconds_sliding_window():
    fc = FakeClock()
    rl = limiter(fc)
    times = []
    for _ in range(60):
        rl.release(rl.acquire())
        times.append(fc.now)
    assert times[:25] == [0.0] * 25
    assert times[25] == pytest.approx(5.0) and times[49] == pytest.approx(5.0)
    assert times[50] == pytest.approx(10.0)
    for i in range(60):  # never more than 25 in any 5 s window
        assert sum(1 for t in times if times[i] - 5.0 < t <= times[i]) <= 25


def test_a_request_counts_from_when_its_answer_came_back():
    fc = FakeClock()
    rl = limiter(fc, limit=2, window=1.0)
    a, b = rl.acquire(), rl.acquire()
    fc.now = 0.8
    rl.release(a)  # slow requests: the server may have seen them as late as 0.8
    rl.release(b)
    rl.acquire()
    assert fc.now == pytest.approx(1.8)
    rl.release(rl.acquire())  # b was released at 0.8 too; a fast one counts from 1.8
    assert fc.now == pytest.approx(1.8)


def test_remaining_zero_blocks_until_reset_when_someone_else_uses_the_token():
    fc = FakeClock()
    rl = limiter(fc)
    rl.release(rl.acquire())
    rl.update_from_headers({"ratelimit-limit": "25", "ratelimit-remaining": "0",
                            "ratelimit-reset": str(fc.wall() + 3)})
    rl.acquire()
    assert fc.now == pytest.approx(3.0)


def test_remaining_zero_with_our_own_window_full_trusts_the_window():
    fc = FakeClock()
    rl = limiter(fc, limit=2, window=1.0)
    rl.release(rl.acquire())
    rl.release(rl.acquire())
    rl.update_from_headers({"ratelimit-limit": "2", "ratelimit-remaining": "0",
                            "ratelimit-reset": str(fc.wall() + 1.99)})  # rounded up by the server
    rl.acquire()
    assert fc.now == pytest.approx(1.0)


def test_lower_remaining_means_fewer_requests_now():
    fc = FakeClock()
    rl = limiter(fc, limit=10, window=1.0)
    rl.release(rl.acquire())
    rl.update_from_headers({"ratelimit-remaining": "3"})
    for _ in range(3):
        rl.acquire()
    assert fc.now == 0.0
    rl.acquire()
    assert fc.now == pytest.approx(1.0)


def test_limit_header_and_delta_reset_and_garbage():
    fc = FakeClock()
    rl = limiter(fc, limit=25)
    rl.update_from_headers({"ratelimit-limit": "10"})
    assert rl.limit == 10
    rl.update_from_headers({"ratelimit-limit": "abc", "ratelimit-remaining": "x", "ratelimit-reset": "?"})
    assert rl.limit == 10
    rl.update_from_headers({"ratelimit-remaining": "0", "ratelimit-reset": "2"})  # a delay, not a timestamp
    rl.acquire()
    assert fc.now == pytest.approx(2.0)
    rl.update_from_headers({"ratelimit-remaining": "0", "ratelimit-reset": str(fc.wall() + 10_000)})
    rl.acquire()
    assert fc.now <= 2.0 + 120.0  # an absurd header never blocks forever


def test_block_for_is_shared_and_cancellable():
    fc = FakeClock()
    rl = limiter(fc)
    rl.block_for(2.5)
    rl.acquire()
    assert fc.now == pytest.approx(2.5)
    rl.block_for(10)
    calls = []

    def cancel():
        calls.append(fc.now)
        return fc.now > 1 + 2.5

    with pytest.raises(Cancelled):
        rl.acquire(cancel_check=cancel)
    assert max(fc.sleeps[1:]) <= 0.1  # polls while waiting, so cancel is noticed quickly


def test_registry_one_per_token():
    assert limiter_for("key-a") is limiter_for("key-a")
    assert limiter_for("key-a") is not limiter_for("key-b")
    assert limiter_for("key-c").limit == 25 and limiter_for("key-c").window == 5.0


@pytest.mark.parametrize("value, expected", [("2", 2.0), ("0", 0.0), ("1.5", 1.5), (None, None), ("soon", None),
                                             ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date_in_the_future():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", wall=lambda: 1445412480.0) == pytest.approx(5.0)


def test_threads_share_the_window():
    rl = RateLimiter(5, 0.3)
    stamps: list[float] = []
    lock = threading.Lock()

    def worker():
        for _ in range(5):
            slot = rl.acquire()
            with lock:
                stamps.append(time.monotonic())
            rl.release(slot)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert len(stamps) == 15
    for i, t in enumerate(stamps):
        assert sum(1 for u in stamps if t - 0.3 < u <= t) <= 5
    assert stamps[-1] - stamps[0] >= 0.6 - 0.02


def test_a_stale_remaining_zero_explained_by_our_own_requests_does_not_block():
    """The server said 'remaining 0' when it saw our request; by the time the answer is read, some
    of the requests it counted have left our window. Our own requests explain the zero: no block."""
    fc = FakeClock()
    rl = limiter(fc, limit=3, window=1.0)
    for _ in range(2):
        rl.release(rl.acquire())  # two at t=0
    fc.now = 0.9
    slot = rl.acquire()  # the third, sent at 0.9: the server counts 3 -> remaining 0
    fc.now = 1.2  # a slow answer: the first two left both windows meanwhile
    rl.release(slot)
    rl.update_from_headers({"ratelimit-limit": "3", "ratelimit-remaining": "0",
                            "ratelimit-reset": str(fc.wall() + 0.8)}, sent_at=slot.sent)
    rl.acquire()
    assert fc.now == pytest.approx(1.2)  # sent at once: two places are free in both windows


def test_remaining_zero_with_fewer_of_ours_than_the_limit_still_blocks_with_sent_at():
    fc = FakeClock()
    rl = limiter(fc, limit=5, window=1.0)
    slot = rl.acquire()
    rl.release(slot)
    rl.update_from_headers({"ratelimit-limit": "5", "ratelimit-remaining": "0",
                            "ratelimit-reset": str(fc.wall() + 0.7)}, sent_at=slot.sent)
    rl.acquire()
    assert fc.now == pytest.approx(0.7)  # four requests were someone else's: wait for the reset
