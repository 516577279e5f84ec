from mcp_gateway.catalog import props

from ..app import api, app, batch_update, form_summary


@app.action(
    "create-form",
    title="Create Form",
    description=(
        "Create a new, empty Google Form with a title (and optionally a description). Add questions to it with "
        "google_forms-add-question. Returns the form's ID, its edit URL and the link to share with responders."
    ),
    props={
        "title": props.string("Title", "The title responders see at the top of the form, e.g. `Event feedback`."),
        "documentTitle": props.string(
            "File Name", "The form's file name in Drive; leave empty to use the title.", optional=True),
        "description": props.string("Description", "Text shown under the title.", optional=True),
    },
    trim=form_summary,
)
async def create_form(ctx):
    info = {"title": ctx.props.title}
    if ctx.props.get("documentTitle"):
        info["documentTitle"] = ctx.props.documentTitle
    form = await api(ctx, "POST", "/forms", json={"info": info})
    # A new form takes only its titles; the description is set by an update after it.
    if ctx.props.get("description"):
        answer = await batch_update(ctx, form["formId"], [{"updateFormInfo": {
            "info": {"description": ctx.props.description}, "updateMask": "description"}}], include_form=True)
        form = answer.get("form") or form
    ctx.summary = f"Created the form {ctx.props.title!r}"
    return form
