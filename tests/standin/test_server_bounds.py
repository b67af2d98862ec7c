"""The stand-in as a server: bounded bodies, idle connections closed, a cap on connections,
malformed requests answered 400 (never 500)."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from app.standin import server as S
from app.standin.server import StandIn


@pytest.fixture
def standin():
    with StandIn(rate_limit=None) as s:
        yield s


def _post(s, body: bytes, path: str = "/supplier_invoices/import") -> httpx.Response:
    return httpx.post(s.url + path, content=body, timeout=30,
                      headers={"Authorization": f"Bearer {s.demo_token}", "Content-Type": "application/json"})


def test_a_json_body_past_the_bound_is_refused_without_being_read_whole(standin):
    r = _post(standin, b'{"x": "' + b"a" * (S.MAX_JSON_BODY + 10) + b'"}')
    assert r.status_code == 400 and r.json()["code"] == "ValidateError" and "too large" in r.json()["message"]


@pytest.mark.parametrize("body", [b'{"a":' * 100_000, b"[" * 5000, b'{"a": [[[[' + b"[" * 70 + b"]" * 74 + b"}"])
def test_deeply_nested_json_is_a_400_not_a_500(standin, body):
    r = _post(standin, body)
    assert r.status_code == 400 and r.json()["code"] == "ValidateError"


def test_an_idle_connection_is_closed_and_does_not_hold_a_thread(standin, monkeypatch):
    monkeypatch.setattr(S._QuietHandler, "timeout", 0.5)
    idle = socket.create_connection(("127.0.0.1", standin.port))
    idle.settimeout(5)
    started = time.monotonic()
    assert idle.recv(1) == b""  # closed by the server
    assert time.monotonic() - started < 3
    idle.close()


def test_connections_past_the_cap_are_closed_at_once(monkeypatch):
    monkeypatch.setattr(S, "MAX_CONNECTIONS", 4)
    with StandIn(rate_limit=None) as s:
        idle = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(4)]
        time.sleep(0.3)
        extra = socket.create_connection(("127.0.0.1", s.port))
        extra.settimeout(5)
        assert extra.recv(1) == b""  # no thread for it: closed at once
        extra.close()
        for sock in idle:
            sock.close()
        deadline = time.monotonic() + 5
        while True:  # the slots come back when the idle ones go
            try:
                assert httpx.get(s.url + "/me", headers={"Authorization": f"Bearer {s.demo_token}"}, timeout=5).status_code == 200
                break
            except (httpx.TransportError, AssertionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
