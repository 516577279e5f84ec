from mcp_gateway.catalog import props

from ..app import app, search_workbooks, workbook_label


@app.action(
    "find-workbooks",
    title="Find Workbooks",
    description=(
        "Search the connected user's OneDrive for Excel workbooks (.xlsx) by name or content. Returns each "
        "workbook's ID (the workbookId the other Excel actions need), name, folder, link and last change."
    ),
    props={
        "query": props.string(
            "Search Text",
            "Words to look for in file names and contents, e.g. `budget 2024`. Leave empty to list .xlsx files.",
            optional=True,
        ),
        "top": props.integer(
            "Max Results", "How many files to ask OneDrive for, 1 to 200. Defaults to 50.", min=1, max=200, default=50
        ),
    },
    read_only=True,
)
async def find_workbooks(ctx):
    items, _ = await search_workbooks(ctx, ctx.props.get("query"), top=ctx.props.top)
    workbooks = [
        {
            "id": i.get("id"),
            "name": i.get("name"),
            "path": workbook_label(i),
            "webUrl": i.get("webUrl"),
            "lastModifiedDateTime": i.get("lastModifiedDateTime"),
            "size": i.get("size"),
        }
        for i in items
    ]
    what = f" matching {ctx.props.query!r}" if ctx.props.get("query") else ""
    ctx.summary = f"Found {len(workbooks)} workbook(s){what}"
    return {"workbooks": workbooks}
