"""QuickBooks Online Accounting: customers, invoices, payments, items, queries and reports of one company.

Intuit names the company (its realm ID) only in the OAuth redirect, not in the token response: the
account keeps it from there (`redirect_fields`).
"""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://quickbooks.api.intuit.com"
USERINFO = "https://accounts.platform.intuit.com/v1/openid_connect/userinfo"
# Intuit retired minor versions below 75; naming it keeps the answers' fields stable.
MINOR_VERSION = "75"
# A query returns at most 1000 records.
MAX_PAGE = 1000

AMOUNT_NOTE = "in the company's currency as a decimal number, e.g. `125.50` (not cents)"


def realm(ctx):
    value = str(ctx.auth.get("realmId") or "").strip()
    if not value.isdigit():
        raise ActionError(
            "the QuickBooks account has no company (realm) ID; the user should connect QuickBooks again and pick the "
            "company when Intuit asks"
        )
    return value


async def _account_test(ctx):
    """The company (`GET /companyinfo/{realmId}`) when the realm is known; else the signed-in user."""
    if str(ctx.auth.get("realmId") or "").strip():
        info = (await api(ctx, "GET", f"/companyinfo/{realm(ctx)}")).get("CompanyInfo") or {}
        return Identity(name=info.get("CompanyName"), external_id=realm(ctx))
    response = await ctx.http.request("GET", USERINFO, raise_for_status=False)
    if response.status_code >= 400:
        raise quickbooks_error("GET", "/openid_connect/userinfo", response)
    user = response.json()
    return Identity(name=user.get("email"), external_id=user.get("sub"))


app = App(
    "quickbooks",
    "QuickBooks Online",
    "Work in a QuickBooks Online company: find anything with a query, look up and add customers, create, read and "
    "email invoices, record payments, list products and services, and read company info and the profit and loss report.",
    auth=OAuth(
        authorize_url="https://appcenter.intuit.com/connect/oauth2",
        token_url="https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
        # `openid email` lets the account test name the user before the company is known.
        scopes=["com.intuit.quickbooks.accounting", "openid", "email"],
        token_auth_method="client_secret_basic",
        redirect_fields=["realmId"],
    ),
    categories=["Accounting"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["quickbooks.api.intuit.com", "accounts.platform.intuit.com"],
    test=_account_test,
)


# Errors: QuickBooks answers `{"Fault": {"Error": [{"Message", "Detail", "code", "element"}], "type"}}`.

_CODE_HINTS = {
    "610": "nothing has that ID in this company (or it was deleted); find it with quickbooks-query",
    "2020": "a required field is missing; the message names it",
    "2010": "a field name is not one QuickBooks has for this entity",
    "2500": "a reference (customer, item, invoice ID) points to nothing in this company; look it up with quickbooks-query",
    "4000": "the query is not valid; write it like `SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'`",
    "5010": "someone changed this record since it was read; read it again and retry",
    "6240": "another customer, vendor or employee already has that display name; pick another, or use the existing one",
    "3100": "the connection may not use this company's data; the user should reconnect QuickBooks",
    "3200": "QuickBooks rejected the token; the user should reconnect QuickBooks",
}


def quickbooks_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    fault = (data.get("Fault") or data.get("fault") or {}) if isinstance(data, dict) else {}
    errors = [e for e in fault.get("Error") or fault.get("error") or [] if isinstance(e, dict)]
    parts, codes = [], []
    for error in errors[:5]:
        codes.append(str(error.get("code") or ""))
        text = " — ".join(str(p) for p in (error.get("Message") or error.get("message"), error.get("Detail") or error.get("detail")) if p)
        parts.append(f"{text} (code {error.get('code')})" if error.get("code") else text)
    detail = "; ".join(p for p in parts if p) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = next((_CODE_HINTS[c] for c in codes if c in _CODE_HINTS), None)
    if status == 429:
        hint = f"rate limited by QuickBooks; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif hint is None:
        if status == 401:
            hint = _CODE_HINTS["3200"]
        elif status == 403:
            hint = _CODE_HINTS["3100"]
        elif status == 404:
            hint = "check the IDs and the company ID of the account"
        elif status >= 500:
            hint = "QuickBooks had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(f"QuickBooks API error {status} on {method} {path}: {detail} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, params=None, **kw):
    """A call below the company's `/v3/company/{realmId}`; the JSON answer."""
    url = f"{API}/v3/company/{realm(ctx)}{path}"
    query = {**(params or {}), "minorversion": MINOR_VERSION}
    headers = {"Accept": "application/json", **(kw.pop("headers", None) or {})}
    response = await ctx.http.request(method, url, params=query, headers=headers, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise quickbooks_error(method, path, response)
    data = response.json() if response.content else {}
    # Some failures come back with 200 and a Fault body.
    if isinstance(data, dict) and data.get("Fault"):
        raise quickbooks_error(method, path, response)
    return data


def amount(value, what="amount"):
    """A money amount as QuickBooks takes it: a decimal number in the company's currency."""
    if isinstance(value, bool):
        value = None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ActionError(f"{what} {value!r} must be a number {AMOUNT_NOTE}") from None
    if number <= 0:
        raise ActionError(f"{what} must be more than zero")
    return round(number, 2)


def seg(value, what):
    text = str(value or "").strip()
    if not text:
        raise ActionError(f"the {what} is empty")
    return quote(text, safe="")


def quoted(text):
    """A value inside a query's single quotes (QuickBooks escapes quotes with a backslash)."""
    return str(text).replace("\\", "\\\\").replace("'", "\\'")


def start_position(cursor):
    if not cursor:
        return 1
    try:
        return max(1, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def query_page(ctx, statement, *, limit, cursor):
    """One page of a query: the entity name, its records and the cursor after them."""
    start = start_position(cursor)
    answer = (await api(ctx, "GET", "/query", params={"query": f"{statement} STARTPOSITION {start} MAXRESULTS {limit}"}))
    result = answer.get("QueryResponse") or {}
    entity = next((k for k, v in result.items() if isinstance(v, list)), None)
    records = result.get(entity) or [] if entity else []
    return entity, records, str(start + len(records)) if len(records) >= limit else None


# Summaries


def _ref(value):
    return {"id": value.get("value"), "name": value.get("name")} if isinstance(value, dict) else None


def record_summary(record):
    """Any entity, without the bookkeeping fields."""
    summary = {k: v for k, v in record.items() if k not in ("domain", "sparse", "MetaData")}
    if isinstance(record.get("MetaData"), dict):
        summary["LastUpdatedTime"] = record["MetaData"].get("LastUpdatedTime")
    return summary


def customer_summary(customer):
    return {
        "id": customer.get("Id"),
        "display_name": customer.get("DisplayName"),
        "company_name": customer.get("CompanyName"),
        "given_name": customer.get("GivenName"),
        "family_name": customer.get("FamilyName"),
        "email": (customer.get("PrimaryEmailAddr") or {}).get("Address"),
        "phone": (customer.get("PrimaryPhone") or {}).get("FreeFormNumber"),
        "balance": customer.get("Balance"),
        "active": customer.get("Active"),
        "bill_address": customer.get("BillAddr"),
        "notes": customer.get("Notes"),
        "sync_token": customer.get("SyncToken"),
    }


def invoice_summary(invoice):
    return {
        "id": invoice.get("Id"),
        "doc_number": invoice.get("DocNumber"),
        "customer": _ref(invoice.get("CustomerRef")),
        "txn_date": invoice.get("TxnDate"),
        "due_date": invoice.get("DueDate"),
        "total_amount": invoice.get("TotalAmt"),
        "balance": invoice.get("Balance"),
        "currency": (invoice.get("CurrencyRef") or {}).get("value"),
        "bill_email": (invoice.get("BillEmail") or {}).get("Address"),
        "email_status": invoice.get("EmailStatus"),
        "lines": [
            {"description": line.get("Description"), "amount": line.get("Amount"),
             "item": _ref((line.get("SalesItemLineDetail") or {}).get("ItemRef")),
             "quantity": (line.get("SalesItemLineDetail") or {}).get("Qty"),
             "unit_price": (line.get("SalesItemLineDetail") or {}).get("UnitPrice")}
            for line in invoice.get("Line") or [] if line.get("DetailType") == "SalesItemLineDetail"
        ],
        "sync_token": invoice.get("SyncToken"),
    }


def payment_summary(payment):
    return {
        "id": payment.get("Id"),
        "customer": _ref(payment.get("CustomerRef")),
        "txn_date": payment.get("TxnDate"),
        "total_amount": payment.get("TotalAmt"),
        "unapplied_amount": payment.get("UnappliedAmt"),
        "payment_ref_num": payment.get("PaymentRefNum"),
        "invoices": [t.get("TxnId") for line in payment.get("Line") or [] for t in line.get("LinkedTxn") or []
                     if t.get("TxnType") == "Invoice"],
    }


def item_summary(item):
    return {
        "id": item.get("Id"),
        "name": item.get("Name"),
        "type": item.get("Type"),
        "description": item.get("Description"),
        "unit_price": item.get("UnitPrice"),
        "sku": item.get("Sku"),
        "quantity_on_hand": item.get("QtyOnHand"),
        "income_account": _ref(item.get("IncomeAccountRef")),
        "active": item.get("Active"),
    }


# Shared props


async def _query_options(ctx, statement, label):
    start = int(ctx.prev_context.get("start") or 1)
    _, records, following = await query_page(ctx, statement, limit=100, cursor=str(start))
    options = [Option(label=label(r), value=str(r["Id"])) for r in records]
    return OptionsPage(options=options, context={"start": int(following)} if following else None)


async def _customer_options(ctx):
    return await _query_options(ctx, "SELECT * FROM Customer WHERE Active = true ORDERBY DisplayName",
                                lambda c: c.get("DisplayName") or c["Id"])


async def _item_options(ctx):
    return await _query_options(ctx, "SELECT * FROM Item WHERE Active = true ORDERBY Name",
                                lambda i: f"{i.get('Name')} ({i.get('Type')})" if i.get("Type") else i.get("Name") or i["Id"])


async def _invoice_options(ctx):
    def label(invoice):
        customer = (invoice.get("CustomerRef") or {}).get("name")
        return " · ".join(str(p) for p in (f"#{invoice.get('DocNumber')}" if invoice.get("DocNumber") else None,
                                            customer, invoice.get("TotalAmt")) if p is not None) or invoice["Id"]
    return await _query_options(ctx, "SELECT * FROM Invoice ORDERBY TxnDate DESC", label)


app.define(
    "customerId",
    props.string(
        "Customer",
        "The customer's QuickBooks ID (digits, e.g. `58`), from quickbooks-create-customer, quickbooks-query "
        "(`SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'`) or the customer's page URL (`nameId=58`).",
        options=_customer_options,
    ),
)

app.define(
    "invoiceId",
    props.string(
        "Invoice",
        "The invoice's QuickBooks ID (digits, e.g. `130`; not the invoice number), from quickbooks-create-invoice or "
        "quickbooks-query (`SELECT * FROM Invoice WHERE DocNumber = '1037'`), or the invoice's page URL (`txnId=130`).",
        options=_invoice_options,
    ),
)

app.define(
    "itemId",
    props.string(
        "Product or Service",
        "The item's QuickBooks ID (digits), from quickbooks-list-items.",
        options=_item_options,
    ),
)
