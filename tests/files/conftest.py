from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from mcp_gateway.files.local import LocalFileStore
from mcp_gateway.files.s3 import S3FileStore
from mcp_gateway.files.service import Files
from mcp_gateway.files.signing import UrlSigner
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import Project
from tests.files.support import S3Server


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """A real S3 API (moto's server) on 127.0.0.1 for the session."""
    server = S3Server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_server: S3Server) -> str:
    return s3_server.create_bucket()


def make_store(kind: str, tmp_path: Path, s3_server: S3Server | None = None):
    if kind == "local":
        return LocalFileStore(tmp_path / "files", UrlSigner([secrets.token_bytes(32)]), public_url="http://127.0.0.1:9")
    assert s3_server is not None
    return S3FileStore(s3_server.create_bucket(), prefix="gw", **s3_server.options)


@pytest.fixture(params=["local", "s3"])
async def store(request, tmp_path) -> AsyncIterator[LocalFileStore | S3FileStore]:
    server = request.getfixturevalue("s3_server") if request.param == "s3" else None
    made = make_store(request.param, tmp_path, server)
    yield made
    await made.close()


@pytest.fixture
async def database(database_url) -> AsyncIterator[Database]:
    db = Database(database_url)
    await db.migrate()
    async with db.session() as s:
        s.add_all([Project(id="proj_a", name="A"), Project(id="proj_b", name="B")])
        await s.commit()
    yield db
    await db.close()


@pytest.fixture
async def files(database, store) -> AsyncIterator[Files]:
    yield Files(database, store, max_size=64 * 1024, max_upload=256 * 1024, ttl=3600.0)
