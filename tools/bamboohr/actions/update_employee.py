from mcp_gateway.catalog import ActionError, props

from ..app import api, app, seg


@app.action(
    "update-employee",
    title="Update Employee",
    description=(
        "Change fields of one BambooHR employee, e.g. their job title, work phone or a custom field; fields not named "
        "keep their values. Field names come from bamboohr-list-fields. Fields kept in tables with history "
        "(compensation, job information) are not changed here."
    ),
    props={
        "employeeId": app.definition("employeeId"),
        "fields": props.obj(
            "Fields",
            "The new values by field name, e.g. `{\"jobTitle\": \"Senior Engineer\", \"workPhone\": \"555-0100\"}`; "
            "dates as `YYYY-MM-DD`.",
        ),
    },
    idempotent=True,
)
async def update_employee(ctx):
    fields = ctx.props.fields
    if not isinstance(fields, dict) or not fields:
        raise ActionError("name at least one field to change, e.g. {\"jobTitle\": \"Senior Engineer\"}")
    body = {str(k): "" if v is None else str(v) for k, v in fields.items()}
    await api(ctx, "POST", f"/employees/{seg(ctx.props.employeeId)}", json=body)
    ctx.summary = f"Updated {', '.join(body)} of employee {ctx.props.employeeId}"
    return {"id": str(ctx.props.employeeId), "updated": body}
