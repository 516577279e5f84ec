import asyncio

from ..app import app, fixture, text_question


@app.action(
    "input-required-capabilities",
    title="Input Required: Declared Capabilities",
    description=fixture("input-required-result-capability-check", "Asks the user for a value (`elicit_input`) "
                        "and the client's model for a sample (`sample_input`), each only if the client declared "
                        "that capability."),
    tool_name="test_input_required_result_capabilities",
    read_only=True,
)
async def input_required_capabilities(ctx):
    asks = []
    if ctx.can_ask("elicitation/create"):
        asks.append(ctx.elicit(*text_question("Elicitation input", "value"), key="elicit_input"))
    if ctx.can_ask("sampling/createMessage"):
        prompt = {"role": "user", "content": {"type": "text", "text": "Sample request"}}
        asks.append(ctx.sample([prompt], max_tokens=50, key="sample_input"))
    if not asks:
        return "No supported capabilities declared"
    answers = await asyncio.gather(*asks)
    return f"capabilities-ok: received {len(answers)} answer(s)"
