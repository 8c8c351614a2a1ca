"""Data layer of innsikt: tables, storage, clocks, guides, archive and merge."""
