from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, request


@app.action(
    "delete-bounce",
    title="Delete Bounce",
    description=(
        "Remove an address from the bounce suppression list so SendGrid delivers to it again. Do this only once "
        "the address is known to work, or it will bounce again. "
        "Find bounced addresses with sendgrid-list-bounces."
    ),
    props={"email": props.string("Email", "The bounced address to remove, e.g. `ada@example.com`.")},
    destructive=True,
)
async def delete_bounce(ctx):
    await request(ctx, "DELETE", f"/suppression/bounces/{quote(ctx.props.email, safe='@')}")
    ctx.summary = f"Removed {ctx.props.email} from the bounce list"
    return {"email": ctx.props.email, "deleted": True}
