from mcp_gateway.catalog import within

from ..app import api, app, label_summary


@app.action(
    "list-labels",
    title="List Labels",
    description=(
        "List every label of the connected Gmail mailbox, the user's own first, then system labels (INBOX, UNREAD, "
        "STARRED...), with the IDs gmail-add-label-to-email, gmail-remove-label-from-email, gmail-find-email, "
        "gmail-update-label and gmail-delete-label take. Gmail returns all labels at once, so there is no paging."
    ),
    props={},
    read_only=True,
    trim=within("labels", label_summary),
)
async def list_labels(ctx):
    data = await api(ctx, "GET", "/labels")
    labels = sorted(data.get("labels") or [], key=lambda l: (l.get("type") != "user", str(l.get("name", "")).lower()))
    user = sum(1 for l in labels if l.get("type") == "user")
    ctx.summary = f"Listed {len(labels)} labels ({user} created by the user)"
    return {"labels": labels}
