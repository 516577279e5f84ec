from mcp_gateway.catalog import props

from ..app import app, fixture, sampled_text


@app.action(
    "sampling",
    title="Sampling",
    description=fixture("tools-call-sampling", "Asks the client's model to answer the prompt, and returns its answer."),
    props={"prompt": props.string("Prompt", "What to ask the client's model.")},
    tool_name="test_sampling",
    read_only=True,
)
async def sampling(ctx):
    result = await ctx.sample([{"role": "user", "content": {"type": "text", "text": ctx.props.prompt}}], max_tokens=100)
    return f"LLM response: {sampled_text(result)}"
