from ..app import accepted, app, fixture

_CONFIRM = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}


@app.action(
    "input-required-request-state",
    title="Input Required: Request State",
    description=fixture("input-required-result-request-state", "Asks the user to confirm (input key `confirm`); "
                        "answers `state-ok` once the confirmation comes back with the call's request state."),
    tool_name="test_input_required_result_request_state",
    read_only=True,
)
async def input_required_request_state(ctx):
    confirmed = accepted(await ctx.elicit("Please confirm", _CONFIRM, key="confirm"), "ok")
    return "state-ok: requestState validated" if confirmed is True else "state-ok: the user did not confirm"
