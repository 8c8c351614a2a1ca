"""The one-line message shown when a background write of a service or follow-up fails."""

from __future__ import annotations

from tui.text import tx


def failure_text(error: BaseException) -> str:
    """«Kunne ikke lagre: …» with the first line of the error, never a traceback."""
    lines = str(error).splitlines()
    return tx("svc_save_failed", detail=lines[0] if lines else type(error).__name__)
