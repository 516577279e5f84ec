from __future__ import annotations

import asyncio
import secrets
import threading
from pathlib import Path
from typing import Any

import boto3
import pytest
from aiosmtpd.controller import Controller
from moto.server import ThreadedMotoServer

from mcp_gateway.config import Settings
from mcp_gateway.connect.vault import Vault
from mcp_gateway.destinations import Destinations
from mcp_gateway.store.db import Database
from tests.child import free_port

KEY = b"destinations-test-master-secret-0123456789"
S3_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_url():
    """moto's S3 on 127.0.0.1, shared by the session (tests use their own buckets)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_url):
    """A plain boto3 client, to look at what the destination wrote."""
    return boto3.client("s3", endpoint_url=s3_url, **S3_KEYS)


@pytest.fixture
def bucket(s3, request):
    """A new bucket named after the test; the suffix keeps runs on each database apart."""
    name = "dest-" + request.node.originalname.lower().replace("_", "-")[:40].strip("-") + "-" + secrets.token_hex(3)
    s3.create_bucket(Bucket=name)
    return name



def destination_settings(data_dir: Path, s3_url: str, **overrides: Any) -> Settings:
    settings = Settings(
        data_dir=data_dir,
        database_url=f"sqlite+aiosqlite:///{data_dir / 'gateway.db'}",
        secret_key=KEY,
        rate_limits={},
        s3_endpoint_url=s3_url,
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
        s3_batch_window=0.3,
        destination_backoff=(0.1, 0.1),
        destination_lease=5.0,
        private_networks=("127.0.0.0/8",),
        sse_poll_interval=0.1,
    )
    for name, value in overrides.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
async def db(database_url):
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.close()


@pytest.fixture
def vault():
    return Vault([KEY])


@pytest.fixture
async def destinations(db, vault, tmp_path, s3_url):
    """Destinations with the workers off: tests drive them step by step."""
    built = Destinations(db, destination_settings(tmp_path, s3_url), vault)
    yield built
    await built.stop()


class Mailbox:
    """aiosmtpd on 127.0.0.1, keeping every message it is handed."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self._arrived = threading.Condition()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._arrived:
            self.messages.append(envelope)
            self._arrived.notify_all()
        return "250 OK"

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[Any]:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.messages) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"expected {count} messages, got {len(self.messages)}")
            await asyncio.sleep(0.02)
        return list(self.messages)


@pytest.fixture
def mailbox():
    box = Mailbox()
    box.controller.start()
    yield box
    box.controller.stop()
