from mcp_gateway.catalog import props, within

from ..app import api, app, employee_summary, window


@app.action(
    "list-employees",
    title="List Employees",
    description=(
        "List the company directory in BambooHR: each employee's ID, name, job title, department, location, work email "
        "and phone, optionally only those whose name or email contains some text. For more fields of one person (hire "
        "date, supervisor, custom fields), use bamboohr-get-employee with the `id`."
    ),
    props={
        "search": props.string("Search", "Only employees whose name, email or job title contains this text.", optional=True),
        "limit": props.limit("employees"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("employees", employee_summary),
)
async def list_employees(ctx):
    directory = await api(ctx, "GET", "/employees/directory")
    employees = directory.get("employees") or []
    needle = str(ctx.props.get("search") or "").strip().lower()
    if needle:
        employees = [e for e in employees if any(needle in str(e.get(k) or "").lower() for k in (
            "displayName", "firstName", "lastName", "preferredName", "workEmail", "jobTitle"))]
    shown, following = window(employees, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(shown)} of {len(employees)} employee{'s' if len(employees) != 1 else ''}"
    return {"employees": shown, "total": len(employees), "next_cursor": following}
