"""Steps that run before the engine: they check or compute what the pages state, so the engine
writes final pages (no placeholders filled in later)."""
