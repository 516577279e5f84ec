"""`mcp-gateway` command lines the gateway tells people to run on its own machine: `uvx --from` this
gateway's code, with the environment that reaches the same database, secret key and apps. The
catalog page shows them for Claude Desktop; stdio's account hint prints one."""

from __future__ import annotations

import functools
import importlib.metadata
import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import mcp_gateway
from mcp_gateway.config import Settings, default_database_url

# `uvx --from mcp-gateway` would install the unrelated package of that name from PyPI.
SOURCE_PLACEHOLDER = "git+<URL of the mcp-gateway repository this gateway was installed from>"


@functools.cache
def uvx_source() -> str | None:
    """What `uvx --from` starts this gateway from: its checkout, or the git commit or folder the
    installed package records (PEP 610); None when it records neither."""
    checkout = Path(mcp_gateway.__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file():
        return str(checkout)
    try:
        recorded = importlib.metadata.distribution("mcp-gateway").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None
    origin = json.loads(recorded or "{}")
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git":
        return f"git+{origin['url']}@{vcs['commit_id']}"
    folder = Path(url2pathname(urlsplit(origin.get("url", "")).path))
    if "dir_info" in origin and (folder / "pyproject.toml").is_file():
        return str(folder)
    return None


def stdio_environment(settings: Settings) -> tuple[dict[str, str], list[str]]:
    """The variables that give `mcp-gateway stdio` this gateway's database, secret key and apps, and
    the names of those the page must not show (secrets), which the user adds with the server's values."""
    env = {"MCP_GATEWAY_DATA_DIR": str(settings.data_dir)}
    if settings.custom_tools_dir is not None:
        env["MCP_GATEWAY_CUSTOM_TOOLS_DIR"] = str(settings.custom_tools_dir)
    withheld = []
    if settings.database_url != default_database_url(settings.data_dir):
        withheld.append("MCP_GATEWAY_DATABASE_URL")
    key_file = settings.data_dir / "secret.key"
    if not key_file.is_file() or key_file.read_text().strip().encode() != settings.secret_key:
        withheld.append("MCP_GATEWAY_SECRET_KEY")
    if settings.previous_secret_keys:
        withheld.append("MCP_GATEWAY_PREVIOUS_SECRET_KEYS")
    return env, withheld


def stdio_command(source: str | None, *args: str) -> list[str]:
    """`uvx` running this gateway's `mcp-gateway` with `args`."""
    return ["uvx", "--from", source or SOURCE_PLACEHOLDER, "mcp-gateway", *args]


def accounts_add_args(*, app_slug: str, project_id: str, environment: str, external_user_id: str) -> list[str]:
    """`mcp-gateway`'s arguments that store a user's account (its credentials read as JSON from stdin)."""
    return ["accounts", "add", "--app", app_slug, "--project-id", project_id, "--environment", environment,
            "--external-user-id", external_user_id]


def shell_line(env: Mapping[str, str], command: list[str]) -> str:
    return shlex.join([f"{name}={value}" for name, value in env.items()] + command)


@dataclass(frozen=True, slots=True)
class LocalCommands:
    """How a person at this machine runs `mcp-gateway` on the running gateway's store and apps."""

    env: Mapping[str, str]
    withheld: tuple[str, ...]  # secret variables the command needs too, with the server's values
    source: str | None

    @classmethod
    def of(cls, settings: Settings) -> LocalCommands:
        env, withheld = stdio_environment(settings)
        return cls(env, tuple(withheld), uvx_source())

    def accounts_add(self, app_slug: str, project_id: str, environment: str, external_user_id: str) -> str:
        args = accounts_add_args(app_slug=app_slug, project_id=project_id, environment=environment,
                                 external_user_id=external_user_id)
        # With no source to name, this process runs an installed `mcp-gateway`: the same one adds accounts.
        return shell_line(self.env, stdio_command(self.source, *args) if self.source else ["mcp-gateway", *args])
