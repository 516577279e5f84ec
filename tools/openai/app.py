import asyncio
import mimetypes
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, upstream_error

API = "https://api.openai.com/v1"

# 429 answers whose `error.type` or `error.code` say the account is out of credit or over a
# spending limit: waiting does not help, someone has to change billing.
_BILLING_CODES = {
    "insufficient_quota",
    "credit_balance_exhausted",
    "organization_spend_limit_exceeded",
    "project_spend_limit_exceeded",
    "organization_usage_limit_exceeded",
    "billing_hard_limit_reached",
}

_CODE_HINTS = {
    "invalid_api_key": "OpenAI rejected the API key; the user should reconnect OpenAI with a valid key",
    "model_not_found": "the model does not exist or this key cannot use it; pick one from the model choices",
    "context_length_exceeded": "the input is longer than the model's context window; shorten it or pick a model with a larger context",
    "unsupported_parameter": "this model does not accept one of the options given; leave that option out",
    "unsupported_value": "this model does not accept one of the values given; try the default",
    "content_policy_violation": "OpenAI's safety system refused the request; rephrase the prompt",
    "moderation_blocked": "OpenAI's safety system refused the request; rephrase the prompt",
}


def _headers(auth):
    headers = {"Authorization": f"Bearer {auth.get('api_key', '')}"}
    if auth.get("organization"):
        headers["OpenAI-Organization"] = auth["organization"]
    if auth.get("project"):
        headers["OpenAI-Project"] = auth["project"]
    return headers


async def _account_test(ctx):
    """List the models the key can use (a cheap call that needs a valid key); OpenAI names the
    organization the key belongs to in the `openai-organization` response header."""
    response = await request(ctx, "GET", "/models")
    organization = response.headers.get("openai-organization") or ctx.auth.get("organization")
    key = str(ctx.auth.get("api_key") or "")
    name = organization or (f"OpenAI key …{key[-4:]}" if len(key) > 8 else "OpenAI API key")
    return Identity(name=name, external_id=organization)


app = App(
    "openai",
    "OpenAI",
    "Generate and summarize text, classify content, create embeddings, check content with moderation, "
    "make images and speech, transcribe audio, and manage files with the connected OpenAI API key.",
    auth=Keys(
        fields=[
            KeyField(
                "api_key",
                "API Key",
                "A secret key from https://platform.openai.com/api-keys, starting with `sk-`.",
            ),
            KeyField(
                "organization",
                "Organization ID",
                "For keys that belong to several organizations: the organization to bill, e.g. `org-2LMrd0QiCg8dpH4vcpXa3hO3`.",
                secret=False,
                optional=True,
            ),
            KeyField(
                "project",
                "Project ID",
                "For keys that reach several projects: the project to use, e.g. `proj_Yq1yA4b5tBuVHeGfAjpGC6uB`.",
                secret=False,
                optional=True,
            ),
        ]
    ),
    categories=["Artificial Intelligence"],
    featured_weight=90,
    base_url=API,
    allowed_domains=["api.openai.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors


def _wait_seconds(value):
    """Seconds in an OpenAI reset header such as `1s`, `6m0s`, `20ms` or `1h2m3.5s`."""
    total, found = 0.0, False
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", value or ""):
        found = True
        total += float(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total if found else None


def openai_error(method, response):
    """An `ActionError` for an error answer, reading OpenAI's `{"error": {"message", "type", "code"}}`."""
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    kind, code, message = error.get("type"), error.get("code"), error.get("message")
    if kind in _BILLING_CODES or code in _BILLING_CODES:
        return ActionError(
            f"OpenAI refused the request because the account has no quota left ({code or kind}): {message} "
            "(add credit or raise the spending limit at https://platform.openai.com/settings/organization/billing; "
            "retrying will not help until then)"
        )
    generic = upstream_error(app.name, method, response)
    if response.status_code == 429 and generic.retry_after is None:
        waits = [
            _wait_seconds(response.headers.get(f"x-ratelimit-reset-{what}"))
            for what in ("requests", "tokens")
            if response.headers.get(f"x-ratelimit-remaining-{what}") == "0"
        ]
        waits = [w for w in waits if w is not None]
        if waits:
            wait = max(waits)
            text = str(generic).replace("retry later", f"retry after {wait:g} s")
            return UpstreamError(text, status=429, retry_after=wait, body=generic.body)
    hint = _CODE_HINTS.get(code or "")
    if hint:
        where = f" (parameter `{error['param']}`)" if error.get("param") else ""
        return UpstreamError(
            f"OpenAI API error {response.status_code} `{code}`{where}: {message} ({hint})",
            status=response.status_code,
            body=generic.body,
        )
    return generic


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise openai_error(method, response)
    return response


async def call(ctx, method, path, **kw):
    """A JSON API call; returns the decoded body."""
    response = await request(ctx, method, path, **kw)
    try:
        return response.json()
    except ValueError:
        raise ActionError(f"OpenAI {method} {path} answered with something other than JSON: {response.text[:200]!r}") from None


# Files in /tmp


async def read_tmp_file(ctx, file_path, what="file"):
    path = ctx.tmp_path(file_path)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{file_path} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the {what}"
        ) from None
    if not data:
        raise ActionError(f"{file_path} is empty; OpenAI does not accept empty files")
    return path, data


async def save_tmp_file(ctx, file_path, data):
    target = ctx.tmp_path(file_path)

    def write():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    await asyncio.to_thread(write)
    return target


def guess_type(name, default="application/octet-stream"):
    return mimetypes.guess_type(name)[0] or default


# Responses API output


def output_text(response):
    """The text of the assistant messages in a Responses API answer (the SDKs' `output_text`)."""
    parts = []
    for item in response.get("output") or []:
        if item.get("type") != "message":
            continue
        for content in item.get("content") or []:
            if content.get("type") == "output_text" and content.get("text"):
                parts.append(content["text"])
    return "".join(parts)


def refusal(response):
    for item in response.get("output") or []:
        if item.get("type") != "message":
            continue
        for content in item.get("content") or []:
            if content.get("type") == "refusal":
                return content.get("refusal") or "the model refused"
    return None


def check_response(response):
    """Raise when a Responses API answer failed or produced no text."""
    if response.get("status") == "failed":
        error = response.get("error") or {}
        raise ActionError(f"OpenAI could not generate a response ({error.get('code')}): {error.get('message')}")
    said_no = refusal(response)
    if said_no and not output_text(response):
        raise ActionError(f"The model refused to answer: {said_no}")


def incomplete_note(response):
    if response.get("status") == "incomplete":
        reason = (response.get("incomplete_details") or {}).get("reason") or "unknown reason"
        return f" (incomplete: {reason})"
    return ""


# Remote options

_NOT_TEXT = ("embedding", "tts", "transcribe", "whisper", "dall-e", "image", "moderation", "realtime", "audio",
             "instruct", "davinci", "babbage", "sora", "search-api")

_MODEL_KINDS = {
    "text": lambda i: i.startswith(("gpt-", "o1", "o3", "o4", "chatgpt-", "codex")) and not any(w in i for w in _NOT_TEXT),
    "embedding": lambda i: "embedding" in i,
    "image": lambda i: i.startswith(("gpt-image", "dall-e", "chatgpt-image")),
    "speech": lambda i: "tts" in i,
    "transcription": lambda i: "whisper" in i or "transcribe" in i,
    "moderation": lambda i: "moderation" in i,
}


def _model_options(kind):
    keep = _MODEL_KINDS[kind]

    async def options(ctx):
        data = await call(ctx, "GET", "/models")
        ids = sorted({m.get("id") for m in data.get("data") or [] if m.get("id") and keep(m["id"])})
        return [Option(label=i, value=i) for i in ids]

    return options


def model_prop(kind, description, **kw):
    return props.string("Model", description, options=_model_options(kind), **kw)


async def file_options(ctx):
    after = ctx.prev_context.get("after")
    if ctx.page > 0 and not after:
        return []
    params = {"limit": 100, "order": "desc"}
    if after:
        params["after"] = after
    data = await call(ctx, "GET", "/files", params=params)
    files = data.get("data") or []
    options = [Option(label=f"{f.get('filename')} ({f.get('purpose')}, {f.get('id')})", value=f["id"]) for f in files]
    following = (files[-1].get("id") if files else None) if data.get("has_more") else None
    return OptionsPage(options=options, context={"after": following} if following else None)


def file_summary(f):
    return {
        "id": f.get("id"),
        "filename": f.get("filename"),
        "purpose": f.get("purpose"),
        "bytes": f.get("bytes"),
        "created_at": f.get("created_at"),
        "expires_at": f.get("expires_at"),
        "status": f.get("status"),
    }


# Shared props

app.define(
    "textModel",
    model_prop(
        "text",
        "The model that writes the answer, e.g. `gpt-4.1-mini` (fast and cheap), `gpt-4.1` or `o4-mini` (reasoning). "
        "The choices list the chat models this API key can use.",
        default="gpt-4.1-mini",
    ),
)

app.define(
    "temperature",
    props.any_value(
        "Temperature",
        "Sampling temperature from 0 to 2: lower (e.g. `0.2`) is more focused and repeatable, higher (e.g. `1.2`) "
        "more varied. Reasoning models (o-series, gpt-5) do not accept it; leave it empty for them.",
        optional=True,
        json_schema={"type": "number", "minimum": 0, "maximum": 2},
    ),
)

app.define(
    "file",
    props.string(
        "File",
        "The ID of a file uploaded to OpenAI, e.g. `file-abc123`, as returned by openai-upload-file or "
        "openai-list-files. The choices list the files of this account, newest first.",
        options=file_options,
    ),
)
