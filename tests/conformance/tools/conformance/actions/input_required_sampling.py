from ..app import app, fixture, sampled_text


@app.action(
    "input-required-sampling",
    title="Input Required: Sampling",
    description=fixture("input-required-result-basic-sampling", "Asks the client's model a question (input key "
                        "`capital_question`) and returns its answer."),
    tool_name="test_input_required_result_sampling",
    read_only=True,
)
async def input_required_sampling(ctx):
    question = {"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}}
    result = await ctx.sample([question], max_tokens=100, key="capital_question")
    return f"Sampling result: {sampled_text(result)}"
