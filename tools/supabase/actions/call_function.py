from mcp_gateway.catalog import props

from ..app import api, app, seg


@app.action(
    "call-function",
    title="Call Function",
    description=(
        "Call a Postgres function of the Supabase project (an RPC) with named arguments and return what it returns: "
        "rows, a value or nothing. Use it for logic the row actions cannot express (joins, aggregates, transactions). "
        "Functions may change data."
    ),
    props={
        "function": app.definition("function"),
        "args": props.obj(
            "Arguments", "The function's arguments by name, e.g. `{\"query\": \"lamp\", \"max_price\": 50}`.", optional=True,
        ),
    },
)
async def call_function(ctx):
    answer = await api(ctx, "POST", f"/rest/v1/rpc/{seg(ctx.props.function)}", json=ctx.props.get("args") or {})
    shown = f"{len(answer)} rows" if isinstance(answer, list) else "its result"
    ctx.summary = f"Called {ctx.props.function}: {shown}"
    return {"result": answer}
