import asyncio
import base64
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, upstream_error

API = "https://api.anthropic.com/v1"
API_VERSION = "2023-06-01"
# The Files API is in beta: every request to it (and every message that refers to an
# uploaded file) carries this header.
FILES_BETA = {"anthropic-beta": "files-api-2025-04-14"}

_TYPE_HINTS = {
    "authentication_error": "Anthropic rejected the API key; the user should reconnect Anthropic with a valid key",
    "permission_error": "this API key may not use that resource (model, workspace or file)",
    "not_found_error": "check the ID passed (model, batch or file); list them to find a valid one",
    "request_too_large": "the request is too big (32 MB for messages); upload large files with anthropic-upload-file",
    "billing_error": "the account has a billing problem; fix it in the Anthropic Console (retrying will not help)",
    "overloaded_error": "Anthropic is temporarily overloaded; retry in a little while",
}


def _headers(auth):
    return {"x-api-key": str(auth.get("api_key") or ""), "anthropic-version": API_VERSION}


async def _account_test(ctx):
    """List one model (a cheap call that needs a valid key); Anthropic names the key's
    organization in the `anthropic-organization-id` response header."""
    response = await request(ctx, "GET", "/models", params={"limit": 1})
    organization = response.headers.get("anthropic-organization-id")
    key = str(ctx.auth.get("api_key") or "")
    if organization:
        return Identity(name=f"Anthropic organization {organization}", external_id=organization)
    return Identity(name=f"Anthropic key …{key[-4:]}" if len(key) > 8 else "Anthropic API key")


app = App(
    "anthropic",
    "Anthropic (Claude)",
    "Ask Claude models to write, analyze images and PDFs, and count tokens; run large jobs as batches of prompts; "
    "and manage files uploaded to Anthropic, with the connected Anthropic API key.",
    auth=Keys(
        fields=[
            KeyField(
                "api_key",
                "API Key",
                "A key from https://console.anthropic.com/settings/keys, starting with `sk-ant-`.",
            ),
        ]
    ),
    categories=["Artificial Intelligence"],
    featured_weight=85,
    base_url=API,
    allowed_domains=["api.anthropic.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors


def anthropic_error(method, response):
    """An error for an answer shaped `{"type": "error", "error": {"type", "message"}, "request_id"}`."""
    generic = upstream_error(app.name, method, response)
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or not error.get("type"):
        return generic
    kind, message = error["type"], error.get("message") or ""
    hint = _TYPE_HINTS.get(kind)
    if "credit balance" in message.lower():
        hint = _TYPE_HINTS["billing_error"]
    if hint is None:
        return generic  # the generic hints cover rate limits (with Retry-After) and invalid requests
    request_id = body.get("request_id") or response.headers.get("request-id")
    tail = f" [request {request_id}]" if request_id else ""
    return UpstreamError(
        f"Anthropic API error {response.status_code} `{kind}` on {method} {response.request.url.path}: "
        f"{message} ({hint}){tail}",
        status=response.status_code,
        retry_after=generic.retry_after,
        body=generic.body,
    )


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise anthropic_error(method, response)
    return response


async def call(ctx, method, path, **kw):
    """A JSON API call; returns the decoded body."""
    response = await request(ctx, method, path, **kw)
    try:
        return response.json()
    except ValueError:
        raise ActionError(f"Anthropic {method} {path} answered with something other than JSON: {response.text[:200]!r}") from None


def quoted(value):
    return quote(str(value), safe="")


def page_params(after=None, limit=None):
    params = {}
    if limit:
        params["limit"] = limit
    if after:
        params["after_id"] = after
    return params


def next_after(data):
    """The cursor for the next page of a list answer (`has_more` with `last_id`), or None."""
    return data.get("last_id") if data.get("has_more") else None


# Messages


def text_of(message):
    return "".join(block.get("text", "") for block in message.get("content") or [] if block.get("type") == "text")


def message_result(message):
    return {
        "id": message.get("id"),
        "model": message.get("model"),
        "text": text_of(message),
        "stop_reason": message.get("stop_reason"),
        "usage": message.get("usage"),
    }


def conversation(ctx, content):
    """Earlier turns (if any) and then the user's new turn with `content`."""
    messages = []
    for i, turn in enumerate(ctx.props.get("messages") or []):
        if turn.get("role") not in ("user", "assistant") or not turn.get("content"):
            raise ActionError(
                f"messages[{i}] must look like {{\"role\": \"user\" or \"assistant\", \"content\": \"...\"}}"
            )
        messages.append({"role": turn["role"], "content": turn["content"]})
    messages.append({"role": "user", "content": content})
    return messages


def stop_note(message):
    reason = message.get("stop_reason")
    if reason == "max_tokens":
        return " (cut off at max tokens)"
    if reason == "refusal":
        return " (Claude declined)"
    return ""


# Files in /tmp

_IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_SIGNATURES = [
    (b"%PDF", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
]


def media_type(name, data):
    """The media type Claude accepts for a file: an image type, `application/pdf` or `text/plain`."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in _IMAGE_TYPES:
        return _IMAGE_TYPES[extension]
    if extension in ("txt", "md", "csv", "json", "html", "xml", "log"):
        return "text/plain"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def content_block(kind, data=None, file_id=None):
    """An image or document block for a message, from base64 bytes or an uploaded file."""
    if file_id:
        source = {"type": "file", "file_id": file_id}
    elif kind == "text/plain":
        source = {"type": "text", "media_type": "text/plain", "data": data.decode("utf-8", errors="replace")}
    else:
        source = {"type": "base64", "media_type": kind, "data": base64.b64encode(data).decode("ascii")}
    return {"type": "image" if kind.startswith("image/") else "document", "source": source}


async def read_tmp_file(ctx, file_path):
    path = ctx.tmp_path(file_path)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{file_path} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
        ) from None
    if not data:
        raise ActionError(f"{file_path} is empty; Anthropic does not accept empty files")
    return path, data


async def save_tmp_file(ctx, file_path, data):
    target = ctx.tmp_path(file_path)

    def write():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    await asyncio.to_thread(write)
    return target


# Remote options


async def _paged_options(ctx, path, to_option, headers=None):
    after = ctx.prev_context.get("after")
    if ctx.page > 0 and not after:
        return []
    data = await call(ctx, "GET", path, params=page_params(after, 100), headers=headers)
    following = next_after(data)
    return OptionsPage(
        options=[to_option(item) for item in data.get("data") or []],
        context={"after": following} if following else None,
    )


async def model_options(ctx):
    return await _paged_options(
        ctx, "/models", lambda m: Option(label=f"{m.get('display_name') or m['id']} ({m['id']})", value=m["id"]),
    )


async def batch_options(ctx):
    return await _paged_options(
        ctx,
        "/messages/batches",
        lambda b: Option(label=f"{b['id']} ({b.get('processing_status')}, created {b.get('created_at')})", value=b["id"]),
    )


async def file_options(ctx):
    return await _paged_options(
        ctx, "/files", lambda f: Option(label=f"{f.get('filename')} ({f['id']})", value=f["id"]), headers=FILES_BETA,
    )


def batch_summary(batch):
    return {
        "id": batch.get("id"),
        "processing_status": batch.get("processing_status"),
        "request_counts": batch.get("request_counts"),
        "created_at": batch.get("created_at"),
        "ended_at": batch.get("ended_at"),
        "expires_at": batch.get("expires_at"),
        "cancel_initiated_at": batch.get("cancel_initiated_at"),
        "archived_at": batch.get("archived_at"),
        "results_url": batch.get("results_url"),
    }


def file_summary(f):
    return {
        "id": f.get("id"),
        "filename": f.get("filename"),
        "mime_type": f.get("mime_type"),
        "size_bytes": f.get("size_bytes"),
        "created_at": f.get("created_at"),
        "downloadable": f.get("downloadable"),
    }


# Shared props

app.define(
    "model",
    props.string(
        "Model",
        "The Claude model, e.g. `claude-sonnet-4-5` (balanced), `claude-opus-4-1` (most capable) or "
        "`claude-haiku-4-5` (fastest). The choices list the models this API key can use.",
        options=model_options,
        default="claude-sonnet-4-5",
    ),
)

app.define(
    "system",
    props.string(
        "System Prompt",
        "Instructions that set Claude's role and rules, e.g. `You are a meticulous editor. Answer in British English.`",
        optional=True,
    ),
)

app.define(
    "maxTokens",
    props.integer(
        "Max Tokens",
        "The most tokens Claude may write before stopping, e.g. `1024`; the reply stops early with "
        "`stop_reason: max_tokens` if it runs out.",
        min=1,
        default=1024,
    ),
)

app.define(
    "temperature",
    props.any_value(
        "Temperature",
        "Randomness from 0 to 1: near 0 for analytical or multiple-choice answers, near 1 for creative writing. "
        "Defaults to 1.",
        optional=True,
        json_schema={"type": "number", "minimum": 0, "maximum": 1},
    ),
)

app.define(
    "messages",
    props.object_list(
        "Earlier Messages",
        "Earlier turns of the conversation, oldest first, each `{\"role\": \"user\" or \"assistant\", \"content\": "
        "\"...\"}`, alternating and starting with `user`. The new message is added after them.",
        optional=True,
    ),
)

app.define(
    "batch",
    props.string(
        "Message Batch",
        "The ID of a message batch, e.g. `msgbatch_013Zva2CMHLNnXjNJJKqJ2EF`, as returned by "
        "anthropic-create-message-batch. The choices list the account's batches, newest first.",
        options=batch_options,
    ),
)

app.define(
    "file",
    props.string(
        "File",
        "The ID of a file uploaded to Anthropic, e.g. `file_011CNha8iCJcU1wXNR6q4V8w`, as returned by "
        "anthropic-upload-file or anthropic-list-files. The choices list the account's files.",
        options=file_options,
    ),
)
