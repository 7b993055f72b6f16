"""The printable PDF handbook: one PDF per language edition, made from that edition's built pages.

Why a build step and not a MkDocs plugin: it reads only what ``mkdocs build`` wrote to site/ plus the
edition's config (through MkDocs' own loader), so it keeps working if the site moves to another
MkDocs-compatible engine. Modules: ``labels`` (every printed word), ``edition`` (which pages, in
which order), ``chapter`` (one built page → one print chapter), ``document`` (cover, TOC, chapters),
``render`` (WeasyPrint, local files only), ``download_page`` (fills in size/pages/date on the web page).
"""
