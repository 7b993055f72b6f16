"""The site build, readable top to bottom: ``python -m sitebuild`` (see dev/build.md).

editions.py   the one registry of language editions
markdown/     Markdown extensions every engine runs (the calculator fence)
before/       steps before the engine (page-meta checks, glossary snippets, runtime manifest)
after/        steps after the engine (renderer copy, CSP metas; one helper edits built pages)
engines.py    MkDocs, ProperDocs, Zensical: how each is installed and run
__main__.py   the driver: the steps in order, each timed
"""
