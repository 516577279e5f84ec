from mcp_gateway.catalog import props

from ..app import app, body_for, confluence, page_id, page_options, page_summary, site_base, space_id, with_base


@app.action(
    "create-page",
    title="Create Page",
    description=(
        "Create a Confluence page in a space, at the top level or under a parent page, with content in storage "
        "format, wiki markup or plain text. Returns the new page's ID and URL. To change an existing page use "
        "confluence-update-page; to check whether the title is taken, confluence-list-pages with `title`."
    ),
    props={
        "site": app.definition("site"),
        "spaceId": app.definition("spaceId"),
        "title": props.string("Title", "The page title; it must be unique within the space."),
        "body": props.string("Content", "The page content, written in the format chosen in bodyFormat."),
        "bodyFormat": app.definition("bodyFormat"),
        "parentId": props.string(
            "Parent Page",
            "The ID of the page to create this one under, e.g. `123456`. Leave empty for the space's top level.",
            options=page_options,
            use_query=True,
            optional=True,
        ),
        "draft": props.boolean("Draft", "Create an unpublished draft instead of a published page.", default=False),
    },
    trim=page_summary,
)
async def create_page(ctx):
    body = {
        "spaceId": await space_id(ctx, ctx.props.spaceId),
        "status": "draft" if ctx.props.draft else "current",
        "title": ctx.props.title,
        "body": body_for(ctx.props.body, ctx.props.bodyFormat),
    }
    if ctx.props.get("parentId"):
        body["parentId"] = page_id(ctx.props.parentId)
    page = (await confluence(ctx, "POST", "/api/v2/pages", json=body)).json()
    ctx.summary = f"Created Confluence page {page.get('id')}: {page.get('title')}"
    return with_base(page, site_base(ctx, page))
