from __future__ import annotations

import pytest

from tests.support import GatewayServer, gateway_settings


@pytest.fixture(scope="session")
def uv_cache(tmp_path_factory):
    """One uv cache for every `uvx --from <checkout>` in the run: the checkout is built once."""
    return tmp_path_factory.mktemp("uv-cache")


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_backend):
    # Loopback is opened as an operator would for local upstreams (the tests' PostgreSQL server);
    # every other internal range stays refused.
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend, private_networks=("127.0.0.0/8",))
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def project(server):
    project = server.create_project()
    project["token"] = server.token(project)
    return project


@pytest.fixture
def pd_headers(project):
    """The hosted server's parameter headers, for user `user-1` and the http app."""
    return {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
        "x-pd-external-user-id": "user-1",
        "x-pd-app-slug": "http",
        "x-pd-tool-mode": "tools-only",
    }
