"""Typeform (Create and Responses APIs): the connected account's forms, workspaces, responses and insights."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.typeform.com"

SCOPES = ["accounts:read", "forms:read", "forms:write", "responses:read", "responses:write", "workspaces:read", "offline"]

# Typeform lists at most 200 forms or workspaces a page.
MAX_PAGE = 200


async def _account_test(ctx):
    """The connected account (`GET /me`)."""
    me = await api(ctx, "GET", "/me")
    user_id = me.get("user_id")
    return Identity(name=me.get("email") or me.get("alias"), external_id=None if user_id is None else str(user_id))


app = App(
    "typeform",
    "Typeform",
    "Read and build the connected account's Typeform forms, list and delete their responses, and see each form's "
    "visits, completion rate and drop-off per question.",
    auth=OAuth(
        authorize_url="https://api.typeform.com/oauth/authorize",
        token_url="https://api.typeform.com/oauth/token",
        scopes=SCOPES,
    ),
    categories=["Forms & Surveys"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.typeform.com"],
    test=_account_test,
)


# Errors: Typeform answers `{"code": "FORM_NOT_FOUND", "description": "...", "details": [{"code", "description",
# "field", "in"}]}`.

_CODE_HINTS = {
    "FORM_NOT_FOUND": "no form has that ID in this account; find forms with typeform-list-forms (the ID is also the end "
                      "of the form's share URL, e.g. `u6nXL7` in `https://mysite.typeform.com/to/u6nXL7`)",
    "WORKSPACE_NOT_FOUND": "no workspace has that ID; list them with typeform-list-workspaces",
    "VALIDATION_ERROR": "some values are not what Typeform expects; see the fields named in the message",
    "AUTHENTICATION_FAILED": "Typeform rejected the token; the user should reconnect Typeform",
    "UNAUTHORIZED": "Typeform rejected the token; the user should reconnect Typeform",
    "FORBIDDEN": "the connection lacks the Typeform scope this needs, or the user cannot open this form; reconnect "
                 "Typeform and approve every permission asked",
}


def typeform_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("description") or data.get("code") or response.text[:300] or response.reason_phrase
    details = [f"{d.get('field')}: {d.get('description')}" if d.get("field") else str(d.get("description"))
               for d in data.get("details") or [] if isinstance(d, dict)]
    if details:
        message = f"{message} ({'; '.join(details)})"
    retry_after = retry_after_seconds(response)
    code = data.get("code")
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "wait a second and retry"
        hint = f"rate limited by Typeform (2 requests a second); {wait}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = _CODE_HINTS["UNAUTHORIZED"]
    elif status == 403:
        hint = _CODE_HINTS["FORBIDDEN"]
    elif status == 404:
        hint = _CODE_HINTS["FORM_NOT_FOUND"]
    elif status >= 500:
        hint = "Typeform had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Typeform API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise typeform_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    return quote(str(value).strip(), safe="")


def page_number(cursor):
    if not cursor:
        return 1
    try:
        return max(1, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def numbered_page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a Typeform list paged by number (forms, workspaces), behind a cursor."""
    number = page_number(cursor)
    data = await api(ctx, "GET", path, params={**(params or {}), "page": number, "page_size": limit})
    records = data.get("items") or []
    more = number < (data.get("page_count") or 0)
    return {key: records, "total": data.get("total_items"), "next_cursor": str(number + 1) if more else None}


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def form_ref_summary(form):
    return {
        "id": form.get("id"),
        "title": form.get("title"),
        "type": form.get("type"),
        "is_public": (form.get("settings") or {}).get("is_public"),
        "created_at": form.get("created_at"),
        "last_updated_at": form.get("last_updated_at"),
        "display_url": (form.get("_links") or {}).get("display"),
    }


def _field_summary(field):
    properties = field.get("properties") or {}
    summary = {"id": field.get("id"), "ref": field.get("ref"), "title": field.get("title"), "type": field.get("type")}
    if properties.get("choices"):
        summary["choices"] = [c.get("label") for c in properties["choices"] if isinstance(c, dict)]
    if properties.get("fields"):
        summary["fields"] = [_field_summary(f) for f in properties["fields"] if isinstance(f, dict)]
    if (field.get("validations") or {}).get("required") is not None:
        summary["required"] = field["validations"]["required"]
    return summary


def form_summary(form):
    return {
        **form_ref_summary(form),
        "workspace": (form.get("workspace") or {}).get("href"),
        "fields": [_field_summary(f) for f in form.get("fields") or [] if isinstance(f, dict)],
        "hidden": form.get("hidden"),
    }


def _answer_value(answer):
    kind = answer.get("type")
    if kind == "choice":
        choice = answer.get("choice") or {}
        return choice.get("label") or choice.get("other")
    if kind == "choices":
        choices = answer.get("choices") or {}
        return [*(choices.get("labels") or []), *([choices["other"]] if choices.get("other") else [])]
    return answer.get(kind) if kind else None


def response_summary(response):
    return {
        "response_id": response.get("response_id") or response.get("token"),
        "landed_at": response.get("landed_at"),
        "submitted_at": response.get("submitted_at"),
        "answers": [{"field_id": (a.get("field") or {}).get("id"), "field_ref": (a.get("field") or {}).get("ref"),
                     "type": a.get("type"), "value": _answer_value(a)}
                    for a in response.get("answers") or [] if isinstance(a, dict)],
        "hidden": response.get("hidden") or None,
        "score": (response.get("calculated") or {}).get("score"),
        "platform": (response.get("metadata") or {}).get("platform"),
    }


def workspace_summary(workspace):
    return {
        "id": workspace.get("id"),
        "name": workspace.get("name"),
        "forms": (workspace.get("forms") or {}).get("count"),
        "shared": workspace.get("shared"),
        "default": workspace.get("default"),
    }


async def _form_options(ctx):
    number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/forms", params={"page": number, "page_size": MAX_PAGE})
    options = [Option(label=f.get("title") or f["id"], value=f["id"]) for f in data.get("items") or []]
    more = number < (data.get("page_count") or 0)
    return OptionsPage(options=options, context={"page": number + 1} if more else None)


async def _workspace_options(ctx):
    number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/workspaces", params={"page": number, "page_size": MAX_PAGE})
    options = [Option(label=w.get("name") or w["id"], value=w["id"]) for w in data.get("items") or []]
    more = number < (data.get("page_count") or 0)
    return OptionsPage(options=options, context={"page": number + 1} if more else None)


app.define(
    "formId",
    props.string(
        "Form",
        "A form's ID, from typeform-list-forms (its `id`), or the end of the form's share URL, e.g. `u6nXL7` in "
        "`https://mysite.typeform.com/to/u6nXL7`.",
        options=_form_options,
    ),
)

app.define(
    "workspaceId",
    props.string(
        "Workspace",
        "A workspace's ID, from typeform-list-workspaces (its `id`).",
        options=_workspace_options,
    ),
)
