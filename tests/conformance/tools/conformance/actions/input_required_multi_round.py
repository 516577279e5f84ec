from ..app import accepted, app, fixture, text_question


@app.action(
    "input-required-multi-round",
    title="Input Required: Two Rounds",
    description=fixture("input-required-result-multi-round", "Asks the user's name (`step1`), then, once "
                        "answered, their favourite colour (`step2`)."),
    tool_name="test_input_required_result_multi_round",
    read_only=True,
)
async def input_required_multi_round(ctx):
    name = accepted(await ctx.elicit(*text_question("Step 1: What is your name?", "name"), key="step1"), "name")
    color = accepted(await ctx.elicit(*text_question("Step 2: What is your favorite color?", "color"), key="step2"),
                     "color")
    return f"Multi-round complete for {name} who likes {color}"
