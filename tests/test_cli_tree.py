"""The whole command tree, walked: every command has help in both languages, takes --db, and
answers bad usage with exit code 2 — for the commands there are, not a list kept by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from string import Formatter

import click
import pytest
from click.testing import CliRunner

import tui.cli.text
from tui.cli import cli

# The tree as a fresh process builds it in one language: each command's help and its options'.
TREE_PROBE = """
import json, click
from tui.cli import cli

def walk(command, path):
    ctx = click.Context(command, info_name=path[-1] if path else "innsikt")
    yield {
        "path": path,
        "help": command.help or "",
        "options": {
            "/".join(param.opts): param.help or ""
            for param in command.get_params(ctx)
            if isinstance(param, click.Option)
        },
    }
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            yield from walk(command.get_command(ctx, name), [*path, name])

print(json.dumps(list(walk(cli, []))))
"""


def tree_in(language: str) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", TREE_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "INNSIKT_LANG": language},
        check=True,
    )
    return {" ".join(node["path"]): node for node in json.loads(done.stdout)}


def subcommands(command: click.Command) -> Iterator[tuple[str, click.Command]]:
    """A group's commands through click's own lookup (the root loads its modules on demand)."""
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            found = command.get_command(ctx, name)
            assert found is not None, name
            yield name, found


def commands(command: click.Command = cli, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in subcommands(command):
        yield from commands(sub, (*path, name))


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        command = dict(subcommands(command))[name]
    return command


ALL = list(commands())
LEAVES = [path for path in ALL if not isinstance(command_at(path), click.Group)]
# Commands that work on no laptop database at all (the hub is a PostgreSQL database).
WITHOUT_DATABASE = {("hub", "init")}


def test_the_tree_has_every_command_of_the_contract() -> None:
    """A sanity floor for the walk itself: the commands the product names are all found."""
    names = {" ".join(path) for path in ALL}
    for expected in [
        "demo",
        "list",
        "check",
        "search",
        "export json",
        "export minutes",
        "export report",
        "export services",
        "export markdown",
        "export agenda",
        "import json",
        "import attendance",
        "import transcript",
        "guide list",
        "guide validate",
        "guide import",
        "snapshot",
        "merge",
        "conflicts",
        "conflicts resolve",
        "duplicates",
        "duplicates join",
        "minutes status",
        "person erase",
        "encrypt",
        "decrypt",
    ]:
        assert expected in names


def test_every_command_and_option_has_help_in_bokmal_and_in_english() -> None:
    nb, en = tree_in("nb"), tree_in("en")
    assert nb.keys() == en.keys()
    for name in nb:
        for tree in (nb, en):
            assert tree[name]["help"], f"«innsikt {name}» has no help"
            empty = [opt for opt, text in tree[name]["options"].items() if not text]
            assert empty == [], f"«innsikt {name}»: options without help: {empty}"
        assert nb[name]["help"] != en[name]["help"], f"«innsikt {name}» help is not translated"
        same = [
            option
            for option, text in nb[name]["options"].items()
            if text == en[name]["options"][option]
        ]
        assert same == [], f"«innsikt {name}»: option help not translated: {same}"


def test_help_says_usage_and_options_in_the_chosen_language() -> None:
    for language, usage, options in [("nb", "Bruk:", "Valg:"), ("en", "Usage:", "Options:")]:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "export", "minutes", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "INNSIKT_LANG": language},
        )
        assert done.returncode == 0
        assert done.stdout.startswith(usage)
        assert f"\n{options}\n" in done.stdout


@pytest.mark.parametrize(
    "path", [path for path in LEAVES if path not in WITHOUT_DATABASE], ids=" ".join
)
def test_every_command_takes_db(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output


@pytest.mark.parametrize("path", ALL, ids=lambda path: " ".join(path) or "innsikt")
def test_an_unknown_option_is_a_usage_error(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--finnes-ikke"], env={"INNSIKT_DB": "/nonexistent"})
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    "path",
    [path for path in LEAVES if any(p.required for p in command_at(path).params)],
    ids=" ".join,
)
def test_a_missing_argument_or_required_option_is_a_usage_error(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, list(path), env={"INNSIKT_DB": "/nonexistent"})
    assert result.exit_code == 2, result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    for group in [path for path in ALL if isinstance(command_at(path), click.Group)]:
        if not group:
            result = CliRunner().invoke(cli, ["finnes-ikke"])
        else:
            result = CliRunner().invoke(cli, [*group, "finnes-ikke"])
        # conflicts and duplicates list when bare: an extra word is still no subcommand
        assert result.exit_code == 2, (group, result.output)


HELP_PROBE = """
import json, sys
from tui.cli import cli
codes = []
for path in json.loads(sys.argv[1]):
    try:
        cli.main(args=[*path, "--help"], prog_name="innsikt")
    except SystemExit as done:
        codes.append(done.code)
heavy = [name for name in ("textual", "sqlalchemy", "sqlmodel", "docx", "openpyxl")
         if name in sys.modules]
print(json.dumps({"codes": codes, "heavy": heavy}), file=sys.stderr)
"""


def test_no_help_imports_textual_the_orm_word_or_excel() -> None:
    """`innsikt --help`, and every command's, in a fresh interpreter: sys.modules afterwards."""
    done = subprocess.run(
        [sys.executable, "-c", HELP_PROBE, json.dumps(ALL)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    seen = json.loads(done.stderr.strip().splitlines()[-1])
    assert seen == {"codes": [0] * len(ALL), "heavy": []}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def test_the_cli_catalogue_has_english_for_every_key_with_the_same_placeholders() -> None:
    nb, en = tui.cli.text.NB, tui.cli.text.EN
    assert sorted(nb.keys() - en.keys()) == []
    assert sorted(en.keys() - nb.keys()) == []
    assert {k: v for k, v in en.items() if placeholders(v) != placeholders(nb[k])} == {}
    assert [key for key, text in en.items() if not text.strip()] == []


def test_the_cli_catalogue_falls_back_to_the_data_layers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNSIKT_LANG", "en")
    assert tui.cli.text.t("exported", path="x") == "Wrote x."
    assert tui.cli.text.t("guide_unknown", key="x") == "Unknown guide: x."


def test_every_command_group_module_is_named_in_the_root_table_with_its_commands() -> None:
    """The root loads a command's module when it is named: the table it loads from lists each
    module of tui/cli/ that registers commands, and exactly the commands that module adds."""
    import importlib
    import pkgutil

    import tui.cli as package
    from tui.cli.common import InnsiktGroup
    from tui.cli.root import COMMAND_MODULES

    registering = {
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if info.name != "__main__"  # importing it would run the command line
        and hasattr(importlib.import_module(f"tui.cli.{info.name}"), "register")
    }
    assert registering == {module for modules in COMMAND_MODULES.values() for module in modules}
    for name, modules in COMMAND_MODULES.items():
        fresh = InnsiktGroup("innsikt")
        for module in modules:
            importlib.import_module(f"tui.cli.{module}").register(fresh)
        assert name in fresh.commands
    everything = InnsiktGroup("innsikt")
    for module in dict.fromkeys(m for modules in COMMAND_MODULES.values() for m in modules):
        importlib.import_module(f"tui.cli.{module}").register(everything)
    assert set(everything.commands) == set(COMMAND_MODULES)


def test_a_command_imports_no_other_command_group_module() -> None:
    """`innsikt check` compiles and imports check's module, not those of export, search …"""
    probe = (
        "import sys\nfrom tui.cli import main\n"
        "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('tui.cli.'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    # fast: the plain reads looked at first (tui/cli/fast.py); plain: the output both print by
    assert loaded == {
        "tui.cli.root",
        "tui.cli.common",
        "tui.cli.text",
        "tui.cli.check",
        "tui.cli.fast",
        "tui.cli.fast_launch",  # the app's own start without click, looked at first of all
        "tui.cli.plain",
    }
