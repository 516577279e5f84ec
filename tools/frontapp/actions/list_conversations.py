from mcp_gateway.catalog import props, within

from ..app import app, collect, conversation_summary

_STATUSES = ["assigned", "unassigned", "archived", "trashed"]


@app.action(
    "list-conversations",
    title="List Conversations",
    description=(
        "List Front conversations, most recent first, optionally only one inbox's or those in some states "
        "(assigned, unassigned, archived, trashed). Returns each conversation's ID, subject, status, assignee, "
        "customer and tags. To read one in full use frontapp-get-conversation."
    ),
    props={
        "inboxId": app.definition("inboxId", description="Only this inbox's conversations (its ID; see the options)."),
        "statuses": props.string_list(
            "Statuses", "Only conversations in these states: `assigned`, `unassigned`, `archived`, `trashed`. Empty: "
            "no filter on the state.", options=_STATUSES, optional=True),
        "limit": props.limit("conversations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("conversations", conversation_summary),
)
async def list_conversations(ctx):
    path = f"/inboxes/{ctx.props.inboxId}/conversations" if ctx.props.get("inboxId") else "/conversations"
    params = {"q[statuses][]": list(ctx.props.statuses)} if ctx.props.get("statuses") else None
    conversations, token = await collect(ctx, path, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(conversations)} conversation{'s' if len(conversations) != 1 else ''}"
    return {"conversations": conversations, "next_cursor": token}
