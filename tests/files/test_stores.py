"""Both file stores, the local directory and S3 (moto's S3 server on 127.0.0.1), keep and hand
back bytes the same way, and make links anyone can download with."""

from __future__ import annotations

import io
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mcp_gateway.files import FileNotFound
from mcp_gateway.files.local import LocalFileStore
from mcp_gateway.files.s3 import S3FileStore
from tests.files.samples import PDF


async def read_all(store, key: str) -> bytes:
    stored = await store.open(key)
    data = b"".join([chunk async for chunk in stored.chunks])
    assert stored.size == len(data)
    return data


async def test_bytes_paths_and_open_files_go_in_and_come_back(store, tmp_path):
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 200_000)
    await store.put("1day/p/e/s/u/report.pdf", PDF, "application/pdf")
    await store.put("1day/p/e/s/u/dir/big.bin", source, "application/octet-stream")
    await store.put("files/p/e/f/notes.txt", io.BytesIO(b"hello"), "text/plain")
    assert await read_all(store, "1day/p/e/s/u/report.pdf") == PDF
    assert await read_all(store, "1day/p/e/s/u/dir/big.bin") == b"x" * 200_000
    target = tmp_path / "restored.txt"
    await store.fetch("files/p/e/f/notes.txt", target)
    assert target.read_bytes() == b"hello"
    await store.put("files/p/e/f/notes.txt", b"replaced", "text/plain")
    assert await read_all(store, "files/p/e/f/notes.txt") == b"replaced"


async def test_deleted_and_unknown_objects_are_not_found(store, tmp_path):
    await store.put("a/b/c.txt", b"c", "text/plain")
    await store.delete(["a/b/c.txt", "a/b/never-was.txt"])
    with pytest.raises(FileNotFound):
        await store.open("a/b/c.txt")
    with pytest.raises(FileNotFound):
        await store.fetch("a/b/c.txt", tmp_path / "c.txt")


@pytest.mark.parametrize("key", ["../secret", "a/../../b", "/abs/path", "a//b", "a\\b", ""])
async def test_keys_cannot_leave_the_store(store, key):
    with pytest.raises(FileNotFound):
        await store.put(key, b"x", "text/plain")


async def test_s3_links_download_the_object_with_its_type(s3_server, tmp_path):
    store = S3FileStore(s3_server.create_bucket(), prefix="gw", **s3_server.options)
    await store.put("1day/p/e/s/u/report.pdf", PDF, "application/pdf")
    url = await store.url("1day/p/e/s/u/report.pdf", expires_in=1800, content_type="application/pdf", filename="report.pdf")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{s3_server.endpoint_url}/{store.bucket}/gw/1day/p/e/s/u/report.pdf?")
    assert query["X-Amz-Expires"] == ["1800"]
    response = httpx.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert s3_server.keys(store.bucket) == ["gw/1day/p/e/s/u/report.pdf"]
    await store.close()


async def test_local_links_are_signed_and_expire(tmp_path):
    from mcp_gateway.files.signing import UrlSigner

    store = LocalFileStore(tmp_path, UrlSigner([b"k" * 32, b"old" * 11]), public_url="https://gw.example.com/")
    url = await store.url("1day/p/e/s/u/a b.pdf", expires_in=1800, content_type="application/pdf", filename="a b.pdf")
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "gw.example.com"
    assert parts.path == "/v1/files/1day/p/e/s/u/a%20b.pdf"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    expires = int(query["expires"])
    assert abs(expires - (time.time() + 1800)) < 5
    assert store.verify("1day/p/e/s/u/a b.pdf", expires, "application/pdf", query["signature"])
    # Any change to what was signed breaks it; so does time.
    assert not store.verify("1day/p/e/s/u/b.pdf", expires, "application/pdf", query["signature"])
    assert not store.verify("1day/p/e/s/u/a b.pdf", expires + 1, "application/pdf", query["signature"])
    assert not store.verify("1day/p/e/s/u/a b.pdf", expires, "text/html", query["signature"])
    old_link = UrlSigner([b"old" * 11]).sign("k/x", int(time.time()) + 60, "text/plain")
    assert store.verify("k/x", int(time.time()) + 60, "text/plain", old_link)  # signed with the previous secret
    assert not store.verify("k/x", int(time.time()) + 60, "text/plain", "é" * 43)  # junk is just wrong
    past = int(time.time()) - 1
    assert not store.verify("k/x", past, "text/plain", store._signer.sign("k/x", past, "text/plain"))


async def test_the_local_store_prunes_empty_folders(tmp_path):
    from mcp_gateway.files.signing import UrlSigner

    store = LocalFileStore(tmp_path / "files", UrlSigner([b"k" * 32]))
    await store.put("1day/p/e/stash/u/deep/file.txt", b"x", "text/plain")
    await store.put("1day/p/e/other/u/file.txt", b"y", "text/plain")
    await store.delete(["1day/p/e/stash/u/deep/file.txt"])
    assert not (tmp_path / "files/1day/p/e/stash").exists()
    assert (tmp_path / "files/1day/p/e/other/u/file.txt").exists()
