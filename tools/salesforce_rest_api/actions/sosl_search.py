from mcp_gateway.catalog import ActionError, props, within

from ..app import app, clean_record, plural, request


@app.action(
    "sosl-search",
    title="SOSL Search",
    description=(
        "Search text across Salesforce objects at once with SOSL, e.g. find every Account, Contact and Lead that "
        "mentions `Acme`: `FIND {Acme*} IN ALL FIELDS RETURNING Account(Id, Name), Contact(Id, Name, Email), "
        "Lead(Id, Name, Company)`. Returns the matching records with their types. For a plain-words search without "
        "writing SOSL use salesforce_rest_api-search-records; for exact field conditions, "
        "salesforce_rest_api-soql-query."
    ),
    props={
        "search": props.string(
            "SOSL",
            "A SOSL statement: `FIND {terms}` (wildcards `*` and `?`; quote phrases), optionally `IN NAME FIELDS` / "
            "`IN EMAIL FIELDS`, then `RETURNING Object(Field, ...)` and `LIMIT n`, e.g. "
            "`FIND {ada@example.com} IN EMAIL FIELDS RETURNING Contact(Id, Name), Lead(Id, Name)`.",
        ),
    },
    read_only=True,
    trim=within("searchRecords", clean_record),
)
async def sosl_search(ctx):
    sosl = str(ctx.props.search).strip()
    if not sosl.upper().startswith("FIND "):
        raise ActionError("the search must be a SOSL statement starting with FIND, e.g. FIND {Acme*} RETURNING Account(Id, Name)")
    data = await request(ctx, "GET", "search", params={"q": sosl})
    ctx.summary = f"Search found {plural(len(data.get('searchRecords') or []), 'record')}"
    return {**data, "searchRecords": data.get("searchRecords") or []}
