from mcp_gateway.catalog import ActionError, props

from ..app import app, request, user_login


def _gist(gist):
    return {
        "id": gist.get("id"),
        "html_url": gist.get("html_url"),
        "public": gist.get("public"),
        "description": gist.get("description"),
        "files": [
            {"filename": f.get("filename"), "language": f.get("language"), "size": f.get("size"), "raw_url": f.get("raw_url")}
            for f in (gist.get("files") or {}).values()
        ],
        "owner": user_login(gist.get("owner")),
        "created_at": gist.get("created_at"),
    }


@app.action(
    "create-gist",
    title="Create Gist",
    description=(
        "Share text or code as a GitHub gist: one or more files under a single URL, secret (the default: "
        "unlisted, visible to anyone with the link) or public. To add a file to a repository use Create or "
        "Update File Contents instead. Returns the gist's ID, URL and files."
    ),
    props={
        "files": props.obj(
            "Files", "The gist's files as an object of file name to text, e.g. `{\"hello.py\": \"print('hi')\"}`. "
            "The extension sets the syntax highlighting.",
        ),
        "description": props.string("Description", "A short description shown above the files.", optional=True),
        "public": props.boolean("Public", "List the gist publicly; otherwise it is secret (unlisted).", default=False),
    },
    trim=_gist,
)
async def create_gist(ctx):
    files = ctx.props.files
    if not isinstance(files, dict) or not files:
        raise ActionError("files must be an object of file name to text, e.g. {\"notes.md\": \"# Notes\"}")
    empty = [name for name, text in files.items() if not str(text or "").strip()]
    if empty:
        raise ActionError(f"GitHub refuses empty gist files; give text for {', '.join(empty)}")
    body = {"files": {name: {"content": str(text)} for name, text in files.items()}, "public": bool(ctx.props.public)}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    gist = (await request(ctx, "POST", "/gists", json=body)).json()
    ctx.summary = f"Created {'public' if gist.get('public') else 'secret'} gist {gist.get('id')} with {len(files)} file{'s' if len(files) != 1 else ''}"
    return gist
