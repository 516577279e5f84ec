from mcp_gateway.catalog import ActionError, props, within

from ..app import app, clean_record, plural, request, sobject_type

# What to return of the usual objects when no fields are named.
DEFAULT_FIELDS = {
    "Account": "Id,Name,Industry,Phone,Website",
    "Contact": "Id,Name,Email,Phone,Title,AccountId",
    "Lead": "Id,Name,Company,Email,Phone,Status",
    "Opportunity": "Id,Name,StageName,Amount,CloseDate,AccountId",
    "Case": "Id,CaseNumber,Subject,Status,Priority",
    "Campaign": "Id,Name,Status,Type",
}


@app.action(
    "search-records",
    title="Search Records",
    description=(
        "Find Salesforce records by words, without writing SOSL: e.g. `Acme` or `ada@example.com` across accounts, "
        "contacts, leads and opportunities (or the types named), matching names, emails, phones or all text "
        "fields. Returns the records with their types. For full SOSL use salesforce_rest_api-sosl-search; for "
        "exact field conditions, salesforce_rest_api-soql-query."
    ),
    props={
        "searchText": props.string("Search For", "The words to find, e.g. `Acme` or `ada@example.com`; `*` is a wildcard."),
        "sobjectTypes": props.string_list(
            "In Types",
            "API names of the sObject types to search, e.g. `[\"Account\", \"Contact\"]`. Defaults to Account, "
            "Contact, Lead and Opportunity.",
            optional=True,
        ),
        "searchIn": props.string(
            "Match In", "`ALL` text fields (the default), `NAME`, `EMAIL` or `PHONE` fields.",
            options=["ALL", "NAME", "EMAIL", "PHONE"], optional=True,
        ),
        "limit": props.limit("records", maximum=200),
    },
    read_only=True,
    trim=within("searchRecords", clean_record),
)
async def search_records(ctx):
    text = str(ctx.props.searchText).strip()
    if len(text.replace("*", "")) < 2:
        raise ActionError("searchText needs at least two characters besides wildcards")
    types = [sobject_type(t) for t in ctx.props.get("sobjectTypes") or ["Account", "Contact", "Lead", "Opportunity"]]
    params = [("q", text), ("overallLimit", ctx.props.limit)]
    if ctx.props.get("searchIn"):
        params.append(("in", ctx.props.searchIn))
    for name in types:
        params += [("sobject", name), (f"{name}.fields", DEFAULT_FIELDS.get(name, "Id"))]
    data = await request(ctx, "GET", "parameterizedSearch/", params=params)
    ctx.summary = f"Search for {text!r} found {plural(len(data.get('searchRecords') or []), 'record')}"
    return {**data, "searchRecords": data.get("searchRecords") or []}
