from mcp_gateway.catalog import props, within

from ..app import app, page, seg, submission_summary


@app.action(
    "list-form-submissions",
    title="List Form Submissions",
    description=(
        "List the entries sent through one Netlify form, newest first, each with its fields as `data`. The form comes "
        "from netlify-list-forms."
    ),
    props={
        "siteId": app.definition("siteId", description="The site the form is on (only to choose the form from its list).",
                                 optional=True),
        "formId": app.definition("formId"),
        "limit": props.limit("submissions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("submissions", submission_summary),
)
async def list_form_submissions(ctx):
    submissions, cursor = await page(ctx, f"/forms/{seg(ctx.props.formId)}/submissions", limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(submissions)} submission{'s' if len(submissions) != 1 else ''}"
    return {"submissions": submissions, "next_cursor": cursor}
