"""What the command line prints, without click: lines, JSON, tables, and a failure as one line.

The click commands and the fast path (`tui/cli/fast.py`, which never imports click) print
through these, so both print the same bytes.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is not imported at run time: it costs as much as the read
if TYPE_CHECKING:
    from typing import Any


def echo(text: str, err: bool = False) -> None:
    """`text` and a newline on stdout (or stderr), flushed: as `click.echo` prints a str."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()


def tolerate_console_encoding() -> None:
    """Never die of UnicodeEncodeError on a console that is not UTF-8 (cp850, cp1252 on Windows).

    A character the console cannot show («–», an emoji in a note) is printed as «?» instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # A closed or detached stream has nothing to print to anyway.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


def one_line(text: str) -> str:
    """`text` on one line: a newline or control character (in a file name, say) shown escaped."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def failure_line(error: BaseException) -> str:
    """The one line a user sees for `error` that ended a command: no traceback, SQL or URL."""
    from models.errors import InnsiktError

    if isinstance(error, InnsiktError):
        return one_line(str(error))
    if isinstance(error, KeyboardInterrupt):
        from tui.cli.text import t

        return t("interrupted")
    from models.failures import describe

    return one_line(describe(error))


def print_json(value: Any) -> None:
    import json

    echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table: in box characters fitted to a terminal, plain aligned columns when piped.

    Piped output goes to grep, a file or a script, which want one line per row and no box
    drawing. On a terminal, cells are shown as typed («[b]» is no markup) and wrapped to fit
    its width (`tui/cli/box_table.py`).
    """
    cells = [[one_line("" if cell is None else str(cell)) for cell in row] for row in rows]
    if not sys.stdout.isatty():
        echo(plain_table(title, columns, cells))
        return
    import shutil

    from tui.cli.box_table import box_table

    width = shutil.get_terminal_size().columns
    echo(box_table(one_line(title), [one_line(c) for c in columns], cells, width))


def plain_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """`title`, then the header and the rows in columns two spaces apart, one line each."""
    from rich.cells import cell_len

    lines = [[one_line(text) for text in row] for row in [list(columns), *rows]]
    widths = [max(cell_len(line[index]) for line in lines) for index in range(len(columns))]
    out = [title]
    for line in lines:
        padded = [
            text + " " * (width - cell_len(text)) for text, width in zip(line, widths, strict=True)
        ]
        out.append("  ".join(padded).rstrip())
    return "\n".join(out)
