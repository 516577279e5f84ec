from mcp_gateway.catalog import props

from ..app import api, app, file_key, node_ids, node_summary


def nodes_summary(data):
    return {
        "name": data.get("name"),
        "last_modified": data.get("lastModified"),
        "nodes": {node_id: node_summary((entry or {}).get("document")) if entry else None
                  for node_id, entry in (data.get("nodes") or {}).items()},
    }


@app.action(
    "get-file-nodes",
    title="Get File Nodes",
    description=(
        "Read some layers (nodes) of a Figma file by ID: each one's name, type, position and size, its text for text "
        "layers, and its direct children. Get the IDs of pages and frames from figma-get-file, or from `node-id=1-2` in "
        "a Figma URL. A node ID Figma does not find comes back as null. For the layer tree in full, use fullResponse."
    ),
    props={
        "fileKey": app.definition("fileKey"),
        "ids": props.string_list("Node IDs", "The nodes to read, e.g. `[\"1:2\", \"1:3\"]`."),
        "depth": props.integer("Depth", "How many levels below each node to return (1: its children only); all by default.",
                               optional=True, min=1),
        "version": props.string("Version", "A version ID to read instead of the current file.", optional=True),
    },
    read_only=True,
    trim=nodes_summary,
)
async def get_file_nodes(ctx):
    key = file_key(ctx.props.fileKey)
    params = {"ids": node_ids(ctx.props.ids)}
    for name in ("depth", "version"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    data = await api(ctx, "GET", f"/files/{key}/nodes", params=params)
    found = [n for n in (data.get("nodes") or {}).values() if n]
    ctx.summary = f"Read {len(found)} node{'s' if len(found) != 1 else ''} of {data.get('name')!r}"
    return data
