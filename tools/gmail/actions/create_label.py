from ..app import api, app, label_body, label_props, label_summary


@app.action(
    "create-label",
    title="Create Label",
    description=(
        "Create a label in the connected Gmail mailbox, optionally nested (`Clients/Acme`), coloured or hidden from the "
        "side bar. Apply it to emails afterwards with gmail-add-label-to-email or gmail-batch-modify-emails, or "
        "automatically with gmail-create-filter. Returns the new label's ID and settings."
    ),
    props=label_props(optional=False),
    trim=label_summary,
)
async def create_label(ctx):
    label = await api(ctx, "POST", "/labels", json=label_body(ctx))
    ctx.summary = f"Created label \"{label.get('name')}\" ({label.get('id')})"
    return label
