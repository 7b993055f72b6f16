"""Adding a language is one registry entry plus its docs, config (labels) and glossary: a tiny
French edition, built from a temporary folder with the real theme, steps and registry code."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from sitebuild import engines
from sitebuild.after.csp import add_csp_metas
from sitebuild.before import page_meta
from sitebuild.editions import EDITIONS, ROOT, Edition, nginx_not_found_map

UI_FR = {
    "page_info": "À propos de cette page", "reviewed": "Relu le : ", "sources": "Articles consultés :",
    "sources_none": "Aucun", "sources_about": "D'où viennent ces articles", "legal_basis_hint": "Sources : ",
    "legal_index_hint": "Tous les textes : ", "laws_page": "index des textes", "sentence_end": ".",
    "disclaimer": "Information générale, pas un conseil juridique.", "about_link": "À propos",
    "not_found_title": "Page introuvable (404)", "not_found_text": "Cette page n'existe pas.",
    "home": "Retour à l'accueil",
}


def _extensions_without_calculator() -> str:
    """mkdocs.yml's markdown_extensions for a language the calculator has no labels for."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    block = text[text.index("\nmarkdown_extensions:"):text.index("\nnav:")]
    block = re.sub(r"  - sitebuild\.markdown\.calculator:\n      lang: zh\n", "", block)
    block = re.sub(r"      custom_fences:\n(        .*\n)+", "", block).replace("  - pymdownx.superfences:\n",
                                                                             "  - pymdownx.superfences\n")
    return block.replace("base_path: [includes]", "base_path: [includes, {includes}]").replace(
        "glossary.zh.md", "glossary.fr.md")


def _write_config(path: Path, tmp: Path, ui: dict[str, str]) -> None:
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"), "site_name": "Guide des retards", "docs_dir": str(tmp / "docs" / "fr"),
        "site_dir": str(tmp / "site" / "fr"), "site_url": "http://127.0.0.1:8000/fr/",
        "theme": {"language": "fr", "custom_dir": str(ROOT / "overrides")},
        "extra": {"glossary": "glossary.fr.md", "shared_root": "../", "ui": ui},
        "nav": [{"Accueil": "index.md"}],
    }
    text = yaml.safe_dump(config, allow_unicode=True) + _extensions_without_calculator().format(includes=tmp / "includes")
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> tuple[Edition, Path]:
    tmp = tmp_path_factory.mktemp("fr")
    (tmp / "docs" / "fr").mkdir(parents=True)
    (tmp / "docs" / "fr" / "index.md").write_text(
        "---\nreviewed: 2026-12-07\nsources: []\n---\n\n# Guide\n\nLe TAEG est un taux.\n", "utf-8")
    (tmp / "includes").mkdir()
    (tmp / "includes" / "glossary.fr.md").write_text("*[TAEG]: taux annuel effectif global\n", "utf-8")
    _write_config(tmp / "mkdocs.fr.yml", tmp, UI_FR)
    edition = Edition("fr", "fr", "fr/", "Guide des retards", "Guide", str(tmp / "mkdocs.fr.yml"),
                      docs=str(tmp / "docs" / "fr"))
    return edition, tmp / "site"


def test_the_registry_entry_drives_checks_build_and_nginx(french: tuple[Edition, Path]) -> None:
    edition, site = french
    registry = (*EDITIONS, edition)
    assert page_meta.edition_errors(edition, set(page_meta.source_titles())) == []
    page_meta.run((edition,))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    engines.build(engines.ENGINES["mkdocs"], edition, site, env)
    assert add_csp_metas(site) == 2  # index.html and 404.html
    home = (site / "fr" / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in home and "<title>Guide des retards</title>" in home
    assert '<abbr title="taux annuel effectif global">TAEG</abbr>' in home  # the edition's glossary
    assert "Relu le : " in home and 'http-equiv="Content-Security-Policy"' in home  # page box, CSP
    assert "Page introuvable (404)" in (site / "fr" / "404.html").read_text("utf-8")
    assert "~^/fr/   /fr/404.html;" in nginx_not_found_map(registry)


def test_a_missing_label_is_named(french: tuple[Edition, Path]) -> None:
    edition, _ = french
    broken = Path(edition.config).with_name("mkdocs.broken.yml")
    _write_config(broken, broken.parent, {k: v for k, v in UI_FR.items() if k != "home"})
    errors = page_meta.edition_errors(Edition(**{**edition.__dict__, "config": str(broken)}), set())
    assert any("extra.ui lacks labels" in e and "'home'" in e for e in errors), errors
