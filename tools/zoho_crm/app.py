"""Zoho CRM: records of any module (leads, contacts, deals...), their notes, and the modules themselves."""

from urllib.parse import urlsplit

from mcp_gateway.catalog import (
    ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint,
)

# Lists and searches return at most 200 records a page.
MAX_PAGE = 200

# Zoho's data centres; the token response's `api_domain` names the account's.
_API_HOSTS = ("zohoapis.com", "zohoapis.eu", "zohoapis.in", "zohoapis.com.au", "zohoapis.jp", "zohoapis.ca",
              "zohoapis.com.cn", "zohoapis.sa", "zohocloud.ca")


def _headers(auth):
    token = auth.get("oauth_access_token")
    return {"Authorization": f"Zoho-oauthtoken {token}", "Accept": "application/json"} if token else {}


def _data_centre(ctx):
    host = urlsplit(ctx.http.base_url or "").hostname or ""
    if not any(host == h or host.endswith("." + h) for h in _API_HOSTS):
        raise ActionError(f"the account's Zoho API address {host!r} is not a Zoho data centre; reconnect Zoho CRM")


async def _account_test(ctx):
    """The connected user (`GET /users?type=CurrentUser`)."""
    users = (await api(ctx, "GET", "/users", params={"type": "CurrentUser"})).get("users") or []
    if not users:
        return None
    user = users[0]
    return Identity(name=user.get("email") or user.get("full_name"), external_id=user.get("id"))


app = App(
    "zoho_crm",
    "Zoho CRM",
    "List, search, read, create, update and delete records of any Zoho CRM module (Leads, Contacts, Accounts, "
    "Deals, custom modules...), list the modules, and add notes to records.",
    auth=OAuth(
        authorize_url="https://accounts.zoho.com/oauth/v2/auth",
        token_url="https://accounts.zoho.com/oauth/v2/token",
        scopes=["ZohoCRM.modules.ALL", "ZohoCRM.settings.modules.READ", "ZohoCRM.users.READ"],
        scope_separator=",",
        # Without `access_type=offline` Zoho grants no refresh token.
        extra_authorize_params={"access_type": "offline", "prompt": "consent"},
        token_fields=("api_domain",),
    ),
    categories=["CRM"],
    featured_weight=55,
    base_url="{{custom_fields.api_domain}}/crm/v6",
    allowed_domains=list(_API_HOSTS),
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Zoho answers `{"code": "...", "details": {...}, "message": "...", "status": "error"}`, or the same
# object per record inside `data`.

_CODE_HINTS = {
    "INVALID_TOKEN": "Zoho rejected the token; the user should reconnect Zoho CRM",
    "AUTHENTICATION_FAILURE": "Zoho rejected the token; the user should reconnect Zoho CRM",
    "OAUTH_SCOPE_MISMATCH": "the connection lacks the Zoho scope this needs; the user should reconnect Zoho CRM",
    "NO_PERMISSION": "the connected user's Zoho profile may not do this in that module",
    "INVALID_MODULE": "no module has that API name; list them with zoho_crm-list-modules (e.g. `Leads`, `Contacts`)",
    "INVALID_URL_PATTERN": "no module has that API name; list them with zoho_crm-list-modules (e.g. `Leads`, `Contacts`)",
    "MANDATORY_NOT_FOUND": "a required field is missing; add the field named in the details",
    "INVALID_DATA": "a value is not what the field takes; fix the field named in the details",
    "DUPLICATE_DATA": "a record with that unique value already exists; find it with zoho_crm-search-records and "
                      "change it with zoho_crm-update-record",
    "REQUIRED_PARAM_MISSING": "a required parameter is missing; see the details",
    "INVALID_QUERY": "the search criteria are not valid; write them like `(Last_Name:equals:Burns)`",
    "LIMIT_EXCEEDED": "Zoho allows at most 2000 records through page numbers; narrow the search",
}


def _described(entry):
    details = entry.get("details") or {}
    message = entry.get("message") or entry.get("code") or "no reason given"
    named = details.get("api_name") or details.get("param_name")
    return f"{message} ({named})" if named else message


def zoho_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    entry = data if isinstance(data, dict) else {}
    if isinstance(entry.get("data"), list) and entry["data"] and isinstance(entry["data"][0], dict):
        entry = entry["data"][0]
    message = _described(entry) if entry.get("code") else (response.text[:300] or response.reason_phrase)
    retry_after = retry_after_seconds(response)
    hint = (None if status == 429 else _CODE_HINTS.get(entry.get("code"))) or status_hint("Zoho CRM", status, retry_after)
    return UpstreamError(f"Zoho CRM API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    _data_centre(ctx)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise zoho_error(method, path, response)
    # Zoho answers an empty list or search with 204 and no body.
    return response.json() if response.content else {}


def record_result(method, path, data):
    """The one record outcome of a create, update or delete; a refusal of it raises."""
    entries = data.get("data") or [{}]
    entry = entries[0] if isinstance(entries[0], dict) else {}
    if entry.get("status") == "error":
        hint = _CODE_HINTS.get(entry.get("code")) or "fix the field named in the message"
        raise UpstreamError(f"Zoho CRM refused {method} {path}: {_described(entry)} ({hint})", body=str(entry)[:500])
    return entry


# What to read of the standard modules when the caller names no fields (Zoho's list needs some);
# custom modules have a `Name` field.
_DEFAULT_FIELDS = {
    "Leads": ("First_Name", "Last_Name", "Company", "Email", "Phone", "Lead_Status", "Lead_Source"),
    "Contacts": ("First_Name", "Last_Name", "Account_Name", "Email", "Phone", "Title"),
    "Accounts": ("Account_Name", "Phone", "Website", "Industry"),
    "Deals": ("Deal_Name", "Account_Name", "Contact_Name", "Stage", "Amount", "Closing_Date"),
    "Tasks": ("Subject", "Status", "Priority", "Due_Date", "What_Id", "Who_Id"),
    "Calls": ("Subject", "Call_Type", "Call_Start_Time", "Call_Duration", "What_Id", "Who_Id"),
    "Events": ("Event_Title", "Start_DateTime", "End_DateTime", "What_Id", "Who_Id"),
    "Products": ("Product_Name", "Product_Code", "Unit_Price", "Product_Active"),
}
_COMMON_FIELDS = ("Owner", "Created_Time", "Modified_Time")


def fields_param(ctx):
    fields = [str(f).strip() for f in ctx.props.get("fields") or [] if str(f).strip()]
    if not fields:
        fields = [*_DEFAULT_FIELDS.get(ctx.props.module, ("Name",)), *_COMMON_FIELDS]
    return ",".join(fields)


def page_cursor(cursor, limit):
    """The page number and page size a search cursor holds (the first page at `limit` without one)."""
    if not cursor:
        return 1, limit
    page, _, size = str(cursor).partition(":")
    if not (page.isdigit() and size.isdigit()):
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(page), int(size)


# Zoho's own keys (`$approval`, `$editable`...) and these say nothing an agent needs.
_RECORD_NOISE = {"Tag", "Record_Image", "Exchange_Rate"}


def _ref(value):
    if isinstance(value, dict) and ("id" in value or "name" in value):
        return {k: value[k] for k in ("id", "name", "email") if k in value}
    return value


def record_summary(record):
    return {key: _ref(value) for key, value in record.items()
            if key not in _RECORD_NOISE and not key.startswith("$") and value not in (None, "", [], {})}


def module_summary(module):
    return {"api_name": module.get("api_name"), "singular_label": module.get("singular_label"),
            "plural_label": module.get("plural_label"), "id": module.get("id"), "creatable": module.get("creatable"),
            "editable": module.get("editable"), "deletable": module.get("deletable"),
            "viewable": module.get("viewable"), "generated_type": module.get("generated_type")}


def write_summary(entry):
    details = entry.get("details") or {}
    return {"id": details.get("id"), "status": entry.get("status"), "code": entry.get("code"),
            "message": entry.get("message"), "created_time": details.get("Created_Time"),
            "modified_time": details.get("Modified_Time")}


# Remote options

async def _module_options(ctx):
    modules = (await api(ctx, "GET", "/settings/modules")).get("modules") or []
    options = [Option(label=m.get("plural_label") or m["api_name"], value=m["api_name"]) for m in modules
               if m.get("api_supported") and m.get("api_name")]
    return OptionsPage(options=options)


app.define("module", props.string(
    "Module", "The module's API name, e.g. `Leads`, `Contacts`, `Accounts`, `Deals`, or a custom module's; "
    "zoho_crm-list-modules lists them, and the options show them.", options=_module_options))
app.define("recordId", props.string(
    "Record", "The record's ID, a long number such as `4876876000000624001`, from zoho_crm-list-records or "
    "zoho_crm-search-records, or the record's URL in Zoho CRM (`/tab/Leads/4876876000000624001`)."))
app.define("fields", props.string_list(
    "Fields", "The fields to return, by API name, e.g. `Last_Name`, `Email`, `Phone` (at most 50). Empty: the "
    "module's main ones (for Leads: names, company, email, phone, status, source), owner and times; a custom "
    "module's `Name`.", optional=True))
app.define("recordData", props.obj(
    "Fields", "The record's fields by API name, e.g. `{\"Last_Name\": \"Burns\", \"Company\": \"Acme\", \"Email\": "
    "\"burns@acme.com\"}`. A lookup takes an ID (`{\"Account_Name\": {\"id\": \"4876876000000624010\"}}`)."))
