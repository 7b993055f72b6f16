"""tests/ports.py: two xdist workers are never handed the same port."""

from __future__ import annotations

import socket

import pytest

from tests.ports import RANGE, free_port


@pytest.mark.parametrize(("worker", "count"), [("gw0", 2), ("gw1", 2), ("gw0", 3), ("gw1", 3), ("gw2", 3)])
def test_each_worker_gets_only_its_own_ports(monkeypatch: pytest.MonkeyPatch, worker: str, count: int) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(count))
    ports = {free_port() for _ in range(20)}
    assert {p % count for p in ports} == {int(worker[2:])}
    assert all(p in RANGE for p in ports)


def test_a_port_in_use_is_never_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """With every port of the worker's class but one taken, that one is the answer."""
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2000")
    taken = []
    try:
        mine = [p for p in RANGE if p % 2000 == 0]
        for p in mine[1:]:
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", p))
            except OSError:
                s.close()
                continue
            taken.append(s)
        assert free_port() == mine[0]
    finally:
        for s in taken:
            s.close()


def test_without_xdist_any_free_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    assert 1024 <= free_port() <= 65535
