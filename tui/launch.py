"""`run_app`: refuse a database that cannot be opened before the TUI starts, then run the app."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(db_path: Path, meeting_ref: str | None = None, author: str | None = None) -> int:
    """Run the TUI on `db_path`; 1 with a one-line message if the file is not a usable database."""
    from models.atrest import is_encrypted
    from models.dbfile import inspect_file, refuse_unwritable
    from models.errors import InnsiktError

    path = Path(db_path).expanduser()
    try:
        # An encrypted database asks for its passphrase in the app.
        if not is_encrypted(path) and inspect_file(path) is not None:
            refuse_unwritable(path)
    except InnsiktError as error:
        from tui.cli.plain import one_line

        print(one_line(str(error)), file=sys.stderr)
        return 1
    from tui.app import InnsiktApp
    from tui.gc_tuning import freeze_imports

    app = InnsiktApp(Path(db_path).expanduser(), meeting_ref=meeting_ref, author=author)
    freeze_imports()
    try:
        app.run()
    finally:
        # Whatever ended the app, every note handed to the writer reaches the disk.
        app.writer.close()
        # The database's opening may still run (SQLAlchemy loading): the process ends without
        # waiting for it, once it is not writing the file.
        app.stop_opening()
    return app.return_code or 0
