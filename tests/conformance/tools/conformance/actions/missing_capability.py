from ..app import app, fixture, sampled_text


@app.action(
    "missing-capability",
    title="Needs Sampling",
    description=fixture("server-stateless", "Asks the client's model for a word, so it needs a client that "
                        "declared sampling."),
    tool_name="test_missing_capability",
    read_only=True,
)
async def missing_capability(ctx):
    prompt = {"role": "user", "content": {"type": "text", "text": "Say a word"}}
    return f"Success: {sampled_text(await ctx.sample([prompt], max_tokens=10, key='word'))}"
