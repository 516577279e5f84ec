from mcp_gateway.catalog import props

from ..app import api, app, seg, window


def _report(payload):
    return {"title": payload.get("title"),
            "fields": [{"id": f.get("id"), "name": f.get("name")} for f in payload.get("fields") or []],
            "employees": payload.get("employees"), "total": payload.get("total"), "next_cursor": payload.get("next_cursor")}


@app.action(
    "run-company-report",
    title="Run Company Report",
    description=(
        "Run a saved BambooHR company report and return its rows, one per employee, with the report's columns. The "
        "report ID is the number after `id=` in the report's address under Reports in BambooHR "
        "(https://acme.bamboohr.com/reports/custom/?id=17). For a few fields of everyone, bamboohr-list-employees may do."
    ),
    props={
        "reportId": props.string("Report ID", "The saved report's number, e.g. `17`, from its address in BambooHR."),
        "filterDuplicates": props.boolean(
            "Filter Duplicates", "Show each employee once even when a table field has several rows.", optional=True,
            default=True,
        ),
        "limit": props.limit("employees"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_report,
)
async def run_company_report(ctx):
    params = {"format": "JSON", "fd": "yes" if ctx.props.get("filterDuplicates") is not False else "no"}
    report = await api(ctx, "GET", f"/reports/{seg(ctx.props.reportId)}", params=params)
    employees = report.get("employees") or []
    shown, following = window(employees, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Ran the report {report.get('title')!r}: {len(employees)} row{'s' if len(employees) != 1 else ''}"
    return {**report, "employees": shown, "total": len(employees), "next_cursor": following}
