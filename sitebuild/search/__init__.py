"""Site search build steps: ``index`` runs Pagefind over the built pages, one bundle per edition
(``python -m sitebuild.search.index``); ``vocabulary`` writes the index's own words beside it."""
