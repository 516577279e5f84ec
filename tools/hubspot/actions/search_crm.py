from mcp_gateway.catalog import ActionError, props

from ..app import DEFAULT_PROPERTIES, OBJECT_TYPES, app, count_of, object_type, record_summary, request

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
        "Search HubSpot contacts, companies or deals by free text (names, emails, domains, phone numbers...) and/or "
        "by property filters, e.g. contacts with `lifecyclestage` EQ `lead`, or deals with `amount` GT `10000`. All "
        "filters must match. Returns the matching records' IDs and properties, with a cursor for more."
    ),
    props={
        "objectType": props.string(
            "Object Type", "What to search: `contacts`, `companies` or `deals`.", options=OBJECT_TYPES,
        ),
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
            "\"value\": \"closedwon\"}]`. Dates are compared as ms since epoch or `2025-01-31`.",
            optional=True,
        ),
        "properties": app.definition("properties"),
        "sortBy": props.string("Sort By", "A property to sort by, e.g. `createdate` or `amount`.", optional=True),
        "sortDirection": props.string(
            "Sort Direction", "`ASCENDING` or `DESCENDING` (the default with a sort property).",
            options=["ASCENDING", "DESCENDING"], optional=True,
        ),
        "limit": props.integer("Limit", "How many records to return, 1 to 200. Defaults to 20.", optional=True, default=20, min=1, max=200),
        "after": props.string(
            "After", "The `nextAfter` cursor of a previous search, to get the next page.", optional=True,
        ),
    },
    read_only=True,
)
async def search_crm(ctx):
    kind = object_type(ctx.props.objectType)
    filters = [_filter(f, n) for n, f in enumerate(ctx.props.get("filters") or [], start=1)]
    query = (ctx.props.get("query") or "").strip()
    if not query and not filters:
        raise ActionError("give search text (query) or at least one filter")
    body = {
        "limit": ctx.props.get("limit") or 20,
        "properties": [p for p in ctx.props.get("properties") or [] if p] or DEFAULT_PROPERTIES[kind],
    }
    if query:
        body["query"] = query
    if filters:
        body["filterGroups"] = [{"filters": filters}]
    if ctx.props.get("sortBy"):
        body["sorts"] = [{"propertyName": ctx.props.sortBy, "direction": ctx.props.get("sortDirection") or "DESCENDING"}]
    if ctx.props.get("after"):
        body["after"] = str(ctx.props.after)
    data = await request(ctx, "POST", f"/crm/v3/objects/{kind}/search", json=body)
    results = [record_summary(r) for r in data.get("results") or []]
    following = ((data.get("paging") or {}).get("next") or {}).get("after")
    total = data.get("total", len(results))
    ctx.summary = f"Found {count_of(total, kind)}" + (f", returned {len(results)}" if total != len(results) else "")
    return {"total": total, "results": results, "nextAfter": following}
