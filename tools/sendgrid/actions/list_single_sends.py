from mcp_gateway.catalog import props, within

from ..app import app, collect, plural, single_send_summary

# SendGrid returns at most 100 Single Sends a page.
_PAGE_MAX = 100


@app.action(
    "list-single-sends",
    title="List Single Sends",
    description=(
        "List the account's Single Sends (one-off Marketing Campaigns emails), with each one's ID, name, status "
        "(`draft`, `scheduled` or `triggered`, i.e. sent), send time and categories, and a `next_cursor` when more "
        "exist. For transactional templates, use sendgrid-list-templates; for delivery numbers, sendgrid-get-email-stats."
    ),
    props={"limit": props.limit("Single Sends"), "cursor": props.cursor()},
    read_only=True,
    trim=within("single_sends", single_send_summary),
)
async def list_single_sends(ctx):
    single_sends, following = await collect(
        ctx, "/marketing/singlesends", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), page_max=_PAGE_MAX,
    )
    ctx.summary = f"Listed {plural(len(single_sends), 'Single Send')}" + (" (more available)" if following else "")
    return {"single_sends": single_sends, "next_cursor": following}
