"""The S3 file store: objects in one bucket of AWS S3 or any S3-compatible service (MinIO,
Ceph, R2...), downloaded with presigned links.

boto3 is synchronous, so every call runs in a worker thread; one client serves them all
(boto3 clients are thread-safe).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import FileNotFound, FileStoreError
from .store import CHUNK, Source, StoredObject, check_key

_DELETE_BATCH = 1000  # the most keys one DeleteObjects request takes


class S3FileStore:
    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        self.bucket = bucket
        self._prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self._options = {
            "endpoint_url": endpoint_url,
            "region": region,
            "access_key_id": access_key_id,
            "secret_access_key": secret_access_key,
        }
        self._client: Any = None
        self._client_lock = asyncio.Lock()

    async def _s3(self) -> Any:
        # Made on first use, in a thread: building a client reads botocore's service models.
        if self._client is None:
            async with self._client_lock:
                if self._client is None:
                    self._client = await asyncio.to_thread(_make_client, **self._options)
        return self._client

    def _key(self, key: str) -> str:
        return self._prefix + check_key(key)

    async def _call(self, method: str, **kw: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        client = await self._s3()
        try:
            return await asyncio.to_thread(getattr(client, method), **kw)
        except ClientError as exc:
            if _missing(exc):
                raise FileNotFound(f"the stored file {kw.get('Key')!r} is gone") from None
            raise FileStoreError(f"file storage (S3) failed: {exc}") from None
        except BotoCoreError as exc:
            raise FileStoreError(f"file storage (S3) failed: {exc}") from None

    async def put(self, key: str, source: Source, content_type: str) -> None:
        extra = {"ContentType": content_type}
        if isinstance(source, Path):
            await self._call("upload_file", Filename=str(source), Bucket=self.bucket, Key=self._key(key), ExtraArgs=extra)
            return
        fileobj = io.BytesIO(source) if isinstance(source, bytes) else source
        await self._call("upload_fileobj", Fileobj=fileobj, Bucket=self.bucket, Key=self._key(key), ExtraArgs=extra)

    async def fetch(self, key: str, target: Path) -> None:
        await self._call("download_file", Bucket=self.bucket, Key=self._key(key), Filename=str(target))

    async def open(self, key: str) -> StoredObject:
        response = await self._call("get_object", Bucket=self.bucket, Key=self._key(key))
        return StoredObject(response.get("ContentLength"), _chunks(response["Body"]))

    async def url(self, key: str, *, expires_in: int, content_type: str, filename: str) -> str:
        params = {
            "Bucket": self.bucket,
            "Key": self._key(key),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        }
        return await self._call("generate_presigned_url", ClientMethod="get_object", Params=params, ExpiresIn=expires_in)

    async def delete(self, keys: Sequence[str]) -> None:
        names = [self._key(k) for k in keys]
        for start in range(0, len(names), _DELETE_BATCH):
            batch = [{"Key": name} for name in names[start : start + _DELETE_BATCH]]
            await self._call("delete_objects", Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})

    async def close(self) -> None:
        if self._client is not None:
            await asyncio.to_thread(self._client.close)
            self._client = None


def _make_client(
    *, endpoint_url: str | None, region: str | None, access_key_id: str | None, secret_access_key: str | None
) -> Any:
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=access_key_id, aws_secret_access_key=secret_access_key, region_name=region
    )
    # Services at their own endpoint (MinIO, a test server) want bucket-in-path addressing.
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": "path" if endpoint_url else "auto"},
        retries={"mode": "standard", "max_attempts": 3},
    )
    return session.client("s3", endpoint_url=endpoint_url, config=config)


def _missing(exc: Any) -> bool:
    error = exc.response.get("Error", {})
    return str(error.get("Code")) in ("404", "NoSuchKey", "NotFound")


async def _chunks(body: Any) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(body.read, CHUNK):
            yield chunk
    finally:
        body.close()
