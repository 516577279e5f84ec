from mcp_gateway.catalog import ActionError, props

from ..app import api, app, filter_params, rest_path


def _offset(cursor):
    try:
        return max(0, int(cursor or 0))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


@app.action(
    "select-rows",
    title="Select Rows",
    description=(
        "Read rows of a Supabase table or view, filtered, sorted and paged, e.g. the active orders of one customer. "
        "Rows come back whole (or with the columns in `select`). For logic a filter cannot say, call a Postgres "
        "function with supabase-call-function."
    ),
    props={
        "table": app.definition("table"),
        "select": app.definition("select"),
        "filters": app.definition("filters"),
        "order": props.string(
            "Order", "Sort order, e.g. `created_at.desc` or `last_name.asc,first_name.asc`.", optional=True,
        ),
        "limit": props.limit("rows"),
        "cursor": props.cursor(),
    },
    read_only=True,
)
async def select_rows(ctx):
    offset = _offset(ctx.props.get("cursor"))
    params = {"select": ctx.props.get("select") or "*", **filter_params(ctx.props.get("filters"))}
    if ctx.props.get("order"):
        params["order"] = ctx.props.order
    # One row more than asked for tells whether another page exists.
    params.update({"limit": ctx.props.limit + 1, "offset": offset})
    rows = await api(ctx, "GET", rest_path(ctx.props.table), params=params) or []
    more = len(rows) > ctx.props.limit
    rows = rows[: ctx.props.limit]
    ctx.summary = f"Read {len(rows)} row{'s' if len(rows) != 1 else ''} of {ctx.props.table}"
    return {"rows": rows, "next_cursor": str(offset + len(rows)) if more else None}
