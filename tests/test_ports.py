"""tests/ports.py: two xdist workers are never handed the same port."""

from __future__ import annotations

import pytest

from tests.ports import free_port


@pytest.mark.parametrize("worker", ["gw0", "gw1", "gw2"])
def test_each_worker_gets_only_its_own_ports(monkeypatch: pytest.MonkeyPatch, worker: str) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "3")
    ports = {free_port() for _ in range(20)}
    assert {p % 3 for p in ports} == {int(worker[2:])}


def test_without_xdist_any_free_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    assert 1024 <= free_port() <= 65535
