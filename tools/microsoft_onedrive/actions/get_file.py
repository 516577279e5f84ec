from ..app import app, graph, item_path, item_summary


@app.action(
    "get-file",
    title="Get File Details",
    description=(
        "Read a OneDrive file's or folder's details: name, size, type, folder, link and last change. To get the "
        "content, use microsoft_onedrive-download-file."
    ),
    props={"itemId": app.definition("itemId")},
    read_only=True,
    trim=item_summary,
)
async def get_file(ctx):
    item = await graph(ctx, "GET", item_path(ctx.props.itemId))
    ctx.summary = f"Read the details of {item.get('name')}"
    return item
