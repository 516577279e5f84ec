from ..app import app, fixture


@app.action(
    "input-required-list-roots",
    title="Input Required: Roots",
    description=fixture("input-required-result-basic-list-roots", "Asks the client for its roots (input key "
                        "`client_roots`) and counts them."),
    tool_name="test_input_required_result_list_roots",
    read_only=True,
)
async def input_required_list_roots(ctx):
    roots = await ctx.list_roots(key="client_roots")
    return f"Found {len(roots)} root(s): {', '.join(str(r.get('uri')) for r in roots)}"
