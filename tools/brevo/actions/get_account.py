from ..app import api, app


def _account(account):
    return {
        "email": account.get("email"),
        "firstName": account.get("firstName"),
        "lastName": account.get("lastName"),
        "companyName": account.get("companyName"),
        "plan": [{k: p.get(k) for k in ("type", "creditsType", "credits", "endDate")} for p in account.get("plan") or []],
    }


@app.action(
    "get-account",
    title="Get Account",
    description=(
        "Read the connected Brevo account: its owner and company, and each plan with its remaining credits (email "
        "sends, SMS). Check it before a large send."
    ),
    props={},
    read_only=True,
    trim=_account,
)
async def get_account(ctx):
    account = await api(ctx, "GET", "/account")
    ctx.summary = f"Brevo account of {account.get('companyName') or account.get('email')}"
    return account
