import base64
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, upstream_error

# Cursor-paginated lists return at most 100 records per page.
PAGE_SIZE = 100

STATUSES = ["new", "open", "pending", "hold", "solved", "closed"]
PRIORITIES = ["low", "normal", "high", "urgent"]
TYPES = ["question", "incident", "problem", "task"]

_SUBDOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")


def _headers(auth):
    # API token authentication: HTTP Basic with `{email}/token` as the user name and the token
    # as the password. (Zendesk's OAuth needs the account's subdomain in its authorize and token
    # URLs; this gateway's OAuth settings take fixed URLs, so the app uses API tokens.)
    email, token = auth.get("email"), auth.get("api_token")
    if not email or not token:
        return {}
    credentials = base64.b64encode(f"{email}/token:{token}".encode()).decode()
    return {"Authorization": f"Basic {credentials}"}


async def _account_test(ctx):
    """The user the token signs in as (`GET /users/me`); Zendesk answers unknown people as an anonymous user."""
    subdomain = str(ctx.auth.get("subdomain") or "")
    if not _SUBDOMAIN.match(subdomain):
        raise ActionError(
            f"subdomain {subdomain!r} is not a Zendesk subdomain; enter only the first part of your Zendesk address, "
            "e.g. `acme` for https://acme.zendesk.com"
        )
    me = (await request(ctx, "GET", "/users/me")).json().get("user") or {}
    if not me.get("id"):
        raise ActionError(
            "Zendesk did not recognise these credentials (it answered as an anonymous user); check the email "
            "and API token"
        )
    name = f"{me.get('name')} <{me['email']}>" if me.get("email") else me.get("name")
    return Identity(name=f"{name} @ {subdomain}.zendesk.com", external_id=str(me["id"]))


app = App(
    "zendesk",
    "Zendesk",
    "Create, find, update and answer Zendesk Support tickets, attach files, apply macros, read views, and look up or "
    "create users and organizations in the connected Zendesk account.",
    auth=Keys(
        [
            KeyField(
                "email",
                "Email",
                "The email address you sign in to Zendesk with, e.g. `agent@acme.com`. The API acts as this agent.",
                secret=False,
            ),
            KeyField(
                "api_token",
                "API Token",
                "A Zendesk API token: in Admin Center go to Apps and integrations > APIs > Zendesk API, turn on "
                "Token access and add a token.",
            ),
        ]
    ),
    custom_fields=[
        KeyField(
            "subdomain",
            "Subdomain",
            "The first part of your Zendesk address: `acme` for https://acme.zendesk.com.",
            secret=False,
        )
    ],
    categories=["Customer Support"],
    featured_weight=80,
    base_url="https://{{custom_fields.subdomain}}.zendesk.com/api/v2",
    allowed_domains=["{{custom_fields.subdomain}}.zendesk.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors


def zendesk_error(method, response):
    """UpstreamError carrying Zendesk's description and per-field details.

    Zendesk answers `{"error": "RecordInvalid", "description": "Record validation errors",
    "details": {"requester": [{"description": "Requester: Name is too short", ...}]}}`, or
    `{"error": {"title": "...", "message": "..."}}` for some endpoints.
    """
    base = upstream_error(app.name, method, response)
    try:
        body = response.json()
    except ValueError:
        return base
    if not isinstance(body, dict):
        return base
    parts = []
    error = body.get("error")
    if isinstance(error, dict):
        parts.append(": ".join(str(error[k]) for k in ("title", "message") if error.get(k)))
    if body.get("description"):
        parts.append(str(body["description"]))
    details = body.get("details")
    if isinstance(details, dict):
        for field, problems in list(details.items())[:5]:
            for problem in problems if isinstance(problems, list) else [problems]:
                text = problem.get("description") if isinstance(problem, dict) else problem
                parts.append(f"{field}: {text}")
    parts = [p for p in parts if p]
    if not parts:
        return base
    return UpstreamError(
        f"{base} [{'; '.join(parts)}]", status=base.status, retry_after=base.retry_after, body=base.body
    )


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise zendesk_error(method, response)
    return response


async def get_json(ctx, path, params=None):
    return (await request(ctx, "GET", path, params=params)).json()


def cursor_params(size, after=None):
    params = {"page[size]": size}
    if after:
        params["page[after]"] = after
    return params


def next_cursor(body):
    meta = body.get("meta") or {}
    return meta.get("after_cursor") if meta.get("has_more") else None


def offset_page(ctx):
    """Page number, page size and how many records of that page to skip for an offset-paginated
    list, from `ctx.props.limit` and `ctx.props.cursor` (the offset of the next record)."""
    limit = ctx.props.limit
    raw = str(ctx.props.get("cursor") or "0").strip()
    if not raw.isdigit():
        raise ActionError(f"cursor {raw!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    offset = int(raw)
    return offset // limit + 1, limit, offset % limit


def next_offset(page, per_page, body):
    """The cursor after an offset page: the offset of the next page's first record, or None."""
    return str(page * per_page) if body.get("next_page") else None


# Results


def agent_url(ticket):
    """The ticket's page in the agent workspace, from its API `url`."""
    url, ticket_id = ticket.get("url") or "", ticket.get("id")
    host = url.split("/api/", 1)[0] if "/api/" in url else ""
    return f"{host}/agent/tickets/{ticket_id}" if host and ticket_id else None


def ticket_summary(ticket):
    return {
        "id": ticket.get("id"),
        "subject": ticket.get("subject"),
        "description": ticket.get("description"),
        "status": ticket.get("status"),
        "priority": ticket.get("priority"),
        "type": ticket.get("type"),
        "requester_id": ticket.get("requester_id"),
        "submitter_id": ticket.get("submitter_id"),
        "assignee_id": ticket.get("assignee_id"),
        "group_id": ticket.get("group_id"),
        "organization_id": ticket.get("organization_id"),
        "tags": ticket.get("tags") or [],
        "custom_fields": [f for f in ticket.get("custom_fields") or [] if f.get("value") not in (None, "", [])],
        "due_at": ticket.get("due_at"),
        "channel": (ticket.get("via") or {}).get("channel"),
        "created_at": ticket.get("created_at"),
        "updated_at": ticket.get("updated_at"),
        "agent_url": agent_url(ticket),
    }


def user_summary(user):
    return {
        "id": user.get("id"),
        "name": user.get("name"),
        "email": user.get("email"),
        "role": user.get("role"),
        "phone": user.get("phone"),
        "organization_id": user.get("organization_id"),
        "external_id": user.get("external_id"),
        "tags": user.get("tags") or [],
        "verified": user.get("verified"),
        "suspended": user.get("suspended"),
        "time_zone": user.get("time_zone"),
        "created_at": user.get("created_at"),
    }


def organization_summary(organization):
    return {
        "id": organization.get("id"),
        "name": organization.get("name"),
        "domain_names": organization.get("domain_names") or [],
        "external_id": organization.get("external_id"),
        "group_id": organization.get("group_id"),
        "tags": organization.get("tags") or [],
        "details": organization.get("details"),
        "notes": organization.get("notes"),
        "organization_fields": {k: v for k, v in (organization.get("organization_fields") or {}).items() if v not in (None, "")},
        "created_at": organization.get("created_at"),
        "updated_at": organization.get("updated_at"),
    }


def macro_summary(macro):
    return {
        "id": macro.get("id"),
        "title": macro.get("title"),
        "description": macro.get("description"),
        "active": macro.get("active"),
        "actions": [{"field": a.get("field"), "value": a.get("value")} for a in macro.get("actions") or []],
        "updated_at": macro.get("updated_at"),
    }


def comment_summary(comment):
    return {
        "id": comment.get("id"),
        "author_id": comment.get("author_id"),
        "public": comment.get("public"),
        "body": comment.get("plain_body") or comment.get("body"),
        "created_at": comment.get("created_at"),
        "attachments": [
            {
                "id": a.get("id"),
                "file_name": a.get("file_name"),
                "content_type": a.get("content_type"),
                "size": a.get("size"),
                "content_url": a.get("content_url"),
            }
            for a in comment.get("attachments") or []
        ],
    }


def comment_event(answer):
    """The Comment event of a ticket update's audit: the comment the update added."""
    return next((e for e in (answer.get("audit") or {}).get("events") or [] if e.get("type") == "Comment"), {})


def check_choice(value, allowed, what):
    if value not in allowed:
        raise ActionError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def custom_fields(values):
    """Ticket custom field values as Zendesk takes them: `[{"id": 27642, "value": "745"}]`."""
    out = []
    for item in values or []:
        if not isinstance(item, dict) or "id" not in item or "value" not in item:
            raise ActionError(
                f'each custom field needs an `id` and a `value`, e.g. {{"id": 27642, "value": "745"}}; got {item!r}'
            )
        out.append({"id": item["id"], "value": item["value"]})
    return out


# Remote options


async def _cursor_options(ctx, path, key, params, to_option):
    after = ctx.prev_context.get("after")
    if ctx.page > 0 and not after:
        return []
    body = await get_json(ctx, path, {**params, **cursor_params(PAGE_SIZE, after)})
    following = next_cursor(body)
    return OptionsPage(
        options=[to_option(i) for i in body.get(key) or []], context={"after": following} if following else None
    )


async def group_options(ctx):
    return await _cursor_options(ctx, "/groups", "groups", {}, lambda g: Option(label=g.get("name"), value=g["id"]))


async def agent_options(ctx):
    def to_option(user):
        label = f"{user.get('name')} <{user['email']}>" if user.get("email") else user.get("name")
        return Option(label=label, value=user["id"])

    return await _cursor_options(ctx, "/users", "users", {"role[]": ["agent", "admin"]}, to_option)


async def macro_options(ctx):
    return await _cursor_options(
        ctx, "/macros", "macros", {"active": "true"}, lambda m: Option(label=m.get("title"), value=m["id"])
    )


async def organization_options(ctx):
    return await _cursor_options(
        ctx, "/organizations", "organizations", {}, lambda o: Option(label=o.get("name"), value=o["id"])
    )


async def view_options(ctx):
    return await _cursor_options(
        ctx, "/views", "views", {"active": "true"}, lambda v: Option(label=v.get("title"), value=v["id"])
    )


app.define(
    "ticket",
    props.integer(
        "Ticket ID",
        "The ticket's number, e.g. `35436` (shown as #35436 in Zendesk and at the end of its URL "
        "`https://acme.zendesk.com/agent/tickets/35436`). zendesk-search-tickets finds ticket numbers.",
        min=1,
    ),
)

app.define(
    "assignee",
    props.integer(
        "Assignee",
        "The user ID of the agent to assign, e.g. `235323`. The choices list the account's agents and admins.",
        options=agent_options,
        optional=True,
    ),
)

app.define(
    "group",
    props.integer(
        "Group",
        "The ID of the group to assign, e.g. `98738`. The choices list the account's groups.",
        options=group_options,
        optional=True,
    ),
)

app.define(
    "status",
    props.string("Status", "The ticket's status.", options=STATUSES[:5], optional=True),
)

app.define(
    "priority",
    props.string("Priority", "The ticket's priority.", options=PRIORITIES, optional=True),
)

app.define(
    "type",
    props.string("Type", "The ticket's type. A `task` can have a due date.", options=TYPES, optional=True),
)

app.define(
    "tags",
    props.string_list(
        "Tags", 'Tags for the ticket, e.g. `["billing", "vip"]` (no spaces inside a tag).', optional=True
    ),
)

app.define(
    "customFields",
    props.object_list(
        "Custom Fields",
        'Values of ticket fields, each as `{"id": <field ID>, "value": <value>}`, e.g. '
        '`[{"id": 27642, "value": "745"}]`. Field IDs are in Admin Center > Objects and rules > Tickets > Fields.',
        optional=True,
    ),
)

app.define(
    "user",
    props.integer(
        "User ID",
        "The Zendesk user's ID, e.g. `20978392`: a ticket's `requester_id` or `assignee_id`, or an `id` from "
        "zendesk-find-users. It is also the number at the end of the user's page, "
        "`https://acme.zendesk.com/agent/users/20978392`.",
        min=1,
    ),
)

app.define(
    "organization",
    props.integer(
        "Organization",
        "The ID of a Zendesk organization, e.g. `509974` (a user's or ticket's `organization_id`). The choices "
        "list the account's organizations; zendesk-find-organizations finds one by name.",
        options=organization_options,
        min=1,
        optional=True,
    ),
)

app.define(
    "macro",
    props.integer(
        "Macro",
        "The ID of a Zendesk macro, e.g. `360001`. The choices list the account's active macros; "
        "zendesk-list-macros lists them with what each one does.",
        options=macro_options,
        min=1,
    ),
)
