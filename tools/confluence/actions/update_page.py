from mcp_gateway.catalog import ActionError, props

from ..app import app, body_for, confluence, page_id, page_summary, site_base, with_base


@app.action(
    "update-page",
    title="Update Page",
    description=(
        "Change a Confluence page's content or title as a new version: replace the whole content, or append to "
        "the end of it. The current version is read first, so no version number is needed. Returns the page's new "
        "version and URL. Read the page first with confluence-get-page to edit its storage content faithfully; to "
        "add a remark without changing the page, use confluence-add-comment."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "body": props.string(
            "Content",
            "The new content, in the format chosen in bodyFormat. Leave empty to change only the title.",
            optional=True,
        ),
        "bodyFormat": app.definition("bodyFormat"),
        "mode": props.string(
            "Mode",
            "`replace` to make this the whole page content, `append` to add it after the current content "
            "(append works with `storage` and `plain_text`).",
            options=["replace", "append"],
            default="replace",
        ),
        "title": props.string("Title", "A new title. Leave empty to keep the current one.", optional=True),
        "versionMessage": props.string(
            "Version Comment", "A note saved with the new version, e.g. `Updated the rollout dates`.", optional=True
        ),
    },
    destructive=True,
    trim=page_summary,
)
async def update_page(ctx):
    pid = page_id(ctx.props.pageId)
    text, title = ctx.props.get("body"), ctx.props.get("title")
    if not text and not title:
        raise ActionError("nothing to change: give the new content (body), a new title, or both")
    current = (await confluence(ctx, "GET", f"/api/v2/pages/{pid}", params={"body-format": "storage"})).json()
    existing = ((current.get("body") or {}).get("storage") or {}).get("value") or ""
    if not text:
        body = {"representation": "storage", "value": existing}
    else:
        body = body_for(text, ctx.props.bodyFormat)
        if ctx.props.mode == "append":
            if body["representation"] != "storage":
                raise ActionError("append works with bodyFormat `storage` or `plain_text`, not wiki markup")
            body = {"representation": "storage", "value": existing + body["value"]}
    number = int((current.get("version") or {}).get("number") or 0) + 1
    version = {"number": number}
    if ctx.props.get("versionMessage"):
        version["message"] = ctx.props.versionMessage
    update = {
        "id": pid,
        "status": "current",
        "title": title or current.get("title"),
        "body": body,
        "version": version,
    }
    page = (await confluence(ctx, "PUT", f"/api/v2/pages/{pid}", json=update)).json()
    what = "Appended to" if text and ctx.props.mode == "append" else "Updated"
    ctx.summary = f"{what} Confluence page {pid}: {page.get('title')} (now version {number})"
    return with_base(page, site_base(ctx, page))
