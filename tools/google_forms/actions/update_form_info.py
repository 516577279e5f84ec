from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, form_summary


@app.action(
    "update-form-info",
    title="Update Form Info",
    description=(
        "Change a Google Form's title or description (what responders see at the top); fields left empty stay as "
        "they are. Questions are untouched: to add one use google_forms-add-question. Returns the updated form."
    ),
    props={
        "formId": app.definition("formId"),
        "title": props.string("Title", "The new title.", optional=True),
        "description": props.string("Description", "The new description.", optional=True),
    },
    idempotent=True,
    trim=form_summary,
)
async def update_form_info(ctx):
    info = {name: ctx.props[name] for name in ("title", "description") if ctx.props.get(name)}
    if not info:
        raise ActionError("nothing to change: give a title or a description")
    answer = await batch_update(ctx, ctx.props.formId, [{"updateFormInfo": {"info": info, "updateMask": ",".join(info)}}],
                                include_form=True)
    ctx.summary = f"Updated the form's {' and '.join(info)}"
    return answer.get("form") or {}
