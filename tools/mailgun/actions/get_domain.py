from ..app import api, app, domain_summary, seg


def _records(records):
    return [{"type": r.get("record_type"), "name": r.get("name"), "value": r.get("value"), "priority": r.get("priority"),
             "valid": r.get("valid")} for r in records or []]


def _details(data):
    return {**domain_summary(data.get("domain") or {}),
            "sending_dns_records": _records(data.get("sending_dns_records")),
            "receiving_dns_records": _records(data.get("receiving_dns_records"))}


@app.action(
    "get-domain",
    title="Get Domain",
    description=(
        "Read one sending domain: its state and the DNS records (SPF, DKIM, MX, tracking CNAME) it needs, each marked "
        "`valid` or not. Use it to see why a domain is unverified. To list domains, use mailgun-list-domains."
    ),
    props={"domain": app.definition("domain")},
    read_only=True,
    trim=_details,
)
async def get_domain(ctx):
    data = await api(ctx, "GET", f"/v4/domains/{seg(ctx.props.domain)}")
    domain = data.get("domain") or {}
    ctx.summary = f"{domain.get('name') or ctx.props.domain} is {domain.get('state')}"
    return data
