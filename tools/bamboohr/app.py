"""BambooHR (API v1): the company's employee directory and records, time off, and reports."""

import base64
import datetime
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")

# Read by get-employee when no fields are named: who the person is, their job and how to reach them.
DEFAULT_FIELDS = ["firstName", "lastName", "displayName", "jobTitle", "department", "division", "location", "supervisor",
                  "workEmail", "workPhone", "mobilePhone", "hireDate", "status", "employeeNumber"]

TIME_OFF_STATUSES = ["approved", "denied", "superceded", "requested", "canceled"]


def _headers(auth):
    # BambooHR takes the API key as the Basic user name with any password, and answers XML unless asked for JSON.
    key = auth.get("api_key")
    if not key:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:x".encode()).decode(), "Accept": "application/json"}


def _check_domain(auth):
    domain = str(auth.get("companyDomain") or "")
    if not _DOMAIN.match(domain):
        raise ActionError(f"company domain {domain!r} is not a BambooHR subdomain; enter only the first part of the "
                          "address, e.g. `acme` for https://acme.bamboohr.com")


async def _account_test(ctx):
    """The employee the API key belongs to (employee ID 0 is always the key's owner)."""
    me = await api(ctx, "GET", "/employees/0", params={"fields": "displayName,workEmail"})
    return Identity(name=f"{me.get('workEmail') or me.get('displayName')} @ {ctx.auth['companyDomain']}.bamboohr.com",
                    external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "bamboohr",
    "BambooHR",
    "Read the BambooHR employee directory and employee records, update employee fields, list, approve and deny "
    "time-off requests, see who is out, and run company reports.",
    auth=Keys([
        KeyField("api_key", "API Key",
                 "A BambooHR API key: in BambooHR, click your name (top right), then API Keys, then Add New Key. The key "
                 "acts with that user's access."),
    ]),
    custom_fields=[
        KeyField("companyDomain", "Company Domain",
                 "The first part of your BambooHR address: `acme` for https://acme.bamboohr.com.", secret=False),
    ],
    categories=["Human Resources"],
    featured_weight=45,
    base_url="https://api.bamboohr.com/api/gateway.php/{{custom_fields.companyDomain}}/v1",
    allowed_domains=["api.bamboohr.com"],
    auth_headers=_headers,
    test=_account_test,
)


# BambooHR says what went wrong in the `X-BambooHR-Error-Message` header, rarely in the body.

def bamboohr_error(method, path, response):
    status = response.status_code
    message = response.headers.get("x-bamboohr-error-message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status in (429, 503) and retry_after is not None:
        hint = f"BambooHR is limiting requests; retry after {retry_after:.0f} s"
    elif status == 401:
        hint = "BambooHR rejected the API key; the user should reconnect BambooHR with a current key"
    elif status == 403:
        hint = ("the user whose API key this is may not see or change this in BambooHR; their access level "
                "decides which employees and fields they reach")
    elif status == 404:
        hint = ("no employee, request or report has that ID, or the company domain is wrong; find employees with "
                "bamboohr-list-employees")
    elif status == 400:
        hint = "BambooHR refused the values; field names come from bamboohr-list-fields, dates are `YYYY-MM-DD`"
    elif status >= 500:
        hint = "BambooHR had a server error or is busy; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"BambooHR API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    _check_domain(ctx.auth)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise bamboohr_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    text = str(value if value is not None else "").strip()
    if not text:
        raise ActionError("an ID is empty; find employees with bamboohr-list-employees")
    return quote(text, safe="")


def date(value, name):
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ActionError(f"{name} {value!r} must be a date such as `2026-12-24`")
    return text


def window(records, *, limit, cursor):
    """A slice of a list BambooHR returns whole, behind an offset cursor."""
    try:
        start = max(0, int(cursor)) if cursor else 0
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None
    end = start + limit
    return records[start:end], str(end) if end < len(records) else None


def employee_summary(employee):
    return {key: employee.get(key) for key in (
        "id", "displayName", "firstName", "lastName", "jobTitle", "department", "division", "location", "workEmail",
        "workPhone", "mobilePhone", "supervisor") if key in employee}


def time_off_summary(request):
    status = request.get("status") or {}
    amount = request.get("amount") or {}
    notes = request.get("notes") or {}
    return {
        "id": request.get("id"),
        "employee_id": request.get("employeeId"),
        "name": request.get("name"),
        "status": status.get("status") if isinstance(status, dict) else status,
        "type": (request.get("type") or {}).get("name"),
        "start": request.get("start"),
        "end": request.get("end"),
        "amount": f"{amount.get('amount')} {amount.get('unit')}" if amount else None,
        "created": request.get("created"),
        "employee_note": notes.get("employee"),
        "manager_note": notes.get("manager"),
    }


async def _employee_options(ctx):
    directory = await api(ctx, "GET", "/employees/directory")
    options = [Option(label=" - ".join(x for x in (e.get("displayName"), e.get("jobTitle")) if x) or str(e["id"]),
                      value=str(e["id"])) for e in directory.get("employees") or []]
    return OptionsPage(options=options)


async def _field_options(ctx):
    fields = await api(ctx, "GET", "/meta/fields")
    options = [Option(label=f.get("name") or str(f.get("alias") or f.get("id")), value=str(f.get("alias") or f.get("id")))
               for f in fields or []]
    return OptionsPage(options=options)


async def _request_options(ctx):
    # Requests still waiting for a decision, from three months back to a year ahead.
    today = datetime.date.today()
    found = await api(ctx, "GET", "/time_off/requests", params={
        "start": (today - datetime.timedelta(days=90)).isoformat(), "end": (today + datetime.timedelta(days=365)).isoformat(),
        "status": "requested"})
    options = [Option(label=f"{r.get('name')}: {r.get('start')} to {r.get('end')} ({(r.get('type') or {}).get('name')})",
                      value=str(r["id"])) for r in found or []]
    return OptionsPage(options=options)


app.define(
    "employeeId",
    props.string(
        "Employee",
        "A BambooHR employee ID, e.g. `123`: the `id` from bamboohr-list-employees, or the number after `id=` in the "
        "employee's page address (https://acme.bamboohr.com/employees/employee.php?id=123). `0` is the API key's owner.",
        options=_employee_options,
    ),
)

app.define(
    "fields",
    props.string_list(
        "Fields",
        "BambooHR field names, e.g. `[\"firstName\", \"jobTitle\", \"hireDate\"]`; every field and its name is listed by "
        "bamboohr-list-fields (use its `alias`, or the numeric `id` of a custom field).",
        options=_field_options,
        optional=True,
    ),
)

app.define(
    "requestId",
    props.string(
        "Time-Off Request",
        "A time-off request's ID, e.g. `1342`, from bamboohr-list-time-off-requests (each `id`).",
        options=_request_options,
    ),
)
