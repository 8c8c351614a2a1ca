"""The app's palette command «Synkroniser med hub», and «Sist synkronisert …» on home."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.tui.support import make_app, settle, text_of, type_text
from tui.cli.root import cli


async def sync_from_palette(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await type_text(pilot, "Synkroniser med hub")
    await pilot.pause()
    await pilot.press("enter")


async def wait_for_text(pilot, selector: str, wanted: str) -> str:  # type: ignore[no-untyped-def]
    for _ in range(300):
        await settle(pilot)
        shown = text_of(pilot.app.screen.query_one(selector))
        if wanted in shown:
            return shown
        await asyncio.sleep(0.05)
    raise AssertionError(f"{wanted!r} never showed in {selector}: {shown!r}")


async def test_the_palette_syncs_with_the_hub_and_home_says_when(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.sqlite"
    for arguments in (["--db", str(other), "demo"], ["sync", hub, "--db", str(other)]):
        assert CliRunner().invoke(cli, arguments).exit_code == 0
    monkeypatch.setenv("INNSIKT_HUB", hub)
    app = make_app(tmp_path / "mine.sqlite", author="Ola Hansen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Sist synkronisert" not in text_of(app.screen.query_one("#home-author"))
        await sync_from_palette(pilot)
        await wait_for_text(pilot, "#home-author", "Sist synkronisert")
        assert app.home.data is not None and len(app.home.data.meetings) == 6


async def test_without_a_hub_the_palette_says_how_to_set_one_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INNSIKT_HUB", raising=False)
    app = make_app(tmp_path / "mine.sqlite", author="Ola Hansen")
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda text, **_: notes.append(str(text)))
        await sync_from_palette(pilot)
        await settle(pilot)
    assert any("Ingen hub er satt opp" in note for note in notes)


async def test_an_unreachable_hub_is_one_line_while_the_app_goes_on_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub accepts the connection and never answers: the app answers keys meanwhile (the
    exchange runs in a worker) and then says why in one line; home shows no sync."""
    import socket

    from models.hub import connection as hub_connection

    monkeypatch.setattr(hub_connection, "CONNECT_TIMEOUT", 4)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    monkeypatch.setenv(
        "INNSIKT_HUB", f"postgresql://innsikt@127.0.0.1:{silent.getsockname()[1]}/hub"
    )
    app = make_app(tmp_path / "mine.sqlite", author="Ola Hansen")
    notes: list[tuple[str, str]] = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            monkeypatch.setattr(
                app, "notify", lambda text, **kw: notes.append((str(text), kw.get("severity", "")))
            )
            await sync_from_palette(pilot)
            await pilot.pause()  # not settle(): that waits for the worker
            await pilot.press("ctrl+p")  # answered while the worker waits for the hub
            await pilot.pause()
            assert type(app.screen).__name__ == "Palette"
            assert not any(severity == "error" for _, severity in notes), notes
            await pilot.press("escape")
            for _ in range(300):
                if any(severity == "error" for _, severity in notes):
                    break
                await asyncio.sleep(0.05)
            errors = [text for text, severity in notes if severity == "error"]
            assert len(errors) == 1 and errors[0].startswith("Får ikke kontakt med huben")
            assert "\n" not in errors[0]
            assert "Sist synkronisert" not in text_of(app.screen.query_one("#home-author"))
    finally:
        silent.close()


async def test_the_palette_sync_says_how_many_notes_it_merged_word_by_word(
    tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.hub.sync import sync_hub
    from tests.merge.laptops import seed

    start = "Kari sa at tjenesten var treg om morgenen. Ola var enig i det."
    a, b, _c = seed(tmp_path)
    a.note("q1", "Kari", start)
    sync_hub(a.db, hub)
    sync_hub(b.db, hub)
    a.wall.now_ms += 1_000
    b.wall.now_ms += 1_000
    a.note("q1", "Kari", start.replace("treg", "svært treg"))
    b.note("q1", "Kari", start.replace("var enig", "var helt enig"))
    sync_hub(a.db, hub)
    b.db.close()
    monkeypatch.setenv("INNSIKT_HUB", hub)
    app = make_app(b.db.path, author="Ola Hansen")
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda text, **_: notes.append(str(text)))
        await sync_from_palette(pilot)
        await wait_for_text(pilot, "#home-author", "Sist synkronisert")
    done = [note for note in notes if note.startswith("Synkronisert:")]
    assert done and done[-1].endswith("Notater slått sammen ord for ord: 1."), notes


async def test_home_says_when_the_laptop_last_synced_from_the_start(
    tmp_path: Path, hub: str
) -> None:
    mine = tmp_path / "mine.sqlite"
    assert CliRunner().invoke(cli, ["sync", hub, "--db", str(mine)]).exit_code == 0
    app = make_app(mine, author="Ola Hansen")
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await wait_for_text(pilot, "#home-author", "Sist synkronisert i dag")
    assert "Ola Hansen" in shown


@pytest.mark.parametrize(
    ("ago", "shape"),
    [(0, "Sist synkronisert i dag %H:%M"), (3, "Sist synkronisert %d.%m. %H:%M"),
     (400, "Sist synkronisert %d.%m.%Y %H:%M")],
)  # fmt: skip
def test_the_last_sync_is_said_in_local_time_shorter_the_nearer_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ago: int, shape: str
) -> None:
    from datetime import UTC, datetime, timedelta

    from models.hub import sync as hub_sync
    from models.hub.tracking import State
    from tui.hub_sync import synced_text

    now = datetime.now(UTC)
    when = now - timedelta(days=ago)
    if ago == 3 and when.astimezone().year != now.astimezone().year:  # early January
        shape = "Sist synkronisert %d.%m.%Y %H:%M"
    state = State(synced_at=when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    monkeypatch.setattr(hub_sync, "last_sync", lambda _path: state)
    assert synced_text(tmp_path / "x.sqlite") == when.astimezone().strftime(shape)
