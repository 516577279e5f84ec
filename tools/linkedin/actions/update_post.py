from ..app import app, check_post_urn, little_text, post_path, send


@app.action(
    "update-post",
    title="Update Post",
    description=(
        "Replace the text of one of the connected member's LinkedIn posts. The link card, if any, stays as it is; to "
        "change it, delete the post with linkedin-delete-post and share it again."
    ),
    props={"postUrn": app.definition("postUrn"), "text": app.definition("text")},
    idempotent=True,
)
async def update_post(ctx):
    urn = check_post_urn(ctx.props.postUrn)
    body = {"patch": {"$set": {"commentary": little_text(ctx.props.text)}}}
    await send(ctx, "POST", post_path(urn), json=body, headers={"X-RestLi-Method": "PARTIAL_UPDATE"})
    ctx.summary = f"Updated the text of {urn}"
    return {"id": urn, "updated": True}
