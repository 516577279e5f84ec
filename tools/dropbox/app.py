import json
import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, upstream_error

API = "https://api.dropboxapi.com/2"
CONTENT = "https://content.dropboxapi.com/2"


async def _account_test(ctx):
    """The account the token belongs to (`users/get_current_account`, which takes no arguments)."""
    account = await rpc(ctx, "users/get_current_account")
    name = (account.get("name") or {}).get("display_name")
    if account.get("email"):
        name = f"{name} <{account['email']}>" if name else account["email"]
    return Identity(name=name, external_id=account.get("account_id"))


app = App(
    "dropbox",
    "Dropbox",
    "List, search, upload, download, move, copy, delete and share files and folders in the connected Dropbox account.",
    auth=OAuth(
        authorize_url="https://www.dropbox.com/oauth2/authorize",
        token_url="https://api.dropboxapi.com/oauth2/token",
        scopes=[
            "account_info.read",
            "files.metadata.read",
            "files.metadata.write",
            "files.content.read",
            "files.content.write",
            "sharing.read",
            "sharing.write",
        ],
        pkce=True,
        # Without `offline` Dropbox issues only a 4-hour access token and no refresh token.
        extra_authorize_params={"token_access_type": "offline"},
    ),
    categories=["File Storage"],
    featured_weight=80,
    base_url=API,
    # Upload and download endpoints live on the content host and take the same token.
    allowed_domains=["api.dropboxapi.com", "content.dropboxapi.com"],
    test=_account_test,
)


# Errors

# What to do about the error tags Dropbox answers 409 with (its `error_summary`, e.g. `path/not_found/..`).
ERROR_HINTS = (
    (
        "not_found",
        "nothing exists at that path; paths start with `/` and dropbox-list-folder or dropbox-search show "
        "what is there",
    ),
    ("malformed_path", "the path is not valid; write it like `/Reports/2025/q2.pdf`"),
    (
        "conflict",
        "something already exists at that path; choose another path, or set autorename to let Dropbox pick a free name",
    ),
    ("not_file", "that path is a folder, not a file"),
    ("not_folder", "that path is a file, not a folder"),
    ("restricted_content", "Dropbox does not allow this for that content (e.g. copyright-restricted files)"),
    ("insufficient_space", "the Dropbox account is out of space"),
    ("no_write_permission", "the account may not write there (e.g. a read-only shared folder)"),
    ("too_many_write_operations", "too many writes to this namespace at once; retry in a moment"),
    ("too_many_files", "the operation involves too many files; work on smaller folders"),
    ("cant_move_folder_into_itself", "a folder cannot be moved or copied into itself"),
    ("duplicated_or_nested_paths", "the source and destination overlap"),
    ("email_not_verified", "the Dropbox account's email must be verified before creating shared links"),
    ("shared_link_access_denied", "the account may not share this item"),
    (
        "settings_error",
        "the link settings are not allowed for this account (e.g. passwords or expiry need a paid plan)",
    ),
)


def dropbox_error(method, response):
    """UpstreamError with Dropbox's `error_summary` and a hint for its common 409 error tags.

    Dropbox answers endpoint errors with 409 and `{"error_summary": "path/not_found/..",
    "error": {".tag": "path", "path": {".tag": "not_found"}}}`; bad arguments with a 400 and
    a plain-text explanation; rate limits with 429, `Retry-After` and `too_many_requests`.
    """
    base = upstream_error(app.name, method, response)
    try:
        body = response.json()
    except ValueError:
        return base
    summary = body.get("error_summary") if isinstance(body, dict) else None
    if not summary:
        return base
    parts = [summary.rstrip("./")]
    if body.get("user_message"):
        message = body["user_message"]
        parts.append(message.get("text") if isinstance(message, dict) else str(message))
    hint = next((h for tag, h in ERROR_HINTS if tag in summary), None)
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    if summary.startswith("missing_scope"):
        scope = error.get("required_scope")
        parts.append(
            f"the connection was not granted the `{scope or 'needed'}` permission; reconnect Dropbox and approve it "
            "(the Dropbox app must have that scope enabled in its Permissions tab)"
        )
    elif hint and response.status_code == 409:
        parts.append(hint)
    return UpstreamError(
        f"{base} [{'; '.join(p for p in parts if p)}]", status=base.status, retry_after=base.retry_after, body=base.body
    )


async def request(ctx, url, **kw):
    response = await ctx.http.request("POST", url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise dropbox_error("POST", response)
    return response


async def rpc(ctx, endpoint, args=None):
    """Call an RPC endpoint (`files/list_folder`...): JSON in, JSON out; no body when there are no arguments."""
    if args is None:
        response = await request(ctx, f"{API}/{endpoint}")
    else:
        response = await request(ctx, f"{API}/{endpoint}", json=args)
    return response.json()


def api_arg(args):
    """The `Dropbox-API-Arg` header of a content endpoint: JSON with every non-ASCII character escaped."""
    return json.dumps(args, ensure_ascii=True, separators=(",", ":"))


# Paths


def path_arg(value, *, root_ok=False):
    """A Dropbox path: `/folder/file.txt`, or an `id:`/`rev:`/`ns:` reference; the root is `""`."""
    text = str(value if value is not None else "").strip()
    if text.startswith(("id:", "rev:", "ns:")):
        return text
    if text in ("", "/"):
        if root_ok:
            return ""
        raise ActionError("give a path below the root, e.g. `/Reports/q2.pdf`")
    if text.startswith(("http://", "https://")):
        raise ActionError(f"{value!r} is a URL; give the Dropbox path instead, e.g. `/Reports/q2.pdf`")
    text = re.sub(r"/{2,}", "/", "/" + text.lstrip("/")).rstrip("/")
    return text


def metadata_of(result):
    """The file or folder a write endpoint (`copy_v2`, `move_v2`...) reports, in its trimmed form."""
    return entry_summary((result or {}).get("metadata") or {})


def link_summary(link):
    permissions = link.get("link_permissions") or {}
    return {
        "url": link.get("url"),
        "name": link.get("name"),
        "path_lower": link.get("path_lower"),
        "id": link.get("id"),
        "type": link.get(".tag"),
        "expires": link.get("expires"),
        "audience": (permissions.get("effective_audience") or {}).get(".tag"),
        "allow_download": permissions.get("allow_download"),
    }


def entry_summary(entry):
    """A file or folder's metadata, as Dropbox describes it, without the rarely needed parts."""
    kind = entry.get(".tag")
    out = {
        "type": kind,
        "name": entry.get("name"),
        "path_display": entry.get("path_display"),
        "path_lower": entry.get("path_lower"),
        "id": entry.get("id"),
    }
    if kind == "file":
        out.update(
            size=entry.get("size"),
            client_modified=entry.get("client_modified"),
            server_modified=entry.get("server_modified"),
            rev=entry.get("rev"),
            content_hash=entry.get("content_hash"),
            is_downloadable=entry.get("is_downloadable"),
        )
    if entry.get("sharing_info"):
        out["read_only"] = (entry.get("sharing_info") or {}).get("read_only")
    return {k: v for k, v in out.items() if v is not None}


# Remote options


async def _walk_options(ctx, *, folders_only):
    """Entries of the whole account, listed from the root recursively, a page at a time with the cursor."""
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []
    if cursor:
        data = await rpc(ctx, "files/list_folder/continue", {"cursor": cursor})
    else:
        data = await rpc(ctx, "files/list_folder", {"path": "", "recursive": True, "limit": 2000})
    entries = [e for e in data.get("entries") or [] if e.get(".tag") == "folder" or (not folders_only and e.get(".tag") == "file")]
    options = [Option(label=e["path_display"], value=e["path_display"]) for e in entries]
    if folders_only and not cursor:
        options.insert(0, Option(label="/ (root)", value="/"))
    return OptionsPage(options=options, context={"cursor": data["cursor"]} if data.get("has_more") else None)


async def folder_options(ctx):
    return await _walk_options(ctx, folders_only=True)


async def path_options(ctx):
    return await _walk_options(ctx, folders_only=False)


async def collect_entries(ctx, first, *, limit, cursor, key, more_endpoint):
    """Entries (under `key`) of a Dropbox list that pages with `has_more` and `cursor`: the first
    page from `first()` (or `cursor` continued), then continued until at least `limit` entries.
    Dropbox's pages cannot be cut, so the last one may take the count a little past `limit`."""
    data = await rpc(ctx, more_endpoint, {"cursor": cursor}) if cursor else await first()
    entries = list(data.get(key) or [])
    while data.get("has_more") and len(entries) < limit:
        data = await rpc(ctx, more_endpoint, {"cursor": data["cursor"]})
        entries.extend(data.get(key) or [])
    return entries, (data.get("cursor") if data.get("has_more") else None)


app.define(
    "path",
    props.string(
        "Path",
        "The Dropbox path of a file or folder, starting with `/`, e.g. `/Reports/2025/q2.pdf` (case does not matter). "
        "An `id:...` from another Dropbox tool works too. dropbox-list-folder and dropbox-search show paths; the "
        "choices list the account's files and folders.",
        options=path_options,
    ),
)

app.define(
    "folder",
    props.string(
        "Folder",
        "The path of a Dropbox folder, starting with `/`, e.g. `/Reports/2025`; `/` is the root. The choices list "
        "the account's folders.",
        options=folder_options,
    ),
)

app.define(
    "autorename",
    props.boolean(
        "Autorename",
        "`true` to let Dropbox add a number to the name (`report (1).pdf`) when the destination is taken, instead "
        "of failing.",
        default=False,
    ),
)
