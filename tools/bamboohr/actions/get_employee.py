from mcp_gateway.catalog import props

from ..app import DEFAULT_FIELDS, api, app, seg


@app.action(
    "get-employee",
    title="Get Employee",
    description=(
        "Read chosen fields of one BambooHR employee, e.g. hire date, supervisor, pay rate or a custom field. Without "
        "`fields` it reads name, job, department, location, supervisor, contact details, hire date and status. Field "
        "names come from bamboohr-list-fields. To change fields, use bamboohr-update-employee."
    ),
    props={
        "employeeId": app.definition("employeeId"),
        "fields": app.definition("fields"),
        "onlyCurrent": props.boolean(
            "Only Current Values", "Off: include values with a future effective date (e.g. a raise next month).",
            optional=True, default=True,
        ),
    },
    read_only=True,
)
async def get_employee(ctx):
    fields = [str(f).strip() for f in ctx.props.get("fields") or [] if str(f).strip()] or DEFAULT_FIELDS
    params = {"fields": ",".join(fields)}
    if ctx.props.get("onlyCurrent") is False:
        params["onlyCurrent"] = "false"
    employee = await api(ctx, "GET", f"/employees/{seg(ctx.props.employeeId)}", params=params)
    name = " ".join(x for x in (employee.get("firstName"), employee.get("lastName")) if x) or employee.get("displayName")
    ctx.summary = f"Read {len(fields)} field{'s' if len(fields) != 1 else ''} of {name or 'employee ' + str(employee.get('id'))}"
    return employee
