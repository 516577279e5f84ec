"""The local file store: objects as files under one directory; the gateway serves them at
`/v1/files/<key>` to holders of a signed, expiring link."""

from __future__ import annotations

import asyncio
import io
import os
import secrets
import shutil
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, urlencode

from mcp_gateway.config import DEFAULT_HOST, DEFAULT_PORT

from .errors import FileNotFound
from .signing import UrlSigner
from .store import CHUNK, Source, StoredObject, check_key
from .urls import current_base_url

DOWNLOAD_PATH = "/v1/files/"


class LocalFileStore:
    def __init__(self, root: Path, signer: UrlSigner, *, public_url: str | None = None) -> None:
        self.root = root
        self._signer = signer
        self._public_url = public_url.rstrip("/") if public_url else None

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, source: Source, content_type: str) -> None:
        await asyncio.to_thread(self._write, self._path(key), source)

    @staticmethod
    def _write(target: Path, source: Source) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a reader never sees half a file.
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            # Readable by the gateway's user only, whatever the umask: the files are users' data.
            with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                if isinstance(source, Path):
                    with source.open("rb") as f:
                        shutil.copyfileobj(f, out, CHUNK)
                else:
                    reader: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
                    shutil.copyfileobj(reader, out, CHUNK)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    async def fetch(self, key: str, target: Path) -> None:
        source = self._path(key)
        try:
            await asyncio.to_thread(shutil.copyfile, source, target)
        except FileNotFoundError:
            raise FileNotFound(f"the stored file {key!r} is gone") from None

    async def open(self, key: str) -> StoredObject:
        path = self._path(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise FileNotFound(f"the stored file {key!r} is gone") from None
        size = os.fstat(handle.fileno()).st_size
        return StoredObject(size, _chunks(handle))

    async def url(self, key: str, *, expires_in: int, content_type: str, filename: str) -> str:
        expires = int(time.time()) + expires_in
        query = urlencode({"expires": expires, "type": content_type,
                           "signature": self._signer.sign(key, expires, content_type)})
        base = self._public_url or current_base_url() or f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"
        return f"{base}{DOWNLOAD_PATH}{quote(key)}?{query}"

    def verify(self, key: str, expires: int, content_type: str, signature: str) -> bool:
        """Whether a download link is genuine and still valid."""
        return expires >= time.time() and self._signer.verify(key, expires, content_type, signature)

    async def delete(self, keys: Sequence[str]) -> None:
        await asyncio.to_thread(self._remove, [self._path(k) for k in keys])

    def _remove(self, paths: list[Path]) -> None:
        for path in paths:
            path.unlink(missing_ok=True)
            # Prune the folders left empty (one per stash), up to the root.
            parent = path.parent
            while parent != self.root:
                try:
                    parent.rmdir()
                except OSError:
                    break
                parent = parent.parent

    async def close(self) -> None:
        return None


async def _chunks(handle: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(handle.read, CHUNK):
            yield chunk
    finally:
        handle.close()
