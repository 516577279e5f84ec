from mcp_gateway.catalog import props

from ..app import app


async def greeting_props(ctx):
    if ctx.props.get("style") == "formal":
        return {"title": props.string("Title", "How to address them, e.g. Dr.")}
    return {"nickname": props.string("Nickname", "What friends call them.")}


@app.action(
    "greeting",
    title="Greeting",
    description="Compose a greeting whose inputs depend on its style: in full-config mode it is configured step by "
                "step, which changes the tool list (the gateway's own two-process tests listen for that change).",
    props={"style": props.string("Style", "formal or casual.", options=["formal", "casual"], reload_props=True),
           "name": props.string("Name", "Who to greet.")},
    additional_props=greeting_props,
    read_only=True,
)
async def greeting(ctx):
    if ctx.props.style == "formal":
        return f"Good day, {ctx.props.title} {ctx.props.name}."
    return f"Hi {ctx.props.get('nickname', ctx.props.name)}!"
