from mcp_gateway.catalog import props

from ..app import api, app, seg, variables, yes_no


@app.action(
    "add-mailing-list-member",
    title="Add Mailing List Member",
    description=(
        "Add an address to a Mailgun mailing list, or with `upsert` update it when it is there already (name, "
        "variables, subscribed or not). Find the list with mailgun-list-mailing-lists."
    ),
    props={
        "listAddress": app.definition("listAddress"),
        "address": props.string("Address", "The member's email address, e.g. `bob@example.com`."),
        "name": props.string("Name", "The member's name.", optional=True),
        "vars": props.obj("Variables", "Data kept with the member for templates, e.g. `{\"plan\": \"pro\"}`.", optional=True),
        "subscribed": props.boolean("Subscribed", "Whether the member gets the list's mail (default yes).", optional=True),
        "upsert": props.boolean("Update If Present", "Update the member when the address is on the list already, "
                                "instead of failing.", optional=True, default=False),
    },
    idempotent=True,
)
async def add_mailing_list_member(ctx):
    form = {"address": ctx.props.address.strip(), "upsert": yes_no(ctx.props.get("upsert"))}
    if ctx.props.get("name"):
        form["name"] = ctx.props.name
    if ctx.props.get("vars"):
        form["vars"] = variables(ctx.props.vars, "vars")
    if ctx.props.get("subscribed") is not None:
        form["subscribed"] = yes_no(ctx.props.subscribed)
    data = await api(ctx, "POST", f"/v3/lists/{seg(ctx.props.listAddress)}/members", data=form)
    member = data.get("member") or {}
    ctx.summary = f"{data.get('message') or 'Saved the member'}: {member.get('address') or form['address']}"
    return {"member": member, "message": data.get("message")}
