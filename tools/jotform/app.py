"""Jotform: the connected account's forms, their questions, submissions and reports."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

# Each Jotform account lives on one of these API hosts; the key works on its own only.
REGIONS = {"api": "jotform.com", "eu-api": "EU (eu.jotform.com)", "hipaa-api": "HIPAA (hipaa.jotform.com)"}


def _headers(auth):
    key = auth.get("api_key")
    return {"APIKEY": key} if key else {}


def _check_region(auth):
    region = str(auth.get("region") or "")
    if region not in REGIONS:
        raise ActionError(f"region {region!r} is not a Jotform API host; use `api` (jotform.com), `eu-api` (EU accounts) "
                          "or `hipaa-api` (HIPAA accounts)")


async def _account_test(ctx):
    """The account the key belongs to (`GET /user`)."""
    user = await api(ctx, "GET", "/user")
    return Identity(name=user.get("email") or user.get("username"), external_id=user.get("username"))


app = App(
    "jotform",
    "Jotform",
    "Read the connected Jotform account's forms, their questions and reports, and list, read, add and delete form "
    "submissions.",
    auth=Keys([
        KeyField("api_key", "API Key",
                 "A Jotform API key: in Jotform, My Account > API > Create New Key. Set its permission to Full Access to "
                 "add or delete submissions; Read Access is enough for the rest."),
    ]),
    custom_fields=[
        KeyField("region", "API Host",
                 "Where the account lives: `api` for jotform.com (the default), `eu-api` for EU accounts (eu.jotform.com), "
                 "`hipaa-api` for HIPAA accounts (hipaa.jotform.com).", secret=False, default="api"),
    ],
    categories=["Forms & Surveys"],
    featured_weight=50,
    base_url="https://{{custom_fields.region}}.jotform.com",
    allowed_domains=["{{custom_fields.region}}.jotform.com"],
    auth_headers=_headers,
    test=_account_test,
)

# Jotform answers `{"responseCode": n, "message": "...", "content": ...}`, on errors too.

_NOT_FOUND = ("no form or submission has that ID in this Jotform account; find forms with jotform-list-forms and "
              "submissions with jotform-list-form-submissions")


def jotform_error(method, path, response, data):
    code = data.get("responseCode") if isinstance(data, dict) else None
    status = code if isinstance(code, int) and code >= 400 else response.status_code
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    lowered = str(message).lower()
    if status == 429 or "limit" in lowered and "reached" in lowered:
        hint = ("the account's daily Jotform API call limit is used up; it resets the next day, or a higher plan raises it"
                if retry_after is None else f"rate limited by Jotform; retry after {retry_after:.0f} s")
    elif status == 401:
        hint = ("Jotform refused the API key for this call: it may be wrong or deleted (reconnect Jotform), have Read "
                "Access only while adding or deleting needs Full Access, or belong to another API host (`region`)")
    elif status == 403:
        hint = "the account may not do this in Jotform"
    elif status == 404:
        hint = _NOT_FOUND
    elif status >= 500:
        hint = "Jotform had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Jotform API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def call(ctx, method, path, **kw):
    """A Jotform call's whole answer (`responseCode`, `content`, `resultSet`...); errors say what to fix."""
    _check_region(ctx.auth)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    try:
        data = response.json() if response.content else {}
    except ValueError:
        data = {}
    code = data.get("responseCode") if isinstance(data, dict) else None
    if response.status_code >= 400 or (isinstance(code, int) and code >= 400):
        raise jotform_error(method, path, response, data)
    return data


async def api(ctx, method, path, **kw):
    return (await call(ctx, method, path, **kw)).get("content")


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; pick one from the list actions")
    return quote(text, safe="")


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a Jotform list: offset paging behind an opaque cursor; a full page means more may follow."""
    start = offset(cursor)
    data = await call(ctx, "GET", path, params={**(params or {}), "offset": start, "limit": limit})
    records = data.get("content") or []
    more = len(records) >= limit
    return {key: records, "next_cursor": str(start + len(records)) if more else None}


def form_summary(form):
    return {
        "id": form.get("id"),
        "title": form.get("title"),
        "status": form.get("status"),
        "url": form.get("url"),
        "submissions": form.get("count"),
        "new_submissions": form.get("new"),
        "last_submission": form.get("last_submission"),
        "created_at": form.get("created_at"),
        "updated_at": form.get("updated_at"),
    }


def submission_summary(submission):
    answers = []
    for qid, answer in (submission.get("answers") or {}).items():
        value = answer.get("prettyFormat") or answer.get("answer")
        if value not in (None, "", [], {}):
            answers.append({"qid": qid, "name": answer.get("name"), "text": answer.get("text"), "answer": value})
    return {
        "id": submission.get("id"),
        "form_id": submission.get("form_id"),
        "status": submission.get("status"),
        "new": submission.get("new"),
        "flag": submission.get("flag"),
        "notes": submission.get("notes"),
        "created_at": submission.get("created_at"),
        "updated_at": submission.get("updated_at"),
        "answers": answers,
    }


async def _form_options(ctx):
    start = ctx.prev_context.get("offset") or 0
    forms = await api(ctx, "GET", "/user/forms", params={"offset": start, "limit": 100})
    forms = forms or []
    options = [Option(label=f.get("title") or f["id"], value=f["id"]) for f in forms]
    return OptionsPage(options=options, context={"offset": start + len(forms)} if len(forms) >= 100 else None)


async def _submission_options(ctx):
    if not ctx.props.get("formId"):
        raise ActionError("choose the form (formId) first; the submissions to choose from are its own")
    start = ctx.prev_context.get("offset") or 0
    found = await api(ctx, "GET", f"/form/{seg(ctx.props.formId)}/submissions",
                      params={"offset": start, "limit": 100, "orderby": "created_at"})
    found = found or []
    options = [Option(label=f"{s.get('created_at')} ({s['id']})", value=s["id"]) for s in found]
    return OptionsPage(options=options, context={"offset": start + len(found)} if len(found) >= 100 else None)


app.define(
    "formId",
    props.string(
        "Form",
        "A form's ID: the digits in its address (https://form.jotform.com/241234567890123), or the `id` from "
        "jotform-list-forms.",
        options=_form_options,
    ),
)

app.define(
    "submissionId",
    props.string(
        "Submission",
        "A submission's ID, e.g. `5912345678901234567`, from jotform-list-form-submissions (each `id`) or "
        "jotform-create-submission.",
        options=_submission_options,
    ),
)

app.define(
    "filter",
    props.obj(
        "Filter",
        "Jotform filter conditions, e.g. `{\"created_at:gt\": \"2026-12-01 00:00:00\"}` or `{\"status\": \"ACTIVE\"}`. "
        "Operators go after a colon: `gt`, `lt`, `ne`.",
        optional=True,
    ),
)
