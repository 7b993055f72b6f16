"""Cleaning pipeline: raw SEO-garbled source texts (sources/*.txt) -> clean Markdown drafts (drafts/).

One module per concern: input checks, boilerplate, duplicates, garbles, headings, punctuation, claims,
manifests, reports, output. ``pipeline.clean_text`` ties them together; ``cli`` is ``scripts/clean``.
"""
