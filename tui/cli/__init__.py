"""The innsikt command line: the root group in root.py, one module per command group."""

from __future__ import annotations

from tui.cli.root import cli, main

__all__ = ["cli", "main"]
