from ..app import app, confluence, page_id, page_with_body, site_base, with_base


@app.action(
    "get-page",
    title="Get Page",
    description=(
        "Read a Confluence page by ID: its title, space, version, URL and content, both as readable text and in "
        "Confluence storage format (needed to edit it faithfully). Find the page ID with confluence-search or "
        "confluence-list-pages; to change the page, use confluence-update-page."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
    },
    read_only=True,
    trim=page_with_body,
)
async def get_page(ctx):
    page = (await confluence(ctx, "GET", f"/api/v2/pages/{page_id(ctx.props.pageId)}", params={"body-format": "storage"})).json()
    ctx.summary = f"Retrieved Confluence page {page.get('id')}: {page.get('title')} (version {(page.get('version') or {}).get('number')})"
    return with_base(page, site_base(ctx, page))
