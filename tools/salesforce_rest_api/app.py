import base64
import hashlib
import json
import re
from collections import OrderedDict
from urllib.parse import quote

import httpx

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

API_VERSION = "62.0"
LOGIN = "https://login.salesforce.com"
USERINFO = f"{LOGIN}/services/oauth2/userinfo"
# Org instances and My Domains live under salesforce.com (e.g. acme.my.salesforce.com); the
# account's token is only ever sent there.
TRUSTED_DOMAIN = "salesforce.com"


# Where an account's org lives.
#
# Salesforce's token response carries `instance_url`, which the account keeps (`token_fields`).
# Accounts connected without it (or given keys by hand) ask the OpenID Connect UserInfo
# endpoint on login.salesforce.com instead, whose `urls` name the org's REST endpoint; that
# answer is remembered per access token.

_INSTANCES: "OrderedDict[str, str]" = OrderedDict()
_MAX_REMEMBERED = 1000


def _token_key(ctx):
    return hashlib.sha256(str(ctx.auth.get("oauth_access_token") or "").encode()).hexdigest()


def _checked_instance(url):
    parsed = httpx.URL(str(url).strip())
    host = parsed.host.lower()
    if parsed.scheme != "https" or not (host == TRUSTED_DOMAIN or host.endswith("." + TRUSTED_DOMAIN)):
        raise ActionError(
            f"the Salesforce instance {url!r} is not an https://…salesforce.com address; reconnect the Salesforce account"
        )
    return f"https://{parsed.host}"


def _instance_from_userinfo(info):
    urls = info.get("urls") or {}
    for key in ("rest", "custom_domain", "sobjects", "query"):
        if urls.get(key):
            return _checked_instance(urls[key])
    raise ActionError("Salesforce's UserInfo answer names no REST endpoint for this org; reconnect the Salesforce account")


async def userinfo(ctx):
    response = await ctx.http.request("GET", USERINFO, raise_for_status=False)
    if response.status_code >= 400:
        raise salesforce_error("GET", response)
    return response.json()


def remember_instance(ctx, instance):
    key = _token_key(ctx)
    _INSTANCES[key] = instance
    _INSTANCES.move_to_end(key)
    while len(_INSTANCES) > _MAX_REMEMBERED:
        _INSTANCES.popitem(last=False)


async def instance_url(ctx):
    """`https://<org>.my.salesforce.com` for the account."""
    configured = ctx.auth.get("instance_url")
    if configured:
        return _checked_instance(configured)
    key = _token_key(ctx)
    if key in _INSTANCES:
        return _INSTANCES[key]
    instance = _instance_from_userinfo(await userinfo(ctx))
    remember_instance(ctx, instance)
    return instance


async def _account_test(ctx):
    """The connected user (`GET /services/oauth2/userinfo`); also learns where the org lives."""
    info = await userinfo(ctx)
    remember_instance(ctx, _instance_from_userinfo(info))
    return Identity(name=info.get("preferred_username") or info.get("email") or info.get("name"),
                    external_id=info.get("user_id"))


app = App(
    "salesforce_rest_api",
    "Salesforce",
    "Query (SOQL), search (SOSL and plain text), create, update, upsert and delete Salesforce records (accounts, "
    "contacts, leads, opportunities, cases, any sObject) in the connected user's org, run composite requests, log "
    "notes, tasks and events, add people to campaigns, and read recent items and org limits.",
    auth=OAuth(
        authorize_url=f"{LOGIN}/services/oauth2/authorize",
        token_url=f"{LOGIN}/services/oauth2/token",
        # `openid` lets the UserInfo endpoint tell where the org lives; `refresh_token` keeps access offline.
        scopes=["api", "refresh_token", "openid"],
        pkce=True,
        token_fields=("instance_url",),
    ),
    categories=["CRM"],
    featured_weight=90,
    base_url=LOGIN,
    allowed_domains=[TRUSTED_DOMAIN],
    test=_account_test,
)


# Errors

ERROR_HINTS = {
    "NOT_FOUND": "no record has that ID (or it is not visible to the connected user); query to find the right ID",
    "ENTITY_IS_DELETED": "the record was deleted; it may still be in the Recycle Bin",
    "MALFORMED_ID": "a record ID must be the 15- or 18-character Salesforce ID, e.g. `0015g00000ABCDeAAH`",
    "INVALID_ID_FIELD": "a record ID does not fit the sObject type or is malformed",
    "INVALID_TYPE": "that sObject type does not exist or is not available to the connected user; salesforce_rest_api-list-sobject-types lists them",
    "NOT_FOUND_TYPE": "that sObject type does not exist",
    "INVALID_FIELD": "a field name is not on that sObject (API names are like `Name`, `Email`, `Custom_Field__c`); "
                     "salesforce_rest_api-describe-sobject lists the fields",
    "MALFORMED_QUERY": "the SOQL/SOSL is not valid; check the syntax, e.g. SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%'",
    "MALFORMED_SEARCH": "the SOSL is not valid; e.g. FIND {Acme*} IN NAME FIELDS RETURNING Account(Id, Name)",
    "INVALID_SEARCH": "the search term is too short or not valid SOSL",
    "REQUIRED_FIELD_MISSING": "a required field has no value; the message names it",
    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST": "a picklist value is not one of the allowed values; describe the sObject to see them",
    "INVALID_CROSS_REFERENCE_KEY": "a lookup ID (e.g. AccountId, WhoId) does not point to a record of the right type",
    "FIELD_CUSTOM_VALIDATION_EXCEPTION": "an org validation rule rejected the values; the message says which",
    "DUPLICATES_DETECTED": "the org's duplicate rules matched an existing record; update that record instead",
    "DUPLICATE_VALUE": "a unique field already has that value on another record",
    "STRING_TOO_LONG": "a text value is longer than its field allows",
    "INVALID_FIELD_FOR_INSERT_UPDATE": "a field is read-only or not settable on this sObject",
    "INSUFFICIENT_ACCESS_OR_READONLY": "the connected user may not change this record",
    "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY": "the connected user cannot access a record this one refers to",
    "ENTITY_IS_LOCKED": "the record is locked (e.g. in an approval process)",
    "DELETE_FAILED": "Salesforce refused the delete, often because other records depend on this one",
    "API_DISABLED_FOR_ORG": "this org's edition or the user's profile does not allow API access",
    "API_CURRENTLY_DISABLED": "the connected user's profile lacks the API Enabled permission",
    "INVALID_SESSION_ID": "the Salesforce session expired or was revoked; the user should reconnect Salesforce",
    "REQUEST_LIMIT_EXCEEDED": "the org has used up its rolling 24-hour API request allowance; retry later or ask an admin about limits",
}


def salesforce_error(method, response):
    """An `UpstreamError` from Salesforce's `[{"errorCode", "message", "fields"}]` error list."""
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    errors = []
    codes = []
    for item in items[:5]:
        if not isinstance(item, dict):
            continue
        code = item.get("errorCode") or item.get("error")
        message = item.get("message") or item.get("error_description")
        fields = item.get("fields")
        text = ": ".join(str(p) for p in (code, message) if p)
        if fields:
            text += f" (fields: {', '.join(map(str, fields))})"
        if text:
            errors.append(text)
        if code:
            codes.append(code)
    detail = "; ".join(errors) or response.text[:300] or response.reason_phrase
    where = f"{method} {response.request.url.copy_with(query=None)}"
    retry_after = None
    raw = response.headers.get("retry-after")
    if raw:
        try:
            retry_after = max(0.0, float(raw))
        except ValueError:
            retry_after = None
    hint = next((ERROR_HINTS[c] for c in codes if c in ERROR_HINTS), None)
    if status == 429 or "REQUEST_LIMIT_EXCEEDED" in codes:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        hint = f"{hint}; {wait}" if hint else f"rate limited by Salesforce; {wait}"
    elif hint is None:
        if status == 401:
            hint = "the Salesforce session was rejected; the user should reconnect Salesforce"
        elif status == 403:
            hint = "the connected user lacks permission for this"
        elif status == 404:
            hint = "check the sObject type and record ID"
        elif status >= 500:
            hint = "Salesforce had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(
        f"Salesforce API error {status} on {where}: {detail} ({hint})",
        status=status, retry_after=retry_after, body=response.text[:500],
    )


async def request(ctx, method, path, **kw):
    """Call the org's REST API: `path` below `/services/data/vXX.X/` (e.g. `sobjects/Account`) or a
    `/services/...` path from an answer (`nextRecordsUrl`). Returns the JSON answer, or {} for 204."""
    instance = await instance_url(ctx)
    if path.startswith("/services/"):
        url = f"{instance}{path}"
    else:
        url = f"{instance}/services/data/v{API_VERSION}/{path.lstrip('/')}"
    response = await ctx.http.request(method, url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise salesforce_error(method, response)
    return response.json() if response.content else {}


# Names and IDs

_SOBJECT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ID = re.compile(r"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")


def sobject_type(value):
    text = str(value or "").strip()
    if not _SOBJECT.match(text):
        raise ActionError(
            f"sObject type {value!r} must be an API name such as `Account`, `Contact`, `Lead`, `Opportunity` or "
            "`Invoice__c`; salesforce_rest_api-list-sobject-types lists them"
        )
    return text


def sf_id(value, what="record ID"):
    text = str(value or "").strip()
    if not _ID.match(text):
        raise ActionError(f"{what} {value!r} must be a 15- or 18-character Salesforce ID, e.g. `0015g00000ABCDeAAH`")
    return text


def record_path(sobject, record=None):
    path = f"sobjects/{quote(sobject_type(sobject))}"
    return f"{path}/{quote(sf_id(record))}" if record else path


def check_fields(value, what="fields"):
    if not isinstance(value, dict) or not value:
        raise ActionError(f"{what} must be an object of field API names to values, e.g. {{\"Name\": \"Acme\", \"Industry\": \"Energy\"}}")
    return value


def clean_record(record):
    """A record without Salesforce's `attributes` wrapper (kept as `type`), nested ones too."""
    if not isinstance(record, dict):
        return record
    out = {}
    attributes = record.get("attributes") or {}
    if attributes.get("type"):
        out["type"] = attributes["type"]
    for key, value in record.items():
        if key == "attributes":
            continue
        if isinstance(value, dict) and "records" in value:  # a subquery's results
            out[key] = [clean_record(r) for r in value.get("records") or []]
        elif isinstance(value, dict):
            out[key] = clean_record(value)
        else:
            out[key] = value
    return out


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def soql_text(value):
    """`value` as a SOQL string literal."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


async def create_record(ctx, sobject, fields):
    """Create a record; returns Salesforce's answer, `{"id", "success", "errors"}`, with the sObject
    type and the record's page in Lightning beside it (`sobjectType`, `url`)."""
    data = await request(ctx, "POST", record_path(sobject), json=check_fields(fields))
    if not data.get("success", True) or not data.get("id"):
        problems = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in data.get("errors") or [])
        raise ActionError(f"Salesforce did not create the {sobject}: {problems or data}")
    return {**data, "sobjectType": sobject, "url": record_url(await instance_url(ctx), data["id"])}


def record_url(instance, record_id):
    return f"{instance}/{record_id}"


def created_summary(created):
    """What a create action returns by default: the new record's ID, type and link."""
    return {k: created.get(k) for k in ("id", "sobjectType", "url")}


def describe_summary(data):
    """A describe answer cut to what writing records and SOQL needs."""
    fields = []
    for f in data.get("fields") or []:
        item = {
            "name": f.get("name"), "label": f.get("label"), "type": f.get("type"),
            "requiredOnCreate": bool(f.get("createable") and not f.get("nillable") and not f.get("defaultedOnCreate")),
            "createable": f.get("createable"), "updateable": f.get("updateable"),
        }
        if f.get("type") in ("string", "textarea", "email", "phone", "url") and f.get("length"):
            item["length"] = f["length"]
        values = [v.get("value") for v in f.get("picklistValues") or [] if v.get("active", True)]
        if values:
            item["picklistValues"] = values
        if f.get("referenceTo"):
            item["referenceTo"] = f["referenceTo"]
        if f.get("externalId"):
            item["externalId"] = True
        fields.append(item)
    return {"name": data.get("name"), "label": data.get("label"), "custom": data.get("custom"),
            "createable": data.get("createable"), "updateable": data.get("updateable"), "fields": fields}


def sobject_summary(o):
    return {k: o.get(k) for k in ("name", "label", "custom", "keyPrefix", "queryable", "createable", "updateable",
                                  "deletable", "searchable")}


def date_value(value, name):
    text = str(value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        raise ActionError(f"{name} {value!r} must be a date as YYYY-MM-DD, e.g. 2025-06-30")
    return text


def datetime_value(value, name):
    text = str(value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", text):
        raise ActionError(f"{name} {value!r} must be a date and time with its zone, e.g. 2025-06-30T14:00:00Z")
    return text


# Paging: the cursor is the `nextRecordsUrl` of Salesforce's last page (none while still on the
# first page of a query), with how many records of that page were already returned.


def encode_cursor(next_url, skip):
    return base64.urlsafe_b64encode(json.dumps({"next": next_url, "skip": skip}).encode()).decode()


def decode_cursor(cursor):
    try:
        data = json.loads(base64.urlsafe_b64decode(str(cursor).encode()))
        next_url, skip = data.get("next"), int(data.get("skip") or 0)
    except (ValueError, TypeError, AttributeError):
        next_url, skip = "", -1
    if skip < 0 or (next_url is not None and not str(next_url).startswith("/services/data/")):
        raise ActionError("cursor must be the `next_cursor` of the previous result, passed unchanged")
    return next_url, skip


def set_if(fields, name, value):
    if value not in (None, ""):
        fields[name] = value


def extra_fields(ctx, fields, prop="additionalFields"):
    extra = ctx.props.get(prop) or {}
    if not isinstance(extra, dict):
        raise ActionError(f"{prop} must be an object of field API names to values, e.g. {{\"Industry\": \"Energy\"}}")
    fields.update(extra)
    return fields


# Remote options

# describeGlobal lists every sObject at once; the choices hand them out in pages of this size.
SOBJECT_PAGE = 200


async def describe_global(ctx):
    return (await request(ctx, "GET", "sobjects")).get("sobjects") or []


def sobject_options_for(flag):
    async def options(ctx):
        start = int(ctx.prev_context.get("offset") or 0)
        if ctx.page > 0 and not start:
            return []
        objects = [o for o in await describe_global(ctx) if not flag or o.get(flag)]
        chunk = objects[start : start + SOBJECT_PAGE]
        following = start + SOBJECT_PAGE
        return OptionsPage(
            options=[Option(label=f"{o.get('label')} ({o.get('name')})", value=o["name"]) for o in chunk],
            context={"offset": following} if following < len(objects) else None,
        )

    return options


async def _picklist_query(ctx, soql):
    data = await request(ctx, "GET", "query", params={"q": soql})
    return [Option(label=r.get("MasterLabel") or r.get("ApiName"), value=r.get("ApiName") or r.get("MasterLabel"))
            for r in data.get("records") or []]


def named_record_options(sobject):
    """Remote options for IDs of a Name-bearing sObject: the latest changed, or those whose name
    contains what was typed."""

    async def options(ctx):
        where = f" WHERE Name LIKE {soql_text('%' + ctx.query.replace('%', '') + '%')}" if ctx.query else ""
        soql = f"SELECT Id, Name FROM {sobject}{where} ORDER BY LastModifiedDate DESC LIMIT 50"
        data = await request(ctx, "GET", "query", params={"q": soql})
        return [Option(label=f"{r.get('Name')} ({r.get('Id')})", value=r["Id"]) for r in data.get("records") or []]

    return options


async def record_options(ctx):
    """The records of the chosen type the user viewed lately (`recentItems` of the sObject resource)."""
    if not ctx.props.get("sobjectType"):
        raise ActionError("choose the sObject type first; the choices are its recent records")
    data = await request(ctx, "GET", record_path(ctx.props.sobjectType))
    options = []
    for r in data.get("recentItems") or []:
        label = r.get("Name") or r.get("CaseNumber") or r.get("Subject") or r.get("Id")
        options.append(Option(label=f"{label} ({r.get('Id')})", value=r["Id"]))
    return options


async def case_status_options(ctx):
    return await _picklist_query(ctx, "SELECT MasterLabel FROM CaseStatus ORDER BY SortOrder")


async def stage_options(ctx):
    return await _picklist_query(
        ctx, "SELECT ApiName, MasterLabel FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder")


async def lead_status_options(ctx):
    return await _picklist_query(ctx, "SELECT ApiName, MasterLabel FROM LeadStatus ORDER BY SortOrder")


app.define(
    "sobjectType",
    props.string(
        "sObject Type",
        "The API name of the kind of record, e.g. `Account`, `Contact`, `Lead`, `Opportunity`, `Case` or a custom "
        "object such as `Invoice__c`. salesforce_rest_api-list-sobject-types lists them.",
        options=sobject_options_for(None),
    ),
)

app.define(
    "recordId",
    props.string(
        "Record ID",
        "The record's 15- or 18-character Salesforce ID, e.g. `0015g00000ABCDeAAH` (from a query, a search, or the "
        "record's URL). The choices list the records of the chosen type viewed lately.",
        options=record_options,
    ),
)

app.define(
    "accountId",
    props.string(
        "Account ID",
        "The ID of an account (`001...`), from salesforce_rest_api-soql-query or -search-records. The choices list "
        "recently changed accounts; type to search by name.",
        options=named_record_options("Account"),
        use_query=True,
        optional=True,
    ),
)

app.define(
    "contactId",
    props.string(
        "Contact ID",
        "The ID of a contact (`003...`), from salesforce_rest_api-soql-query or -search-records. The choices list "
        "recently changed contacts; type to search by name.",
        options=named_record_options("Contact"),
        use_query=True,
    ),
)

app.define(
    "leadId",
    props.string(
        "Lead ID",
        "The ID of a lead (`00Q...`), from salesforce_rest_api-soql-query or -search-records. The choices list "
        "recently changed leads; type to search by name.",
        options=named_record_options("Lead"),
        use_query=True,
    ),
)

app.define(
    "campaignId",
    props.string(
        "Campaign ID",
        "The ID of a campaign (`701...`). The choices list recently changed campaigns; type to search by name.",
        options=named_record_options("Campaign"),
        use_query=True,
    ),
)

app.define(
    "fields",
    props.obj(
        "Fields",
        "Field values keyed by field API name, e.g. `{\"Name\": \"Acme\", \"Industry\": \"Energy\", \"AnnualRevenue\": "
        "5000000, \"Custom_Field__c\": \"x\"}`. Dates are `2025-06-30`, lookups take record IDs. "
        "salesforce_rest_api-describe-sobject lists the fields with their types and picklist values.",
    ),
)

app.define(
    "additionalFields",
    props.obj(
        "Other Fields",
        "Any other fields by API name, e.g. `{\"Industry\": \"Energy\", \"Custom_Field__c\": \"x\"}`.",
        optional=True,
    ),
)
