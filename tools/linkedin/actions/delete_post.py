from ..app import app, check_post_urn, post_path, send


@app.action(
    "delete-post",
    title="Delete Post",
    description=(
        "Delete one of the connected member's LinkedIn posts for good, with its comments and reactions. To only fix "
        "its text, use linkedin-update-post."
    ),
    props={"postUrn": app.definition("postUrn")},
    destructive=True,
    idempotent=True,
)
async def delete_post(ctx):
    urn = check_post_urn(ctx.props.postUrn)
    await send(ctx, "DELETE", post_path(urn), headers={"X-RestLi-Method": "DELETE"})
    ctx.summary = f"Deleted {urn}"
    return {"id": urn, "deleted": True}
