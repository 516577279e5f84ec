from mcp_gateway.catalog import props

from ..app import app, fixture

_SCHEMA = {
    "type": "object",
    "properties": {
        "username": {"type": "string", "description": "User's response"},
        "email": {"type": "string", "description": "User's email address"},
    },
    "required": ["username", "email"],
}


@app.action(
    "elicitation",
    title="Elicitation",
    description=fixture("tools-call-elicitation", "Asks the user for a username and an email address, and returns "
                        "their answer."),
    props={"message": props.string("Message", "What to show the user.")},
    tool_name="test_elicitation",
    read_only=True,
)
async def elicitation(ctx):
    answer = await ctx.elicit(ctx.props.message, _SCHEMA)
    return f"User response: action={answer.get('action')}, content={answer.get('content')}"
