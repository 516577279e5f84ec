from mcp_gateway.catalog import each

from ..app import api, app, seg


def _report(report):
    return {key: report.get(key) for key in ("id", "title", "list_type", "status", "url", "created_at", "updated_at")}


@app.action(
    "list-form-reports",
    title="List Form Reports",
    description=(
        "List the reports made from a Jotform form (Excel, CSV, grid, table or visual reports) with each one's type "
        "and the link to open or download it. Reports are made in Jotform's Report Builder; to read the answers "
        "themselves, use jotform-list-form-submissions."
    ),
    props={"formId": app.definition("formId")},
    read_only=True,
    trim=each(_report),
)
async def list_form_reports(ctx):
    reports = await api(ctx, "GET", f"/form/{seg(ctx.props.formId)}/reports") or []
    ctx.summary = f"Listed {len(reports)} report{'s' if len(reports) != 1 else ''}"
    return reports
