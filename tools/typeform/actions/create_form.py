from mcp_gateway.catalog import ActionError, props

from ..app import API, api, app, form_summary, seg


@app.action(
    "create-form",
    title="Create Form",
    description=(
        "Create a new typeform with a title and its questions, in the default workspace or a chosen one. Returns the "
        "form's ID and share URL. To read an existing form use typeform-get-form."
    ),
    props={
        "title": props.string("Title", "The form's title, e.g. `Customer feedback`."),
        "fields": props.object_list(
            "Fields",
            "The questions, in order, as Typeform field objects: each with `title` and `type` (`short_text`, "
            "`long_text`, `email`, `number`, `multiple_choice`, `yes_no`, `rating`, `opinion_scale`, `date`, "
            "`dropdown`, ...), and `properties` where the type needs them, e.g. "
            "`{\"title\": \"Which plan?\", \"type\": \"multiple_choice\", \"properties\": {\"choices\": [{\"label\": "
            "\"Free\"}, {\"label\": \"Pro\"}]}, \"validations\": {\"required\": true}}`.",
            optional=True,
        ),
        "hidden": props.string_list(
            "Hidden Fields", "Names of hidden fields filled from the form URL, e.g. `[\"email\", \"order_id\"]`.", optional=True,
        ),
        "workspaceId": app.definition("workspaceId", optional=True, description="The workspace to create it in (its ID); the default workspace when empty."),
    },
    trim=form_summary,
)
async def create_form(ctx):
    body = {"title": ctx.props.title}
    fields = ctx.props.get("fields") or []
    for number, field in enumerate(fields, 1):
        if not field.get("title") or not field.get("type"):
            raise ActionError(f"field {number} needs a `title` and a `type`, e.g. {{\"title\": \"Your name?\", \"type\": \"short_text\"}}")
    if fields:
        body["fields"] = list(fields)
    if ctx.props.get("hidden"):
        body["hidden"] = list(ctx.props.hidden)
    if ctx.props.get("workspaceId"):
        body["workspace"] = {"href": f"{API}/workspaces/{seg(ctx.props.workspaceId)}"}
    form = await api(ctx, "POST", "/forms", json=body)
    ctx.summary = f"Created the form {form.get('title')!r}"
    return form
