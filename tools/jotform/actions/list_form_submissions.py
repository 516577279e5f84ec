import json

from mcp_gateway.catalog import props, within

from ..app import app, page, seg, submission_summary


@app.action(
    "list-form-submissions",
    title="List Form Submissions",
    description=(
        "List the submissions of one Jotform form, newest first, each with its answers (question label and value). "
        "Filter by date or status with `filter`. To read one submission by ID, use jotform-get-submission."
    ),
    props={
        "formId": app.definition("formId"),
        "filter": app.definition("filter"),
        "orderby": props.string("Order By", "A field to sort by, e.g. `created_at` (the default) or `id`.", optional=True),
        "limit": props.limit("submissions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("submissions", submission_summary),
)
async def list_form_submissions(ctx):
    params = {}
    if ctx.props.get("filter"):
        params["filter"] = json.dumps(ctx.props.filter)
    if ctx.props.get("orderby"):
        params["orderby"] = ctx.props.orderby
    found = await page(ctx, f"/form/{seg(ctx.props.formId)}/submissions", "submissions", limit=ctx.props.limit,
                       cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['submissions'])} submission{'s' if len(found['submissions']) != 1 else ''}"
    return found
