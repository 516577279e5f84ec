from mcp_gateway.catalog import props, within

from ..app import api, app, plural, response_summary, seg


@app.action(
    "list-responses",
    title="List Responses",
    description=(
        "List what people answered on a typeform, newest first, optionally only those submitted in a date range, of a "
        "kind (completed or partial), or containing some text. Answers carry the field ID and ref of their question "
        "(typeform-get-form names them). For totals and completion rate use typeform-get-form-insights."
    ),
    props={
        "formId": app.definition("formId"),
        "since": props.string("Since", "Only responses submitted at or after this moment, ISO 8601 in UTC, e.g. `2026-12-01T00:00:00`.", optional=True),
        "until": props.string("Until", "Only responses submitted at or before this moment, ISO 8601 in UTC.", optional=True),
        "responseType": props.string_list(
            "Kinds", "Which responses: `completed` (the default), `partial` (left before the end) and/or `started`.",
            options=["completed", "partial", "started"], optional=True,
        ),
        "query": props.string("Contains", "Only responses with this text in an answer or hidden field.", optional=True),
        "includedResponseIds": props.string_list("Response IDs", "Only these responses (their `response_id`).", optional=True),
        "fields": props.string_list("Only Fields", "Return only the answers to these field IDs.", optional=True),
        "limit": props.limit("responses"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("responses", response_summary),
)
async def list_responses(ctx):
    limit = ctx.props.limit
    params = {"page_size": limit}
    for prop, field in (("since", "since"), ("until", "until"), ("query", "query")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop]
    for prop, field in (("responseType", "response_type"), ("includedResponseIds", "included_response_ids"), ("fields", "fields")):
        if ctx.props.get(prop):
            params[field] = ",".join(ctx.props[prop])
    # Typeform pages responses by the token of the last one seen: the next page is those submitted before it.
    if ctx.props.get("cursor"):
        params["before"] = ctx.props.cursor
    data = await api(ctx, "GET", f"/forms/{seg(ctx.props.formId)}/responses", params=params)
    responses = data.get("items") or []
    more = len(responses) == limit and (data.get("total_items") or 0) > len(responses)
    last = responses[-1].get("token") if responses else None
    ctx.summary = f"Listed {plural(len(responses), 'response')} of {data.get('total_items')}"
    return {"responses": responses, "total": data.get("total_items"), "next_cursor": last if more else None}
