"""Python-Markdown extensions the site's pages need; every engine (MkDocs, ProperDocs, Zensical)
runs them, because they are listed in ``markdown_extensions`` rather than in ``hooks:``."""
