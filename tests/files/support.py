"""moto's S3 API server, for the S3 file store."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from tests.support import free_port

S3_KEYS = {"access_key_id": "test-access-key", "secret_access_key": "test-secret-key", "region": "us-east-1"}


@dataclass
class S3Server:
    server: ThreadedMotoServer
    endpoint_url: str

    @classmethod
    def start(cls) -> S3Server:
        port = free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        return cls(server, f"http://127.0.0.1:{port}")

    def stop(self) -> None:
        self.server.stop()

    @property
    def options(self) -> dict[str, Any]:
        return {"endpoint_url": self.endpoint_url, **S3_KEYS}

    def client(self) -> Any:
        return boto3.client("s3", endpoint_url=self.endpoint_url, aws_access_key_id=S3_KEYS["access_key_id"],
                            aws_secret_access_key=S3_KEYS["secret_access_key"], region_name=S3_KEYS["region"])

    def create_bucket(self) -> str:
        name = f"files-{secrets.token_hex(6)}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def settings(self, bucket: str) -> dict[str, Any]:
        """Gateway settings for the s3 file store on this server."""
        return {"file_store": "s3", "s3_file_bucket": bucket, "s3_endpoint_url": self.endpoint_url,
                "s3_region": S3_KEYS["region"], "s3_access_key_id": S3_KEYS["access_key_id"],
                "s3_secret_access_key": S3_KEYS["secret_access_key"]}
