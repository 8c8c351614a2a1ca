"""Text that every output format can hold, and files that are never left half-written."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from models.errors import ExportError, InnsiktError
from models.failures import write_failure_key
from models.paths import replace_file

REPLACEMENT = "\ufffd"

# Word (XML 1.0) cannot hold C0 controls other than tab and newline, lone surrogates or
# U+FFFE/U+FFFF; DEL and the C1 controls are legal XML but invisible junk in a document, and
# openpyxl refuses them too. All of them become a visible «�» so the reader sees something was there.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """`text` with line ends normalised and every character Word cannot hold made visible."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(REPLACEMENT, value)


def _write_failed(error: OSError, path: Path) -> ExportError:
    """A full disk or read-only folder said as such; anything else with the system's words."""
    key = write_failure_key(error)
    if key is not None:
        return ExportError(key, path=path, detail=error.strerror)
    return ExportError("export_write_failed", path=path, detail=error.strerror)


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` on a temporary file beside `path`, then rename it into place.

    A failure at any point leaves `path` as it was (absent or the old file) and no temporary
    file behind.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError("output_is_directory", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("output_folder_missing", path=folder)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _write_failed(error, path) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temporary, path)  # open in Word on Windows: «Lukk filen i Word …»
    except InnsiktError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(error.message_key, **error.params) from error
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _write_failed(error, path) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
