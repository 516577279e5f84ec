"""What the gateway keeps in its data dir is its user's alone (mode 0600) whatever the umask:
the SQLite database and the files SQLite makes beside it, the master secret, and the local
file store's files."""

from __future__ import annotations

import os
import stat

import pytest

from mcp_gateway.config import load_secret_key
from mcp_gateway.gateway import Gateway
from tests.files.samples import CSV
from tests.support import gateway_settings


@pytest.fixture
def permissive_umask():
    """The umask most systems start processes with: new files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


async def test_every_file_in_the_data_dir_is_readable_by_its_owner_only(tmp_path, permissive_umask, monkeypatch):
    monkeypatch.delenv("MCP_GATEWAY_SECRET_KEY", raising=False)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    gateway = await Gateway.open(gateway_settings(data_dir, secret_key=load_secret_key(data_dir)))
    try:
        project = await gateway.auth.create_project("private")
        assert gateway.runtime.files is not None
        await gateway.runtime.files.ingest(project.project_id, "development", name="people.csv", data=CSV)
        # Read while the gateway is open: SQLite removes its -wal and -shm files on closing.
        modes = {
            str(path.relative_to(data_dir)): stat.S_IMODE(path.stat().st_mode)
            for path in data_dir.rglob("*") if path.is_file()
        }
    finally:
        await gateway.close()
    assert {"gateway.db", "gateway.db-wal", "gateway.db-shm", "secret.key"} <= modes.keys()
    assert any(name.startswith("files/") for name in modes)
    assert {name: mode for name, mode in modes.items() if mode != 0o600} == {}
