from mcp_gateway.catalog import ActionError, props, within

from ..app import app, count_of, next_after, object_type, property_names, record_summary, request

OPERATORS = {"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
             "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"}


def _filter(raw, n):
    if not isinstance(raw, dict) or not raw.get("propertyName"):
        raise ActionError(f"filter {n} needs a propertyName, e.g. {{\"propertyName\": \"email\", \"operator\": \"EQ\", \"value\": \"ada@example.com\"}}")
    operator = str(raw.get("operator") or "EQ").upper()
    if operator not in OPERATORS:
        raise ActionError(f"filter {n} has operator {operator!r}; use one of {', '.join(sorted(OPERATORS))}")
    out = {"propertyName": str(raw["propertyName"]), "operator": operator}
    if operator in ("IN", "NOT_IN"):
        values = raw.get("values") if raw.get("values") is not None else raw.get("value")
        if not isinstance(values, list) or not values:
            raise ActionError(f"filter {n} ({operator}) needs `values`, a list such as [\"lead\", \"customer\"]")
        out["values"] = [str(v) for v in values]
    elif operator not in ("HAS_PROPERTY", "NOT_HAS_PROPERTY"):
        if raw.get("value") in (None, ""):
            raise ActionError(f"filter {n} ({operator} on {out['propertyName']}) needs a `value`")
        out["value"] = str(raw["value"])
        if operator == "BETWEEN":
            if raw.get("highValue") in (None, ""):
                raise ActionError(f"filter {n} (BETWEEN) needs a `highValue` too")
            out["highValue"] = str(raw["highValue"])
    return out


@app.action(
    "search-crm",
    title="Search CRM",
    description=(
        "Search HubSpot records of one type (contacts, companies, deals, tickets, products, line items, quotes, or "
        "activities such as notes and calls) by free text (names, emails, domains, phone numbers...) and/or by "
        "property filters, e.g. contacts with `lifecyclestage` EQ `lead`, or deals with `amount` GT `10000`. All "
        "filters must match. Returns the matching records' IDs and properties, the total and a cursor for more. To "
        "page through every record without a condition use List Records; to read known IDs use Batch Read Records."
    ),
    props={
        "objectType": app.definition("objectType", description=(
            "What to search: `contacts`, `companies`, `deals`, `tickets`, `products`, `line_items`, `quotes`, "
            "`notes`, `tasks`, `calls`, `emails`, `meetings`, or a custom object's type ID."
        )),
        "query": props.string(
            "Search Text",
            "Text to look for in the records' main properties (a contact's name, email and phone; a company's name "
            "and domain; a deal's name), e.g. `ada@example.com` or `acme`.",
            optional=True,
        ),
        "filters": props.object_list(
            "Filters",
            "Property conditions that must all hold, each `{\"propertyName\", \"operator\", \"value\"}` with operator "
            "EQ, NEQ, LT, LTE, GT, GTE, BETWEEN (with `highValue`), IN / NOT_IN (with `values`), HAS_PROPERTY, "
            "NOT_HAS_PROPERTY, CONTAINS_TOKEN. E.g. `[{\"propertyName\": \"dealstage\", \"operator\": \"EQ\", "
            "\"value\": \"closedwon\"}]`. Dates are compared as ms since epoch or `2025-01-31`. Records linked to "
            "another record are found with `associations.contact` EQ its ID.",
            optional=True,
        ),
        "properties": app.definition("properties"),
        "sortBy": props.string("Sort By", "A property to sort by, e.g. `createdate` or `amount`.", optional=True),
        "sortDirection": props.string(
            "Sort Direction", "`ASCENDING` or `DESCENDING` (the default with a sort property).",
            options=["ASCENDING", "DESCENDING"], optional=True,
        ),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def search_crm(ctx):
    kind = object_type(ctx.props.objectType)
    filters = [_filter(f, n) for n, f in enumerate(ctx.props.get("filters") or [], start=1)]
    query = (ctx.props.get("query") or "").strip()
    if not query and not filters:
        raise ActionError("give search text (query) or at least one filter")
    body = {"limit": ctx.props.limit}
    properties = property_names(ctx, kind)
    if properties:
        body["properties"] = properties
    if query:
        body["query"] = query
    if filters:
        body["filterGroups"] = [{"filters": filters}]
    if ctx.props.get("sortBy"):
        body["sorts"] = [{"propertyName": ctx.props.sortBy, "direction": ctx.props.get("sortDirection") or "DESCENDING"}]
    if ctx.props.get("cursor"):
        body["after"] = str(ctx.props.cursor)
    data = await request(ctx, "POST", f"/crm/v3/objects/{kind}/search", json=body)
    results = data.get("results") or []
    total = data.get("total", len(results))
    ctx.summary = f"Found {count_of(total, kind)}" + (f", returned {len(results)}" if total != len(results) else "")
    return {"records": results, "total": total, "next_cursor": next_after(data)}
