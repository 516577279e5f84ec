from mcp_gateway.catalog import ActionError, props

from ..app import api, app

_MACROS = ["Today", "This Week", "This Month", "This Fiscal Quarter", "This Fiscal Year", "This Fiscal Year-to-date",
           "Last Week", "Last Month", "Last Fiscal Quarter", "Last Fiscal Year", "Last Year"]
_COLUMNS = ["Total", "Month", "Quarter", "Year", "Customers", "Vendors", "Classes", "Departments"]


def _values(row_part):
    return [c.get("value") for c in (row_part or {}).get("ColData") or []]


def _rows(rows, path, out):
    for row in (rows or {}).get("Row") or []:
        if row.get("type") == "Section" or row.get("Rows") or row.get("Header"):
            title = (_values(row.get("Header")) or [row.get("group")])[0]
            _rows(row.get("Rows"), [*path, title] if title else path, out)
            if row.get("Summary"):
                label, *amounts = _values(row["Summary"])
                out.append({"section": " > ".join(p for p in path if p) or None, "label": label, "amounts": amounts,
                            "total": True})
        else:
            label, *amounts = _values(row) or [None]
            out.append({"section": " > ".join(p for p in path if p) or None, "label": label, "amounts": amounts,
                        "total": False})
    return out


def _trim(report):
    header = report.get("Header") or {}
    columns = [c.get("ColTitle") for c in (report.get("Columns") or {}).get("Column") or []]
    return {
        "report": header.get("ReportName"),
        "start": header.get("StartPeriod"),
        "end": header.get("EndPeriod"),
        "currency": header.get("Currency"),
        "accounting_method": header.get("ReportBasis"),
        "columns": columns[1:],
        "rows": _rows(report.get("Rows"), [], []),
    }


@app.action(
    "get-profit-and-loss-report",
    title="Get Profit and Loss Report",
    description=(
        "Run the QuickBooks Profit and Loss report (income, cost of goods sold, expenses, net income) for a date range "
        "or a named period, in total or by month, quarter, customer... Each row has its section, label and amounts, in "
        "the company's currency. To look at single transactions, use quickbooks-query."
    ),
    props={
        "startDate": props.string("Start Date", "`YYYY-MM-DD`; with endDate. Leave both empty to use a period.", optional=True),
        "endDate": props.string("End Date", "`YYYY-MM-DD`.", optional=True),
        "dateMacro": props.string(
            "Period", "A named period instead of dates, e.g. `Last Month` or `This Fiscal Year-to-date` (the default when "
            "no dates are given).", options=_MACROS, optional=True),
        "accountingMethod": props.string("Accounting Method", "`Accrual` or `Cash`; defaults to the company's setting.",
                                         options=["Accrual", "Cash"], optional=True),
        "summarizeColumnBy": props.string("Columns", "One total column (the default), or a column per month, quarter, "
                                          "customer...", options=_COLUMNS, optional=True),
    },
    read_only=True,
    trim=_trim,
)
async def get_profit_and_loss_report(ctx):
    start, end = ctx.props.get("startDate"), ctx.props.get("endDate")
    if bool(start) != bool(end):
        raise ActionError("give both startDate and endDate, or neither and a dateMacro")
    if start and ctx.props.get("dateMacro"):
        raise ActionError("give dates or a dateMacro, not both")
    params = {"start_date": start, "end_date": end} if start else {}
    for prop, name in (("dateMacro", "date_macro"), ("accountingMethod", "accounting_method"),
                       ("summarizeColumnBy", "summarize_column_by")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    report = await api(ctx, "GET", "/reports/ProfitAndLoss", params=params)
    header = report.get("Header") or {}
    ctx.summary = f"Ran the profit and loss report for {header.get('StartPeriod')} to {header.get('EndPeriod')}"
    return report
