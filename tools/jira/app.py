import json
import re

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, UpstreamError, props, status_hint

from .. import _atlassian

# Classic Jira scopes for issues, projects, comments and user lookups; `read:me` for the account test
# and `offline_access` for a refresh token.
SCOPES = ["read:jira-work", "write:jira-work", "read:jira-user", "read:me", "offline_access"]


async def _account_test(ctx):
    """The Atlassian account behind the token (`GET /me`, the user identity API)."""
    me = (await ctx.http.get("/me")).json()
    return Identity(name=me.get("name") or me.get("email"), external_id=me.get("account_id"))


app = App(
    "jira",
    "Jira",
    "Create, update, search (JQL), transition, assign, link, watch, comment on, attach files to and log work on "
    "Jira Cloud issues, and read projects, components, versions, issue types, priorities and users in the "
    "connected user's Atlassian sites.",
    auth=_atlassian.atlassian_oauth(SCOPES),
    categories=["Productivity", "Developer Tools"],
    featured_weight=85,
    base_url=_atlassian.API,
    allowed_domains=["api.atlassian.com"],
    test=_account_test,
)

async def resolve_site(ctx):
    """The Jira site this run calls (see `_atlassian`)."""
    return await _atlassian.resolve_site(ctx, "jira", "Jira")


_HINTS = {
    403: "the account lacks permission for this operation in Jira",
    404: "check that the issue key, project or IDs are correct and visible to this account",
}


def _jira_detail(body):
    """Jira's error shape: `{"errorMessages": [...], "errors": {"field": "problem"}}`."""
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    parts = [str(m) for m in data.get("errorMessages") or []]
    errors = data.get("errors")
    if isinstance(errors, dict):
        parts += [f"{field}: {problem}" for field, problem in errors.items()]
    return "; ".join(parts) or None


async def jira(ctx, method, path, **kw):
    """A Jira platform REST API v3 request on the chosen site, e.g. `jira(ctx, "GET", "/issue/ENG-1")`."""
    site = await resolve_site(ctx)
    url = f"/ex/jira/{site['id']}/rest/api/3{path}"
    try:
        return await ctx.http.request(method, url, **kw)
    except UpstreamError as exc:
        detail = _jira_detail(exc.body)
        if not detail:
            raise
        raise UpstreamError(
            f"Jira API error {exc.status} on {method} {path}: {detail} ({status_hint('Jira', exc.status, exc.retry_after, _HINTS)})",
            status=exc.status,
            retry_after=exc.retry_after,
            body=exc.body,
        ) from None


def browse_url(ctx, key):
    site = _atlassian.chosen_site(ctx)
    return f"{site['url'].rstrip('/')}/browse/{key}" if site.get("url") and key else None


def with_browse_url(ctx, issue):
    """Jira's issue payload with `browseUrl`, the issue's page on the site, beside it (the API's own
    `self` link points at the API gateway, not at a page a person can open)."""
    if isinstance(issue, dict):
        issue["browseUrl"] = browse_url(ctx, issue.get("key"))
    return issue


_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")


def issue_key(value):
    """An issue key such as `ENG-42` (a browse URL or a numeric issue ID also work)."""
    text = str(value or "").strip()
    found = re.search(r"/browse/([A-Za-z][A-Za-z0-9_]*-\d+)", text)
    if found:
        text = found.group(1)
    if text.isdigit():
        return text
    if _KEY.match(text.upper()):
        return text.upper()
    raise ActionError(f"issue {value!r} must be an issue key such as `ENG-42` (project key, dash, number)")


# Atlassian Document Format: Jira v3 takes descriptions and comments as ADF documents.

_URL = re.compile(r"https?://[^\s<>()]+")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _inline(text):
    """Text nodes for one line, with URLs made into links."""
    nodes, last = [], 0
    for match in _URL.finditer(text):
        if match.start() > last:
            nodes.append({"type": "text", "text": text[last : match.start()]})
        url = match.group(0)
        nodes.append({"type": "text", "text": url, "marks": [{"type": "link", "attrs": {"href": url}}]})
        last = match.end()
    if last < len(text):
        nodes.append({"type": "text", "text": text[last:]})
    return nodes


def _paragraph(lines):
    content = []
    for i, line in enumerate(lines):
        if i:
            content.append({"type": "hardBreak"})
        content.extend(_inline(line))
    return {"type": "paragraph", "content": content}


def to_adf(text):
    """Turn plain text into an ADF document.

    Blank lines separate paragraphs; `#` lines become headings, `- ` / `1. ` lines lists and
    ``` fences code blocks. A string holding an ADF document as JSON is passed through.
    """
    stripped = str(text).strip()
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and doc.get("type") == "doc":
            return doc
    blocks, paragraph, items, list_kind, code = [], [], [], None, None

    def flush_paragraph():
        if paragraph:
            blocks.append(_paragraph(paragraph))
            paragraph.clear()

    def flush_list():
        nonlocal list_kind
        if items:
            blocks.append(
                {
                    "type": list_kind,
                    "content": [{"type": "listItem", "content": [_paragraph([item])]} for item in items],
                }
            )
            items.clear()
        list_kind = None

    for raw in str(text).splitlines():
        line = raw.rstrip()
        if code is not None:
            if line.strip().startswith("```"):
                block = {"type": "codeBlock", "content": [{"type": "text", "text": "\n".join(code)}] if code else []}
                blocks.append(block)
                code = None
            else:
                code.append(raw)
            continue
        if line.strip().startswith("```"):
            flush_paragraph()
            flush_list()
            code = []
            continue
        if not line.strip():
            flush_paragraph()
            flush_list()
            continue
        bullet, numbered, heading = _BULLET.match(line), _NUMBERED.match(line), _HEADING.match(line.strip())
        if bullet or numbered:
            kind = "bulletList" if bullet else "orderedList"
            flush_paragraph()
            if list_kind and list_kind != kind:
                flush_list()
            list_kind = kind
            items.append((bullet or numbered).group(1))
        elif heading:
            flush_paragraph()
            flush_list()
            blocks.append({"type": "heading", "attrs": {"level": len(heading.group(1))}, "content": _inline(heading.group(2))})
        else:
            flush_list()
            paragraph.append(line)
    if code is not None:
        blocks.append({"type": "codeBlock", "content": [{"type": "text", "text": "\n".join(code)}] if code else []})
    flush_paragraph()
    flush_list()
    return {"type": "doc", "version": 1, "content": blocks}


def adf_to_text(node):
    """The readable text of an ADF document (or any node of one)."""
    if not isinstance(node, dict):
        return "" if node is None else str(node)
    kind = node.get("type")
    attrs = node.get("attrs") or {}
    if kind == "text":
        return node.get("text", "")
    if kind == "hardBreak":
        return "\n"
    if kind == "mention":
        return attrs.get("text") or "@someone"
    if kind == "emoji":
        return attrs.get("text") or attrs.get("shortName") or ""
    if kind in ("inlineCard", "blockCard"):
        return attrs.get("url") or ""
    children = node.get("content") or []
    if kind in ("bulletList", "orderedList"):
        lines = []
        for i, item in enumerate(children, 1):
            marker = f"{i}." if kind == "orderedList" else "-"
            lines.append(f"{marker} {adf_to_text(item).strip()}")
        return "\n".join(lines) + "\n\n"
    inner = "".join(adf_to_text(child) for child in children)
    if kind == "codeBlock":
        return f"```\n{inner}\n```\n\n"
    if kind in ("paragraph", "heading", "blockquote", "panel"):
        prefix = "#" * int(attrs.get("level", 1)) + " " if kind == "heading" else ""
        return f"{prefix}{inner.strip()}\n\n"
    return inner


def plain(adf):
    return adf_to_text(adf).strip() if adf else None


ISSUE_FIELDS = [
    "summary",
    "status",
    "issuetype",
    "priority",
    "assignee",
    "reporter",
    "project",
    "labels",
    "created",
    "updated",
    "duedate",
    "description",
    "parent",
    "resolution",
]


def _name(value, key="name"):
    return (value or {}).get(key)


def issue_summary(issue):
    """The parts of a Jira issue worth reading, with the description as text."""
    fields = issue.get("fields") or {}
    status = fields.get("status") or {}
    summary = {
        "key": issue.get("key"),
        "id": issue.get("id"),
        "url": issue.get("browseUrl"),
        "summary": fields.get("summary"),
        "description": plain(fields.get("description")),
        "status": status.get("name"),
        "status_category": _name(status.get("statusCategory")),
        "issue_type": _name(fields.get("issuetype")),
        "priority": _name(fields.get("priority")),
        "assignee": _name(fields.get("assignee"), "displayName"),
        "assignee_account_id": _name(fields.get("assignee"), "accountId"),
        "reporter": _name(fields.get("reporter"), "displayName"),
        "project": _name(fields.get("project"), "key"),
        "labels": list(fields.get("labels") or []),
        "parent": _name(fields.get("parent"), "key"),
        "resolution": _name(fields.get("resolution")),
        "due_date": fields.get("duedate"),
        "created": fields.get("created"),
        "updated": fields.get("updated"),
    }
    comments = (fields.get("comment") or {}).get("comments")
    if comments is not None:
        summary["comments"] = [comment_summary(c) for c in comments]
    return summary


def created_summary(created):
    """What POST /issue answers: the new issue's key and ID."""
    return {"key": created.get("key"), "id": created.get("id"), "url": created.get("browseUrl")}


def comment_summary(comment):
    return {
        "id": comment.get("id"),
        "author": _name(comment.get("author"), "displayName"),
        "body": plain(comment.get("body")),
        "created": comment.get("created"),
        "updated": comment.get("updated"),
    }


def user_summary(user):
    return {
        "account_id": user.get("accountId"),
        "display_name": user.get("displayName"),
        "email": user.get("emailAddress"),
        "active": user.get("active"),
        "account_type": user.get("accountType"),
        "time_zone": user.get("timeZone"),
    }


def project_summary(project):
    return {
        "key": project.get("key"),
        "name": project.get("name"),
        "id": project.get("id"),
        "type": project.get("projectTypeKey"),
        "team_managed": project.get("simplified"),
        "lead": _name(project.get("lead"), "displayName"),
        "description": project.get("description") or None,
        "issue_types": [t.get("name") for t in project.get("issueTypes") or []] or None,
    }


def worklog_summary(worklog):
    return {
        "id": worklog.get("id"),
        "author": _name(worklog.get("author"), "displayName"),
        "time_spent": worklog.get("timeSpent"),
        "time_spent_seconds": worklog.get("timeSpentSeconds"),
        "started": worklog.get("started"),
        "comment": plain(worklog.get("comment")),
        "issue_id": worklog.get("issueId"),
    }


def version_summary(version):
    return {
        "id": version.get("id"),
        "name": version.get("name"),
        "description": version.get("description"),
        "released": version.get("released"),
        "archived": version.get("archived"),
        "overdue": version.get("overdue"),
        "start_date": version.get("startDate"),
        "release_date": version.get("releaseDate"),
        "project_id": version.get("projectId"),
    }


def component_summary(component):
    return {
        "id": component.get("id"),
        "name": component.get("name"),
        "description": component.get("description"),
        "lead": _name(component.get("lead"), "displayName"),
        "assignee_type": component.get("assigneeType"),
        "project": component.get("project"),
    }


def transition_summary(transition):
    to = transition.get("to") or {}
    return {
        "id": transition.get("id"),
        "name": transition.get("name"),
        "to_status": to.get("name"),
        "to_status_category": _name(to.get("statusCategory")),
        "has_screen": transition.get("hasScreen"),
        "available": transition.get("isAvailable"),
    }


def named_summary(item):
    """Issue types, priorities and link types: ID, name, description."""
    out = {"id": item.get("id"), "name": item.get("name"), "description": item.get("description") or None}
    for key, name in (("subtask", "subtask"), ("hierarchyLevel", "hierarchy_level"), ("inward", "inward"),
                      ("outward", "outward"), ("isDefault", "default")):
        if key in item:
            out[name] = item[key]
    return out


async def start_at_page(ctx, path, key=None, params=None):
    """A page of a Jira list that pages with `startAt` (the cursor) for an action with `limit` and
    `cursor` props: `(records, next_cursor)`, following Jira's pages until `limit` records are in
    hand. `key` names the list in the answer (`values`, `comments`...); None for a bare array."""
    try:
        start = int(ctx.props.get("cursor") or 0)
    except ValueError:
        raise ActionError("cursor must be the `next_cursor` of the previous result, passed unchanged") from None
    limit, records = ctx.props.limit, []
    while len(records) < limit:
        wanted = limit - len(records)
        data = (await jira(ctx, "GET", path, params={**(params or {}), "startAt": start, "maxResults": wanted})).json()
        page = data if key is None else data.get(key) or []
        records += page[:wanted]
        start += len(page[:wanted])
        if key is None:
            last = len(page) < wanted
        else:
            total = data.get("total")
            last = data.get("isLast", total is not None and start >= total) or not page
        if last or not page:
            return records, None
    return records, str(start)


def check_date(value, name):
    if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(value)):
        raise ActionError(f"{name} must be a date written as YYYY-MM-DD, e.g. `2024-06-30`")
    return value


async def account_id(ctx, value):
    """An account ID from an account ID, `me`, or an email address or name to look up."""
    text = str(value).strip()
    if text.lower() == "me":
        return (await jira(ctx, "GET", "/myself")).json()["accountId"]
    if "@" in text or " " in text:
        users = (await jira(ctx, "GET", "/user/search", params={"query": text, "maxResults": 2})).json()
        if not users:
            raise ActionError(f"no Jira user matches {text!r}; use jira-find-users to look people up")
        if len(users) > 1:
            names = ", ".join(f"{u.get('displayName')} ({u.get('accountId')})" for u in users)
            raise ActionError(f"{text!r} matches several people ({names}); pass the account ID")
        return users[0]["accountId"]
    return text


# Remote options


async def site_options(ctx):
    return await _atlassian.site_options(ctx, "jira")


async def _start_at_options(ctx, path, key, to_option, params=None, page_size=50):
    start = ctx.prev_context.get("startAt") or 0
    if ctx.page > 0 and not start:
        return []
    data = (await jira(ctx, "GET", path, params={**(params or {}), "startAt": start, "maxResults": page_size})).json()
    items = data if key is None else data.get(key) or []
    last = len(items) < page_size if key is None else data.get("isLast", len(items) < page_size)
    options = [to_option(item) for item in items]
    return OptionsPage(options=options, context=None if last else {"startAt": start + len(items)})


async def project_options(ctx):
    params = {"orderBy": "name"}
    if ctx.query:
        params["query"] = ctx.query
    return await _start_at_options(
        ctx, "/project/search", "values", lambda p: Option(label=f"{p.get('name')} ({p['key']})", value=p["key"]), params
    )


def _chosen_project(ctx):
    if not ctx.props.get("projectKey"):
        raise ActionError("choose the project first; the choices depend on it")
    return str(ctx.props.projectKey).strip().upper()


async def issue_type_options(ctx):
    project = (await jira(ctx, "GET", f"/project/{_chosen_project(ctx)}")).json()
    return [t["name"] for t in project.get("issueTypes") or []]


async def assignable_user_options(ctx):
    params = {"project": _chosen_project(ctx)}
    if ctx.query:
        params["query"] = ctx.query
    return await _start_at_options(
        ctx, "/user/assignable/search", None, lambda u: Option(label=u.get("displayName"), value=u["accountId"]), params
    )


async def issue_options(ctx):
    """Issues the user viewed lately, or those matching what was typed (Jira's issue picker)."""
    data = (await jira(ctx, "GET", "/issue/picker", params={"query": ctx.query or "", "showSubTasks": "true"})).json()
    seen, options = set(), []
    for section in data.get("sections") or []:
        for issue in section.get("issues") or []:
            if issue.get("key") not in seen:
                seen.add(issue.get("key"))
                options.append(Option(label=f"{issue.get('key')}: {issue.get('summaryText')}", value=issue["key"]))
    return options


async def priority_options(ctx):
    return [p["name"] for p in (await jira(ctx, "GET", "/priority")).json()]


async def link_type_options(ctx):
    types = (await jira(ctx, "GET", "/issueLinkType")).json().get("issueLinkTypes") or []
    return [Option(label=f"{t.get('name')} ({t.get('outward')} / {t.get('inward')})", value=t["name"]) for t in types]


async def comment_options(ctx):
    if not ctx.props.get("issueKey"):
        raise ActionError("choose the issue first; the choices are its comments")
    key = issue_key(ctx.props.issueKey)
    data = (await jira(ctx, "GET", f"/issue/{key}/comment", params={"orderBy": "-created", "maxResults": 50})).json()
    options = []
    for c in data.get("comments") or []:
        text = plain(c.get("body")) or ""
        author = _name(c.get("author"), "displayName")
        options.append(Option(label=f"{author}: {text[:60]}{'…' if len(text) > 60 else ''}", value=c["id"]))
    return options


def comment_id(value):
    text = str(value or "").strip()
    if not text.isdigit():
        raise ActionError(f"commentId {value!r} must be a comment's numeric ID, e.g. `10000`, from jira-list-comments")
    return text


async def transition_options(ctx):
    if not ctx.props.get("issueKey"):
        raise ActionError("choose the issue first; the choices depend on it")
    data = (await jira(ctx, "GET", f"/issue/{issue_key(ctx.props.issueKey)}/transitions")).json()
    return [
        Option(label=f"{t.get('name')} → {(t.get('to') or {}).get('name')}", value=t["id"])
        for t in data.get("transitions") or []
    ]


app.define(
    "site",
    props.string(
        "Site",
        "Which Jira site to use: its cloud ID, its URL (e.g. `https://acme.atlassian.net`) or its name. Leave empty "
        "when the account reaches a single Jira site. The choices list the sites the account was granted.",
        options=site_options,
        optional=True,
    ),
)

app.define(
    "projectKey",
    props.string(
        "Project",
        "The Jira project's key, e.g. `ENG` (the prefix of its issue keys). The choices list the projects the user "
        "can see.",
        options=project_options,
        use_query=True,
    ),
)

app.define(
    "issueKey",
    props.string(
        "Issue",
        "The issue key, e.g. `ENG-42` (a browse URL such as `https://acme.atlassian.net/browse/ENG-42` works too). "
        "jira-search-issues finds issues; the choices list recently viewed ones, or those matching what you type.",
        options=issue_options,
        use_query=True,
    ),
)

app.define(
    "commentId",
    props.string(
        "Comment ID",
        "The comment's numeric ID, e.g. `10000`, as jira-list-comments or jira-add-comment return it. The choices "
        "list the issue's latest comments.",
        options=comment_options,
    ),
)

app.define(
    "components",
    props.string_list(
        "Components",
        "Names of the project's components to file the issue under, e.g. `[\"Backend\"]`; jira-list-components "
        "lists them.",
        optional=True,
    ),
)

app.define(
    "assignee",
    props.string(
        "Assignee",
        "Who to assign: an Atlassian account ID (e.g. `5b10ac8d82e05b22cc7d4ef5`), `me` for the connected user, or "
        "an email address to look up. The choices list people assignable in the project.",
        options=assignable_user_options,
        use_query=True,
        optional=True,
    ),
)

app.define(
    "labels",
    props.string_list("Labels", "Labels to put on the issue, e.g. `[\"backend\", \"customer\"]` (no spaces in a label).", optional=True),
)

app.define(
    "priority",
    props.string(
        "Priority",
        "The priority's name as configured on the site, e.g. `Highest`, `High`, `Medium`, `Low` or `Lowest`. The "
        "choices (and jira-list-priorities) list the site's priorities.",
        options=priority_options,
        optional=True,
    ),
)
