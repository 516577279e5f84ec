from ..app import api, app, realm


def _trim(info):
    return {
        "company_name": info.get("CompanyName"),
        "legal_name": info.get("LegalName"),
        "country": info.get("Country"),
        "email": (info.get("Email") or {}).get("Address"),
        "phone": (info.get("PrimaryPhone") or {}).get("FreeFormNumber"),
        "address": info.get("CompanyAddr"),
        "fiscal_year_start_month": info.get("FiscalYearStartMonth"),
        "company_start_date": info.get("CompanyStartDate"),
        "web_address": (info.get("WebAddr") or {}).get("URI"),
        "realm_id": info.get("Id"),
    }


@app.action(
    "get-company-info",
    title="Get Company Info",
    description=(
        "Read the connected QuickBooks company's name, legal name, address, country, contact details and fiscal year "
        "start, e.g. to put on documents or to know which company the account is."
    ),
    props={},
    read_only=True,
    trim=_trim,
)
async def get_company_info(ctx):
    info = (await api(ctx, "GET", f"/companyinfo/{realm(ctx)}")).get("CompanyInfo") or {}
    ctx.summary = f"Read the company info of {info.get('CompanyName')!r}"
    return info
