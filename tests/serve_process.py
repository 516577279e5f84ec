"""`mcp-gateway serve` as a child process, started and stopped the way a deployment does it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.support import free_port

SECRET_KEY = "ops-test-master-secret-0123456789-abcdefghij"


class ServeProcess:
    def __init__(self, data_dir: Path, **settings: str) -> None:
        """`settings`: MCP_GATEWAY_* variables without the prefix, e.g. `DRAIN_SECONDS="10"`."""
        self.env = {
            **os.environ,
            "MCP_GATEWAY_DATA_DIR": str(data_dir),
            "MCP_GATEWAY_SECRET_KEY": SECRET_KEY,
            **{f"MCP_GATEWAY_{name}": value for name, value in settings.items()},
        }
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []  # stderr, read as it comes so the pipe never fills
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def create_project(self) -> dict[str, str]:
        """`mcp-gateway project create` on the same data dir, with an access token for it."""
        created = subprocess.run(
            [sys.executable, "-m", "mcp_gateway", "project", "create", "--name", "ops"],
            capture_output=True, text=True, env=self.env, timeout=60, check=False,
        )
        assert created.returncode == 0, created.stderr
        return json.loads(created.stdout)

    def token(self, project: dict[str, str]) -> str:
        response = httpx.post(f"{self.url}/v1/oauth/token", json={
            "grant_type": "client_credentials", "client_id": project["client_id"], "client_secret": project["client_secret"],
        })
        response.raise_for_status()
        return response.json()["access_token"]

    def start(self) -> ServeProcess:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mcp_gateway", "serve", "--port", str(self.port)],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise AssertionError(f"the gateway exited with {self._process.returncode}:\n" + "\n".join(self.lines))
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill()
        raise AssertionError("the gateway did not answer /healthz within 60 s:\n" + "\n".join(self.lines))

    def _read(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        for line in self._process.stderr:
            self.lines.append(line.rstrip("\n"))

    def terminate(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> int:
        """The exit status, once the process has ended and its output has been read."""
        assert self._process is not None and self._reader is not None
        code = self._process.wait(timeout)
        self._reader.join(5)
        return code

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]
