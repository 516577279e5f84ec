"""The OpenAPI document describes the whole API: schemathesis sends generated requests, valid
and not, to a real gateway and checks that none gets a 5xx or an answer its schema does not allow.
Its strings include NUL, and (through tests/e2e/schemathesis_hooks.py) JSON bodies get lone surrogates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx


# Every call of the official SDK that the gateway serves.
SDK_OPERATIONS = {
    ("POST", "/v1/oauth/token"),
    ("GET", "/v1/connect/apps"),
    ("GET", "/v1/connect/apps/{app_id}"),
    ("GET", "/v1/connect/app_categories"),
    ("GET", "/v1/connect/app_categories/{id}"),
    ("GET", "/v1/connect/{project_id}/actions"),
    ("GET", "/v1/connect/{project_id}/actions/{component_id}"),
    ("POST", "/v1/connect/{project_id}/actions/configure"),
    ("POST", "/v1/connect/{project_id}/actions/props"),
    ("POST", "/v1/connect/{project_id}/actions/run"),
    ("GET", "/v1/connect/{project_id}/components"),
    ("GET", "/v1/connect/{project_id}/components/{component_id}"),
    ("POST", "/v1/connect/{project_id}/components/configure"),
    ("POST", "/v1/connect/{project_id}/components/props"),
    ("GET", "/v1/connect/{project_id}/accounts"),
    ("GET", "/v1/connect/{project_id}/accounts/{account_id}"),
    ("DELETE", "/v1/connect/{project_id}/accounts/{account_id}"),
    ("DELETE", "/v1/connect/{project_id}/apps/{app_id}/accounts"),
    ("GET", "/v1/connect/{project_id}/users/{external_user_id}/accounts"),
    ("GET", "/v1/connect/{project_id}/users"),
    ("DELETE", "/v1/connect/{project_id}/users/{external_user_id}"),
    ("POST", "/v1/connect/{project_id}/tokens"),
    ("GET", "/v1/connect/tokens/{token}/validate"),
    ("POST", "/v1/connect/rate_limits"),
    ("GET", "/v1/connect/{project_id}/file_stash/download"),
    *(("%s" % m, "/v1/connect/{project_id}/proxy/{url_64}") for m in ("GET", "POST", "PUT", "PATCH", "DELETE")),
}


def test_document_describes_every_sdk_operation(server):
    document = httpx.get(server.url + "/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    operations = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert SDK_OPERATIONS - operations == set()


def test_no_5xx_and_every_answer_fits_the_schema(server, project, tmp_path):
    """schemathesis's own runner, bounded in examples and time, against the live gateway."""
    config = tmp_path / "schemathesis.toml"
    hooks = Path(__file__).with_name("schemathesis_hooks.py")
    config.write_text(
        f"hooks = {json.dumps(str(hooks))}\n"
        "[generation]\nallow-x00 = true\n"
        # Most requests aim at the real project so they get past auth into the handlers.
        f'[parameters]\n"path.project_id" = "{project["project_id"]}"\n'
    )
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "st"), "--config-file", str(config), "run", server.url + "/v1/openapi.json",
            "-H", f"Authorization: Bearer {project['token']}",
            "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance",
            "--phases", "examples,coverage,fuzzing", "--max-examples", "10", "--max-time", "90", "--seed", "1", "--no-color",
        ],
        capture_output=True, text=True, timeout=400, cwd=tmp_path,  # its cache stays out of the checkout
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
