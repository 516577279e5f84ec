from ..app import api, app


@app.action(
    "list-labels",
    title="List Labels",
    description=(
        "List the labels of the connected Gmail mailbox, system labels (INBOX, UNREAD, STARRED...) and the user's own, "
        "with the IDs gmail-add-label-to-email, gmail-remove-label-from-email and gmail-find-email take."
    ),
    props={},
    read_only=True,
)
async def list_labels(ctx):
    data = await api(ctx, "GET", "/labels")
    labels = [
        {"id": label.get("id"), "name": label.get("name"), "type": label.get("type")}
        for label in data.get("labels") or []
    ]
    labels.sort(key=lambda l: (l["type"] != "user", str(l["name"]).lower()))
    user = sum(1 for l in labels if l["type"] == "user")
    ctx.summary = f"Listed {len(labels)} labels ({user} created by the user)"
    return {"labels": labels}
