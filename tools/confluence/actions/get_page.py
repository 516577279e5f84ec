from ..app import app, confluence, page_id, page_summary


@app.action(
    "get-page",
    title="Get Page",
    description=(
        "Read a Confluence page by ID: its title, space, version, URL and content, both as readable text and in "
        "Confluence storage format (needed to edit it faithfully)."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
    },
    read_only=True,
)
async def get_page(ctx):
    page = (await confluence(ctx, "GET", f"/api/v2/pages/{page_id(ctx.props.pageId)}", params={"body-format": "storage"})).json()
    ctx.summary = f"Retrieved Confluence page {page.get('id')}: {page.get('title')} (version {(page.get('version') or {}).get('number')})"
    return page_summary(ctx, page, with_body=True)
