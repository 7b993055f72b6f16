"""Loopback canonical URLs: the build warns (refuses with --public), scripts/deploy refuses them unless --local."""

from __future__ import annotations

import pytest

from pathlib import Path

from sitebuild import deploy as release_deploy, site_url_guard

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


def test_warns_by_default_refuses_when_public_and_allows_with_local(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("SITE_URL_EN", raising=False)
    assert site_url_guard.main([]) == 0  # the front-door ./scripts/build still builds, as a preview
    err = capsys.readouterr().err
    assert "本机预览" in err and "Local preview" in err and "scripts/deploy" in err
    assert site_url_guard.main(["--public"]) == 2
    err = capsys.readouterr().err
    assert "--local" in err and "SITE_URL" in err and "请设置" in err
    assert site_url_guard.main(["--local", "--public"]) == 0
    assert site_url_guard.main(["--serve"]) == 0
    assert capsys.readouterr().err == ""
    for name, value in PUBLIC.items():
        monkeypatch.setenv(name, value)
    assert site_url_guard.main(["--public"]) == 0


def test_deploy_refuses_a_build_whose_canonical_links_name_this_machine(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".deploy").mkdir(parents=True)
    (site / ".deploy" / "security-headers.conf").write_text("", encoding="utf-8")
    page = '<html><head><link rel="canonical" href="{}"></head></html>'
    (site / "index.html").write_text(page.format("http://127.0.0.1:8000/"), encoding="utf-8")
    root = tmp_path / "www"
    assert release_deploy.main(["--root", str(root), "--site", str(site), "--nginx", "true"]) == 1
    assert not list((root / release_deploy.RELEASES).iterdir())
    (site / "index.html").write_text(page.format("https://guide.example.org/"), encoding="utf-8")
    release_deploy.refuse_loopback_canonical(site)  # a public canonical passes
