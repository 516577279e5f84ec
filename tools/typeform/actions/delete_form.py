from ..app import api, app, seg


@app.action(
    "delete-form",
    title="Delete Form",
    description=(
        "Delete a typeform for good, with all of its responses. To remove only some responses, use "
        "typeform-delete-responses instead."
    ),
    props={"formId": app.definition("formId")},
    destructive=True,
    idempotent=True,
)
async def delete_form(ctx):
    await api(ctx, "DELETE", f"/forms/{seg(ctx.props.formId)}")
    ctx.summary = f"Deleted the form {ctx.props.formId}"
    return {"form_id": ctx.props.formId, "deleted": True}
