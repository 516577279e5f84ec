import asyncio

from ..app import accepted, app, fixture, sampled_text, text_question


@app.action(
    "input-required-multiple-inputs",
    title="Input Required: Several Inputs",
    description=fixture("input-required-result-multiple-input-requests", "Asks at once for the user's name "
                        "(`user_name`), a greeting from the client's model (`greeting`) and the client's roots "
                        "(`client_roots`)."),
    tool_name="test_input_required_result_multiple_inputs",
    read_only=True,
)
async def input_required_multiple_inputs(ctx):
    prompt = {"role": "user", "content": {"type": "text", "text": "Generate a greeting"}}
    name, greeting, roots = await asyncio.gather(
        ctx.elicit(*text_question("What is your name?", "name"), key="user_name"),
        ctx.sample([prompt], max_tokens=50, key="greeting"),
        ctx.list_roots(key="client_roots"),
    )
    return f"Name: {accepted(name, 'name')}; Greeting: {sampled_text(greeting)}; Roots: {len(roots)}"
