"""A throwaway MySQL-compatible server for tests: MariaDB in a temp dir, started and removed.

`mariadb-install-db` creates the system tables in a temp dir (in /dev/shm where there is
one), then `mariadbd` runs as a child of the test process, listening on 127.0.0.1 on a free
port (and on a unix socket in the temp dir), with durability settings off since nothing in
it needs to survive. An init file creates one user with a password and two databases the
user owns, which is how the tests connect. The server also offers TLS with a certificate for `localhost` signed by a
CA made for the run (`ca_pem`), so the tests can check certificate verification.

MariaDB will not run as root, so when the tests run as root the server runs as the
`mysql` user (or `nobody` when there is none) and the temp dir is theirs. The kernel
kills the server if the test process dies without stopping it, and the next start removes
the files such a run left behind.

The binaries come from `$MARIADB_BIN` when set (a directory holding `mariadbd` and
`mariadb-install-db`), else from PATH, else from /usr/sbin and /usr/bin as Debian's
`mariadb-server` package installs them.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.child import die_with_parent, free_port

INSTALL_HINT = (
    "the MariaDB server binaries (mariadbd, mariadb-install-db) were not found; install Debian's "
    "`mariadb-server` package (`apt-get install mariadb-server`, as .ci/run does), "
    "or set MARIADB_BIN to the directory holding them"
)


PREFIX = "mcp-gateway-mysql-"


class MysqlUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start."""


def find_binaries() -> tuple[Path, Path]:
    """Paths of `mariadbd` and `mariadb-install-db`."""
    directories: list[Path] = []
    if os.environ.get("MARIADB_BIN"):
        directories.append(Path(os.environ["MARIADB_BIN"]))
    search_path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
    found: dict[str, Path] = {}
    for name in ("mariadbd", "mariadb-install-db"):
        for directory in directories:
            if os.access(directory / name, os.X_OK):
                found[name] = directory / name
                break
        else:
            on_path = shutil.which(name, path=search_path)
            if on_path:
                found[name] = Path(on_path)
    if len(found) < 2:
        raise MysqlUnavailable(INSTALL_HINT)
    return found["mariadbd"], found["mariadb-install-db"]




@dataclass
class MysqlServer:
    """One running server; `stop()` shuts it down and deletes its files."""

    mariadbd: Path
    install_db: Path
    root: Path
    port: int
    user: str = "gateway_test"
    password: str = field(default_factory=lambda: "pw-" + secrets.token_hex(12))
    database: str = "gateway_test"
    other_database: str = "gateway_test_other"  # a second database the user owns
    host: str = "127.0.0.1"
    run_as: str | None = None
    ca_pem: str = ""
    _process: subprocess.Popen | None = None

    @classmethod
    def start(cls) -> MysqlServer:
        mariadbd, install_db = find_binaries()
        run_as = _unprivileged_user() if os.geteuid() == 0 else None
        base = _base_dir(run_as is not None)
        _remove_leftovers(base)
        root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
        (root / "owner.pid").write_text(str(os.getpid()))
        server = cls(mariadbd=mariadbd, install_db=install_db, root=root, port=free_port(), run_as=run_as)
        try:
            server._own(root)
            server._write_certificates()
            server._write_init_file()
            server._install_db()
            for attempt in range(3):
                try:
                    server._start_mariadbd()
                    break
                except MysqlUnavailable as exc:  # the free port was taken in the meantime
                    if attempt == 2 or "Bind on TCP/IP port" not in str(exc):
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
    def socket_path(self) -> Path:
        return self.root / "mysqld.sock"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def _own(self, path: Path) -> None:
        if self.run_as is not None:
            account = pwd.getpwnam(self.run_as)
            os.chown(path, account.pw_uid, account.pw_gid)

    def _child_options(self) -> dict:
        """How the server's programs run: in the temp dir, with a clean environment, and as
        `run_as` (without root's supplementary groups) when we are root."""
        options: dict = {
            "cwd": self.root,
            "env": {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), "LC_ALL": "C", "HOME": str(self.root)},
        }
        if self.run_as is not None:
            account = pwd.getpwnam(self.run_as)
            options.update(user=account.pw_uid, group=account.pw_gid, extra_groups=[])
        return options

    def _log_tail(self) -> str:
        return self.log_file.read_text(errors="replace")[-3000:] if self.log_file.exists() else ""

    def _write_certificates(self) -> None:
        """A CA for this run, and a server certificate for `localhost` signed by it."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        now = dt.datetime.now(dt.timezone.utc)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mcp-gateway test CA")])
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False, content_commitment=False, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                    encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            # Only the name `localhost`: connecting to 127.0.0.1 with host verification fails.
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        self.ca_pem = ca_cert.public_bytes(serialization.Encoding.PEM).decode()
        files = {
            "ca.pem": self.ca_pem.encode(),
            "server-cert.pem": cert.public_bytes(serialization.Encoding.PEM),
            "server-key.pem": key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
        }
        for name, data in files.items():
            path = self.root / name
            path.write_bytes(data)
            self._own(path)
            path.chmod(0o600)

    def _write_init_file(self) -> None:
        """The statements the server runs at startup: the test user and its databases."""
        quoted_password = self.password.replace("\\", "\\\\").replace("'", "''")
        path = self.root / "init.sql"
        path.write_text(
            f"CREATE DATABASE `{self.database}` CHARACTER SET utf8mb4;\n"
            f"CREATE USER '{self.user}'@'%' IDENTIFIED BY '{quoted_password}';\n"
            f"GRANT ALL PRIVILEGES ON `{self.database}`.* TO '{self.user}'@'%';\n"
            f"CREATE DATABASE `{self.other_database}` CHARACTER SET utf8mb4;\n"
            f"GRANT ALL PRIVILEGES ON `{self.other_database}`.* TO '{self.user}'@'%';\n"
        )
        self._own(path)
        path.chmod(0o600)

    def _install_db(self) -> None:
        result = subprocess.run(
            [
                str(self.install_db),
                "--no-defaults",
                f"--datadir={self.data_dir}",
                "--skip-test-db",
                "--auth-root-authentication-method=socket",
                "--skip-name-resolve",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            **self._child_options(),
        )
        if result.returncode != 0:
            raise MysqlUnavailable(
                f"mariadb-install-db failed (exit {result.returncode}): "
                f"{(result.stderr.strip() or result.stdout.strip())[-3000:]}"
            )

    def _start_mariadbd(self) -> None:
        """Run `mariadbd` as our child, dying with us, and wait until it accepts connections."""
        self.log_file.unlink(missing_ok=True)
        self._process = subprocess.Popen(
            [
                str(self.mariadbd),
                "--no-defaults",
                f"--datadir={self.data_dir}",
                f"--port={self.port}",
                f"--bind-address={self.host}",
                f"--socket={self.socket_path}",
                f"--pid-file={self.root / 'mysqld.pid'}",
                f"--log-error={self.log_file}",
                f"--init-file={self.root / 'init.sql'}",
                f"--ssl-ca={self.root / 'ca.pem'}",
                f"--ssl-cert={self.root / 'server-cert.pem'}",
                f"--ssl-key={self.root / 'server-key.pem'}",
                "--skip-name-resolve",
                "--skip-log-bin",
                "--skip-performance-schema",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--innodb-buffer-pool-size=16M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--innodb-file-per-table=0",
                "--max-connections=50",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent(signal.SIGKILL),  # runs after the switch to run_as, which would clear it
            **self._child_options(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            if "ready for connections" in self._log_tail() and _accepts(self.host, self.port):
                return
            time.sleep(0.05)
        raise MysqlUnavailable(
            f"mariadbd did not start (exit code {self._process.poll()}); server log:\n{self._log_tail()}"
        )

    def stop(self) -> None:
        """Stop the server (if it started) and delete its files; safe to call twice."""
        try:
            process, self._process = self._process, None
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _accepts(host: str, port: int) -> bool:
    """Whether the server answers a TCP connection with its greeting."""
    try:
        with socket.create_connection((host, port), timeout=1) as s:
            return bool(s.recv(4))
    except OSError:
        return False




def _base_dir(other_user: bool) -> str:
    """The temp root: /dev/shm when there is one (in memory, so creating tables takes no disk
    syncs), else the usual one, unless another user cannot reach it or the socket path would be
    too long (unix socket paths are limited to about 100 bytes)."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) and os.stat(shm).st_mode & 0o001:
        return shm
    base = tempfile.gettempdir()
    if len(base) > 60:
        return "/tmp"
    if other_user:
        path = Path(base).resolve()
        for directory in (path, *path.parents):
            if not os.stat(directory).st_mode & 0o001:  # not traversable by others
                return "/tmp"
    return base


def _remove_leftovers(base: str) -> None:
    """Delete the temp dirs of earlier runs whose test process is gone (killed before stopping)."""
    for path in Path(base).glob(PREFIX + "*"):
        try:
            pid = int((path / "owner.pid").read_text())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):  # not ours to judge: no owner file, or another user's process
            continue


def _unprivileged_user() -> str:
    for name in ("mysql", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise MysqlUnavailable("running as root, and there is no `mysql` or `nobody` user to run the server as")

