"""The file store's settings from the environment."""

from __future__ import annotations

import pytest

from mcp_gateway.config import ConfigError, Settings
from mcp_gateway.files import Files
from mcp_gateway.files.local import LocalFileStore
from mcp_gateway.files.s3 import S3FileStore


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    for name in ("MCP_GATEWAY_FILE_STORE", "MCP_GATEWAY_S3_FILE_BUCKET", "MCP_GATEWAY_FILES_DIR"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_default_is_a_folder_in_the_data_dir(env, tmp_path):
    settings = Settings.from_env()
    assert (settings.file_store, settings.files_dir) == ("local", tmp_path / "files")
    assert (settings.file_max_size, settings.file_max_upload) == (50 * 1024 * 1024, 100 * 1024 * 1024)
    files = Files.from_settings(settings, db=None)  # type: ignore[arg-type]
    assert isinstance(files.store, LocalFileStore) and files.store.root == tmp_path / "files"


def test_s3_takes_the_shared_s3_settings_and_its_own_bucket(env):
    env.setenv("MCP_GATEWAY_FILE_STORE", "S3")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_S3_FILE_BUCKET must be set"):
        Settings.from_env()
    env.setenv("MCP_GATEWAY_S3_FILE_BUCKET", "gateway-files")
    env.setenv("MCP_GATEWAY_S3_FILE_PREFIX", "/stash/")
    env.setenv("MCP_GATEWAY_S3_ENDPOINT_URL", "http://127.0.0.1:9000/")
    env.setenv("MCP_GATEWAY_FILE_MAX_SIZE", "1024")
    env.setenv("MCP_GATEWAY_FILE_ALLOWED_TYPES", "image/*, application/pdf")
    settings = Settings.from_env()
    assert (settings.file_store, settings.s3_file_bucket, settings.s3_file_prefix) == ("s3", "gateway-files", "stash")
    assert settings.file_max_size == 1024 and settings.file_allowed_types == ["image/*", "application/pdf"]
    files = Files.from_settings(settings, db=None)  # type: ignore[arg-type]
    assert isinstance(files.store, S3FileStore) and files.store.bucket == "gateway-files"


def test_unknown_stores_are_named(env):
    env.setenv("MCP_GATEWAY_FILE_STORE", "ftp")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_FILE_STORE must be one of local, s3"):
        Settings.from_env()
