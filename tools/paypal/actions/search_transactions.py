from datetime import datetime

from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, page_number


def _transaction(detail):
    info = detail.get("transaction_info") or {}
    payer = detail.get("payer_info") or {}
    name = payer.get("payer_name") or {}
    return {
        "transaction_id": info.get("transaction_id"),
        "event_code": info.get("transaction_event_code"),
        "status": info.get("transaction_status"),
        "amount": info.get("transaction_amount"),
        "fee": info.get("fee_amount"),
        "initiated": info.get("transaction_initiation_date"),
        "updated": info.get("transaction_updated_date"),
        "invoice_id": info.get("invoice_id"),
        "custom_field": info.get("custom_field"),
        "subject": info.get("transaction_subject"),
        "note": info.get("transaction_note"),
        "payer_email": payer.get("email_address"),
        "payer_name": name.get("alternate_full_name") or " ".join(p for p in (name.get("given_name"), name.get("surname")) if p) or None,
    }


@app.action(
    "search-transactions",
    title="Search Transactions",
    description=(
        "Search the PayPal account's transactions (payments received and sent, refunds, fees...) in a date range of up "
        "to 31 days, optionally by transaction ID or status. New transactions show up here after up to 3 hours; for a "
        "payment just captured use paypal-get-capture. The PayPal app needs the Transaction Search feature."
    ),
    props={
        "startDate": props.string("From", "The start, RFC 3339 with a time zone, e.g. `2026-12-01T00:00:00-0700` or "
                                  "`2026-12-01T00:00:00Z`."),
        "endDate": props.string("Until", "The end, at most 31 days after the start, same format."),
        "transactionId": props.string("Transaction ID", "Only this transaction, e.g. a capture ID.", optional=True),
        "transactionStatus": props.string(
            "Status", "Only transactions in this state: `S` completed, `P` pending, `D` denied, `V` reversed.",
            options=["S", "P", "D", "V"], optional=True),
        "limit": props.limit("transactions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("transactions", _transaction),
)
async def search_transactions(ctx):
    start, end = _when(ctx.props.startDate, "startDate"), _when(ctx.props.endDate, "endDate")
    if not 0 <= (end - start).total_seconds() <= 31 * 86400:
        raise ActionError("the range must run forward and span at most 31 days; split longer ranges into several calls")
    page = page_number(ctx.props.get("cursor"))
    params = {"start_date": ctx.props.startDate, "end_date": ctx.props.endDate, "fields": "transaction_info,payer_info",
              "page_size": ctx.props.limit, "page": page}
    for prop, name in (("transactionId", "transaction_id"), ("transactionStatus", "transaction_status")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    data = await api(ctx, "GET", "/v1/reporting/transactions", params=params)
    transactions = data.get("transaction_details") or []
    more = page < int(data.get("total_pages") or 0)
    ctx.summary = f"Found {data.get('total_items', len(transactions))} transactions; listed {len(transactions)}"
    return {"transactions": transactions, "total": data.get("total_items"), "next_cursor": str(page + 1) if more else None}


def _when(value, name):
    text = str(value or "").strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ActionError(f"{name} {value!r} must be a date and time with a time zone, e.g. `2026-12-01T00:00:00Z`")
    return moment
