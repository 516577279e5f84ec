from mcp_gateway.catalog import props

from ..app import app, request


def _validation_summary(data):
    result = data.get("result") or {}
    return {
        "email": result.get("email"),
        "verdict": result.get("verdict"),
        "score": result.get("score"),
        "suggestion": result.get("suggestion"),
        "checks": result.get("checks") or {},
        "host": result.get("host"),
    }


@app.action(
    "validate-email",
    title="Validate Email Address",
    description=(
        "Check whether an email address is likely to receive mail: SendGrid's verdict (`Valid`, `Risky` or "
        "`Invalid`), a score from 0 to 1, a suggested correction for typos, and the checks behind it. Needs an "
        "Email Validation API key (Email API Pro or Premier plans). To see whether mail to an address already "
        "bounced, use sendgrid-list-bounces."
    ),
    props={
        "email": props.string("Email", "The address to check, e.g. `ada@example.com`."),
        "source": props.string(
            "Source", "A label for where the address came from, for SendGrid's reports, e.g. `signup`.", optional=True,
        ),
    },
    read_only=True,
    trim=_validation_summary,
)
async def validate_email(ctx):
    body = {"email": ctx.props.email}
    if ctx.props.get("source"):
        body["source"] = ctx.props.source
    data = await request(ctx, "POST", "/validations/email", body=body) or {}
    result = data.get("result") or {}
    suggestion = f" (suggested correction: {result['suggestion']})" if result.get("suggestion") else ""
    ctx.summary = f"{ctx.props.email} is {result.get('verdict')} (score {result.get('score')}){suggestion}"
    return data
