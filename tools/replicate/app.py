"""Replicate: run open-source and official AI models in the cloud, and find models to run."""

from urllib.parse import quote, urlencode

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.replicate.com/v1"

# Logs are cut here so one call cannot flood the model's context; Full Response keeps them whole.
MAX_LOG_CHARS = 4_000


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_token']}"} if auth.get("api_token") else {}


async def _account_test(ctx):
    """The account the token belongs to (`GET /account`)."""
    account = await api(ctx, "GET", "/account")
    return Identity(name=account.get("name") or account.get("username"), external_id=account.get("username"))


app = App(
    "replicate",
    "Replicate",
    "Run AI models on Replicate (image, video, audio and language models, official or community), follow and "
    "cancel their predictions, and find models, their versions and curated collections.",
    auth=Keys([KeyField("api_token", "API Token", "A Replicate API token (starts with `r8_`), from "
                        "https://replicate.com/account/api-tokens.")]),
    categories=["Artificial Intelligence"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.replicate.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Replicate answers with a problem document, `{"title": "...", "detail": "...", "status": n}`.

_STATUS_HINTS = {
    401: "Replicate rejected the API token; the user should reconnect Replicate with a valid token",
    402: "the Replicate account has no credit left; add billing or credit at https://replicate.com/account/billing",
    403: "this token may not use that model or prediction",
    404: "nothing has that name or ID on Replicate; check the `owner/name` (replicate-search-models finds models) "
         "or the prediction ID (replicate-list-predictions)",
    422: "the input or version is not valid for this model; compare the input with the version's `openapi_schema` "
         "from replicate-list-model-versions",
}


def replicate_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("detail") or data.get("title") or response.text[:300] or response.reason_phrase
    if isinstance(message, list):
        message = "; ".join(str(m.get("msg", m)) if isinstance(m, dict) else str(m) for m in message)
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Replicate; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status in _STATUS_HINTS:
        hint = _STATUS_HINTS[status]
    elif status >= 500:
        hint = "Replicate had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"Replicate API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise replicate_error(method, path, response)
    return response.json() if response.content else {}


def model_name(value):
    """`owner/name`, also from a model's URL (replicate.com/owner/name) or with `:version` after it."""
    text = str(value or "").strip().removeprefix("https://replicate.com/").split(":", 1)[0].strip("/")
    owner, _, name = text.partition("/")
    if not owner or not name or "/" in name:
        raise ActionError(f"{value!r} is not a model name; write it as `owner/name`, e.g. `black-forest-labs/flux-schnell`")
    return f"{owner}/{name}"


def model_path(value):
    owner, name = model_name(value).split("/")
    return f"/models/{quote(owner, safe='')}/{quote(name, safe='')}"


# Paging: Replicate pages hold a fixed number of records and link the next page by URL. The
# cursor is "<records of the page already returned> <page URL>", so a page can be split.


def _position(cursor, first):
    if not cursor:
        return 0, first
    skip, _, url = str(cursor).partition(" ")
    if not skip.isdigit() or not url.startswith(API + "/"):
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(skip), url


async def pages(ctx, first, *, limit, cursor, params=None):
    """Up to `limit` records from `first` (a path) on, following `next` links; returns (records, next_cursor)."""
    query = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    skip, url = _position(cursor, f"{API}{first}" + (f"?{query}" if query else ""))
    records = []
    while True:
        data = await api(ctx, "GET", url)
        page = data.get("results") or []
        wanted = page[skip: skip + limit - len(records)]
        records.extend(wanted)
        consumed = skip + len(wanted)
        following = data.get("next")
        if consumed < len(page):
            return records, f"{consumed} {url}"
        if not following or len(records) >= limit:
            return records, f"0 {following}" if following else None
        url, skip = following, 0


# Summaries


def cut(text):
    if text and len(text) > MAX_LOG_CHARS:
        return f"[first {len(text) - MAX_LOG_CHARS:,} characters cut; ask for fullResponse for all]\n" + text[-MAX_LOG_CHARS:]
    return text


def prediction_summary(prediction):
    return {
        "id": prediction.get("id"),
        "model": prediction.get("model"),
        "version": prediction.get("version"),
        "status": prediction.get("status"),
        "output": prediction.get("output"),
        "error": prediction.get("error"),
        "created_at": prediction.get("created_at"),
        "completed_at": prediction.get("completed_at"),
        "predict_time": (prediction.get("metrics") or {}).get("predict_time"),
        "web_url": (prediction.get("urls") or {}).get("web"),
    }


def listed_prediction(prediction):
    """Predictions in a list: without their output and input, which can be large."""
    summary = prediction_summary(prediction)
    summary.pop("output")
    return {**summary, "source": prediction.get("source")}


def model_summary(model):
    latest = model.get("latest_version") or {}
    return {
        "model": f"{model.get('owner')}/{model.get('name')}",
        "description": model.get("description"),
        "url": model.get("url"),
        "visibility": model.get("visibility"),
        "is_official": model.get("is_official"),
        "run_count": model.get("run_count"),
        "latest_version": latest.get("id"),
    }


def version_summary(version):
    return {"id": version.get("id"), "created_at": version.get("created_at"), "cog_version": version.get("cog_version")}


def input_schema(version):
    """The inputs a version takes, from its OpenAPI schema: name, type, description, default."""
    components = ((version or {}).get("openapi_schema") or {}).get("components") or {}
    schema = (components.get("schemas") or {}).get("Input") or {}
    required = set(schema.get("required") or [])
    inputs = {}
    for name, spec in (schema.get("properties") or {}).items():
        entry = {k: spec[k] for k in ("type", "description", "default", "enum", "minimum", "maximum", "format") if k in spec}
        if name in required:
            entry["required"] = True
        inputs[name] = entry
    return inputs


# Remote options


async def _model_options(ctx):
    if ctx.query:
        found = await api(ctx, "GET", "/search", params={"query": ctx.query, "limit": 50})
        models = [entry.get("model") or {} for entry in found.get("models") or []]
        return [Option(label=f"{m.get('owner')}/{m.get('name')}", value=f"{m.get('owner')}/{m.get('name')}") for m in models]
    data = await api(ctx, "GET", ctx.prev_context.get("next") or "/models")
    options = [Option(label=f"{m.get('owner')}/{m.get('name')}", value=f"{m.get('owner')}/{m.get('name')}")
               for m in data.get("results") or []]
    return OptionsPage(options=options, context={"next": data["next"]} if data.get("next") else None)


async def _prediction_options(ctx):
    data = await api(ctx, "GET", ctx.prev_context.get("next") or "/predictions")
    options = [Option(label=f"{p.get('model')} {p.get('status')} {p.get('created_at')}", value=p["id"])
               for p in data.get("results") or [] if p.get("id")]
    return OptionsPage(options=options, context={"next": data["next"]} if data.get("next") else None)


async def _collection_options(ctx):
    data = await api(ctx, "GET", ctx.prev_context.get("next") or "/collections")
    options = [Option(label=c.get("name") or c["slug"], value=c["slug"]) for c in data.get("results") or [] if c.get("slug")]
    return OptionsPage(options=options, context={"next": data["next"]} if data.get("next") else None)


app.define(
    "model",
    props.string(
        "Model",
        "A model as `owner/name`, e.g. `black-forest-labs/flux-schnell`, as in its page's URL "
        "(replicate.com/black-forest-labs/flux-schnell) or from replicate-search-models. Type to search; with no text "
        "the choices list public models, recently updated first.",
        options=_model_options,
        use_query=True,
    ),
)

app.define(
    "predictionId",
    props.string(
        "Prediction ID",
        "The ID of a prediction, e.g. `gm3qorzdhgbfurvjtvhg6dckhu`, from replicate-create-prediction or "
        "replicate-list-predictions, or the end of its page's URL (replicate.com/p/<id>). The choices list this "
        "account's predictions, newest first.",
        options=_prediction_options,
    ),
)

app.define(
    "collection",
    props.string(
        "Collection",
        "A collection's slug, e.g. `text-to-image` or `super-resolution`, as in replicate.com/collections/<slug>. "
        "The choices list every collection.",
        options=_collection_options,
    ),
)
