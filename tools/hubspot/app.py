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
    "Work with the HubSpot CRM of the connected account: find, create and update contacts, companies and deals, "
    "associate them, and log notes and tasks on them.",
    auth=OAuth(
        authorize_url="https://app.hubspot.com/oauth/authorize",
        token_url="https://api.hubapi.com/oauth/v1/token",
        scopes=SCOPES,
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

OBJECT_TYPES = ["contacts", "companies", "deals"]
OBJECT_LABELS = {"contacts": "contact", "companies": "company", "deals": "deal", "notes": "note", "tasks": "task"}

# Properties read back by default, per object type.
DEFAULT_PROPERTIES = {
    "contacts": ["email", "firstname", "lastname", "phone", "company", "jobtitle", "lifecyclestage", "hubspot_owner_id",
                 "createdate", "lastmodifieddate"],
    "companies": ["name", "domain", "industry", "phone", "city", "country", "numberofemployees", "hubspot_owner_id",
                  "createdate", "hs_lastmodifieddate"],
    "deals": ["dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id", "createdate",
              "hs_lastmodifieddate"],
}

# HUBSPOT_DEFINED association type IDs for activities and the records they are logged on.
ACTIVITY_ASSOCIATIONS = {
    "notes": {"contacts": 202, "companies": 190, "deals": 214},
    "tasks": {"contacts": 204, "companies": 192, "deals": 216},
}


def object_type(value):
    text = str(value or "").strip().lower()
    aliases = {"contact": "contacts", "company": "companies", "deal": "deals"}
    text = aliases.get(text, text)
    if text not in OBJECT_TYPES:
        raise ActionError(f"object type {value!r} must be one of {', '.join(OBJECT_TYPES)}")
    return text


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
    return out


def properties_from(ctx, mapping, extra_name="additionalProperties"):
    """HubSpot properties from the action's own props (`mapping` of prop name to property name) and a free-form
    object of any other properties."""
    out = {}
    for prop_name, property_name in mapping.items():
        value = ctx.props.get(prop_name)
        if value not in (None, ""):
            out[property_name] = value if isinstance(value, str) else str(value)
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


ID_PROPS = (("contactIds", "contacts"), ("companyIds", "companies"), ("dealIds", "deals"))


def linked_ids(ctx):
    """(object type, record ID) pairs from the contactIds / companyIds / dealIds props."""
    return [(kind, record_id(raw, OBJECT_LABELS[kind])) for prop_name, kind in ID_PROPS if prop_name in ctx.props
            for raw in ctx.props.get(prop_name) or []]


def activity_associations(activity, links):
    """The `associations` of a note or task create request."""
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
    return await request(ctx, "PATCH", f"/crm/v3/objects/{kind}/{record_id(object_id, OBJECT_LABELS[kind])}",
                         json={"properties": properties})


async def get_object(ctx, kind, object_id, *, properties=None, associations=None, id_property=None):
    params = {"properties": ",".join(properties or DEFAULT_PROPERTIES[kind])}
    if associations:
        params["associations"] = ",".join(associations)
    if id_property:
        params["idProperty"] = id_property
        object_id = quote(str(object_id).strip(), safe="@")
    else:
        object_id = record_id(object_id, OBJECT_LABELS[kind])
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
    """`1 contact`, `3 companies`."""
    return f"{count} {OBJECT_LABELS[kind] if count == 1 else kind}"


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
        label = f"{name} ({owner.get('email')})" if name and owner.get("email") else name or owner.get("email") or owner["id"]
        options.append(Option(label=label, value=str(owner["id"])))
    following = ((data.get("paging") or {}).get("next") or {}).get("after")
    return OptionsPage(options=options, context={"after": following} if following else None)


async def deal_pipelines(ctx):
    return (await request(ctx, "GET", "/crm/v3/pipelines/deals")).get("results") or []


async def pipeline_options(ctx):
    return [Option(label=p.get("label") or p["id"], value=p["id"]) for p in await deal_pipelines(ctx)]


async def stage_options(ctx):
    chosen = ctx.props.get("pipeline")
    options = []
    for pipeline in await deal_pipelines(ctx):
        if chosen and pipeline.get("id") != chosen:
            continue
        for stage in sorted(pipeline.get("stages") or [], key=lambda s: s.get("displayOrder", 0)):
            label = stage.get("label") or stage["id"]
            options.append(Option(label=label if chosen else f"{pipeline.get('label')}: {label}", value=stage["id"]))
    return options


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
    "additionalProperties",
    props.obj(
        "Other Properties",
        "Any other HubSpot properties by internal name, e.g. `{\"city\": \"Boston\", \"lifecyclestage\": \"lead\"}`. "
        "Select properties take their internal option values; multi-selects take `a;b`.",
        optional=True,
    ),
)

for _kind in OBJECT_TYPES:
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
        name = p.get("dealname")
    return f"{OBJECT_LABELS[kind]} {record.get('id')}" + (f" ({name})" if name else "")


async def create_and_link(ctx, kind, properties):
    """Create a record and link it to the records named in its ID props; returns the result and a summary line."""
    if not properties:
        raise ActionError(f"give at least one property for the new {OBJECT_LABELS[kind]}")
    links = linked_ids(ctx)
    record = await create_object(ctx, kind, properties)
    linked = await link_all(ctx, kind, record["id"], links)
    summary = f"Created {describe(kind, record)}" + (f", linked to {', '.join(linked)}" if linked else "")
    return {**record_summary(record), "linked": linked}, summary


async def update_and_link(ctx, kind, object_id, properties):
    """Update a record and link it to the records named in its ID props; returns the result and a summary line."""
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
    return {**record_summary(record), "linked": linked}, summary


def property_list(ctx, kind):
    wanted = [p for p in ctx.props.get("properties") or [] if p]
    return wanted or DEFAULT_PROPERTIES[kind]


app.define(
    "properties",
    props.string_list(
        "Properties",
        "Internal names of the properties to return, e.g. `[\"email\", \"phone\", \"hs_lead_status\"]`. Leave empty "
        "for the common ones.",
        optional=True,
    ),
)

LIFECYCLE_STAGES = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
                    "evangelist", "other"]


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
