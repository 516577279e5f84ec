from mcp_gateway.catalog import props, within

from ..app import app, list_summary, url_page


@app.action(
    "list-mailing-lists",
    title="List Mailing Lists",
    description=(
        "List the account's mailing lists with their addresses and member counts. Mail sent to a list's address goes "
        "to all its subscribed members; add people with mailgun-add-mailing-list-member."
    ),
    props={"limit": props.limit("mailing lists"), "cursor": props.cursor()},
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_mailing_lists(ctx):
    lists, following = await url_page(ctx, "/v3/lists/pages", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(lists)} mailing list{'s' if len(lists) != 1 else ''}"
    return {"lists": lists, "next_cursor": following}
