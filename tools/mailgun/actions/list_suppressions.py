from mcp_gateway.catalog import props, within

from ..app import app, seg, url_page

_KINDS = ["bounces", "unsubscribes", "complaints"]


def _suppression(item):
    return {"address": item.get("address"), "code": item.get("code"), "error": item.get("error"), "tags": item.get("tags"),
            "created_at": item.get("created_at")}


@app.action(
    "list-suppressions",
    title="List Suppressions",
    description=(
        "List the addresses a domain no longer sends to: those that bounced (with the error), unsubscribed (with "
        "the tags) or complained of spam. Mail to them is dropped. To see one message's fate, use mailgun-list-events."
    ),
    props={
        "domain": app.definition("domain"),
        "type": props.string("Type", "Which suppression list: `bounces`, `unsubscribes` or `complaints`.", options=_KINDS,
                             default="bounces"),
        "limit": props.limit("addresses"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", _suppression),
)
async def list_suppressions(ctx):
    kind = ctx.props.type
    items, following = await url_page(ctx, f"/v3/{seg(ctx.props.domain)}/{kind}", limit=ctx.props.limit,
                                      cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(items)} {kind} of {ctx.props.domain}"
    return {"type": kind, "items": items, "next_cursor": following}
