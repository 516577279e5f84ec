from mcp_gateway.catalog import ActionError, props

from ..app import api, app, plural, seg


@app.action(
    "delete-responses",
    title="Delete Responses",
    description=(
        "Delete some responses of a typeform for good, by their IDs (up to 1000), e.g. for a person who asks to be "
        "forgotten. Typeform removes them shortly after; unknown IDs are ignored. To delete the form and every "
        "response, use typeform-delete-form."
    ),
    props={
        "formId": app.definition("formId"),
        "responseIds": props.string_list("Response IDs", "The `response_id` of each response to delete, from typeform-list-responses."),
    },
    destructive=True,
    idempotent=True,
)
async def delete_responses(ctx):
    ids = [str(i).strip() for i in ctx.props.responseIds if str(i).strip()]
    if not ids or len(ids) > 1000:
        raise ActionError("give between 1 and 1000 response IDs")
    await api(ctx, "DELETE", f"/forms/{seg(ctx.props.formId)}/responses", params={"included_response_ids": ",".join(ids)})
    ctx.summary = f"Deleted {plural(len(ids), 'response')}"
    return {"form_id": ctx.props.formId, "deleted_response_ids": ids}
