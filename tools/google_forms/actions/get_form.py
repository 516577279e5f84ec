from ..app import api, app, form_path, form_summary


@app.action(
    "get-form",
    title="Get Form",
    description=(
        "Read a Google Form: its title, description, links, and every item in order with its type, whether it is "
        "required and its choices. Each question's `question_id` is the key its answers have in "
        "google_forms-list-responses and google_forms-get-response. With Full Response, the form's complete structure."
    ),
    props={"formId": app.definition("formId")},
    read_only=True,
    trim=form_summary,
)
async def get_form(ctx):
    form = await api(ctx, "GET", form_path(ctx.props.formId))
    ctx.summary = f"Read the form {(form.get('info') or {}).get('title')!r} ({len(form.get('items') or [])} items)"
    return form
