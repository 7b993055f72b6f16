"""Steps that run after the engine, on the built site. Whatever edits a built page goes through
:func:`sitebuild.after.pages.edit_pages`, the one helper that rewrites HTML."""
