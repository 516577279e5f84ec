from mcp_gateway.catalog import ActionError, props, within

from ..app import app, call, file_summary, next_page_cursor, plural, read_page_cursor

TYPES = ["all", "spaces", "snippets", "images", "gdocs", "zips", "pdfs"]


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List files shared in the Slack workspace that the connected user can see, newest first, optionally only "
        "those of one channel or person, of one type, or from a time range. Returns each file's ID, name, type, "
        "size, owner, channels and links. For one file's details, use slack-get-file; to add one, "
        "slack-upload-file."
    ),
    props={
        "channel": app.definition("conversation", optional=True, description="Only files shared in this conversation, e.g. `C1234567890`."),
        "user": app.definition("user", optional=True, description="Only files this person created: their user ID, e.g. `U024BE7LH`."),
        "types": props.string_list(
            "Types", "Only files of these types: `spaces` (posts), `snippets`, `images`, `gdocs`, `zips`, `pdfs`.",
            options=TYPES[1:], optional=True,
        ),
        "tsFrom": props.string("Created After", "Only files created after this Unix time in seconds, e.g. `1712345678`.", optional=True),
        "tsTo": props.string("Created Before", "Only files created before this Unix time in seconds.", optional=True),
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("files", file_summary),
)
async def list_files(ctx):
    types = list(ctx.props.get("types") or [])
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise ActionError(f"types must be among {', '.join(TYPES[1:])}; got {unknown!r}")
    params = {
        "channel": ctx.props.get("channel") or None,
        "user": ctx.props.get("user") or None,
        "types": ",".join(types) or None,
        "ts_from": ctx.props.get("tsFrom") or None,
        "ts_to": ctx.props.get("tsTo") or None,
    }
    page, count = read_page_cursor(ctx.props.get("cursor"), ctx.props.limit, "slack-list-files")
    data = await call(ctx, "files.list", params={**params, "count": count, "page": page})
    files = data.get("files") or []
    following = next_page_cursor(data.get("paging"), page, count)
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {plural(len(files), 'file')}{more}"
    return {"files": files, "next_cursor": following}
