"""The innsikt command line: the root group in root.py, one module per command group.

`main` tries the plain reads first (`tui/cli/fast.py`, no click imported); `cli`, the click
root group, is imported when it is first asked for.
"""

from __future__ import annotations

import sys

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2, user errors 1, success 0."""
    args = sys.argv[1:] if argv is None else argv
    from tui.cli.plain import tolerate_console_encoding

    tolerate_console_encoding()
    from tui.cli.fast import run

    code = run(args)
    if code is not None:
        raise SystemExit(code)
    from tui.cli.root import main as click_main

    click_main(args)


def __getattr__(name: str) -> object:
    if name == "cli":
        from tui.cli.root import cli

        return cli
    raise AttributeError(name)
