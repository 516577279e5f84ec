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


# Paging: Notion lists answer `{"results": [...], "next_cursor": ..., "has_more": ...}`, 100 at most.


async def collect(ctx, method, path, *, limit, cursor, params=None, body=None):
    """Up to `limit` results of a Notion list from `cursor` on, and the cursor after them.

    GET lists take `page_size` and `start_cursor` in the query, POST ones in the JSON body."""
    results, following = [], cursor or None
    while len(results) < limit:
        page = {"page_size": min(MAX_BLOCKS, limit - len(results))}
        if following:
            page["start_cursor"] = following
        if method == "GET":
            data = (await ctx.http.get(path, params={**(params or {}), **page})).json()
        else:
            data = (await ctx.http.post(path, json={**(body or {}), **page})).json()
        results.extend(data.get("results") or [])
        following = data.get("next_cursor") if data.get("has_more") else None
        if not following:
            break
    return results[:limit], following


# What an agent needs of Notion's objects.


def _people(items):
    return [p.get("name") or p.get("id") for p in items or []]


def simple_value(prop):
    """A property value as plain JSON: text, a number, a name, a list of names or IDs..."""
    kind = prop.get("type")
    value = prop.get(kind)
    if kind in ("title", "rich_text"):
        return plain_text(value)
    if kind in ("select", "status"):
        return (value or {}).get("name")
    if kind == "multi_select":
        return [o.get("name") for o in value or []]
    if kind == "date":
        if not value:
            return None
        return value.get("start") if not value.get("end") else {"start": value.get("start"), "end": value.get("end")}
    if kind == "people":
        return _people(value)
    if kind in ("created_by", "last_edited_by"):
        return (value or {}).get("name") or (value or {}).get("id")
    if kind == "relation":
        return [r.get("id") for r in value or []]
    if kind == "files":
        return [(f.get(f.get("type")) or {}).get("url") or f.get("name") for f in value or []]
    if kind == "formula":
        return (value or {}).get((value or {}).get("type"))
    if kind == "rollup":
        inner = value or {}
        return inner.get(inner.get("type"))
    if kind == "unique_id":
        prefix = (value or {}).get("prefix")
        number = (value or {}).get("number")
        return f"{prefix}-{number}" if prefix else number
    return value


def page_summary(page):
    return {
        "id": page.get("id"),
        "object": page.get("object"),
        "title": title_of(page),
        "url": page.get("url"),
        "parent": page.get("parent"),
        "archived": page.get("archived"),
        "in_trash": page.get("in_trash"),
        "created_time": page.get("created_time"),
        "last_edited_time": page.get("last_edited_time"),
        "properties": {name: simple_value(p) for name, p in (page.get("properties") or {}).items() if isinstance(p, dict)},
    }


def _schema_entry(prop):
    kind = prop.get("type")
    entry = {"id": prop.get("id"), "type": kind}
    options = (prop.get(kind) or {}).get("options") if isinstance(prop.get(kind), dict) else None
    if options is not None:
        entry["options"] = [o.get("name") for o in options]
    return entry


def database_summary(database):
    return {
        "id": database.get("id"),
        "object": database.get("object"),
        "title": title_of(database),
        "description": plain_text(database.get("description")),
        "url": database.get("url"),
        "parent": database.get("parent"),
        "is_inline": database.get("is_inline"),
        "archived": database.get("archived"),
        "created_time": database.get("created_time"),
        "last_edited_time": database.get("last_edited_time"),
        "properties": {name: _schema_entry(p) for name, p in (database.get("properties") or {}).items()},
    }


def block_summary(block):
    kind = block.get("type")
    content = block.get(kind) or {}
    out = {
        "id": block.get("id"),
        "type": kind,
        "text": plain_text(content.get("rich_text")) if "rich_text" in content else None,
        "has_children": block.get("has_children"),
        "parent": block.get("parent"),
        "archived": block.get("archived"),
        "last_edited_time": block.get("last_edited_time"),
    }
    if kind == "to_do":
        out["checked"] = content.get("checked")
    if kind in ("child_page", "child_database"):
        out["text"] = content.get("title")
    if kind in ("image", "file", "pdf", "video", "bookmark", "embed"):
        out["url"] = content.get("url") or (content.get(content.get("type")) or {}).get("url")
    if kind == "code":
        out["language"] = content.get("language")
    return out


def user_summary(user):
    out = {"id": user.get("id"), "type": user.get("type"), "name": user.get("name"), "avatar_url": user.get("avatar_url")}
    if user.get("type") == "person":
        out["email"] = (user.get("person") or {}).get("email")
    if user.get("type") == "bot":
        bot = user.get("bot") or {}
        out["workspace_name"] = bot.get("workspace_name")
        out["owner_type"] = (bot.get("owner") or {}).get("type")
    return out


def comment_summary(comment):
    return {
        "id": comment.get("id"),
        "discussion_id": comment.get("discussion_id"),
        "parent": comment.get("parent"),
        "text": plain_text(comment.get("rich_text")),
        "created_by": (comment.get("created_by") or {}).get("id"),
        "created_time": comment.get("created_time"),
    }


_SCHEMA_TYPES = [
    "title", "rich_text", "number", "select", "multi_select", "status", "date", "people", "files", "checkbox",
    "url", "email", "phone_number", "created_time", "created_by", "last_edited_time", "last_edited_by",
]


def property_schema(properties):
    """Notion property schemas from a mix of type names (`"select"`) and Notion's own objects."""
    out = {}
    for name, value in properties.items():
        if isinstance(value, dict):
            out[name] = value
        elif isinstance(value, str) and value in _SCHEMA_TYPES:
            out[name] = {value: {}}
        else:
            raise ActionError(
                f"property {name!r}: give a type name ({', '.join(_SCHEMA_TYPES)}) or Notion's property schema object, "
                "e.g. {\"select\": {\"options\": [{\"name\": \"High\"}]}}"
            )
    return out


async def user_options(ctx):
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []
    params = {"page_size": MAX_BLOCKS}
    if cursor:
        params["start_cursor"] = cursor
    data = (await ctx.http.get("/users", params=params)).json()
    options = [Option(label=u.get("name") or u["id"], value=u["id"]) for u in data.get("results", [])]
    context = {"cursor": data["next_cursor"]} if data.get("has_more") and data.get("next_cursor") else None
    return OptionsPage(options=options, context=context)


app.define(
    "blockId",
    props.string(
        "Block",
        "The ID of a Notion block (a UUID such as `c02fc1d3-db8b-45c5-a222-27595b15aea7`). notion-list-block-children "
        "and notion-append-block return block IDs; in the app, a block's `Copy link to block` URL ends with "
        "`#<block id>`. A page ID is also a block ID.",
    ),
)
