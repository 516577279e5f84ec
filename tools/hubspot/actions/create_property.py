import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, label, object_type, property_group_options, property_summary, request

# The field types each property type can be shown with.
FIELD_TYPES = {
    "string": ["text", "textarea", "html", "phonenumber", "file"],
    "number": ["number", "calculation_equation"],
    "bool": ["booleancheckbox"],
    "enumeration": ["select", "radio", "checkbox", "booleancheckbox"],
    "date": ["date"],
    "datetime": ["date"],
    "phone_number": ["phonenumber"],
}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@app.action(
    "create-property",
    title="Create Property",
    description=(
        "Add a custom property to a HubSpot object type, e.g. a `Renewal date` date on deals or a `Plan` dropdown on "
        "companies, so records can store it. Give options for dropdowns, radios and checkboxes. Check List "
        "Properties first: the name must be new. Returns the new property's definition."
    ),
    props={
        "objectType": app.definition("objectType"),
        "name": props.string(
            "Internal Name", "The property's internal name: lowercase letters, digits and underscores, e.g. `renewal_date`.",
        ),
        "label": props.string("Label", "The name people see, e.g. `Renewal date`."),
        "type": props.string(
            "Type", "What it stores: `string`, `number`, `date`, `datetime`, `enumeration` (options) or `bool`.",
            options=list(FIELD_TYPES),
        ),
        "fieldType": props.string(
            "Field Type",
            "How it is edited: `text`, `textarea`, `number`, `date`, `select` (dropdown), `radio`, `checkbox` "
            "(several options), `booleancheckbox`, `phonenumber`, `html` or `file`. Defaults to the usual one for the type.",
            options=sorted({f for fields in FIELD_TYPES.values() for f in fields}),
            optional=True,
        ),
        "groupName": props.string(
            "Group",
            "The property group to put it in, e.g. `contactinformation`, `companyinformation` or `dealinformation`. "
            "The choices list the object type's groups.",
            options=property_group_options,
        ),
        "description": props.string("Description", "What the property is for, shown in HubSpot.", optional=True),
        "options": props.object_list(
            "Options",
            "For `enumeration` properties: the choices, each `{\"label\": \"Gold\", \"value\": \"gold\"}` (the "
            "value is what records store).",
            optional=True,
        ),
        "hasUniqueValue": props.boolean(
            "Unique", "`true` to require a different value on every record (cannot be changed later).", optional=True,
        ),
        "formField": props.boolean("Usable in Forms", "`true` to let HubSpot forms use it.", optional=True),
    },
    trim=property_summary,
)
async def create_property(ctx):
    kind = object_type(ctx.props.objectType)
    name = str(ctx.props.name).strip()
    if not _NAME.match(name):
        raise ActionError(f"name {name!r} must be lowercase letters, digits and underscores, starting with a letter, e.g. `renewal_date`")
    kind_of_value = ctx.props.type
    if kind_of_value not in FIELD_TYPES:
        raise ActionError(f"type must be one of {', '.join(FIELD_TYPES)}")
    field_type = ctx.props.get("fieldType") or FIELD_TYPES[kind_of_value][0]
    if field_type not in FIELD_TYPES[kind_of_value]:
        raise ActionError(f"a {kind_of_value} property is shown as {', '.join(FIELD_TYPES[kind_of_value])}, not {field_type}")
    body = {"name": name, "label": ctx.props.label, "type": kind_of_value, "fieldType": field_type,
            "groupName": ctx.props.groupName}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    choices = ctx.props.get("options") or []
    if kind_of_value == "enumeration":
        if not choices and field_type != "booleancheckbox":
            raise ActionError("an enumeration property needs options, e.g. [{\"label\": \"Gold\", \"value\": \"gold\"}]")
        body["options"] = [_option(o, n) for n, o in enumerate(choices)]
    elif choices:
        raise ActionError("options are only for enumeration properties")
    for flag in ("hasUniqueValue", "formField"):
        if ctx.props.get(flag) is not None:
            body[flag] = ctx.props[flag]
    created = await request(ctx, "POST", f"/crm/v3/properties/{kind}", json=body)
    ctx.summary = f"Created {label(kind)} property {created.get('name')} ({created.get('label')})"
    return created


def _option(raw, order):
    if not isinstance(raw, dict) or not raw.get("label") or raw.get("value") in (None, ""):
        raise ActionError(f"option {raw!r} needs a label and a value, e.g. {{\"label\": \"Gold\", \"value\": \"gold\"}}")
    return {"label": str(raw["label"]), "value": str(raw["value"]), "displayOrder": raw.get("displayOrder", order)}
