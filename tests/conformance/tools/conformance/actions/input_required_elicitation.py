from ..app import accepted, app, fixture, text_question


@app.action(
    "input-required-elicitation",
    title="Input Required: Elicitation",
    description=fixture("input-required-result-basic-elicitation", "Asks the user's name (input key `user_name`) "
                        "and greets them."),
    tool_name="test_input_required_result_elicitation",
    read_only=True,
)
async def input_required_elicitation(ctx):
    answer = await ctx.elicit(*text_question("What is your name?", "name"), key="user_name")
    return f"Hello, {accepted(answer, 'name')}!"
