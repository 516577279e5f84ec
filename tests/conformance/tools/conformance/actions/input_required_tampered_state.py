from ..app import accepted, app, fixture

_CONFIRM = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}


@app.action(
    "input-required-tampered-state",
    title="Input Required: Protected State",
    description=fixture("input-required-result-tampered-state", "Asks the user to confirm (`confirm`); the "
                        "gateway must refuse a retry whose request state was altered."),
    tool_name="test_input_required_result_tampered_state",
    read_only=True,
)
async def input_required_tampered_state(ctx):
    accepted(await ctx.elicit("Please confirm", _CONFIRM, key="confirm"), "ok")
    return "integrity-ok: state verified"
