"""Hugging Face: find models, datasets and Spaces on the Hub, and run models through Inference
Providers (chat completions, text to image)."""

import asyncio
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

HUB = "https://huggingface.co/api"
ROUTER = "https://router.huggingface.co"

SORTS = {"trending": "trendingScore", "downloads": "downloads", "likes": "likes", "updated": "lastModified",
         "created": "createdAt"}


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_token']}"} if auth.get("api_token") else {}


async def _account_test(ctx):
    """The user the token belongs to (`GET /whoami-v2`)."""
    user = await api(ctx, "GET", "/whoami-v2")
    return Identity(name=user.get("fullname") or user.get("name"), external_id=user.get("name"))


app = App(
    "huggingface",
    "Hugging Face",
    "Search the Hugging Face Hub for models, datasets and Spaces and read their details, and run open models "
    "through Hugging Face Inference Providers: chat completions and text to image.",
    auth=Keys([KeyField("api_token", "Access Token", "A Hugging Face User Access Token (starts with `hf_`), from "
                        "https://huggingface.co/settings/tokens; for inference it needs the \"Make calls to Inference "
                        "Providers\" permission.")]),
    categories=["Artificial Intelligence"],
    featured_weight=55,
    base_url=HUB,
    allowed_domains=["huggingface.co"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: the Hub answers `{"error": "..."}` with an `X-Error-Code` header (RepoNotFound,
# GatedRepo...); the router answers OpenAI's `{"error": {"message": ...}}` or a plain `error`.

_CODE_HINTS = {
    "RepoNotFound": "no repository has that ID, or it is private and the token cannot see it; look it up with the "
                    "search actions (IDs are `owner/name`)",
    "GatedRepo": "this repository is gated: the user must accept its conditions on its Hub page first",
    "RevisionNotFound": "the repository has no such revision",
}

_STATUS_HINTS = {
    401: "Hugging Face rejected the token; the user should reconnect Hugging Face with a valid access token",
    402: "the monthly Inference Providers credits are used up; add credits or a Pro plan at "
         "https://huggingface.co/settings/billing",
    403: "the token lacks the permission for this; a fine-grained token needs \"Make calls to Inference Providers\" "
         "for inference, and read access to the repository",
    404: "nothing has that ID; check the `owner/name` with the search actions",
}


def huggingface_error(method, url, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    error = data.get("error") if isinstance(data, dict) else None
    message = (error.get("message") if isinstance(error, dict) else error) or response.headers.get("x-error-message") \
        or response.text[:300] or response.reason_phrase
    code = response.headers.get("x-error-code")
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Hugging Face; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status in _STATUS_HINTS:
        hint = _STATUS_HINTS[status]
    elif status == 503:
        hint = "the model is loading or no provider can serve it now; retry in a minute or pick another model"
    elif status >= 500:
        hint = "Hugging Face had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"Hugging Face API error {status} on {method} {url}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, url, **kw):
    response = await ctx.http.request(method, url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise huggingface_error(method, url, response)
    return response


async def api(ctx, method, url, **kw):
    response = await request(ctx, method, url, **kw)
    return response.json() if response.content else {}


def repo_id(value, kind="model"):
    """`owner/name` (as in huggingface.co/owner/name), or a bare name for a few old models."""
    text = str(value or "").strip()
    for prefix in ("https://huggingface.co/datasets/", "https://huggingface.co/spaces/", "https://huggingface.co/"):
        text = text.removeprefix(prefix)
    text = text.strip("/")
    if not text or text.count("/") > 1:
        raise ActionError(f"{value!r} is not a {kind} ID; write it as `owner/name`, e.g. `meta-llama/Llama-3.1-8B-Instruct`")
    return "/".join(quote(part, safe="") for part in text.split("/"))


# Hub lists page with a `Link: <...>; rel="next"` header, like GitHub's; the cursor is that URL.


async def hub_list(ctx, path, *, params, limit, cursor):
    if cursor:
        if not str(cursor).startswith(f"{HUB}{path}?"):
            raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
        response = await request(ctx, "GET", cursor)
    else:
        response = await request(ctx, "GET", path, params={**{k: v for k, v in params.items() if v not in (None, "", [])},
                                                           "limit": limit})
    return response.json(), response.links.get("next", {}).get("url")


def listed(kind, item):
    """A model, dataset or Space as a list returns it."""
    summary = {"id": item.get("id"), "author": item.get("author"), "likes": item.get("likes"),
               "trending_score": item.get("trendingScore"), "last_modified": item.get("lastModified"),
               "private": item.get("private"), "gated": item.get("gated"), "url": repo_url(kind, item.get("id"))}
    if kind == "model":
        summary.update(pipeline_tag=item.get("pipeline_tag"), library_name=item.get("library_name"),
                       downloads=item.get("downloads"))
    elif kind == "dataset":
        summary.update(downloads=item.get("downloads"), description=item.get("description"))
    else:
        summary.update(sdk=item.get("sdk"), stage=(item.get("runtime") or {}).get("stage"))
    return summary


def repo_url(kind, repo):
    if not repo:
        return None
    return {"model": f"https://huggingface.co/{repo}", "dataset": f"https://huggingface.co/datasets/{repo}",
            "space": f"https://huggingface.co/spaces/{repo}"}[kind]


def files(item):
    return [s.get("rfilename") for s in item.get("siblings") or [] if s.get("rfilename")]


# Remote options


async def _chat_model_options(ctx):
    params = {"pipeline_tag": "text-generation", "inference_provider": "all", "sort": "trendingScore", "limit": 100}
    if ctx.query:
        params["search"] = ctx.query
    response = await request(ctx, "GET", ctx.prev_context.get("next") or "/models",
                             params=None if ctx.prev_context.get("next") else params)
    following = response.links.get("next", {}).get("url")
    options = [Option(label=m["id"], value=m["id"]) for m in response.json() if m.get("id")]
    return OptionsPage(options=options, context={"next": following} if following else None)


async def _image_model_options(ctx):
    params = {"pipeline_tag": "text-to-image", "inference_provider": "hf-inference", "sort": "trendingScore", "limit": 100}
    models = await api(ctx, "GET", "/models", params=params)
    return [Option(label=m["id"], value=m["id"]) for m in models if m.get("id")]


app.define(
    "chatModel",
    props.string(
        "Model",
        "A chat model's Hub ID, e.g. `meta-llama/Llama-3.1-8B-Instruct` or `openai/gpt-oss-120b`, optionally with a "
        "provider or policy after a colon: `:groq`, `:together`, `:fastest` or `:cheapest`. The choices list trending "
        "models some provider serves (type to search).",
        options=_chat_model_options,
        use_query=True,
    ),
)

app.define(
    "imageModel",
    props.string(
        "Model",
        "A text-to-image model's Hub ID served by HF Inference, e.g. `black-forest-labs/FLUX.1-schnell` or "
        "`stabilityai/stable-diffusion-xl-base-1.0`. The choices list the trending ones.",
        options=_image_model_options,
        default="black-forest-labs/FLUX.1-schnell",
    ),
)


async def save_file(ctx, file_path, content):
    target = ctx.tmp_path(file_path)

    def write():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    await asyncio.to_thread(write)
