"""Where file bytes live: the interface both backends (a local directory, S3) implement.

Keys are `/`-separated paths the gateway makes itself (`1day/proj_.../u/report.pdf`); the
backends never see a caller's path unchecked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from .errors import FileNotFound

# What a file's bytes can be handed over as: in memory, a file on disk, an open binary file.
Source = bytes | Path | BinaryIO

CHUNK = 64 * 1024


@dataclass(slots=True)
class StoredObject:
    """An object being read: its size and its bytes, chunk by chunk."""

    size: int | None
    chunks: AsyncIterator[bytes]


class FileStore(Protocol):
    async def put(self, key: str, source: Source, content_type: str) -> None:
        """Store `source` under `key`, replacing what was there."""

    async def fetch(self, key: str, target: Path) -> None:
        """Copy the object to the file `target` (its folder exists); `FileNotFound` if it is gone."""

    async def open(self, key: str) -> StoredObject:
        """The object's bytes to stream; `FileNotFound` if it is gone."""

    async def url(self, key: str, *, expires_in: int, content_type: str, filename: str) -> str:
        """A link anyone can download the object with for `expires_in` seconds."""

    async def delete(self, keys: Sequence[str]) -> None:
        """Remove the objects; keys already gone are fine."""

    async def close(self) -> None: ...


def check_key(key: str) -> str:
    parts = key.split("/")
    if not key or key.startswith("/") or "\\" in key or "\x00" in key or any(p in ("", ".", "..") for p in parts):
        raise FileNotFound(f"no stored file has the key {key!r}")
    return key
