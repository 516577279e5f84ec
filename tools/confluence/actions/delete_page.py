from ..app import app, confluence, page_id


@app.action(
    "delete-page",
    title="Delete Page",
    description=(
        "Delete a Confluence page: it moves to the space's trash, where a space admin can restore it. Child pages "
        "move up to the deleted page's parent. To change a page instead, use confluence-update-page."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_page(ctx):
    pid = page_id(ctx.props.pageId)
    await confluence(ctx, "DELETE", f"/api/v2/pages/{pid}")
    ctx.summary = f"Deleted Confluence page {pid} (moved to trash)"
    return {"id": pid, "deleted": True}
