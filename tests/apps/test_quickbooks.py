import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

REALM = "9130347481243256"
API = f"https://quickbooks.api.intuit.com/v3/company/{REALM}"
AUTH = {"oauth_access_token": "eyJlbmMi.qbo-token", "realmId": REALM}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == {**(params or {}), "minorversion": "75"}
    assert request.headers["authorization"] == "Bearer eyJlbmMi.qbo-token"
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _customer(customer_id="58", name="Acme Corp", **extra):
    return {"domain": "QBO", "sparse": False, "Id": customer_id, "SyncToken": "0", "Active": True, "Balance": 0,
            "DisplayName": name, "CompanyName": name, "GivenName": "Wile", "FamilyName": "Coyote",
            "PrimaryEmailAddr": {"Address": "billing@acme.com"}, "PrimaryPhone": {"FreeFormNumber": "(555) 555-5555"},
            "BillAddr": {"Id": "112", "Line1": "123 Main Street", "City": "Mountain View", "CountrySubDivisionCode": "CA",
                         "PostalCode": "94042", "Country": "USA"},
            "MetaData": {"CreateTime": "2026-12-01T10:00:00-08:00", "LastUpdatedTime": "2026-12-01T10:00:00-08:00"},
            **extra}


def _invoice(**extra):
    return {"domain": "QBO", "sparse": False, "Id": "130", "SyncToken": "0", "DocNumber": "1037",
            "TxnDate": "2026-12-01", "DueDate": "2026-12-31", "TotalAmt": 150.0, "Balance": 150.0,
            "CurrencyRef": {"value": "USD", "name": "United States Dollar"},
            "CustomerRef": {"value": "58", "name": "Acme Corp"}, "BillEmail": {"Address": "billing@acme.com"},
            "EmailStatus": "NotSet",
            "Line": [{"Id": "1", "LineNum": 1, "Description": "Design work", "Amount": 150.0,
                      "DetailType": "SalesItemLineDetail",
                      "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}, "UnitPrice": 75, "Qty": 2}},
                     {"Amount": 150.0, "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": {}}],
            "MetaData": {"CreateTime": "2026-12-01T10:00:00-08:00", "LastUpdatedTime": "2026-12-01T10:00:00-08:00"},
            **extra}


async def test_query_pages_with_startposition_and_maxresults(catalog, respx_mock):
    route = respx_mock.get(f"{API}/query").mock(side_effect=[
        httpx.Response(200, json={"QueryResponse": {"Customer": [_customer(), _customer("59", "Bee Ltd")],
                                                    "startPosition": 1, "maxResults": 2}, "time": "2026-12-07T10:00:00-08:00"}),
        httpx.Response(200, json={"QueryResponse": {"Customer": [_customer("60", "Cee Inc")], "startPosition": 3,
                                                    "maxResults": 1}, "time": "2026-12-07T10:00:01-08:00"}),
    ])
    action = catalog.action("quickbooks-query")
    first = await run_action(action, {"query": "SELECT * FROM Customer WHERE Active = true;", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/query",
                   params={"query": "SELECT * FROM Customer WHERE Active = true STARTPOSITION 1 MAXRESULTS 2"})
    assert first.ret["entity"] == "Customer" and first.ret["next_cursor"] == "3"
    record = first.ret["records"][0]
    assert "domain" not in record and "MetaData" not in record
    assert record["LastUpdatedTime"] == "2026-12-01T10:00:00-08:00" and record["DisplayName"] == "Acme Corp"
    assert first.summary == "The query returned 2 Customers"
    second = await run_action(action, {"query": "SELECT * FROM Customer WHERE Active = true", "limit": 2, "cursor": "3"},
                              auth=AUTH)
    assert route.calls[1].request.url.params["query"].endswith("STARTPOSITION 3 MAXRESULTS 2")
    assert second.ret["next_cursor"] is None


async def test_query_refuses_its_own_paging_clauses(catalog, respx_mock):
    result = await run_action(catalog.action("quickbooks-query"),
                              {"query": "SELECT * FROM Invoice MAXRESULTS 10"}, auth=AUTH)
    assert "leave STARTPOSITION and MAXRESULTS out" in result.error
    assert not respx_mock.calls


async def test_a_query_syntax_error_says_how_to_write_one(catalog, respx_mock):
    respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(400, json={"Fault": {"Error": [{
        "Message": "Error parsing query", "Detail": "QueryParserError: Encountered \" <INTEGER> \"1 \"\" at line 1, column 30.",
        "code": "4000"}], "type": "ValidationFault"}, "time": "2026-12-07T10:00:00-08:00"}))
    result = await run_action(catalog.action("quickbooks-query"), {"query": "SELECT * FROM Invoice WHERE Id = 1 1"}, auth=AUTH)
    assert "QuickBooks API error 400" in result.error and "(code 4000)" in result.error
    assert "SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'" in result.error


async def test_get_customer_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customer/58").mock(return_value=httpx.Response(200, json={
        "Customer": _customer(), "time": "2026-12-07T10:00:00-08:00"}))
    result = await run_action(catalog.action("quickbooks-get-customer"), {"customerId": "58"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/customer/58")
    assert result.ret == {
        "id": "58", "display_name": "Acme Corp", "company_name": "Acme Corp", "given_name": "Wile", "family_name": "Coyote",
        "email": "billing@acme.com", "phone": "(555) 555-5555", "balance": 0, "active": True,
        "bill_address": _customer()["BillAddr"], "notes": None, "sync_token": "0"}
    whole = await run_action(catalog.action("quickbooks-get-customer"), {"customerId": "58", "fullResponse": True}, auth=AUTH)
    assert whole.ret == _customer()


async def test_create_customer_sends_quickbooks_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/customer").mock(return_value=httpx.Response(200, json={"Customer": _customer()}))
    result = await run_action(catalog.action("quickbooks-create-customer"), {
        "companyName": "Acme Corp", "givenName": "Wile", "email": "billing@acme.com",
        "billingAddress": {"Line1": "123 Main Street", "City": "Mountain View"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/customer", body={
        "DisplayName": "Acme Corp", "GivenName": "Wile", "CompanyName": "Acme Corp",
        "BillAddr": {"Line1": "123 Main Street", "City": "Mountain View"}, "PrimaryEmailAddr": {"Address": "billing@acme.com"}})
    assert result.summary == "Created the customer 'Acme Corp' (ID 58)"


async def test_a_duplicate_display_name_says_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/customer").mock(return_value=httpx.Response(400, json={"Fault": {"Error": [{
        "Message": "Duplicate Name Exists Error", "Detail": "The name supplied already exists. : Another customer, vendor "
        "or employee is already using this name.", "code": "6240"}], "type": "ValidationFault"}}))
    result = await run_action(catalog.action("quickbooks-create-customer"), {"displayName": "Acme Corp"}, auth=AUTH)
    assert "Duplicate Name Exists Error" in result.error and "pick another, or use the existing one" in result.error


async def test_get_and_create_invoice(catalog, respx_mock):
    got = respx_mock.get(f"{API}/invoice/130").mock(return_value=httpx.Response(200, json={"Invoice": _invoice()}))
    result = await run_action(catalog.action("quickbooks-get-invoice"), {"invoiceId": "130"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/invoice/130")
    assert result.ret["lines"] == [{"description": "Design work", "amount": 150.0, "item": {"id": "1", "name": "Services"},
                                    "quantity": 2, "unit_price": 75}]
    assert result.ret["customer"] == {"id": "58", "name": "Acme Corp"} and result.ret["balance"] == 150.0

    created = respx_mock.post(f"{API}/invoice").mock(return_value=httpx.Response(200, json={"Invoice": _invoice()}))
    result = await run_action(catalog.action("quickbooks-create-invoice"), {
        "customerId": "58", "dueDate": "2026-12-31", "billEmail": "billing@acme.com", "customerMemo": "Thank you!",
        "lines": [{"itemId": "1", "quantity": 2, "unitPrice": 75, "description": "Design work"},
                  {"itemId": "2", "amount": "19.99"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/invoice", body={
        "CustomerRef": {"value": "58"}, "DueDate": "2026-12-31", "BillEmail": {"Address": "billing@acme.com"},
        "CustomerMemo": {"value": "Thank you!"},
        "Line": [{"DetailType": "SalesItemLineDetail", "Amount": 150.0, "Description": "Design work",
                  "SalesItemLineDetail": {"ItemRef": {"value": "1"}, "Qty": 2.0, "UnitPrice": 75.0}},
                 {"DetailType": "SalesItemLineDetail", "Amount": 19.99,
                  "SalesItemLineDetail": {"ItemRef": {"value": "2"}, "Qty": 1.0}}]})
    assert result.summary == "Created invoice #1037 for 150.0"


async def test_create_invoice_lines_need_an_item_and_a_price(catalog, respx_mock):
    result = await run_action(catalog.action("quickbooks-create-invoice"),
                              {"customerId": "58", "lines": [{"itemId": "1", "quantity": 2}]}, auth=AUTH)
    assert "line 1 needs a `unitPrice` or an `amount`" in result.error
    assert not respx_mock.calls


async def test_send_invoice_to_another_address(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoice/130/send").mock(return_value=httpx.Response(200, json={"Invoice": _invoice(
        EmailStatus="EmailSent", BillEmail={"Address": "ap@acme.com"},
        DeliveryInfo={"DeliveryType": "Email", "DeliveryTime": "2026-12-07T10:00:00-08:00"})}))
    result = await run_action(catalog.action("quickbooks-send-invoice"), {"invoiceId": "130", "sendTo": "ap@acme.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/invoice/130/send", params={"sendTo": "ap@acme.com"})
    assert route.calls.last.request.headers["content-type"] == "application/octet-stream"
    assert result.ret["email_status"] == "EmailSent"
    assert result.summary == "Emailed invoice #1037 to ap@acme.com"


async def test_create_payment_applied_to_an_invoice(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment").mock(return_value=httpx.Response(200, json={"Payment": {
        "domain": "QBO", "Id": "163", "SyncToken": "0", "TxnDate": "2026-12-07", "TotalAmt": 150.0, "UnappliedAmt": 0,
        "CustomerRef": {"value": "58", "name": "Acme Corp"}, "PaymentRefNum": "1042",
        "Line": [{"Amount": 150.0, "LinkedTxn": [{"TxnId": "130", "TxnType": "Invoice"}]}]}}))
    result = await run_action(catalog.action("quickbooks-create-payment"), {
        "customerId": "58", "totalAmount": 150, "invoiceId": "130", "paymentRefNum": "1042"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/payment", body={
        "CustomerRef": {"value": "58"}, "TotalAmt": 150.0, "PaymentRefNum": "1042",
        "Line": [{"Amount": 150.0, "LinkedTxn": [{"TxnId": "130", "TxnType": "Invoice"}]}]})
    assert result.ret == {"id": "163", "customer": {"id": "58", "name": "Acme Corp"}, "txn_date": "2026-12-07",
                          "total_amount": 150.0, "unapplied_amount": 0, "payment_ref_num": "1042", "invoices": ["130"]}
    assert result.summary == "Recorded a payment of 150.0 to invoice 130"


async def test_list_items_filters_by_name_with_quotes_escaped(catalog, respx_mock):
    route = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={"QueryResponse": {"Item": [{
        "domain": "QBO", "Id": "1", "Name": "Designer's hour", "Type": "Service", "UnitPrice": 75, "Active": True,
        "Description": "An hour of design", "IncomeAccountRef": {"value": "79", "name": "Sales of Product Income"}}],
        "startPosition": 1, "maxResults": 1}}))
    result = await run_action(catalog.action("quickbooks-list-items"), {"name": "designer's", "type": "Service"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/query", params={"query": (
        "SELECT * FROM Item WHERE Active = true AND Name LIKE '%designer\\'s%' AND Type = 'Service' ORDERBY Name "
        "STARTPOSITION 1 MAXRESULTS 25")})
    assert result.ret == {"items": [{"id": "1", "name": "Designer's hour", "type": "Service",
                                     "description": "An hour of design", "unit_price": 75, "sku": None,
                                     "quantity_on_hand": None, "income_account": {"id": "79", "name": "Sales of Product Income"},
                                     "active": True}], "next_cursor": None}


async def test_get_company_info(catalog, respx_mock):
    route = respx_mock.get(f"{API}/companyinfo/{REALM}").mock(return_value=httpx.Response(200, json={"CompanyInfo": {
        "Id": REALM, "CompanyName": "Craig's Design and Landscaping Services", "LegalName": "Craig's Design and Landscaping Services",
        "CompanyAddr": {"Line1": "123 Sierra Way", "City": "San Pablo", "CountrySubDivisionCode": "CA", "PostalCode": "87999"},
        "Country": "US", "Email": {"Address": "noreply@quickbooks.com"}, "FiscalYearStartMonth": "January",
        "CompanyStartDate": "2026-01-01", "domain": "QBO", "SyncToken": "4"}}))
    result = await run_action(catalog.action("quickbooks-get-company-info"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/companyinfo/{REALM}")
    assert result.ret["company_name"] == "Craig's Design and Landscaping Services" and result.ret["realm_id"] == REALM
    assert result.summary == "Read the company info of \"Craig's Design and Landscaping Services\""


async def test_profit_and_loss_rows_are_flattened_with_their_sections(catalog, respx_mock):
    route = respx_mock.get(f"{API}/reports/ProfitAndLoss").mock(return_value=httpx.Response(200, json={
        "Header": {"ReportName": "ProfitAndLoss", "StartPeriod": "2026-11-01", "EndPeriod": "2026-11-30",
                   "ReportBasis": "Accrual", "Currency": "USD", "Time": "2026-12-07T10:00:00-08:00"},
        "Columns": {"Column": [{"ColTitle": "", "ColType": "Account"}, {"ColTitle": "Total", "ColType": "Money"}]},
        "Rows": {"Row": [
            {"Header": {"ColData": [{"value": "Income"}, {"value": ""}]},
             "Rows": {"Row": [{"ColData": [{"value": "Design income", "id": "82"}, {"value": "2250.00"}], "type": "Data"}]},
             "Summary": {"ColData": [{"value": "Total Income"}, {"value": "2250.00"}]}, "type": "Section", "group": "Income"},
            {"Summary": {"ColData": [{"value": "Net Income"}, {"value": "1600.00"}]}, "type": "Section", "group": "NetIncome"}]}}))
    result = await run_action(catalog.action("quickbooks-get-profit-and-loss-report"), {
        "startDate": "2026-11-01", "endDate": "2026-11-30", "accountingMethod": "Accrual"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/reports/ProfitAndLoss", params={
        "start_date": "2026-11-01", "end_date": "2026-11-30", "accounting_method": "Accrual"})
    assert result.ret == {"report": "ProfitAndLoss", "start": "2026-11-01", "end": "2026-11-30", "currency": "USD",
                          "accounting_method": "Accrual", "columns": ["Total"], "rows": [
                              {"section": "Income", "label": "Design income", "amounts": ["2250.00"], "total": False},
                              {"section": None, "label": "Total Income", "amounts": ["2250.00"], "total": True},
                              {"section": None, "label": "Net Income", "amounts": ["1600.00"], "total": True}]}
    both = await run_action(catalog.action("quickbooks-get-profit-and-loss-report"), {"startDate": "2026-11-01"}, auth=AUTH)
    assert "give both startDate and endDate" in both.error


async def test_customer_and_invoice_options_page_through_queries(catalog, respx_mock):
    route = respx_mock.get(f"{API}/query").mock(side_effect=[
        httpx.Response(200, json={"QueryResponse": {"Customer": [_customer(str(n), f"C{n}") for n in range(1, 101)],
                                                    "startPosition": 1, "maxResults": 100}}),
        httpx.Response(200, json={"QueryResponse": {"Customer": [_customer("101", "Last")], "startPosition": 101,
                                                    "maxResults": 1}}),
        httpx.Response(200, json={"QueryResponse": {"Invoice": [_invoice()], "startPosition": 1, "maxResults": 1}}),
    ])
    action = catalog.action("quickbooks-create-payment")
    first = await fetch_options(action, "customerId", {}, auth=AUTH)
    assert first["options"][0] == {"label": "C1", "value": "1"} and first["context"] == {"start": 101}
    assert route.calls[0].request.url.params["query"] == (
        "SELECT * FROM Customer WHERE Active = true ORDERBY DisplayName STARTPOSITION 1 MAXRESULTS 100")
    second = await fetch_options(action, "customerId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Last", "value": "101"}] and second["context"] is None
    invoices = await fetch_options(action, "invoiceId", {}, auth=AUTH)
    assert invoices["options"] == [{"label": "#1037 · Acme Corp · 150.0", "value": "130"}]


async def test_an_account_without_its_company_id_says_to_reconnect(catalog, respx_mock):
    result = await run_action(catalog.action("quickbooks-get-company-info"), {}, auth={"oauth_access_token": "t"})
    assert "connect QuickBooks again and pick the company" in result.error
    assert not respx_mock.calls


async def test_throttling_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/invoice/130").mock(return_value=httpx.Response(429, headers={"Retry-After": "60"}, json={
        "Fault": {"Error": [{"Message": "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                             "Detail": "The request limit was reached.", "code": "3001"}], "type": "SERVICE"}}))
    result = await run_action(catalog.action("quickbooks-get-invoice"), {"invoiceId": "130"}, auth=AUTH)
    assert "rate limited by QuickBooks; retry after 60 s" in result.error


async def _identity(catalog, auth):
    from mcp_gateway.catalog import AccountContext, AppHttp

    app = catalog.apps["quickbooks"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_the_account_test_names_the_company_or_else_the_user(catalog, respx_mock):
    company = respx_mock.get(f"{API}/companyinfo/{REALM}").mock(return_value=httpx.Response(200, json={"CompanyInfo": {
        "Id": REALM, "CompanyName": "Craig's Design and Landscaping Services"}}))
    identity = await _identity(catalog, AUTH)
    assert_request(company.calls.last.request, "GET", f"/companyinfo/{REALM}")
    assert (identity.name, identity.external_id) == ("Craig's Design and Landscaping Services", REALM)

    user = respx_mock.get("https://accounts.platform.intuit.com/v1/openid_connect/userinfo").mock(
        return_value=httpx.Response(200, json={"sub": "1182d6ec-2a1f-4aa3-af3f-b4c0a7f0ab03", "email": "craig@example.com",
                                               "emailVerified": True, "givenName": "Craig"}))
    identity = await _identity(catalog, {"oauth_access_token": "eyJlbmMi.qbo-token"})
    assert user.calls.last.request.headers["authorization"] == "Bearer eyJlbmMi.qbo-token"
    assert (identity.name, identity.external_id) == ("craig@example.com", "1182d6ec-2a1f-4aa3-af3f-b4c0a7f0ab03")
