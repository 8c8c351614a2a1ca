"""A throwaway PostgreSQL server for the hub tests and bench/sync.py: initdb + pg_ctl on a socket.

The server listens only on a unix socket in a private temporary folder (no TCP port, no
network). PostgreSQL refuses to run as root, so as root it runs as `nobody`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "hubtest"  # the database superuser initdb creates; trust authentication on the socket
# The one role that must give a password (scram-sha-256), for the tests of libpq's password
# sources; the tests create it (tests/hub/test_hub_passwords.py).
PASSWORD_USER = "hubsecret"


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $PG_BINDIR, Debian's /usr/lib/postgresql/N/bin, or PATH."""
    candidates = [os.environ.get("PG_BINDIR", "")]
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(Path(path).parent.name) if Path(path).parent.name.isdigit() else 0,
        reverse=True,
    )
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if (
            candidate
            and (Path(candidate) / "initdb").is_file()
            and (Path(candidate) / "pg_ctl").is_file()
        ):
            return Path(candidate)
    return None


def why_not() -> str | None:
    """Why no server can be started here, or None when one can."""
    if find_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) found; apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            return "running as root and there is no unprivileged user `nobody` to run PostgreSQL"
        if shutil.which("runuser") is None and shutil.which("setpriv") is None:
            return "running as root without runuser or setpriv to run PostgreSQL as `nobody`"
    return None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--", *command]
    entry = pwd.getpwnam("nobody")
    return [
        "setpriv",
        f"--reuid={entry.pw_uid}",
        f"--regid={entry.pw_gid}",
        "--clear-groups",
        *command,
    ]


@dataclass
class Server:
    folder: Path
    bindir: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.socket_dir}"

    def start(self) -> None:
        data = self.folder / "data"
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            for path in (self.folder, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        environment = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
        subprocess.run(
            _as_server_user(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    USER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            env=environment,
        )
        hba = data / "pg_hba.conf"
        hba.write_text(
            f"local all {PASSWORD_USER} scram-sha-256\n" + hba.read_text(), encoding="utf-8"
        )
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
        )
        subprocess.run(
            _as_server_user(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(self.folder / "server.log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            env=environment,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_server_user(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ]
            ),
            capture_output=True,
        )

    def create_database(self, name: str) -> str:
        """A new empty database on the server; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> Server:
    """A running server in a new temporary folder (the caller stops it and removes the folder)."""
    bindir = find_bindir()
    assert bindir is not None, why_not()
    folder = Path(tempfile.mkdtemp(prefix="innsikt-pg-"))
    server = Server(folder, bindir)
    try:
        server.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server


def remove(server: Server) -> None:
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)
