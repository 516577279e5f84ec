from mcp_gateway.catalog import props

from ..app import US, api, app


def _verdict(result):
    return {k: result.get(k) for k in ("address", "result", "risk", "reason", "did_you_mean", "is_disposable_address",
                                        "is_role_address")}


@app.action(
    "validate-email",
    title="Validate Email Address",
    description=(
        "Check whether an email address is deliverable before sending to it: Mailgun answers `deliverable`, "
        "`undeliverable`, `do_not_send`, `catch_all` or `unknown` with a risk level, the reasons, and a suggested "
        "fix for typos. Needs a Mailgun plan that includes validations."
    ),
    props={
        "address": props.string("Address", "The address to check, e.g. `bob@example.com`."),
        "providerLookup": props.boolean("Ask the Mailbox Provider", "Let Mailgun ask the provider's mail server "
                                        "(more accurate, slower). On by default.", optional=True),
    },
    read_only=True,
    trim=_verdict,
)
async def validate_email(ctx):
    params = {"address": ctx.props.address.strip()}
    if ctx.props.get("providerLookup") is not None:
        params["provider_lookup"] = str(bool(ctx.props.providerLookup)).lower()
    # Mailgun runs validations in its US region only, whatever the account's region.
    result = await api(ctx, "GET", "/v4/address/validate", host=US, params=params)
    ctx.summary = f"{params['address']} is {result.get('result')} (risk {result.get('risk')})"
    return result
