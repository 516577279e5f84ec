from mcp_gateway.catalog import ActionError, props, within

from ..app import app, customer_summary, request


def _quoted(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


@app.action(
    "search-customers",
    title="Search Customers",
    description=(
        "Find Stripe customers by email, name or metadata with Stripe's search. Give an email or name, or a full "
        "search query. Newly created or changed customers can take up to a minute to become searchable; use "
        "stripe-retrieve-customer when the ID is known, and stripe-list-customers to page through everyone. "
        "Returns the matching `customers` and a `next_cursor` when more exist."
    ),
    props={
        "email": props.string("Email", "Find customers with exactly this email address.", optional=True),
        "name": props.string("Name", "Find customers whose name contains this text, e.g. `Jenny`.", optional=True),
        "query": props.string(
            "Query",
            "A query in Stripe's search query language, used instead of email and name, e.g. "
            "`email~'example.com' AND metadata['plan']:'pro'` or `created>1609459200`. Strings go in single quotes.",
            optional=True,
        ),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def search_customers(ctx):
    query = ctx.props.get("query")
    if not query:
        clauses = []
        if ctx.props.get("email"):
            clauses.append(f"email:{_quoted(ctx.props.email)}")
        if ctx.props.get("name"):
            clauses.append(f"name~{_quoted(ctx.props.name)}")
        if not clauses:
            raise ActionError("give an email, a name or a search query")
        query = " AND ".join(clauses)
    params = {"query": query, "limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["page"] = ctx.props.cursor
    data = await request(ctx, "GET", "/customers/search", params=params)
    customers = data.get("data") or []
    next_cursor = data.get("next_page") if data.get("has_more") else None
    more = " (more available)" if next_cursor else ""
    ctx.summary = f"Found {len(customers)} customer{'s' if len(customers) != 1 else ''} for {query}{more}"
    return {"query": query, "customers": customers, "next_cursor": next_cursor}
