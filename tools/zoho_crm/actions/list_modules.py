from mcp_gateway.catalog import each

from ..app import api, app, module_summary


@app.action(
    "list-modules",
    title="List Modules",
    description=(
        "List the Zoho CRM modules the API can reach (Leads, Contacts, Accounts, Deals, Tasks, custom modules...), "
        "with the API name every record action takes as `module`, and whether records can be created, edited and "
        "deleted there."
    ),
    props={},
    read_only=True,
    trim=each(module_summary),
)
async def list_modules(ctx):
    modules = [m for m in (await api(ctx, "GET", "/settings/modules")).get("modules") or [] if m.get("api_supported")]
    ctx.summary = f"Listed {len(modules)} module{'s' if len(modules) != 1 else ''}"
    return modules
