"""A throwaway Redis server for tests: Debian's `redis-server` on a free 127.0.0.1 port, with
no persistence, stopped (and its directory removed) when the tests end. It is a child of the
test process and is ended by the kernel if that process dies without stopping it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.child import die_with_parent, free_port

INSTALL_HINT = "redis-server was not found; install Debian's `redis-server` package (`apt-get install redis-server`)"


class RedisUnavailable(RuntimeError):
    """The server binary is missing or the server would not start."""






@dataclass
class RedisServer:
    process: subprocess.Popen[bytes]
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    def start(cls) -> RedisServer:
        binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
        if binary is None:
            raise RedisUnavailable(INSTALL_HINT)
        directory = Path(tempfile.mkdtemp(prefix="mcp-gateway-redis-"))
        port = free_port()
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(directory), "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=die_with_parent(),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                shutil.rmtree(directory, ignore_errors=True)
                raise RedisUnavailable(f"redis-server exited with {process.returncode}: {error.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return cls(process, port, directory)
            except OSError:
                time.sleep(0.05)
        process.kill()
        shutil.rmtree(directory, ignore_errors=True)
        raise RedisUnavailable("redis-server did not answer within 10 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)
