from __future__ import annotations

import pytest

from tests.support import GatewayServer, gateway_settings, parameter_headers


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
    return parameter_headers(project)
