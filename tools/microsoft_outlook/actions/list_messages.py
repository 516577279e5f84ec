from mcp_gateway.catalog import ActionError, props, within

from ..app import MESSAGE_FIELDS, app, folder_segment, graph_list, message_summary


def search_value(text):
    text = str(text).strip()
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text
    return '"' + text.replace('"', '\\"') + '"'


@app.action(
    "list-messages",
    title="List or Search Emails",
    description=(
        "List or search emails in the connected user's mailbox: subject, sender, recipients, time, read state, "
        "preview and ID. With no search or filter, the newest come first. `search` finds words in the sender, "
        "subject and body (or KQL like `from:ada subject:report`); `filter` takes an OData filter; use one or "
        "the other. Returns `messages` and a `next_cursor` when more exist. To read one message's body and "
        "attachments use microsoft_outlook-get-message; to find contacts, microsoft_outlook-list-contacts."
    ),
    props={
        "folderId": app.definition(
            "folderId",
            optional=True,
            description=(
                "Only messages in this folder: its ID or a well-known name such as `inbox`, `sentitems` or `archive`. "
                "Leave empty to look in every folder."
            ),
        ),
        "search": props.string(
            "Search",
            "Words to search for, e.g. `quarterly report`, or KQL such as `from:ada@example.com`, "
            "`subject:invoice`, `hasAttachments:true`. Results come newest first; cannot be combined with filter.",
            optional=True,
        ),
        "filter": props.string(
            "Filter",
            "An OData filter on message properties, e.g. `isRead eq false`, "
            "`receivedDateTime ge 2024-05-01T00:00:00Z` or `from/emailAddress/address eq 'ada@example.com'`.",
            optional=True,
        ),
        "unreadOnly": props.boolean("Unread Only", "`true` returns only unread messages.", optional=True),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_messages(ctx):
    search = (ctx.props.get("search") or "").strip()
    filters = [(ctx.props.get("filter") or "").strip(), "isRead eq false" if ctx.props.get("unreadOnly") else ""]
    filters = [f for f in filters if f]
    if search and filters:
        raise ActionError(
            "Outlook cannot combine search with filter or unreadOnly; use search alone (KQL such as "
            "`isread:false` works there) or filter alone"
        )
    params = {"$select": MESSAGE_FIELDS}
    if search:
        params["$search"] = search_value(search)
    elif filters:
        params["$filter"] = " and ".join(f"({f})" if len(filters) > 1 else f for f in filters)
    else:
        params["$orderby"] = "receivedDateTime desc"
    folder = ctx.props.get("folderId")
    path = f"/me/mailFolders/{folder_segment(folder)}/messages" if folder else "/me/messages"
    messages, next_cursor = await graph_list(ctx, path, params)
    what = f" matching {search!r}" if search else ""
    ctx.summary = f"Found {len(messages)} message(s){what}" + (" (more available)" if next_cursor else "")
    return {"messages": messages, "next_cursor": next_cursor}
