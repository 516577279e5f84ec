"""Test servers for files: moto's S3 API server, and the gateway with its file store wired in."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from typing import Any

import boto3
import uvicorn
from moto.server import ThreadedMotoServer

from mcp_gateway import app as app_module
from mcp_gateway.api import files as files_api
from mcp_gateway.app import Gateway, create_app
from mcp_gateway.files import Files
from tests.support import GatewayServer, free_port

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


class FilesGatewayServer(GatewayServer):
    """The whole gateway with the file store and its REST endpoints, whether or not
    `mcp_gateway.app` wires them in itself yet."""

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.gateway = await Gateway.open(self.settings)
        if self.gateway.runtime.files is None:
            self.gateway.runtime.files = Files.from_settings(self.settings, self.gateway.db)
        modules = app_module.API_MODULES
        if files_api not in modules:
            app_module.API_MODULES = (*modules, files_api)
        try:
            app = create_app(self.settings, self.gateway, bind_host="127.0.0.1")
        finally:
            app_module.API_MODULES = modules
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        serving = asyncio.create_task(self._server.serve())
        while not self._server.started and not serving.done():
            await asyncio.sleep(0.01)
        self._ready.set()
        await serving

    @property
    def files(self) -> Files:
        assert self.gateway is not None and self.gateway.runtime.files is not None
        return self.gateway.runtime.files
