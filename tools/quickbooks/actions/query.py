import re

from mcp_gateway.catalog import ActionError, props, within

from ..app import MAX_PAGE, app, query_page, record_summary


@app.action(
    "query",
    title="Query",
    description=(
        "Run a QuickBooks query (its SQL-like language) to find any entity: customers, invoices, payments, bills, "
        "vendors, accounts, items... e.g. `SELECT * FROM Invoice WHERE Balance > '0' ORDERBY DueDate`. One entity per "
        "query, no joins; `WHERE` takes `=`, `<`, `>`, `LIKE` (with `%`) and `IN`. Paging is done for you: leave out "
        "STARTPOSITION and MAXRESULTS. For the profit and loss report use quickbooks-get-profit-and-loss-report."
    ),
    props={
        "query": props.string(
            "Query",
            "The query, e.g. `SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'` or "
            "`SELECT Id, DocNumber, TotalAmt FROM Invoice WHERE TxnDate >= '2026-01-01'`. Quote values with single quotes.",
        ),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def query(ctx):
    statement = ctx.props.query.strip().rstrip(";")
    if not re.match(r"(?i)^select\s", statement):
        raise ActionError("a QuickBooks query starts with SELECT, e.g. `SELECT * FROM Customer`")
    if re.search(r"(?i)\b(startposition|maxresults)\b", statement):
        raise ActionError("leave STARTPOSITION and MAXRESULTS out of the query; use limit and cursor instead")
    entity, records, cursor = await query_page(ctx, statement, limit=min(ctx.props.limit, MAX_PAGE),
                                               cursor=ctx.props.get("cursor"))
    ctx.summary = f"The query returned {len(records)} {entity or 'record'}{'s' if len(records) != 1 else ''}"
    return {"entity": entity, "records": records, "next_cursor": cursor}
