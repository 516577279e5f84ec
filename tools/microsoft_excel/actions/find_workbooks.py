from mcp_gateway.catalog import props, within

from ..app import app, next_link, search_workbooks, workbook_summary


@app.action(
    "find-workbooks",
    title="Find Workbooks",
    description=(
        "Search the connected user's OneDrive for Excel workbooks (.xlsx) by name or content. Returns each "
        "workbook's ID (the workbookId the other Excel actions need), name, folder, link and last change. OneDrive "
        "pages its search before files of other types are left out, so a page can hold fewer than `limit`; follow "
        "`next_cursor` for more. To see what is inside a workbook, use microsoft_excel-list-worksheets next."
    ),
    props={
        "query": props.string(
            "Search Text",
            "Words to look for in file names and contents, e.g. `budget 2024`. Leave empty to list .xlsx files.",
            optional=True,
        ),
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("workbooks", workbook_summary),
)
async def find_workbooks(ctx):
    link = next_link(ctx.props.get("cursor"))
    items, following = await search_workbooks(ctx, ctx.props.get("query"), top=ctx.props.limit, link=link)
    what = f" matching {ctx.props.query!r}" if ctx.props.get("query") else ""
    ctx.summary = f"Found {len(items)} workbook(s){what}"
    return {"workbooks": items, "next_cursor": following}
