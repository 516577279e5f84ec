"""Files: ingested files (`file_id`), File Stashes, and the sweep that deletes expired ones.

The runtime uses it through `RunFiles` (one run's /tmp); the REST API uses it for uploads
and downloads. Rows live in the database; bytes live in the `FileStore`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import and_, delete, or_, select

from mcp_gateway.config import Settings
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import new_id
from mcp_gateway.store.models import FileStash, IngestedFile, StashedFile, utcnow

from . import payload as files_in
from .errors import FileNotFound, FileTooLarge, StashNotFound
from .local import LocalFileStore
from .signing import UrlSigner
from .sniff import HEAD, checked_type
from .store import FileStore

logger = logging.getLogger(__name__)

STASH_TTL = timedelta(hours=24)
URL_TTL = 30 * 60  # seconds a download link works
STASH_KEY_PREFIX = "1day"
MAX_FILES_PER_REQUEST = 100
_NEW_STASH = ("", "NEW")
_STASH_ID_LENGTH = 32
_SWEEP_BATCH = 200
_NAME_LIMIT = 200


@dataclass(frozen=True, slots=True)
class FileRef:
    """An ingested file, as a payload refers to it."""

    file_id: str
    name: str
    mime_type: str
    size: int

    def to_json(self, pointer: str) -> dict[str, Any]:
        return {"file_id": self.file_id, "name": self.name, "mime_type": self.mime_type, "pointer": pointer}


def wants_new_stash(stash_id: str | bool) -> bool:
    return stash_id is True or (isinstance(stash_id, str) and stash_id.strip().upper() in _NEW_STASH)


def stash_requested(stash_id: str | bool | None) -> bool:
    """`stash_id` omitted, null or false: no File Stash for the run."""
    return stash_id is not None and stash_id is not False


def clean_name(name: str) -> str:
    """A file name safe as one path segment: no folders, no control characters, not too long."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if base in ("", ".", ".."):
        return "file"
    if len(base) > _NAME_LIMIT:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: _NAME_LIMIT - len(ext) - 1] + dot + ext) if dot and len(ext) < 20 else base[:_NAME_LIMIT]
    return base


class Files:
    def __init__(
        self,
        db: Database,
        store: FileStore,
        *,
        max_size: int,
        max_upload: int,
        ttl: float,
        allowed_types: Sequence[str] = (),
        sweep_every: float = 600.0,
    ) -> None:
        self._db = db
        self.store = store
        self.max_size = max_size
        self.max_upload = max_upload
        self.ttl = timedelta(seconds=ttl)
        self.allowed_types = list(allowed_types)
        self._sweep_every = sweep_every
        self._sweeper: asyncio.Task[None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, db: Database) -> Files:
        store: FileStore
        if settings.file_store == "s3":
            from .s3 import S3FileStore

            assert settings.s3_file_bucket is not None  # checked when the settings were read
            store = S3FileStore(
                settings.s3_file_bucket,
                prefix=settings.s3_file_prefix,
                endpoint_url=settings.s3_endpoint_url,
                region=settings.s3_region,
                access_key_id=settings.s3_access_key_id,
                secret_access_key=settings.s3_secret_access_key,
            )
        else:
            root = settings.files_dir or settings.data_dir / "files"
            store = LocalFileStore(root, UrlSigner(settings.secret_keys), public_url=settings.public_url)
        return cls(
            db,
            store,
            max_size=settings.file_max_size,
            max_upload=settings.file_max_upload,
            ttl=settings.file_ttl,
            allowed_types=settings.file_allowed_types,
        )

    # Ingested files

    async def ingest(
        self, project_id: str, environment: str, *, name: str, data: bytes | BinaryIO, declared: str | None = None
    ) -> FileRef:
        """Store one file sent to the gateway; its type is sniffed and checked."""
        name = clean_name(name)
        size, digest, head = await asyncio.to_thread(_measure, data, self.max_size)
        if size > self.max_size:
            raise FileTooLarge(f"{name} is larger than the {_mib(self.max_size)} limit for one file")
        mime = checked_type(head, name, declared, self.allowed_types, truncated=size > len(head))
        file_id = new_id(files_in.FILE_ID_PREFIX, 24)
        key = f"files/{project_id}/{environment}/{file_id}/{name}"
        await self.store.put(key, data, mime)
        now = utcnow()
        row = IngestedFile(id=file_id, project_id=project_id, environment=environment, name=name, mime_type=mime,
                           size=size, sha256=digest, key=key, created_at=now, expires_at=now + self.ttl)
        async with self._db.session() as s:
            s.add(row)
            await s.commit()
        return FileRef(file_id, name, mime, size)

    async def ingest_payload(self, project_id: str, environment: str, payload: Any) -> tuple[Any, list[dict[str, Any]]]:
        """Store every embedded base64 file in `payload`; the payload with each replaced by its
        reference (the object's other keys kept), and the references."""
        found = list(files_in.embedded_files(payload))
        if len(found) > MAX_FILES_PER_REQUEST:
            raise FileTooLarge(f"{len(found)} files in one request; the limit is {MAX_FILES_PER_REQUEST}")
        refs = []
        for at, embedded in found:
            name = str(embedded["name"])
            content = str(embedded["contentBytes"])
            if files_in.decoded_size(content) > self.max_size + 3:
                raise FileTooLarge(f"{name} is larger than the {_mib(self.max_size)} limit for one file")
            data = await asyncio.to_thread(files_in.decode, content, name)
            declared = embedded.get("contentType")
            ref = await self.ingest(project_id, environment, name=name, data=data,
                                    declared=declared if isinstance(declared, str) else None)
            shown = {k: v for k, v in embedded.items() if k != "contentBytes"} | ref.to_json(files_in.pointer(at))
            payload = files_in.replace_at(payload, at, shown)
            refs.append(shown)
        return payload, refs

    async def ingested(self, project_id: str, environment: str, file_id: str) -> IngestedFile:
        async with self._db.session() as s:
            row = await s.get(IngestedFile, file_id)
        if row is None or (row.project_id, row.environment) != (project_id, environment) or row.expires_at <= utcnow():
            raise FileNotFound(
                f"no file {file_id!r} in this project's {environment} environment (files are kept "
                f"{_duration(self.ttl)}); upload it again with POST /v1/connect/{{project_id}}/files"
            )
        return row

    # File Stash

    async def open_stash(self, project_id: str, environment: str, external_user_id: str, stash_id: str | bool) -> FileStash:
        """A new stash for `""`, `"NEW"` or `true`; else the user's unexpired stash with this id."""
        async with self._db.session() as s:
            if wants_new_stash(stash_id):
                now = utcnow()
                row = FileStash(id=secrets.token_hex(_STASH_ID_LENGTH // 2), project_id=project_id, environment=environment,
                                external_user_id=external_user_id, created_at=now, expires_at=now + STASH_TTL)
                s.add(row)
                await s.commit()
                return row
            row = await s.get(FileStash, stash_id) if isinstance(stash_id, str) and len(stash_id) <= 64 else None
        owner = (project_id, environment, external_user_id)
        if row is None or (row.project_id, row.environment, row.external_user_id) != owner or row.expires_at <= utcnow():
            # One answer for "expired", "someone else's" and "never was": ids are not to be probed.
            raise StashNotFound(
                f"no File Stash {stash_id!r} for user {external_user_id!r} in this project's {environment} environment; "
                'stashes last 24 hours. Pass stash_id "NEW" for a new one'
            )
        return row

    async def stashed_files(self, stash: FileStash) -> list[StashedFile]:
        async with self._db.session() as s:
            rows = await s.execute(select(StashedFile).where(StashedFile.stash_id == stash.id).order_by(StashedFile.path))
            return list(rows.scalars())

    def stash_key(self, stash: FileStash, path: str) -> str:
        return f"{STASH_KEY_PREFIX}/{stash.project_id}/{stash.environment}/{stash.id}/u/{path}"

    async def save_stashed(self, stash: FileStash, path: str, source: Path, size: int, content_type: str) -> StashedFile:
        """Upload a /tmp file (`path` relative to /tmp) into the stash, replacing an older copy."""
        key = self.stash_key(stash, path)
        await self.store.put(key, source, content_type)
        values = {"stash_id": stash.id, "path": path, "key": key, "size": size,
                  "content_type": content_type, "updated_at": utcnow()}
        async with self._db.session() as s:
            await s.execute(self._db.upsert(StashedFile, values, key=("stash_id", "path")))
            await s.commit()
        return StashedFile(**values)

    async def stashed_by_key(self, project_id: str, environment: str, key: str) -> StashedFile:
        """A stashed file by its object key (`s3Key`), if its stash is this environment's and alive."""
        parts = key.split("/", 5)  # 1day/<project>/<environment>/<stash id>/u/<path>
        found: StashedFile | None = None
        if len(parts) == 6 and parts[0] == STASH_KEY_PREFIX and parts[4] == "u":
            async with self._db.session() as s:
                found = await s.get(StashedFile, (parts[3], parts[5]))
                stash = await s.get(FileStash, parts[3]) if found is not None else None
            if (
                stash is None
                or (stash.project_id, stash.environment) != (project_id, environment)
                or stash.expires_at <= utcnow()
            ):
                found = None
        if found is None or found.key != key:
            raise FileNotFound(
                f"no File Stash file {key!r} in this project's {environment} environment (files last 24 hours)"
            )
        return found

    # File Stash files as MCP resources, for their owner

    async def owned_stashed_file(self, project_id: str, environment: str, external_user_id: str, stash_id: str,
                                 path: str) -> StashedFile:
        """A file of one of the user's unexpired stashes; `FileNotFound` otherwise."""
        stash, row = None, None
        if len(stash_id) <= 64 and len(path) <= 500:  # longer ids and paths are never stored
            async with self._db.session() as s:
                stash = await s.get(FileStash, stash_id)
                row = await s.get(StashedFile, (stash_id, path)) if stash is not None else None
        owner = (project_id, environment, external_user_id)
        if stash is None or row is None or (stash.project_id, stash.environment, stash.external_user_id) != owner \
                or stash.expires_at <= utcnow():
            # One answer for "expired", "someone else's" and "never was", as for stash ids.
            raise FileNotFound(
                f"no file /tmp/{path} in a File Stash {stash_id!r} of user {external_user_id!r} in this project's "
                f"{environment} environment; stashes last 24 hours, so run the tool that made the file again"
            )
        return row

    async def recent_stashed_files(
        self, project_id: str, environment: str, external_user_id: str, *, limit: int,
        after: tuple[datetime, str, str] | None = None,
    ) -> list[tuple[StashedFile, FileStash]]:
        """The files of the user's unexpired stashes, the most recently written first, with
        their stashes; `after` is the (updated_at, stash_id, path) of the last one already seen."""
        query = (
            select(StashedFile, FileStash).join(FileStash, FileStash.id == StashedFile.stash_id)
            .where(FileStash.project_id == project_id, FileStash.environment == environment,
                   FileStash.external_user_id == external_user_id, FileStash.expires_at > utcnow())
            .order_by(StashedFile.updated_at.desc(), StashedFile.stash_id, StashedFile.path)
            .limit(limit)
        )
        if after is not None:
            updated_at, stash_id, path = after
            query = query.where(or_(
                StashedFile.updated_at < updated_at,
                and_(StashedFile.updated_at == updated_at, or_(
                    StashedFile.stash_id > stash_id,
                    and_(StashedFile.stash_id == stash_id, StashedFile.path > path),
                )),
            ))
        async with self._db.session() as s:
            return [(row, stash) for row, stash in (await s.execute(query)).all()]

    async def read_stashed(self, row: StashedFile, limit: int) -> bytes:
        """A stashed file's bytes; `FileTooLarge` past `limit`, `FileNotFound` if its object is gone."""
        too_large = FileTooLarge(f"/tmp/{row.path} is larger than the {limit} bytes read at once")
        if row.size > limit:
            raise too_large
        stored = await self.store.open(row.key)
        data = bytearray()
        try:
            async for chunk in stored.chunks:
                data += chunk
                if len(data) > limit:  # replaced by a larger file since the row was read
                    raise too_large
        finally:
            close = getattr(stored.chunks, "aclose", None)
            if close is not None:
                await close()
        return bytes(data)

    async def url(self, key: str, content_type: str, name: str) -> str:
        return await self.store.url(key, expires_in=URL_TTL, content_type=content_type, filename=name)

    # Expiry

    def start(self) -> None:
        """Delete expired stashes and files every few minutes until `close()`."""
        if self._sweeper is None:
            self._sweeper = asyncio.create_task(self._sweep_forever(), name="file-sweeper")

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:  # storage or database briefly away: try again next round
                logger.exception("deleting expired files failed")
            await asyncio.sleep(self._sweep_every)

    async def sweep(self, now: datetime | None = None) -> int:
        """Delete expired stashes (with their files) and expired ingested files; how many went."""
        now = now or utcnow()
        removed = 0
        while True:
            stashes, keys, ingested = await self._expired(now)
            if not stashes and not ingested:
                return removed
            # Objects first: a row left behind by a failure here is found again next time.
            await self.store.delete(keys)
            async with self._db.session() as s:
                await s.execute(delete(StashedFile).where(StashedFile.stash_id.in_(stashes)))
                await s.execute(delete(FileStash).where(FileStash.id.in_(stashes)))
                await s.execute(delete(IngestedFile).where(IngestedFile.id.in_(ingested)))
                await s.commit()
            removed += len(stashes) + len(ingested)

    async def _expired(self, now: datetime) -> tuple[list[str], list[str], list[str]]:
        """A batch of expired stash ids, ingested file ids, and the object keys of both."""
        async with self._db.session() as s:
            stashes = list((await s.execute(
                select(FileStash.id).where(FileStash.expires_at <= now).limit(_SWEEP_BATCH)
            )).scalars())
            keys = list((await s.execute(
                select(StashedFile.key).where(StashedFile.stash_id.in_(stashes))
            )).scalars())
            ingested = (await s.execute(
                select(IngestedFile.id, IngestedFile.key).where(IngestedFile.expires_at <= now).limit(_SWEEP_BATCH)
            )).all()
        return stashes, keys + [key for _, key in ingested], [file_id for file_id, _ in ingested]

    async def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            await asyncio.gather(self._sweeper, return_exceptions=True)
            self._sweeper = None
        await self.store.close()


def _measure(data: bytes | BinaryIO, limit: int) -> tuple[int, str, bytes]:
    """Size, SHA-256 and first bytes of `data`, reading no further than just past `limit`."""
    if isinstance(data, bytes):
        return len(data), hashlib.sha256(data).hexdigest(), data[:HEAD]
    data.seek(0)
    digest = hashlib.sha256()
    head = b""
    size = 0
    while chunk := data.read(1024 * 1024):
        if not head:
            head = chunk[:HEAD]
        size += len(chunk)
        if size > limit:
            break
        digest.update(chunk)
    data.seek(0)
    return size, digest.hexdigest(), head


def _duration(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours / 24:g} days" if hours >= 24 else f"{hours:g} hours"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"
