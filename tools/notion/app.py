import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, props

NOTION_VERSION = "2022-06-28"

# Limits of the Notion API: characters in one text object, blocks in one request.
MAX_TEXT = 2000
MAX_BLOCKS = 100


def _headers(auth):
    headers = {"Notion-Version": NOTION_VERSION}
    if auth.get("oauth_access_token"):
        headers["Authorization"] = f"Bearer {auth['oauth_access_token']}"
    return headers


async def _account_test(ctx):
    """The token's bot user (`GET /users/me`), named after the workspace it was authorized in.

    A public integration gets one bot per authorization, so the bot's ID identifies the
    connection; the workspace name is what Notion suggests showing for it.
    """
    me = (await ctx.http.get("/users/me")).json()
    bot = me.get("bot") or {}
    owner = (bot.get("owner") or {}).get("user") or {}
    name = bot.get("workspace_name") or owner.get("name") or me.get("name")
    return Identity(name=name, external_id=me.get("id"))


app = App(
    "notion",
    "Notion",
    "Search, read and write Notion pages, databases and blocks in the workspace pages shared with the connection.",
    auth=OAuth(
        authorize_url="https://api.notion.com/v1/oauth/authorize",
        token_url="https://api.notion.com/v1/oauth/token",
        # The token endpoint takes the client ID and secret by HTTP Basic, and a JSON body.
        token_auth_method="client_secret_basic",
        token_body="json",
        extra_authorize_params={"owner": "user"},
    ),
    categories=["Productivity"],
    featured_weight=90,
    base_url="https://api.notion.com/v1",
    allowed_domains=["api.notion.com"],
    auth_headers=_headers,
    test=_account_test,
)


def plain_text(rich_text):
    """The text of a Notion rich text array."""
    return "".join(part.get("plain_text") or (part.get("text") or {}).get("content", "") for part in rich_text or [])


def title_of(obj):
    """The title of a page (its `title` property) or a database (its `title` field)."""
    if obj.get("object") == "database":
        text = plain_text(obj.get("title"))
    else:
        text = ""
        for prop in (obj.get("properties") or {}).values():
            if isinstance(prop, dict) and prop.get("type") == "title":
                text = plain_text(prop.get("title"))
                break
    return text or "Untitled"


def rich_text(text):
    """A rich text array holding `text`, split into pieces Notion accepts."""
    text = str(text)
    return [{"type": "text", "text": {"content": text[i : i + MAX_TEXT]}} for i in range(0, len(text), MAX_TEXT)]


_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_QUOTE = re.compile(r"^>\s?(.*)$")


def _block(kind, text):
    return {"object": "block", "type": kind, kind: {"rich_text": rich_text(text)}}


def text_to_blocks(content):
    """Turn plain text into Notion blocks.

    Blank lines separate paragraphs; lines starting with `#`, `##` or `###` become
    headings, `- ` / `* ` bulleted items, `1. ` numbered items and `> ` quotes.
    """
    blocks = []
    paragraph = []

    def flush():
        if paragraph:
            blocks.append(_block("paragraph", "\n".join(paragraph)))
            paragraph.clear()

    for raw in str(content).splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        for pattern, kind in ((_BULLET, "bulleted_list_item"), (_NUMBERED, "numbered_list_item"), (_QUOTE, "quote")):
            match = pattern.match(stripped)
            if match:
                flush()
                blocks.append(_block(kind, match.group(1)))
                break
        else:
            heading = _HEADING.match(stripped)
            if heading:
                flush()
                blocks.append(_block(f"heading_{len(heading.group(1))}", heading.group(2)))
            else:
                paragraph.append(line)
    flush()
    return blocks


async def append_blocks(ctx, block_id, blocks):
    """Append blocks under a page or block, 100 per request; returns the created blocks."""
    created = []
    for start in range(0, len(blocks), MAX_BLOCKS):
        response = await ctx.http.patch(f"/blocks/{block_id}/children", json={"children": blocks[start : start + MAX_BLOCKS]})
        created.extend(response.json().get("results", []))
    return created


_READ_ONLY_TYPES = {"formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id", "verification", "button"}


def _names(value):
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def property_value(name, kind, value):
    """Turn a plain value (text, number, list...) into the Notion value for a property of type `kind`."""
    if isinstance(value, dict):
        return value  # already a Notion property value
    if kind in _READ_ONLY_TYPES:
        raise ActionError(f"property {name!r} is a {kind} property, which Notion computes; it cannot be set")
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return {kind: value}  # Notion's own array (rich text, relation, people, options...)
    if kind in ("title", "rich_text"):
        return {kind: [] if value is None else rich_text(value)}
    if kind == "number":
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"number": value}
        try:
            number = float(str(value).strip())
        except ValueError:
            raise ActionError(f"property {name!r} is a number property; {value!r} is not a number") from None
        return {"number": int(number) if number.is_integer() else number}
    if kind == "checkbox":
        if isinstance(value, bool):
            return {"checkbox": value}
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no", "1", "0"):
            raise ActionError(f"property {name!r} is a checkbox; pass true or false, not {value!r}")
        return {"checkbox": text in ("true", "yes", "1")}
    if kind in ("select", "status"):
        return {kind: None if value is None else {"name": str(value)}}
    if kind == "multi_select":
        return {"multi_select": [] if value is None else [{"name": n} for n in _names(value)]}
    if kind == "date":
        return {"date": None if value is None else {"start": str(value)}}
    if kind in ("url", "email", "phone_number"):
        return {kind: None if value is None else str(value)}
    if kind in ("people", "relation"):
        return {kind: [] if value is None else [{"id": i} for i in _names(value)]}
    if kind == "files":
        urls = [] if value is None else _names(value)
        return {"files": [{"name": u.rstrip("/").rsplit("/", 1)[-1][:100] or u[:100], "type": "external", "external": {"url": u}} for u in urls]}
    raise ActionError(f"property {name!r} has type {kind}; pass its value in Notion's own format, e.g. {{{kind!r}: ...}}")


def needs_schema(values):
    return any(not isinstance(v, dict) for v in values.values())


def property_values(values, schema):
    """Convert every value in `values`, given `schema`: property name to its Notion property object."""
    out = {}
    for name, value in values.items():
        if isinstance(value, dict):
            out[name] = value
            continue
        prop = schema.get(name)
        if prop is None:
            known = ", ".join(f"{n} ({p.get('type')})" for n, p in schema.items()) or "none"
            raise ActionError(f"there is no property named {name!r}; the properties are: {known}")
        out[name] = property_value(name, prop.get("type"), value)
    return out


async def _search_options(ctx, object_type):
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []  # the previous page was the last one
    body = {"filter": {"property": "object", "value": object_type}, "page_size": 100}
    if ctx.query:
        body["query"] = ctx.query
    if cursor:
        body["start_cursor"] = cursor
    data = (await ctx.http.post("/search", json=body)).json()
    options = [Option(label=title_of(item), value=item["id"]) for item in data.get("results", [])]
    context = {"cursor": data["next_cursor"]} if data.get("has_more") and data.get("next_cursor") else None
    return OptionsPage(options=options, context=context)


async def database_options(ctx):
    return await _search_options(ctx, "database")


async def page_options(ctx):
    return await _search_options(ctx, "page")


app.define(
    "databaseId",
    props.string(
        "Database",
        "The ID of a Notion database (a UUID such as `8e2c2b76-...`, or the 32 hex characters in the "
        "database's URL). Only databases shared with the connection are visible.",
        options=database_options,
        use_query=True,
    ),
)

app.define(
    "pageId",
    props.string(
        "Page",
        "The ID of a Notion page (a UUID such as `59833787-...`, or the 32 hex characters at the end of "
        "the page's URL). Only pages shared with the connection are visible.",
        options=page_options,
        use_query=True,
    ),
)
