"""The `innsikt` console script: the root group, each command group loaded from its module when named."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from tui.cli.common import InnsiktGroup, db_option, group, resolve_db_path
from tui.cli.plain import tolerate_console_encoding
from tui.cli.text import t

# Each top-level command and the modules of tui/cli/ whose `register` adds it: one line per
# command. `teams` adds to the export and import groups, so it comes after both.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "demo": ("demo",),
    "list": ("listing",),
    "check": ("check",),
    "guide": ("guide",),
    "export": ("export", "imports", "teams"),
    "import": ("export", "imports", "teams"),
    "snapshot": ("merge",),
    "merge": ("merge",),
    "conflicts": ("review",),
    "duplicates": ("review",),
    "minutes": ("minutes",),
    "person": ("privacy",),
    "encrypt": ("privacy",),
    "decrypt": ("privacy",),
    "search": ("search",),
    "hub": ("hub",),
    "sync": ("hub",),
}


class LazyRoot(InnsiktGroup):
    """The root group: a command's module is imported when the command is named (or listed by
    --help), so `innsikt check` does not compile and import every other command's module."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.loaded: set[str] = set()

    def load(self, name: str) -> None:
        for module in COMMAND_MODULES.get(name, ()):
            if module not in self.loaded:
                self.loaded.add(module)
                importlib.import_module(f"tui.cli.{module}").register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self.load(cmd_name)
        return super().get_command(ctx, cmd_name)


@group(
    help_key="help_root",
    cls=LazyRoot,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.option("--meeting", "meeting_ref", default=None, help=t("help_root_meeting"))
@click.option("--author", default=None, help=t("help_root_author"))
@click.pass_context
def cli(
    ctx: click.Context, db_path: Path | None, meeting_ref: str | None, author: str | None
) -> None:
    """Without a command, open the app."""
    if ctx.invoked_subcommand is None:
        from tui.launch import run_app

        ctx.exit(run_app(resolve_db_path(db_path), meeting_ref=meeting_ref, author=author))


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2, user errors 1, success 0."""
    tolerate_console_encoding()
    cli.main(args=argv, prog_name="innsikt")
