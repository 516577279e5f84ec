from mcp_gateway.catalog import props, within

from ..app import app, collect, mailbox_summary


@app.action(
    "list-mailboxes",
    title="List Mailboxes",
    description=(
        "List the Help Scout mailboxes (shared inboxes) the connected user can see, with their IDs, names and email "
        "addresses: the mailbox IDs other actions take."
    ),
    props={"limit": props.limit("mailboxes"), "cursor": props.cursor()},
    read_only=True,
    trim=within("mailboxes", mailbox_summary),
)
async def list_mailboxes(ctx):
    mailboxes, following = await collect(ctx, "/mailboxes", "mailboxes", limit=ctx.props.limit,
                                         cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(mailboxes)} mailbox{'es' if len(mailboxes) != 1 else ''}"
    return {"mailboxes": mailboxes, "next_cursor": following}
