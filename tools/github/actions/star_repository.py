from ..app import app, full_name_of, request


@app.action(
    "star-repository",
    title="Star Repository",
    description=(
        "Star a GitHub repository as the connected user, to bookmark it and show appreciation. Starring one "
        "already starred changes nothing. To read a repository's star count use Get Repository."
    ),
    props={"repoFullname": app.definition("repoFullname")},
    idempotent=True,
)
async def star_repository(ctx):
    full_name = full_name_of(ctx.props.repoFullname)
    await request(ctx, "PUT", f"/user/starred/{full_name}")
    ctx.summary = f"Starred {full_name}"
    return {"starred": True, "repository": full_name}
