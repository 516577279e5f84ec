from mcp_gateway.catalog import ActionError, props, within

from ..app import app, clean_record, decode_cursor, encode_cursor, plural, request


@app.action(
    "soql-query",
    title="SOQL Query",
    description=(
        "Run a SOQL query in the connected Salesforce org and return the matching records, following Salesforce's "
        "pages up to `limit`. E.g. `SELECT Id, Name, Industry FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name` or "
        "`SELECT Id, Name, StageName, Amount FROM Opportunity WHERE CloseDate = THIS_QUARTER`. Returns `records`, "
        "`totalSize` and a `next_cursor` when more match (pass it with the same query). To search words across "
        "objects use salesforce_rest_api-search-records or -sosl-search; for one record by ID, -get-record."
    ),
    props={
        "query": props.string(
            "SOQL",
            "A SOQL SELECT statement naming the fields to return, e.g. `SELECT Id, Name, Email FROM Contact WHERE "
            "Email = 'ada@example.com'`. Text values go in single quotes; there is no SELECT *.",
        ),
        "limit": props.limit("records", default=50, maximum=200),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", clean_record),
)
async def soql_query(ctx):
    soql = str(ctx.props.query).strip()
    if not soql.lower().startswith("select "):
        raise ActionError("the query must be a SOQL SELECT statement, e.g. SELECT Id, Name FROM Account LIMIT 10")
    limit = ctx.props.limit
    # Without a next-records URL the cursor points into the first page, which the query itself gives.
    page_url, skip = decode_cursor(ctx.props.cursor) if ctx.props.get("cursor") else (None, 0)
    data = await request(ctx, "GET", page_url) if page_url else await request(ctx, "GET", "query", params={"q": soql})
    records, next_cursor = [], None
    while True:
        page = (data.get("records") or [])[skip:]
        room = limit - len(records)
        if len(page) > room:
            records += page[:room]
            next_cursor = encode_cursor(page_url, skip + room)
            break
        records += page
        following = None if data.get("done", True) else data.get("nextRecordsUrl")
        if not following:
            break
        if len(records) >= limit:
            next_cursor = encode_cursor(following, 0)
            break
        page_url, skip = following, 0
        data = await request(ctx, "GET", following)
    total = data.get("totalSize", len(records))
    ctx.summary = f"Query matched {plural(total, 'record')}" + (f", returned {len(records)}" if next_cursor else "")
    return {"records": records, "totalSize": total, "next_cursor": next_cursor}
