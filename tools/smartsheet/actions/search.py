from mcp_gateway.catalog import props, within

from ..app import api, app


def _result(found):
    return {key: found.get(key) for key in ("objectType", "objectId", "text", "contextData", "parentObjectType",
                                             "parentObjectId", "parentObjectName") if key in found}


@app.action(
    "search",
    title="Search Everything",
    description=(
        "Search all the sheets, reports, workspaces, rows, discussions and attachments the user can see for a word "
        "or phrase (wrap a phrase in double quotes). A row hit names its sheet in `parentObjectId`; read it with "
        "smartsheet-get-sheet."
    ),
    props={"query": props.string("Query", "The text to look for, e.g. `invoice` or `\"Q1 launch\"`.")},
    read_only=True,
    trim=within("results", _result),
)
async def search(ctx):
    data = await api(ctx, "GET", "/search", params={"query": ctx.props.query})
    results = data.get("results") or []
    total = data.get("totalCount", len(results))
    ctx.summary = f"Found {total} match{'es' if total != 1 else ''}"
    return {"results": results, "total": data.get("totalCount")}
