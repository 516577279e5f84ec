from ..app import api, app, seg


@app.action(
    "verify-domain",
    title="Verify Domain",
    description=(
        "Ask Resend to check a domain's DNS records now, after they were added at the DNS provider. Verification "
        "runs in the background; read the outcome later with resend-get-domain."
    ),
    props={"domainId": app.definition("domainId")},
    idempotent=True,
)
async def verify_domain(ctx):
    data = await api(ctx, "POST", f"/domains/{seg(ctx.props.domainId)}/verify")
    ctx.summary = f"Resend is verifying the domain {data.get('id') or ctx.props.domainId}"
    return {"id": data.get("id") or ctx.props.domainId, "verification_started": True}
