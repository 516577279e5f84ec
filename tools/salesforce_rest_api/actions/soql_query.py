from mcp_gateway.catalog import ActionError, props

from ..app import app, clean_record, plural, request


@app.action(
    "soql-query",
    title="SOQL Query",
    description=(
        "Run a SOQL query in the connected Salesforce org and return the matching records, following Salesforce's "
        "pages up to a limit. E.g. `SELECT Id, Name, Industry FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name` or "
        "`SELECT Id, Name, StageName, Amount FROM Opportunity WHERE CloseDate = THIS_QUARTER`."
    ),
    props={
        "query": props.string(
            "SOQL",
            "A SOQL SELECT statement naming the fields to return, e.g. `SELECT Id, Name, Email FROM Contact WHERE "
            "Email = 'ada@example.com'`. Text values go in single quotes; there is no SELECT *.",
        ),
        "maxRecords": props.integer(
            "Max Records", "The most records to return, up to 2000. Defaults to 200.", optional=True, default=200, min=1, max=2000,
        ),
    },
    read_only=True,
)
async def soql_query(ctx):
    soql = str(ctx.props.query).strip()
    if not soql.lower().startswith("select "):
        raise ActionError("the query must be a SOQL SELECT statement, e.g. SELECT Id, Name FROM Account LIMIT 10")
    limit = ctx.props.get("maxRecords") or 200
    data = await request(ctx, "GET", "query", params={"q": soql})
    total = data.get("totalSize", 0)
    records = list(data.get("records") or [])
    while len(records) < limit and not data.get("done", True) and data.get("nextRecordsUrl"):
        data = await request(ctx, "GET", data["nextRecordsUrl"])
        batch = data.get("records") or []
        if not batch:
            break
        records.extend(batch)
    records = [clean_record(r) for r in records[:limit]]
    more = total > len(records)
    ctx.summary = f"Query matched {plural(total, 'record')}" + (f", returned {len(records)}" if more else "")
    return {"totalSize": total, "records": records, "hasMore": more}
