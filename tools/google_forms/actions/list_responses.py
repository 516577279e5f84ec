from datetime import datetime

from mcp_gateway.catalog import ActionError, props, within

from ..app import MAX_PAGE, api, app, form_path, response_summary


def _since(value):
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"submitted after {value!r} must be a UTC time such as `2026-05-01T09:00:00Z`") from None
    if when.utcoffset() is None or when.utcoffset().total_seconds():
        raise ActionError(f"submitted after {value!r} must be in UTC, ending in `Z`, e.g. `2026-05-01T09:00:00Z`")
    return when.strftime("%Y-%m-%dT%H:%M:%S") + (f".{when.microsecond:06d}" if when.microsecond else "") + "Z"


@app.action(
    "list-responses",
    title="List Responses",
    description=(
        "List the responses submitted to a Google Form, optionally only those sent at or after a time. Each has its "
        "answers keyed by question ID: match them to questions with google_forms-get-form (`items[].question_id`). "
        "For one response by ID use google_forms-get-response."
    ),
    props={
        "formId": app.definition("formId"),
        "submittedAfter": props.string(
            "Submitted Since", "Only responses submitted at or after this UTC time, e.g. `2026-05-01T09:00:00Z`. Keep the same value when passing a cursor.", optional=True,
        ),
        "limit": props.limit("responses"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("responses", response_summary),
)
async def list_responses(ctx):
    params = {}
    if ctx.props.get("submittedAfter"):
        params["filter"] = f"timestamp >= {_since(ctx.props.submittedAfter)}"
    responses, token = [], ctx.props.get("cursor") or None
    while len(responses) < ctx.props.limit:
        query = {**params, "pageSize": min(MAX_PAGE, ctx.props.limit - len(responses))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", f"{form_path(ctx.props.formId)}/responses", params=query)
        responses.extend(page.get("responses") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    ctx.summary = f"Listed {len(responses)} response{'s' if len(responses) != 1 else ''}"
    return {"responses": responses[:ctx.props.limit], "next_cursor": token}
