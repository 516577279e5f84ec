from mcp_gateway.catalog import props

from ..app import app, fixture


@app.action(
    "confirm-delete",
    title="Confirm Delete",
    description=fixture("tasks-mrtr-input", "Runs as a task that asks the user to confirm, then finishes."),
    props={"filename": props.string("File name", "The file to delete once the user confirms.")},
    tool_name="confirm_delete",
    read_only=True,
    task_support="optional",
)
async def confirm_delete(ctx):
    answer = await ctx.elicit(f"Delete {ctx.props.filename}?", {"type": "object", "properties": {"confirm": {"type": "boolean"}},
                                                  "required": ["confirm"]})
    return f"Delete confirmed: {answer.get('action') == 'accept' and (answer.get('content') or {}).get('confirm')}"
