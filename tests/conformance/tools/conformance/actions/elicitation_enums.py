from ..app import app, fixture


def _titled(prefix: str, titles: list[str]) -> list[dict[str, str]]:
    return [{"const": f"{prefix}{number}", "title": title} for number, title in enumerate(titles, 1)]


# Every way SEP-1330 lets a form offer a choice: untitled and titled, single and multiple, and
# the deprecated `enumNames`.
_SCHEMA = {
    "type": "object",
    "properties": {
        "untitledSingle": {"type": "string", "description": "Pick one", "enum": ["option1", "option2", "option3"]},
        "titledSingle": {"type": "string", "description": "Pick one",
                         "oneOf": _titled("value", ["First Option", "Second Option", "Third Option"])},
        "legacyEnum": {"type": "string", "description": "Pick one", "enum": ["opt1", "opt2", "opt3"],
                       "enumNames": ["Option One", "Option Two", "Option Three"]},
        "untitledMulti": {"type": "array", "description": "Pick any",
                          "items": {"type": "string", "enum": ["option1", "option2", "option3"]}},
        "titledMulti": {"type": "array", "description": "Pick any",
                        "items": {"anyOf": _titled("value", ["First Choice", "Second Choice", "Third Choice"])}},
    },
}


@app.action(
    "elicitation-sep1330-enums",
    title="Elicitation With Enums",
    description=fixture("elicitation-sep1330-enums", "Asks the user to choose in each of the five enum forms."),
    tool_name="test_elicitation_sep1330_enums",
    read_only=True,
)
async def elicitation_enums(ctx):
    answer = await ctx.elicit("Please select options from the enum fields", _SCHEMA)
    return f"Elicitation completed: action={answer.get('action')}, content={answer.get('content')}"
