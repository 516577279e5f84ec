"""Qdrant: vector collections and their points (vectors with JSON payloads), searched by similarity."""

from urllib.parse import quote, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint


def _headers(auth):
    key = auth.get("api_key")
    return {"api-key": key} if key else {}


def _check_cluster_url(ctx):
    url = ctx.http.base_url or ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query:
        raise ActionError(
            f"the account's cluster URL {url!r} is not a Qdrant URL; reconnect Qdrant with the cluster's URL, e.g. "
            "`https://xyz-example.eu-central.aws.cloud.qdrant.io:6333`"
        )


async def _account_test(ctx):
    """The cluster's collections (`GET /collections`), which the key must be able to read."""
    await api(ctx, "GET", "/collections")
    return Identity(name=urlsplit(ctx.http.base_url or "").hostname, external_id=None)


app = App(
    "qdrant",
    "Qdrant",
    "Store and search vectors in a Qdrant cluster: create and inspect collections, upsert points with payloads, "
    "find the nearest points to a vector with payload filters, page through, count and delete points.",
    auth=Keys([
        KeyField(
            "api_key",
            "API Key",
            "A Qdrant API key: in Qdrant Cloud, the cluster's API Keys tab; for a self-hosted cluster, its "
            "`service.api_key` setting.",
        )
    ]),
    custom_fields=[
        KeyField(
            "cluster_url",
            "Cluster URL",
            "The cluster's REST URL with its port, e.g. `https://xyz-example.eu-central.aws.cloud.qdrant.io:6333`.",
            secret=False,
        )
    ],
    categories=["Databases", "AI"],
    featured_weight=40,
    base_url="{{custom_fields.cluster_url}}",
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Qdrant answers `{"status": {"error": "..."}, "time": ...}`.

_STATUS_HINTS = {
    401: "Qdrant rejected the API key; reconnect Qdrant with a current key",
    403: "the API key may not do this (a read-only key, or one limited to other collections); use a key with write access",
    404: "no collection or point has that name or ID; list collections with qdrant-list-collections",
}


def qdrant_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    status = data.get("status") if isinstance(data, dict) else None
    message = (status.get("error") if isinstance(status, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if response.status_code == 400 and "dimension" in message.lower():
        hint = "the vector's length is not the collection's size; see its size with qdrant-get-collection"
    elif response.status_code == 409:
        hint = "a collection with that name already exists; use it, or pick another name"
    else:
        hint = status_hint("Qdrant", response.status_code, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Qdrant API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    """The `result` of a Qdrant call."""
    _check_cluster_url(ctx)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise qdrant_error(method, path, response)
    return (response.json() if response.content else {}).get("result")


def collection_path(name):
    return f"/collections/{quote(str(name).strip(), safe='')}"


def point_id(value):
    """Qdrant point IDs are unsigned integers or UUIDs."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def point_summary(point):
    return {key: point.get(key) for key in ("id", "score", "payload", "vector") if key in point}


def query_options(props_):
    """`with_payload`, `with_vector` and `filter` as Qdrant names them."""
    body = {"with_payload": props_.get("withPayload", True), "with_vector": bool(props_.get("withVector"))}
    if props_.get("filter"):
        body["filter"] = props_["filter"]
    return body


async def _collection_options(ctx):
    result = await api(ctx, "GET", "/collections") or {}
    return OptionsPage(options=[Option(label=c["name"], value=c["name"]) for c in result.get("collections") or []])


app.define(
    "collection",
    props.string(
        "Collection",
        "A collection's name, e.g. `documents`, from qdrant-list-collections.",
        options=_collection_options,
    ),
)

app.define(
    "filter",
    props.obj(
        "Filter",
        "Only points whose payload matches, in Qdrant's filter syntax: e.g. `{\"must\": [{\"key\": \"city\", "
        "\"match\": {\"value\": \"London\"}}, {\"key\": \"price\", \"range\": {\"lte\": 50}}]}`; `should` for any of, "
        "`must_not` for none of.",
        optional=True,
    ),
)

app.define(
    "withPayload",
    props.boolean("With Payload", "Return each point's payload (on by default).", optional=True, default=True),
)

app.define(
    "withVector",
    props.boolean("With Vector", "Also return each point's vector (off by default: vectors are long).", optional=True),
)

app.define(
    "wait",
    props.boolean(
        "Wait", "Wait until the change is applied before returning (on by default), so a search right after sees it.",
        optional=True, default=True,
    ),
)
