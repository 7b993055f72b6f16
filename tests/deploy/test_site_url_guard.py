"""The build refuses canonical URLs on a loopback host unless --local (scripts/site_url_guard.py)."""

from __future__ import annotations

import pytest

from scripts import site_url_guard

PUBLIC = {"SITE_URL": "https://guide.example.org/", "SITE_URL_EN": "https://guide.example.org/en/"}


@pytest.mark.parametrize(("url", "loopback"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost/", True), ("http://[::1]:8000/en/", True),
    ("http://127.1.2.3/", True), ("http://0.0.0.0/", True), ("", True),
    ("https://guide.example.org/", False), ("https://10.0.0.5/", False),
])
def test_is_loopback(url: str, loopback: bool) -> None:
    assert site_url_guard.is_loopback(url) is loopback


def test_unset_urls_fall_back_to_the_configs_loopback_default() -> None:
    assert site_url_guard.problems({}) == ["SITE_URL=http://127.0.0.1:8000/", "SITE_URL_EN=http://127.0.0.1:8000/en/"]
    assert site_url_guard.problems(PUBLIC) == []
    assert site_url_guard.problems({**PUBLIC, "SITE_URL_EN": "http://localhost/en/"}) == ["SITE_URL_EN=http://localhost/en/"]


def test_refuses_without_local_and_allows_with_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("SITE_URL_EN", raising=False)
    assert site_url_guard.main([]) == 2
    err = capsys.readouterr().err
    assert "--local" in err and "SITE_URL" in err and "请设置" in err
    assert site_url_guard.main(["--local"]) == 0
    assert site_url_guard.main(["--serve"]) == 0
    for name, value in PUBLIC.items():
        monkeypatch.setenv(name, value)
    assert site_url_guard.main([]) == 0
