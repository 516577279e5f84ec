from ..app import api, app, domain_summary, seg


def _details(domain):
    return {**domain_summary(domain),
            "records": [{k: r.get(k) for k in ("record", "type", "name", "value", "priority", "status")}
                        for r in domain.get("records") or []]}


@app.action(
    "get-domain",
    title="Get Domain",
    description=(
        "Read one Resend sending domain: its status and the DNS records (SPF, DKIM, MX, tracking) to add at the DNS "
        "provider, each with its own status. After adding them, ask Resend to check with resend-verify-domain."
    ),
    props={"domainId": app.definition("domainId")},
    read_only=True,
    trim=_details,
)
async def get_domain(ctx):
    domain = await api(ctx, "GET", f"/domains/{seg(ctx.props.domainId)}")
    ctx.summary = f"{domain.get('name')} is {domain.get('status')}"
    return domain
