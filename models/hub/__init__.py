"""The central PostgreSQL hub: `innsikt hub init URL` and `innsikt sync [URL]` (see docs/merge.md)."""
