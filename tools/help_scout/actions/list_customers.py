from mcp_gateway.catalog import props, within

from ..app import app, collect, customer_summary


@app.action(
    "list-customers",
    title="List Customers",
    description=(
        "List or find Help Scout customers, by first or last name or a search query such as "
        "`(email:\"joe@example.com\")`. Returns their IDs, emails and phones; for one customer's full profile use "
        "help_scout-get-customer, to add one help_scout-create-customer."
    ),
    props={
        "query": props.string("Search", "Help Scout's customer search, e.g. `(email:\"joe@example.com\")` or "
                              "`(firstName:\"Joe\")`.", optional=True),
        "firstName": props.string("First Name", "Only customers with this first name.", optional=True),
        "lastName": props.string("Last Name", "Only customers with this last name.", optional=True),
        "mailboxId": app.definition("mailboxId", optional=True,
                                    description="Only customers who wrote to this mailbox (its ID)."),
        "modifiedSince": props.string("Modified Since", "Only customers changed since this time, e.g. "
                                      "`2026-12-01T00:00:00Z`.", optional=True),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def list_customers(ctx):
    params = {field: ctx.props[name] for name, field in (
        ("query", "query"), ("firstName", "firstName"), ("lastName", "lastName"), ("mailboxId", "mailbox"),
        ("modifiedSince", "modifiedSince")) if ctx.props.get(name) not in (None, "")}
    customers, following = await collect(ctx, "/customers", "customers", limit=ctx.props.limit,
                                         cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(customers)} customer{'s' if len(customers) != 1 else ''}"
    return {"customers": customers, "next_cursor": following}
