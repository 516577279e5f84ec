from ..app import app, fixture

# One field of each primitive type, each with a default (SEP-1034).
_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "Your name", "default": "John Doe"},
        "age": {"type": "integer", "description": "Your age", "default": 30},
        "score": {"type": "number", "description": "Your score", "default": 95.5},
        "status": {"type": "string", "description": "Your status", "enum": ["active", "inactive", "pending"],
                   "default": "active"},
        "verified": {"type": "boolean", "description": "Whether you are verified", "default": True},
    },
}


@app.action(
    "elicitation-sep1034-defaults",
    title="Elicitation With Defaults",
    description=fixture("elicitation-sep1034-defaults", "Asks the user for fields of every primitive type, each "
                        "with a default value."),
    tool_name="test_elicitation_sep1034_defaults",
    read_only=True,
)
async def elicitation_defaults(ctx):
    answer = await ctx.elicit("Please review and update the form fields with defaults", _SCHEMA)
    return f"Elicitation completed: action={answer.get('action')}, content={answer.get('content')}"
