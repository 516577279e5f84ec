from mcp_gateway.catalog import props, within

from ..app import app, page, template_summary


@app.action(
    "list-templates",
    title="List Templates",
    description=(
        "List the email templates (and layouts) stored on this Postmark server, with their IDs and aliases, to pick one "
        "for postmark-send-email-with-template. For a template's content use postmark-get-template."
    ),
    props={"limit": props.limit("templates"), "cursor": props.cursor()},
    read_only=True,
    trim=within("templates", template_summary),
)
async def list_templates(ctx):
    found = await page(ctx, "/templates", "Templates", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                       count_name="Count", offset_name="Offset")
    ctx.summary = f"Listed {len(found['templates'])} of {found['total']} templates"
    return found
