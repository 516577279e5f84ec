from urllib.parse import quote

from ..app import api, app


@app.action(
    "delete-template",
    title="Delete Template",
    description="Delete a Postmark template for good. Emails already sent from it are not affected.",
    props={"template": app.definition("template")},
    destructive=True,
    idempotent=True,
)
async def delete_template(ctx):
    answer = await api(ctx, "DELETE", f"/templates/{quote(str(ctx.props.template).strip(), safe='')}")
    ctx.summary = answer.get("Message") or "Deleted the template"
    return {"template": ctx.props.template, "deleted": True}
