"""`innsikt sync` on a terminal shows its progress on stderr; piped or with --json, nothing extra."""

from __future__ import annotations

import json
from pathlib import Path

from tests.merge.laptops import seed
from tests.test_cli_output import piped_bytes, with_terminal_stderr


def test_sync_shows_progress_on_a_terminal_and_none_piped_or_with_json(
    tmp_path: Path, hub: str
) -> None:
    a, b, c = seed(tmp_path)
    for laptop in (a, b, c):
        laptop.db.close()
    code, stdout, shown = with_terminal_stderr(["sync", hub, "--db", str(a.db.path)])
    assert code == 0
    assert "Synkroniserer med huben" in shown
    assert stdout.decode().startswith("Synkronisert med")
    code, stdout, stderr = piped_bytes(["sync", hub, "--db", str(b.db.path)])
    assert code == 0 and stderr == b""
    code, stdout, shown = with_terminal_stderr(["sync", hub, "--db", str(c.db.path), "--json"])
    assert code == 0
    assert shown.strip() == ""  # --json: nothing extra, not even on a terminal
    assert "pulled" in json.loads(stdout)
