from ..app import api, app, form_summary, seg


@app.action(
    "get-form",
    title="Get Form",
    description=(
        "Read one typeform: its title, share URL, and its questions (fields) with their IDs, types and choices. The "
        "field IDs tie the answers of typeform-list-responses to their questions."
    ),
    props={"formId": app.definition("formId")},
    read_only=True,
    trim=form_summary,
)
async def get_form(ctx):
    form = await api(ctx, "GET", f"/forms/{seg(ctx.props.formId)}")
    ctx.summary = f"Read the form {form.get('title')!r} ({len(form.get('fields') or [])} fields)"
    return form
