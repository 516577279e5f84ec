from mcp_gateway.catalog import ActionError, props

from ..app import app, base_id, field_summary, request, table_id, table_options

# Options Airtable requires for these types, with the plainest values.
_DEFAULT_OPTIONS = {
    "number": {"precision": 0},
    "percent": {"precision": 0},
    "currency": {"precision": 2, "symbol": "$"},
    "date": {"dateFormat": {"name": "iso"}},
    "dateTime": {"dateFormat": {"name": "iso"}, "timeFormat": {"name": "24hour"}, "timeZone": "utc"},
    "checkbox": {"icon": "check", "color": "greenBright"},
    "rating": {"icon": "star", "max": 5, "color": "yellowBright"},
    "duration": {"durationFormat": "h:mm"},
}

_TYPES = [
    "singleLineText", "multilineText", "richText", "email", "url", "phoneNumber", "number", "currency", "percent",
    "date", "dateTime", "checkbox", "singleSelect", "multipleSelects", "multipleRecordLinks", "multipleAttachments",
    "singleCollaborator", "multipleCollaborators", "rating", "duration", "barcode",
]


@app.action(
    "create-field",
    title="Create Field",
    description=(
        "Add a field (column) to an Airtable table: text, number, currency, date, checkbox, select with its choices, "
        "a link to another table, attachments and more. Formula, rollup, lookup and other computed fields cannot be "
        "created through the API. To rename a field use airtable_oauth-update-field; airtable_oauth-list-fields shows "
        "the existing ones. Returns the new field's ID (`fld...`), name and type."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "name": props.string("Name", "The field's name, unique in the table, e.g. `Due date`."),
        "type": props.string("Type", "The field's type.", options=_TYPES),
        "description": props.string("Description", "What the field holds, shown in Airtable.", optional=True),
        "choices": props.string_list(
            "Choices", "For singleSelect and multipleSelects: the options to offer, e.g. `[\"Open\", \"Paid\"]`.",
            optional=True,
        ),
        "linkedTableId": props.string(
            "Linked Table",
            "For multipleRecordLinks: the ID of the table to link to (`tbl...`), from airtable_oauth-list-tables.",
            options=table_options,
            optional=True,
        ),
        "options": props.obj(
            "Options",
            "The type's options in Airtable's field model, used as given, e.g. `{\"precision\": 2}` for number or "
            "`{\"durationFormat\": \"h:mm\"}` for duration. Leave empty for plain defaults (whole numbers, $ with "
            "2 decimals, ISO dates, 24-hour UTC times, h:mm durations).",
            optional=True,
        ),
    },
    trim=field_summary,
)
async def create_field(ctx):
    kind = ctx.props.type
    options = dict(ctx.props.get("options") or {}) or dict(_DEFAULT_OPTIONS.get(kind, {}))
    if ctx.props.get("choices"):
        if kind not in ("singleSelect", "multipleSelects"):
            raise ActionError("choices go with type singleSelect or multipleSelects")
        options["choices"] = [{"name": str(c)} for c in ctx.props.choices]
    if kind in ("singleSelect", "multipleSelects") and not options.get("choices"):
        raise ActionError(f"a {kind} field needs its choices, e.g. [\"Open\", \"Paid\"]")
    if ctx.props.get("linkedTableId"):
        if kind != "multipleRecordLinks":
            raise ActionError("linkedTableId goes with type multipleRecordLinks")
        options["linkedTableId"] = ctx.props.linkedTableId
    if kind == "multipleRecordLinks" and not options.get("linkedTableId"):
        raise ActionError("a multipleRecordLinks field needs linkedTableId, the table it links to")
    body = {"name": ctx.props.name, "type": kind}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if options:
        body["options"] = options
    base = base_id(ctx.props.baseId)
    table = await table_id(ctx, base, ctx.props.tableId)
    field = await request(ctx, "POST", f"/meta/bases/{base}/tables/{table}/fields", json=body)
    ctx.summary = f"Created {field.get('type')} field {field.get('name')} ({field.get('id')}) in table {table}"
    return field
