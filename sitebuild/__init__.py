"""The site build, readable top to bottom: ``python -m sitebuild`` (see dev/build.md).

editions.py   the one registry of language editions
markdown/     Markdown extensions every engine runs (the calculator fence)
before/       steps before the engine (page-meta checks, glossary snippets, runtime manifest)
after/        steps after the engine (renderer copy, CSP metas; one helper edits built pages)
engines.py    MkDocs, ProperDocs, Zensical: how each is installed and run
__main__.py   the driver: the steps in order, each timed

The steps the driver runs as ``python -m sitebuild.<step>`` (each also runs alone):
terms.py, site_url_guard.py      glossary parts from i18n/terms.toml; canonical-URL guard
search/                          Pagefind index + the index's own words
calculator_runtime.py, calculator_stdlib/   the calculator wheel + self-hosted Pyodide into site/
pdf/                             the WeasyPrint handbooks (``python -m sitebuild.pdf.build``)
offline/                         service worker, page script, web manifests
security_headers.py, precompress.py        response headers for every host; .br/.gz files
Around the build: serve.py / serve_nginx.py (preview), deploy.py (``scripts/deploy``),
generate_holidays.py (maintainer tool: rewrites calculators/holidays_cn.py).
"""
