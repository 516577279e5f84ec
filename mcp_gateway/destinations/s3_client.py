"""The few S3 calls the S3 destination makes, over one long-lived async client.

Any S3-compatible endpoint works (MinIO, moto, R2): with an endpoint URL, buckets are
addressed by path, which every such server accepts.
"""

from __future__ import annotations

import contextlib
from typing import Any

from aiobotocore.session import get_session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

S3Error = (BotoCoreError, ClientError)


class S3Client:
    def __init__(
        self,
        *,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "region_name": region,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
            "config": Config(
                s3={"addressing_style": "path" if endpoint_url else "auto"},
                # The destination retries on its own schedule; a few quick ones ride out blips.
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=10,
                read_timeout=60,
            ),
        }
        self._stack: contextlib.AsyncExitStack | None = None
        self._client: Any = None

    async def _s3(self) -> Any:
        if self._client is None:
            self._stack = contextlib.AsyncExitStack()
            self._client = await self._stack.enter_async_context(get_session().create_client("s3", **self._options))
        return self._client

    async def close(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
        self._stack = self._client = None

    async def put(self, bucket: str, key: str, body: bytes) -> None:
        s3 = await self._s3()
        await s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/gzip")

    async def start_multipart(self, bucket: str, key: str) -> str:
        s3 = await self._s3()
        answer = await s3.create_multipart_upload(Bucket=bucket, Key=key, ContentType="application/gzip")
        return str(answer["UploadId"])

    async def put_part(self, bucket: str, key: str, upload_id: str, number: int, body: bytes) -> dict[str, Any]:
        s3 = await self._s3()
        answer = await s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body)
        return {"PartNumber": number, "ETag": answer["ETag"]}

    async def complete_multipart(self, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]) -> None:
        s3 = await self._s3()
        await s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})

    async def abort_multipart(self, bucket: str, key: str, upload_id: str) -> None:
        """Drop an unfinished upload's parts; one that is already gone is fine."""
        s3 = await self._s3()
        try:
            await s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("NoSuchUpload", "404"):
                raise


def describe(exc: BaseException) -> str:
    """An S3 failure in one line, without request signatures or credentials."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return f"S3 answered {error.get('Code', 'an error')}: {error.get('Message', '')}".strip()
    return f"could not reach S3: {type(exc).__name__}"
