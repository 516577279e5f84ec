import re
from datetime import datetime, timezone
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

API = "https://api.hubapi.com"

SCOPES = [
    "oauth",
    "crm.objects.contacts.read",
    "crm.objects.contacts.write",
    "crm.objects.companies.read",
    "crm.objects.companies.write",
    "crm.objects.deals.read",
    "crm.objects.deals.write",
    "crm.objects.owners.read",
    "tickets",
    # Products, line items and quotes.
    "e-commerce",
    "crm.lists.read",
    "crm.lists.write",
]

# Scopes only a few actions need, some of which an account's subscription may lack (marketing emails
# need Marketing Hub): asked for as optional, so that such an account still connects and only the
# actions needing them answer MISSING_SCOPES.
OPTIONAL_SCOPES = [
    "crm.schemas.contacts.write",
    "crm.schemas.companies.write",
    "crm.schemas.deals.write",
    "forms",
    "marketing.email.read",
]


async def _account_test(ctx):
    """The token's user and HubSpot account (`GET /oauth/v1/access-tokens/{token}`)."""
    token = ctx.auth.get("oauth_access_token") or ""
    info = await request(ctx, "GET", f"/oauth/v1/access-tokens/{token}")
    user, domain = info.get("user"), info.get("hub_domain")
    name = f"{user} ({domain})" if user and domain else user or domain
    hub = info.get("hub_id")
    return Identity(name=name, external_id=None if hub is None else str(hub))


app = App(
    "hubspot",
    "HubSpot",
    "Work with the HubSpot CRM of the connected account: find, create, update and archive contacts, companies, "
    "deals, tickets, products, line items and quotes; associate records; log notes, tasks, calls, emails and "
    "meetings; manage properties, pipelines, owners and list memberships; list marketing forms and emails.",
    auth=OAuth(
        authorize_url="https://app.hubspot.com/oauth/authorize",
        token_url="https://api.hubapi.com/oauth/v1/token",
        scopes=SCOPES,
        extra_authorize_params={"optional_scope": " ".join(OPTIONAL_SCOPES)},
    ),
    categories=["CRM", "Marketing"],
    featured_weight=90,
    base_url=API,
    allowed_domains=["api.hubapi.com"],
    test=_account_test,
)


# Errors

CATEGORY_HINTS = {
    "VALIDATION_ERROR": "a property name or value is not valid; property names are internal names such as `firstname`, "
                        "and select properties take their internal option values",
    "OBJECT_NOT_FOUND": "no record has that ID in this HubSpot account; search for it to find the right ID",
    "CONFLICT": "a record with that unique value (e.g. the contact's email or the company's domain) already exists; "
                "update it instead",
    "MISSING_SCOPES": "the connection was not granted a permission this needs; reconnect HubSpot and approve it",
    "INVALID_AUTHENTICATION": "the HubSpot connection was rejected; the user should reconnect HubSpot",
    "EXPIRED_AUTHENTICATION": "the HubSpot token expired; the user should reconnect HubSpot",
    "RATE_LIMITS": "HubSpot is rate limiting these requests",
}

# OAuth apps get 110 requests every 10 seconds (the window HubSpot names in its rate limit headers).
DEFAULT_WINDOW = 10.0


def _retry_after(response, data):
    raw = response.headers.get("retry-after")
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            pass
    if str(data.get("policyName") or "").upper() == "DAILY":
        return None
    interval = response.headers.get("x-hubspot-ratelimit-interval-milliseconds")
    try:
        return float(interval) / 1000 if interval else DEFAULT_WINDOW
    except ValueError:
        return DEFAULT_WINDOW


def hubspot_error(method, response):
    """An `UpstreamError` with HubSpot's message, its error details and what to do about them."""
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    data = data if isinstance(data, dict) else {}
    where = f"{method} {response.request.url.copy_with(query=None)}"
    message = data.get("message") or response.text[:300] or response.reason_phrase
    details = [e.get("message") for e in data.get("errors") or [] if isinstance(e, dict) and e.get("message")]
    details = [d for d in details if d and d not in message][:5]
    if details:
        message = f"{message} [{'; '.join(details)}]"
    category = data.get("category")
    retry_after = None
    if status == 429:
        retry_after = _retry_after(response, data)
        if retry_after is None:
            hint = "the HubSpot account's daily API limit is used up; retry after midnight in the account's time zone"
        else:
            hint = f"rate limited by HubSpot; retry after {retry_after:g} s"
    elif category in CATEGORY_HINTS:
        hint = CATEGORY_HINTS[category]
    elif status == 401:
        hint = "the HubSpot connection was rejected; the user should reconnect HubSpot"
    elif status == 403:
        hint = "the connected user or app lacks permission for this (a missing scope or a restricted record)"
    elif status == 404:
        hint = "check that the IDs passed exist in this HubSpot account"
    elif status >= 500:
        hint = "HubSpot had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    prefix = f"{category}: " if category else ""
    return UpstreamError(
        f"HubSpot API error {status} on {where}: {prefix}{message} ({hint})",
        status=status, retry_after=retry_after, body=response.text[:500],
    )


async def request(ctx, method, path, **kw):
    """Call the HubSpot API and return its JSON answer (or {} for an empty one)."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise hubspot_error(method, response)
    return response.json() if response.content else {}


# Objects

RECORD_TYPES = ["contacts", "companies", "deals", "tickets", "products", "line_items", "quotes"]
ACTIVITY_TYPES = ["notes", "tasks", "calls", "emails", "meetings"]
OBJECT_TYPES = RECORD_TYPES + ACTIVITY_TYPES
OBJECT_LABELS = {
    "contacts": "contact", "companies": "company", "deals": "deal", "tickets": "ticket", "products": "product",
    "line_items": "line item", "quotes": "quote", "notes": "note", "tasks": "task", "calls": "call",
    "emails": "email", "meetings": "meeting",
}
_ALIASES = {**{label.replace(" ", "_"): kind for kind, label in OBJECT_LABELS.items()},
            "line items": "line_items", "lineitems": "line_items", "lineitem": "line_items"}
# A custom object's type ID, such as `2-3508482`.
_CUSTOM_TYPE = re.compile(r"^\d+-\d+$")

# Properties read back by default, per object type.
DEFAULT_PROPERTIES = {
    "contacts": ["email", "firstname", "lastname", "phone", "company", "jobtitle", "lifecyclestage", "hubspot_owner_id",
                 "createdate", "lastmodifieddate"],
    "companies": ["name", "domain", "industry", "phone", "city", "country", "numberofemployees", "hubspot_owner_id",
                  "createdate", "hs_lastmodifieddate"],
    "deals": ["dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id", "createdate",
              "hs_lastmodifieddate"],
    "tickets": ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category",
                "hubspot_owner_id", "createdate", "hs_lastmodifieddate"],
    "products": ["name", "price", "hs_sku", "description", "hs_cost_of_goods_sold", "recurringbillingfrequency",
                 "createdate", "hs_lastmodifieddate"],
    "line_items": ["name", "quantity", "price", "amount", "hs_product_id", "hs_sku", "recurringbillingfrequency",
                   "createdate", "hs_lastmodifieddate"],
    "quotes": ["hs_title", "hs_status", "hs_expiration_date", "hs_quote_amount", "hs_currency", "hs_quote_link",
               "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate"],
    "notes": ["hs_timestamp", "hs_note_body", "hubspot_owner_id"],
    "tasks": ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority", "hs_task_type",
              "hubspot_owner_id"],
    "calls": ["hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hs_call_status",
              "hs_call_duration", "hubspot_owner_id"],
    "emails": ["hs_timestamp", "hs_email_subject", "hs_email_text", "hs_email_direction", "hs_email_status",
               "hubspot_owner_id"],
    "meetings": ["hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time",
                 "hs_meeting_end_time", "hs_meeting_outcome", "hs_meeting_location", "hubspot_owner_id"],
}

# The property that names a record of each type, for summaries.
NAME_PROPERTY = {
    "companies": "name", "deals": "dealname", "tickets": "subject", "products": "name", "line_items": "name",
    "quotes": "hs_title", "tasks": "hs_task_subject", "calls": "hs_call_title", "emails": "hs_email_subject",
    "meetings": "hs_meeting_title",
}

# HUBSPOT_DEFINED association type IDs for activities and the records they are logged on.
ACTIVITY_ASSOCIATIONS = {
    "notes": {"contacts": 202, "companies": 190, "deals": 214, "tickets": 228},
    "tasks": {"contacts": 204, "companies": 192, "deals": 216, "tickets": 230},
    "calls": {"contacts": 194, "companies": 182, "deals": 206, "tickets": 220},
    "emails": {"contacts": 198, "companies": 186, "deals": 210, "tickets": 224},
    "meetings": {"contacts": 200, "companies": 188, "deals": 212, "tickets": 226},
}


def object_type(value, allowed=OBJECT_TYPES):
    """The API name of an object type (`contacts`, `line_items`...) or a custom object's type ID."""
    text = str(value or "").strip().lower()
    text = _ALIASES.get(text, text)
    if text in allowed or (allowed is OBJECT_TYPES and _CUSTOM_TYPE.match(text)):
        return text
    extra = " or a custom object's type ID such as `2-3508482`" if allowed is OBJECT_TYPES else ""
    raise ActionError(f"object type {value!r} must be one of {', '.join(allowed)}{extra}")


def label(kind):
    return OBJECT_LABELS.get(kind, f"{kind} record")


def record_id(value, what="record"):
    text = str(value or "").strip()
    if not text.isdigit():
        raise ActionError(f"{what} ID {value!r} must be HubSpot's numeric record ID, e.g. `51` (search to find it)")
    return text


def record_summary(record):
    out = {
        "id": record.get("id"),
        "properties": {k: v for k, v in (record.get("properties") or {}).items() if v not in (None, "")},
        "createdAt": record.get("createdAt"),
        "updatedAt": record.get("updatedAt"),
    }
    if record.get("archived"):
        out["archived"] = True
    associations = record.get("associations")
    if associations:
        out["associations"] = {
            kind: sorted({str(r.get("id")) for r in (group or {}).get("results") or []}, key=lambda x: (len(x), x))
            for kind, group in associations.items()
        }
    if "linked" in record:
        out["linked"] = record["linked"]
    return out


def properties_from(ctx, mapping, extra_name="additionalProperties"):
    """HubSpot properties from the action's own props (`mapping` of prop name to property name) and a free-form
    object of any other properties."""
    out = {}
    for prop_name, property_name in mapping.items():
        value = ctx.props.get(prop_name)
        if value not in (None, ""):
            out[property_name] = value if isinstance(value, str) else _text(value)
    extra = ctx.props.get(extra_name) or {}
    if not isinstance(extra, dict):
        raise ActionError(f"{extra_name} must be an object of HubSpot property names to values, e.g. {{\"city\": \"Boston\"}}")
    for name, value in extra.items():
        out[str(name)] = "" if value is None else value if isinstance(value, str) else _text(value)
    return out


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)  # multi-select properties take values separated by semicolons
    return str(value)


ID_PROPS = (("contactIds", "contacts"), ("companyIds", "companies"), ("dealIds", "deals"), ("ticketIds", "tickets"))


def linked_ids(ctx):
    """(object type, record ID) pairs from the contactIds / companyIds / dealIds / ticketIds props."""
    return [(kind, record_id(raw, OBJECT_LABELS[kind])) for prop_name, kind in ID_PROPS if prop_name in ctx.props
            for raw in ctx.props.get(prop_name) or []]


def activity_associations(activity, links):
    """The `associations` of an activity's create request."""
    return [
        {"to": {"id": to_id},
         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": ACTIVITY_ASSOCIATIONS[activity][kind]}]}
        for kind, to_id in links
    ]


async def create_object(ctx, kind, properties, associations=None):
    body = {"properties": properties}
    if associations:
        body["associations"] = associations
    return await request(ctx, "POST", f"/crm/v3/objects/{kind}", json=body)


async def update_object(ctx, kind, object_id, properties):
    if not properties:
        raise ActionError("nothing to change: give at least one property")
    return await request(ctx, "PATCH", f"/crm/v3/objects/{kind}/{record_id(object_id, label(kind))}",
                         json={"properties": properties})


async def get_object(ctx, kind, object_id, *, properties=None, associations=None, id_property=None):
    params = {}
    wanted = properties or DEFAULT_PROPERTIES.get(kind)
    if wanted:
        params["properties"] = ",".join(wanted)
    if associations:
        params["associations"] = ",".join(associations)
    if id_property:
        params["idProperty"] = id_property
        object_id = quote(str(object_id).strip(), safe="@")
    else:
        object_id = record_id(object_id, label(kind))
    return await request(ctx, "GET", f"/crm/v3/objects/{kind}/{object_id}", params=params)


async def associate_default(ctx, from_kind, from_id, to_kind, to_id):
    """Link two records with HubSpot's default (unlabeled) association."""
    path = f"/crm/v4/objects/{from_kind}/{from_id}/associations/default/{to_kind}/{to_id}"
    return await request(ctx, "PUT", path)


def timestamp(value, what):
    """An ISO 8601 time for a date or datetime property: `2025-05-01`, `2025-05-01T15:00:00Z`, or ms since epoch."""
    if value in (None, ""):
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    text = str(value).strip()
    if text.isdigit():
        return text
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"{what} {value!r} must be a date like `2025-05-01` or a time like `2025-05-01T15:00:00Z`") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def count_of(count, kind):
    """`1 contact`, `3 companies`, `2 line items`."""
    if count == 1:
        return f"1 {label(kind)}"
    return f"{count} {kind.replace('_', ' ') if kind in OBJECT_LABELS else label(kind) + 's'}"


def next_after(data):
    """HubSpot's cursor for the page after this one (`paging.next.after`), or None."""
    return ((data.get("paging") or {}).get("next") or {}).get("after")


def property_names(ctx, kind):
    wanted = [p for p in ctx.props.get("properties") or [] if p]
    return wanted or DEFAULT_PROPERTIES.get(kind) or []


# Remote options


async def owner_options(ctx):
    after = ctx.prev_context.get("after")
    if ctx.page > 0 and not after:
        return []
    params = {"limit": 100, "archived": "false"}
    if after:
        params["after"] = after
    data = await request(ctx, "GET", "/crm/v3/owners", params=params)
    options = []
    for owner in data.get("results") or []:
        name = " ".join(p for p in (owner.get("firstName"), owner.get("lastName")) if p)
        label_ = f"{name} ({owner.get('email')})" if name and owner.get("email") else name or owner.get("email") or owner["id"]
        options.append(Option(label=label_, value=str(owner["id"])))
    following = next_after(data)
    return OptionsPage(options=options, context={"after": following} if following else None)


async def pipelines_of(ctx, kind):
    return (await request(ctx, "GET", f"/crm/v3/pipelines/{kind}")).get("results") or []


def _pipeline_options(kind):
    async def options(ctx):
        return [Option(label=p.get("label") or p["id"], value=p["id"]) for p in await pipelines_of(ctx, kind)]
    return options


def _stage_options(kind):
    async def options(ctx):
        chosen = ctx.props.get("pipeline")
        out = []
        for pipeline in await pipelines_of(ctx, kind):
            if chosen and pipeline.get("id") != chosen:
                continue
            for stage in sorted(pipeline.get("stages") or [], key=lambda s: s.get("displayOrder", 0)):
                name = stage.get("label") or stage["id"]
                out.append(Option(label=name if chosen else f"{pipeline.get('label')}: {name}", value=stage["id"]))
        return out
    return options


pipeline_options = _pipeline_options("deals")
stage_options = _stage_options("deals")


async def property_options(ctx):
    kind = object_type(ctx.props.get("objectType") or "contacts")
    data = await request(ctx, "GET", f"/crm/v3/properties/{kind}", params={"archived": "false"})
    return [Option(label=f"{p.get('label')} ({p['name']})", value=p["name"])
            for p in sorted(data.get("results") or [], key=lambda p: str(p.get("label")).lower())]


async def property_group_options(ctx):
    kind = object_type(ctx.props.get("objectType") or "contacts")
    data = await request(ctx, "GET", f"/crm/v3/properties/{kind}/groups")
    return [Option(label=g.get("label") or g["name"], value=g["name"]) for g in data.get("results") or []]


async def association_label_options(ctx):
    from_kind = object_type(ctx.props.get("fromObjectType"))
    to_kind = object_type(ctx.props.get("toObjectType"))
    data = await request(ctx, "GET", f"/crm/v4/associations/{from_kind}/{to_kind}/labels")
    return [Option(label=f"{a.get('label') or 'Unlabeled'} ({a.get('category')})", value=a["typeId"])
            for a in data.get("results") or []]


async def list_options(ctx):
    offset = int(ctx.prev_context.get("offset") or 0)
    if ctx.page > 0 and not offset:
        return []
    body = {"query": ctx.query or "", "count": 100, "offset": offset, "processingTypes": ["MANUAL", "SNAPSHOT"]}
    data = await request(ctx, "POST", "/crm/v3/lists/search", json=body)
    options = [Option(label=f"{item.get('name')} ({item['listId']})", value=str(item["listId"])) for item in data.get("lists") or []]
    following = data.get("offset") if data.get("hasMore") else None
    return OptionsPage(options=options, context={"offset": following} if following else None)


app.define(
    "owner",
    props.string(
        "Owner",
        "The ID of the HubSpot user who owns the record (`hubspot_owner_id`), e.g. `41629779`. The choices list the "
        "account's users; hubspot-list-owners finds one by name or email.",
        options=owner_options,
        optional=True,
    ),
)

app.define(
    "pipeline",
    props.string(
        "Pipeline",
        "The ID of a deal pipeline, e.g. `default` for the standard Sales Pipeline; hubspot-list-pipelines lists them "
        "with their stages.",
        options=pipeline_options,
        optional=True,
    ),
)

app.define(
    "dealStage",
    props.string(
        "Deal Stage",
        "The internal ID of a stage in the deal's pipeline, e.g. `appointmentscheduled`, `qualifiedtobuy`, "
        "`closedwon` (not its label); hubspot-list-pipelines lists them.",
        options=stage_options,
        optional=True,
    ),
)

app.define(
    "ticketPipeline",
    props.string(
        "Pipeline",
        "The ID of a ticket pipeline, e.g. `0` for the standard Support Pipeline; hubspot-list-pipelines with "
        "objectType `tickets` lists them with their stages.",
        options=_pipeline_options("tickets"),
        optional=True,
    ),
)

app.define(
    "ticketStage",
    props.string(
        "Ticket Status",
        "The ID of the ticket's stage (status) in its pipeline, e.g. `1` (New), `2` (Waiting on contact), `3` "
        "(Waiting on us) or `4` (Closed) in the standard Support Pipeline; hubspot-list-pipelines with objectType "
        "`tickets` lists them.",
        options=_stage_options("tickets"),
        optional=True,
    ),
)

app.define(
    "additionalProperties",
    props.obj(
        "Other Properties",
        "Any other HubSpot properties by internal name, e.g. `{\"city\": \"Boston\", \"lifecyclestage\": \"lead\"}`. "
        "Select properties take their internal option values; multi-selects take `a;b`. hubspot-list-properties "
        "lists the names.",
        optional=True,
    ),
)

app.define(
    "objectType",
    props.string(
        "Object Type",
        "The kind of record: `contacts`, `companies`, `deals`, `tickets`, `products`, `line_items`, `quotes`, or the "
        "activities `notes`, `tasks`, `calls`, `emails`, `meetings`. A custom object's type ID (e.g. `2-3508482`) "
        "works too.",
        options=OBJECT_TYPES,
    ),
)

app.define(
    "objectId",
    props.string(
        "Record ID",
        "The record's numeric HubSpot ID, e.g. `512`: the `id` that hubspot-search-crm, hubspot-list-records and the "
        "create actions return, also the last number of the record's page URL "
        "(`https://app.hubspot.com/contacts/<account>/record/0-1/512`).",
    ),
)

app.define(
    "listId",
    props.string(
        "List",
        "The ID of a HubSpot list (segment), e.g. `123`: the `listId` hubspot-search-lists returns, also the number "
        "in the list's URL (`.../objectLists/123`). The choices list the account's static (manual and snapshot) lists.",
        options=list_options,
        use_query=True,
    ),
)

for _kind in ("contacts", "companies", "deals", "tickets"):
    app.define(
        f"{OBJECT_LABELS[_kind]}Ids",
        props.string_list(
            f"Associated {_kind.capitalize()}",
            f"IDs of {_kind} to link this to, e.g. `[\"51\"]` (HubSpot's numeric record IDs, found by searching).",
            optional=True,
        ),
    )


async def link_all(ctx, kind, object_id, links):
    """Default associations from a new or updated record to each (object type, ID) in `links`."""
    linked = []
    for to_kind, to_id in links:
        await associate_default(ctx, kind, object_id, to_kind, to_id)
        linked.append(f"{OBJECT_LABELS[to_kind]} {to_id}")
    return linked


def describe(kind, record):
    """`contact 51 (ada@example.com)`: how summaries name a record."""
    p = record.get("properties") or {}
    if kind == "contacts":
        name = " ".join(x for x in (p.get("firstname"), p.get("lastname")) if x) or p.get("email")
    elif kind == "companies":
        name = p.get("name") or p.get("domain")
    else:
        name = p.get(NAME_PROPERTY.get(kind, "hs_object_id"))
    return f"{label(kind)} {record.get('id')}" + (f" ({name})" if name and name != record.get("id") else "")


async def create_and_link(ctx, kind, properties):
    """Create a record and link it to the records named in its ID props; returns the record (with the links made
    under `linked`) and a summary line."""
    if not properties:
        raise ActionError(f"give at least one property for the new {label(kind)}")
    links = linked_ids(ctx)
    record = await create_object(ctx, kind, properties)
    linked = await link_all(ctx, kind, record["id"], links)
    summary = f"Created {describe(kind, record)}" + (f", linked to {', '.join(linked)}" if linked else "")
    return {**record, "linked": linked}, summary


async def update_and_link(ctx, kind, object_id, properties):
    """Update a record and link it to the records named in its ID props; returns the record (with the links made
    under `linked`) and a summary line."""
    links = linked_ids(ctx)
    if not properties and not links:
        raise ActionError("nothing to change: give at least one property, or records to link")
    if properties:
        record = await update_object(ctx, kind, object_id, properties)
    else:
        record = await get_object(ctx, kind, object_id)
    linked = await link_all(ctx, kind, record["id"], links)
    changed = ", ".join(properties) if properties else "no properties"
    summary = f"Updated {changed} of {describe(kind, record)}" + (f", linked to {', '.join(linked)}" if linked else "")
    return {**record, "linked": linked}, summary


app.define(
    "properties",
    props.string_list(
        "Properties",
        "Internal names of the properties to return, e.g. `[\"email\", \"phone\", \"hs_lead_status\"]`. Leave empty "
        "for the common ones; hubspot-list-properties lists every name.",
        optional=True,
    ),
)

LIFECYCLE_STAGES = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
                    "evangelist", "other"]


# Summaries of the other things actions return


def owner_summary(owner):
    return {
        "id": str(owner.get("id")),
        "email": owner.get("email"),
        "name": " ".join(p for p in (owner.get("firstName"), owner.get("lastName")) if p) or None,
        "userId": owner.get("userId"),
        "teams": [t.get("name") for t in owner.get("teams") or []],
        **({"archived": True} if owner.get("archived") else {}),
    }


def pipeline_summary(pipeline):
    stages = []
    for s in sorted(pipeline.get("stages") or [], key=lambda s: s.get("displayOrder", 0)):
        meta = s.get("metadata") or {}
        stage = {"id": s.get("id"), "label": s.get("label")}
        if "probability" in meta:
            stage["probability"] = meta.get("probability")
        if "isClosed" in meta:
            stage["isClosed"] = str(meta.get("isClosed")).lower() == "true"
        if "ticketState" in meta:
            stage["ticketState"] = meta.get("ticketState")
        stages.append(stage)
    return {"id": pipeline.get("id"), "label": pipeline.get("label"), "stages": stages}


def property_summary(prop):
    out = {
        "name": prop.get("name"),
        "label": prop.get("label"),
        "type": prop.get("type"),
        "fieldType": prop.get("fieldType"),
        "groupName": prop.get("groupName"),
    }
    if prop.get("description"):
        out["description"] = prop["description"]
    if prop.get("options"):
        out["options"] = [{"label": o.get("label"), "value": o.get("value")} for o in prop["options"] if not o.get("hidden")]
    for flag in ("hubspotDefined", "calculated", "hasUniqueValue"):
        if prop.get(flag):
            out[flag] = True
    if (prop.get("modificationMetadata") or {}).get("readOnlyValue"):
        out["readOnly"] = True
    return out


def list_summary(item):
    extra = item.get("additionalProperties") or {}
    out = {
        "listId": item.get("listId"),
        "name": item.get("name"),
        "objectTypeId": item.get("objectTypeId"),
        "processingType": item.get("processingType"),
        "createdAt": item.get("createdAt"),
        "updatedAt": item.get("updatedAt"),
    }
    if extra.get("hs_list_size") is not None:
        out["size"] = extra["hs_list_size"]
    return out


# Props shared by the create and update actions

CONTACT_FIELDS = {
    "email": "email", "firstname": "firstname", "lastname": "lastname", "phone": "phone", "company": "company",
    "jobtitle": "jobtitle", "website": "website", "lifecyclestage": "lifecyclestage", "owner": "hubspot_owner_id",
}


def contact_props():
    return {
        "email": props.string(
            "Email", "The contact's email address, e.g. `ada@example.com`. HubSpot keeps one contact per email.",
            optional=True,
        ),
        "firstname": props.string("First Name", "The contact's first name, e.g. `Ada`.", optional=True),
        "lastname": props.string("Last Name", "The contact's last name, e.g. `Lovelace`.", optional=True),
        "phone": props.string("Phone", "The contact's phone number, e.g. `+1 617 555 0100`.", optional=True),
        "company": props.string(
            "Company Name", "The company name as text on the contact, e.g. `Analytical Engines Ltd`. To link a company "
            "record, use companyIds.", optional=True,
        ),
        "jobtitle": props.string("Job Title", "The contact's job title, e.g. `CTO`.", optional=True),
        "website": props.string("Website", "The contact's website URL, e.g. `https://example.com`.", optional=True),
        "lifecyclestage": props.string(
            "Lifecycle Stage", "Where the contact is in the funnel: `lead`, `marketingqualifiedlead`, "
            "`salesqualifiedlead`, `opportunity`, `customer`... HubSpot does not let it move backwards.",
            options=LIFECYCLE_STAGES, optional=True,
        ),
        "owner": app.definition("owner"),
        "additionalProperties": app.definition("additionalProperties"),
        "companyIds": app.definition("companyIds"),
        "dealIds": app.definition("dealIds"),
    }


COMPANY_FIELDS = {
    "name": "name", "domain": "domain", "phone": "phone", "city": "city", "state": "state", "country": "country",
    "description": "description", "owner": "hubspot_owner_id",
}


def company_props():
    return {
        "name": props.string("Name", "The company's name, e.g. `Analytical Engines Ltd`.", optional=True),
        "domain": props.string(
            "Domain", "The company's website domain without https://, e.g. `example.com`. HubSpot uses it to match "
            "contacts by email domain.", optional=True,
        ),
        "phone": props.string("Phone", "The company's main phone number.", optional=True),
        "city": props.string("City", "The city of the company's address, e.g. `Boston`.", optional=True),
        "state": props.string("State/Region", "The state or region, e.g. `Massachusetts`.", optional=True),
        "country": props.string("Country", "The country, e.g. `United States`.", optional=True),
        "description": props.string("Description", "A short description of the company.", optional=True),
        "owner": app.definition("owner"),
        "additionalProperties": app.definition("additionalProperties"),
        "contactIds": app.definition("contactIds"),
        "dealIds": app.definition("dealIds"),
    }


DEAL_FIELDS = {
    "dealname": "dealname", "amount": "amount", "pipeline": "pipeline", "dealStage": "dealstage",
    "owner": "hubspot_owner_id", "description": "description",
}


def deal_props(new):
    return {
        "dealname": props.string("Deal Name", "The deal's name, e.g. `Acme – 50 seats`.", optional=not new),
        "amount": props.string("Amount", "The deal's value as a number in the account's currency, e.g. `12500.50`.", optional=True),
        "pipeline": app.definition("pipeline"),
        "dealStage": app.definition("dealStage", optional=not new, description=(
            "The internal ID of the deal's stage in its pipeline, e.g. `appointmentscheduled`, `qualifiedtobuy`, "
            "`closedwon` or `closedlost` in the default Sales Pipeline (not the label); hubspot-list-pipelines lists "
            "each pipeline's stages."
        )),
        "closedate": props.string(
            "Close Date", "When the deal is expected to close (or closed), e.g. `2025-06-30` or `2025-06-30T17:00:00Z`.",
            optional=True,
        ),
        "description": props.string("Description", "Notes about the deal.", optional=True),
        "owner": app.definition("owner"),
        "additionalProperties": app.definition("additionalProperties"),
        "contactIds": app.definition("contactIds"),
        "companyIds": app.definition("companyIds"),
    }


def deal_properties(ctx):
    properties = properties_from(ctx, DEAL_FIELDS)
    if ctx.props.get("closedate"):
        properties["closedate"] = timestamp(ctx.props.closedate, "closedate")
    return properties


# Activities: notes, tasks, calls, emails and meetings logged on records


def activity_links(activity, verb="logged on"):
    """The contactIds / companyIds / dealIds / ticketIds props of an activity's create action."""
    noun = OBJECT_LABELS[activity]
    return {
        f"{OBJECT_LABELS[kind]}Ids": app.definition(
            f"{OBJECT_LABELS[kind]}Ids", description=f"IDs of {kind} the {noun} is {verb}, e.g. `[\"{example}\"]`."
        )
        for kind, example in (("contacts", "51"), ("companies", "9001"), ("deals", "1467822235"), ("tickets", "880123"))
    }


async def create_activity(ctx, activity, properties, *, require_link=False):
    """Create a note, task, call, email or meeting associated with the records of its ID props; returns the record
    with `linkedTo`."""
    links = linked_ids(ctx)
    if require_link and not links:
        raise ActionError(
            f"link the {OBJECT_LABELS[activity]} to at least one contact, company, deal or ticket "
            "(contactIds, companyIds, dealIds or ticketIds)"
        )
    if ctx.props.get("owner"):
        properties["hubspot_owner_id"] = str(ctx.props.owner)
    body = {"properties": properties}
    if links:
        body["associations"] = activity_associations(activity, links)
    record = await request(ctx, "POST", f"/crm/v3/objects/{activity}", json=body)
    return {**record, "linkedTo": [{"type": kind, "id": rid} for kind, rid in links]}, links


def on_records(links):
    return ", ".join(f"{OBJECT_LABELS[kind]} {rid}" for kind, rid in links)


def activity_summary(record):
    out = record_summary(record)
    out.pop("linked", None)
    out["linkedTo"] = record.get("linkedTo") or []
    return out


TICKET_PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"]
TICKET_FIELDS = {
    "subject": "subject", "content": "content", "pipeline": "hs_pipeline", "stage": "hs_pipeline_stage",
    "priority": "hs_ticket_priority", "category": "hs_ticket_category", "owner": "hubspot_owner_id",
}


def ticket_props(new):
    return {
        "subject": props.string("Subject", "The ticket's name, e.g. `Printer on fire`.", optional=not new),
        "content": props.string("Description", "What the ticket is about, in plain text.", optional=True),
        "pipeline": app.definition("ticketPipeline", **({"default": "0"} if new else {})),
        "stage": app.definition("ticketStage", optional=not new),
        "priority": props.string("Priority", "`LOW`, `MEDIUM`, `HIGH` or `URGENT`.", options=TICKET_PRIORITIES, optional=True),
        "category": props.string(
            "Category", "`PRODUCT_ISSUE`, `BILLING_ISSUE`, `FEATURE_REQUEST` or `GENERAL_INQUIRY` (the standard "
            "`hs_ticket_category` options; an account may have changed them).", optional=True,
        ),
        "owner": app.definition("owner", description="The ID of the HubSpot user the ticket is assigned to."),
        "additionalProperties": app.definition("additionalProperties"),
        "contactIds": app.definition("contactIds", description="IDs of contacts who raised the ticket, e.g. `[\"51\"]`."),
        "companyIds": app.definition("companyIds"),
        "dealIds": app.definition("dealIds"),
    }


# List memberships


def list_ids_of(ctx):
    ids = list(dict.fromkeys(record_id(i) for i in ctx.props.get("recordIds") or []))
    if not ids:
        raise ActionError("give at least one record ID")
    return ids


def membership_change(data):
    # HubSpot spells the added IDs' field `recordsIdsAdded`.
    return {"added": data.get("recordsIdsAdded") or [], "removed": data.get("recordIdsRemoved") or [],
            "missing": data.get("recordIdsMissing") or []}
