"""The few S3 calls the S3 destination makes, over one long-lived async client.

Any S3-compatible endpoint works (MinIO, moto, R2): with an endpoint URL, buckets are
addressed by path, which every such server accepts. aiobotocore is imported on the first
call: it takes longer to import than the rest of the gateway, and most gateways never
write to S3.
"""

from __future__ import annotations

import contextlib
from typing import Any


class S3Error(Exception):
    """An S3 call failed. The message is one line, without request signatures or credentials."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class S3Client:
    def __init__(
        self,
        *,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        self._endpoint_url = endpoint_url
        self._options: dict[str, Any] = {
            "region_name": region,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
        }
        self._stack: contextlib.AsyncExitStack | None = None
        self._client: Any = None

    async def _call(self, operation: str, **params: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return await getattr(await self._s3(), operation)(**params)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = error.get("Code")
            raise S3Error(f"S3 answered {code or 'an error'}: {error.get('Message', '')}".strip(), code) from None
        except BotoCoreError as exc:
            raise S3Error(f"could not reach S3: {type(exc).__name__}") from None

    async def _s3(self) -> Any:
        if self._client is None:
            from aiobotocore.session import get_session
            from botocore.config import Config

            config = Config(
                s3={"addressing_style": "path" if self._endpoint_url else "auto"},
                # The destination retries on its own schedule; a few quick ones ride out blips.
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=10,
                read_timeout=60,
            )
            self._stack = contextlib.AsyncExitStack()
            self._client = await self._stack.enter_async_context(
                get_session().create_client("s3", config=config, **self._options)
            )
        return self._client

    async def close(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
        self._stack = self._client = None

    async def put(self, bucket: str, key: str, body: bytes) -> None:
        await self._call("put_object", Bucket=bucket, Key=key, Body=body, ContentType="application/gzip")

    async def start_multipart(self, bucket: str, key: str) -> str:
        answer = await self._call("create_multipart_upload", Bucket=bucket, Key=key, ContentType="application/gzip")
        return str(answer["UploadId"])

    async def put_part(self, bucket: str, key: str, upload_id: str, number: int, body: bytes) -> dict[str, Any]:
        answer = await self._call("upload_part", Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body)
        return {"PartNumber": number, "ETag": answer["ETag"]}

    async def complete_multipart(self, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]) -> None:
        await self._call("complete_multipart_upload", Bucket=bucket, Key=key, UploadId=upload_id,
                         MultipartUpload={"Parts": parts})

    async def abort_multipart(self, bucket: str, key: str, upload_id: str) -> None:
        """Drop an unfinished upload's parts; one that is already gone is fine."""
        try:
            await self._call("abort_multipart_upload", Bucket=bucket, Key=key, UploadId=upload_id)
        except S3Error as exc:
            if exc.code not in ("NoSuchUpload", "404"):
                raise
