from ..app import accepted, app, fixture

_CONTINUE = {"type": "object", "properties": {"proceed": {"type": "boolean"}}, "required": ["proceed"]}


@app.action(
    "streaming-elicitation",
    title="Elicitation While Streaming",
    description=fixture("server-stateless", "Reports progress, then asks the user whether to go on (`proceed`): "
                        "the question must come back as the call's result, never as a request of its own."),
    tool_name="test_streaming_elicitation",
    read_only=True,
)
async def streaming_elicitation(ctx):
    ctx.progress(50, total=100)
    proceed = accepted(await ctx.elicit("Go on?", _CONTINUE, key="proceed"), "proceed")
    return "Streaming complete" if proceed is True else "Stopped"
