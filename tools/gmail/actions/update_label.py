from mcp_gateway.catalog import ActionError

from ..app import api, app, label_body, label_props, label_summary, seg


@app.action(
    "update-label",
    title="Update Label",
    description=(
        "Rename a Gmail label the user created, or change its colour or where it shows; only the fields given change. "
        "System labels (INBOX, STARRED...) cannot be changed. Returns the label as it is afterwards."
    ),
    props={"labelId": app.definition("labelId"), **label_props(optional=True)},
    idempotent=True,
    trim=label_summary,
)
async def update_label(ctx):
    body = label_body(ctx)
    if not body:
        raise ActionError(
            "nothing to change: give name, labelListVisibility, messageListVisibility or backgroundColor with textColor"
        )
    label = await api(ctx, "PATCH", f"/labels/{seg(ctx.props.labelId)}", json=body)
    ctx.summary = f"Updated label \"{label.get('name')}\" ({', '.join(body)})"
    return label
