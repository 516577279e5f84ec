from ..app import app, fixture

# JSON Schema 2020-12 beyond properties and required: the dialect, definitions with an anchor and a
# reference to them, composition, a condition, and closed properties (SEP-1613, SEP-2106).
_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "$defs": {
        "address": {
            "$anchor": "addressDef",
            "type": "object",
            "properties": {"street": {"type": "string"}, "city": {"type": "string"}},
        },
    },
    "properties": {
        "name": {"type": "string"},
        "address": {"$ref": "#/$defs/address"},
        "contactMethod": {"type": "string", "enum": ["phone", "email"]},
        "phone": {"type": "string"},
        "email": {"type": "string"},
    },
    "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
    "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
    "then": {"required": ["phone"]},
    "else": {"required": ["email"]},
    "additionalProperties": False,
}


@app.action(
    "json-schema-2020-12",
    title="JSON Schema 2020-12 Input",
    description=fixture("json-schema-2020-12", "Takes a contact whose input schema uses JSON Schema 2020-12 "
                        "keywords, and returns it."),
    input_schema=_SCHEMA,
    tool_name="json_schema_2020_12_tool",
    read_only=True,
)
async def json_schema_2020_12(ctx):
    return dict(ctx.props)
