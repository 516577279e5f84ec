"""Pipedrive: deals, people, organizations, activities and notes in the connected company."""

from urllib.parse import urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, status_hint

# v2 list and search endpoints take up to 500 records a call.
MAX_PAGE = 500


def _company_host(ctx):
    # The token response's `api_domain` is the company's own host; the token works only there.
    host = urlsplit(ctx.http.base_url or "").hostname or ""
    if not host.endswith(".pipedrive.com"):
        raise ActionError(f"the account's Pipedrive address {host!r} is not a pipedrive.com host; reconnect Pipedrive")


async def _account_test(ctx):
    """The connected user (`GET /v1/users/me`) and their company."""
    me = (await api(ctx, "GET", "/v1/users/me")).get("data") or {}
    name = me.get("email") or me.get("name")
    if me.get("company_domain"):
        name = f"{name} @ {me['company_domain']}.pipedrive.com"
    return Identity(name=name, external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "pipedrive",
    "Pipedrive",
    "Find, create and update deals in the connected Pipedrive company, look up and add people and organizations, "
    "schedule and list activities and attach notes.",
    auth=OAuth(
        authorize_url="https://oauth.pipedrive.com/oauth/authorize",
        token_url="https://oauth.pipedrive.com/oauth/token",
        # Pipedrive grants the scopes chosen for the app in its Developer Hub, not ones asked for here.
        token_auth_method="client_secret_basic",
        token_fields=("api_domain",),
    ),
    categories=["CRM"],
    featured_weight=60,
    base_url="{{custom_fields.api_domain}}/api",
    allowed_domains=["pipedrive.com"],
    test=_account_test,
)


# Errors: Pipedrive answers `{"success": false, "error": "...", "error_info": "..."}`.

_STATUS_HINTS = {
    401: "Pipedrive rejected the token; the user should reconnect Pipedrive",
    403: "the connected user may not do this in Pipedrive (the app's scopes or the user's permission set)",
    404: "nothing has that ID in this Pipedrive company; find it with pipedrive-search-deals, "
         "pipedrive-search-persons or pipedrive-search-organizations",
}


def pipedrive_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("error") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = None
    if response.status_code == 429:
        # Pipedrive's `x-ratelimit-reset` counts the seconds left in the window.
        raw = response.headers.get("retry-after") or response.headers.get("x-ratelimit-reset")
        try:
            retry_after = max(0.0, float(raw)) if raw else None
        except ValueError:
            retry_after = None
    hint = status_hint("Pipedrive", response.status_code, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Pipedrive API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    _company_host(ctx)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise pipedrive_error(method, path, response)
    data = response.json() if response.content else {}
    if isinstance(data, dict) and data.get("success") is False:
        raise UpstreamError(f"Pipedrive refused {method} {path}: {data.get('error') or 'no reason given'}",
                            status=response.status_code, body=response.text[:500])
    return data


async def collect(ctx, path, *, limit, cursor, params=None, unwrap=None):
    """Up to `limit` records of a v2 list or search, from `cursor` on, and the cursor after them."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(records))}
        if token:
            query["cursor"] = token
        page = await api(ctx, "GET", path, params=query)
        data = page.get("data") or []
        records.extend(unwrap(data) if unwrap else data)
        token = (page.get("additional_data") or {}).get("next_cursor")
        if not token:
            break
    return records[:limit], token


def search_items(data):
    return [entry.get("item") or {} for entry in (data.get("items") or [])]


def body_of(ctx, fields):
    """The request fields among `fields` (prop name to API name) that the caller gave."""
    return {api_name: ctx.props[name] for name, api_name in fields.items() if ctx.props.get(name) not in (None, "", [])}


def deal_summary(deal):
    return {
        "id": deal.get("id"),
        "title": deal.get("title"),
        "value": deal.get("value"),
        "currency": deal.get("currency"),
        "status": deal.get("status"),
        "pipeline_id": deal.get("pipeline_id"),
        "stage_id": deal.get("stage_id"),
        "person_id": deal.get("person_id"),
        "org_id": deal.get("org_id"),
        "owner_id": deal.get("owner_id"),
        "expected_close_date": deal.get("expected_close_date"),
        "probability": deal.get("probability"),
        "lost_reason": deal.get("lost_reason"),
        "add_time": deal.get("add_time"),
        "update_time": deal.get("update_time"),
    }


def _named(ref):
    return {"id": ref.get("id"), "name": ref.get("name")} if isinstance(ref, dict) else None


def deal_hit_summary(item):
    return {
        "id": item.get("id"),
        "title": item.get("title"),
        "value": item.get("value"),
        "currency": item.get("currency"),
        "status": item.get("status"),
        "stage": _named(item.get("stage")),
        "person": _named(item.get("person")),
        "organization": _named(item.get("organization")),
        "owner_id": (item.get("owner") or {}).get("id"),
    }


def _primary(values):
    for entry in values or []:
        if isinstance(entry, dict) and entry.get("primary"):
            return entry.get("value")
    first = (values or [None])[0]
    return first.get("value") if isinstance(first, dict) else first


def person_summary(person):
    return {
        "id": person.get("id"),
        "name": person.get("name"),
        "email": _primary(person.get("emails")),
        "phone": _primary(person.get("phones")),
        "org_id": person.get("org_id"),
        "owner_id": person.get("owner_id"),
        "add_time": person.get("add_time"),
        "update_time": person.get("update_time"),
    }


def person_hit_summary(item):
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "emails": item.get("emails"),
        "phones": item.get("phones"),
        "organization": _named(item.get("organization")),
        "owner_id": (item.get("owner") or {}).get("id"),
    }


def organization_summary(org):
    address = org.get("address")
    return {
        "id": org.get("id"),
        "name": org.get("name"),
        "address": address.get("value") if isinstance(address, dict) else address,
        "owner_id": org.get("owner_id"),
        "add_time": org.get("add_time"),
        "update_time": org.get("update_time"),
    }


def organization_hit_summary(item):
    return {"id": item.get("id"), "name": item.get("name"), "address": item.get("address"),
            "owner_id": (item.get("owner") or {}).get("id")}


def activity_summary(activity):
    return {
        "id": activity.get("id"),
        "subject": activity.get("subject"),
        "type": activity.get("type"),
        "done": activity.get("done"),
        "due_date": activity.get("due_date"),
        "due_time": activity.get("due_time"),
        "duration": activity.get("duration"),
        "deal_id": activity.get("deal_id"),
        "person_id": activity.get("person_id"),
        "org_id": activity.get("org_id"),
        "owner_id": activity.get("owner_id"),
        "note": activity.get("note"),
    }


def note_summary(note):
    return {
        "id": note.get("id"),
        "content": note.get("content"),
        "deal_id": note.get("deal_id"),
        "person_id": note.get("person_id"),
        "org_id": note.get("org_id"),
        "user_id": note.get("user_id"),
        "add_time": note.get("add_time"),
    }


# Remote options

async def _pipeline_options(ctx):
    query = {"limit": 100}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/v2/pipelines", params=query)
    options = [Option(label=p.get("name") or str(p["id"]), value=p["id"]) for p in page.get("data") or []]
    token = (page.get("additional_data") or {}).get("next_cursor")
    return OptionsPage(options=options, context={"cursor": token} if token else None)


async def _stage_options(ctx):
    query = {"limit": 100}
    if ctx.props.get("pipelineId"):
        query["pipeline_id"] = ctx.props.pipelineId
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/v2/stages", params=query)
    options = [Option(label=s.get("name") or str(s["id"]), value=s["id"]) for s in page.get("data") or []]
    token = (page.get("additional_data") or {}).get("next_cursor")
    return OptionsPage(options=options, context={"cursor": token} if token else None)


app.define("dealId", props.integer(
    "Deal", "The deal's numeric ID, from pipedrive-search-deals or the deal's URL (`/deal/42` in Pipedrive)."))
app.define("personId", props.integer(
    "Person", "A person's numeric ID, from pipedrive-search-persons or pipedrive-create-person.", optional=True))
app.define("orgId", props.integer(
    "Organization", "An organization's numeric ID, from pipedrive-search-organizations or pipedrive-create-organization.",
    optional=True))
app.define("ownerId", props.integer(
    "Owner", "The ID of the Pipedrive user who owns the record (the `owner_id` on other records); empty: the connected user.",
    optional=True))
app.define("pipelineId", props.integer(
    "Pipeline", "The ID of a sales pipeline; choose from the options, which list the company's pipelines.",
    optional=True, options=_pipeline_options))
app.define("stageId", props.integer(
    "Stage", "The ID of a pipeline stage; the options list the stages of the chosen pipeline (or all of them).",
    optional=True, options=_stage_options))
app.define("dealStatus", props.string(
    "Status", "`open`, `won` or `lost`.", options=["open", "won", "lost"], optional=True))
app.define("visibleTo", props.integer(
    "Visible To", "Who sees the record: 1 the owner and followers, 3 the owner's visibility group, 5 its group and "
    "sub-groups, 7 the entire company. Empty: the company's default.", options=[1, 3, 5, 7], optional=True))


# The deal fields create and update share: prop name, API field, prop.
DEAL_FIELDS = {
    "value": ("value", props.string("Value", "The deal's worth as a number, e.g. `5000` or `1250.50`.", optional=True)),
    "currency": ("currency", props.string("Currency", "A 3-letter currency code, e.g. `EUR`; empty: the company's default.",
                                          optional=True)),
    "personId": ("person_id", app.definition("personId", description="The person the deal is with (their ID).")),
    "orgId": ("org_id", app.definition("orgId", description="The organization the deal is with (its ID).")),
    "pipelineId": ("pipeline_id", app.definition("pipelineId")),
    "stageId": ("stage_id", app.definition("stageId")),
    "ownerId": ("owner_id", app.definition("ownerId")),
    "status": ("status", app.definition("dealStatus")),
    "expectedCloseDate": ("expected_close_date", props.string(
        "Expected Close Date", "When the deal should close, `YYYY-MM-DD`.", optional=True)),
    "probability": ("probability", props.integer("Probability", "The chance of winning, 0 to 100 (%).", optional=True,
                                                 min=0, max=100)),
    "lostReason": ("lost_reason", props.string("Lost Reason", "Why the deal was lost (with status `lost`).", optional=True)),
    "visibleTo": ("visible_to", app.definition("visibleTo")),
}


def deal_body(ctx):
    body = {}
    for name, (field, _prop) in DEAL_FIELDS.items():
        value = ctx.props.get(name)
        if value in (None, ""):
            continue
        body[field] = float(value) if name == "value" else value
    return body
