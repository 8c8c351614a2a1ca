"""Output formats: Word, Excel/CSV, Markdown."""
