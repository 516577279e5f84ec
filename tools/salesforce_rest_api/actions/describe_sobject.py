from urllib.parse import quote

from ..app import app, request, sobject_type


@app.action(
    "describe-sobject",
    title="Describe sObject",
    description=(
        "List the fields of a Salesforce sObject type (e.g. Lead): each field's API name, label, type, whether a new "
        "record needs it, whether it can be set, picklist values and what a lookup points to. Check it before "
        "creating or updating records, or writing SOQL."
    ),
    props={"sobjectType": app.definition("sobjectType")},
    read_only=True,
)
async def describe_sobject(ctx):
    name = sobject_type(ctx.props.sobjectType)
    data = await request(ctx, "GET", f"sobjects/{quote(name)}/describe")
    fields = []
    for f in data.get("fields") or []:
        item = {
            "name": f.get("name"), "label": f.get("label"), "type": f.get("type"),
            "requiredOnCreate": bool(f.get("createable") and not f.get("nillable") and not f.get("defaultedOnCreate")),
            "createable": f.get("createable"), "updateable": f.get("updateable"),
        }
        if f.get("type") in ("string", "textarea", "email", "phone", "url") and f.get("length"):
            item["length"] = f["length"]
        values = [p.get("value") for p in f.get("picklistValues") or [] if p.get("active", True)]
        if values:
            item["picklistValues"] = values
        if f.get("referenceTo"):
            item["referenceTo"] = f["referenceTo"]
        fields.append(item)
    ctx.summary = f"{data.get('label') or name} has {len(fields)} fields"
    return {"name": data.get("name") or name, "label": data.get("label"), "custom": data.get("custom"),
            "createable": data.get("createable"), "updateable": data.get("updateable"), "fields": fields}
