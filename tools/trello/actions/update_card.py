from mcp_gateway.catalog import ActionError, props

from ..app import app, card_ref, card_summary, id_list, position, request


@app.action(
    "update-card",
    title="Update Card",
    description=(
        "Change a Trello card's name, description, dates, labels or members. Only the fields given change; "
        "labels and members given replace the card's current ones. To move a card use trello-move-card, to "
        "archive it trello-archive-card. Returns the updated card."
    ),
    props={
        "board": app.definition(
            "board",
            optional=True,
            description="The card's board. Only used to offer choices for the card, labels and members.",
        ),
        "card": app.definition("card"),
        "name": props.string("Name", "A new title for the card.", optional=True),
        "desc": props.string(
            "Description",
            "A new description, in Markdown; replaces the current one. Pass an empty string to clear it.",
            optional=True,
        ),
        "due": app.definition("due"),
        "clearDue": props.boolean("Clear Due Date", "`true` to remove the card's due date.", optional=True),
        "dueComplete": props.boolean(
            "Due Date Done", "`true` to mark the due date complete, `false` to mark it not done.", optional=True
        ),
        "start": props.string(
            "Start Date", "A new start date, as an ISO 8601 date-time such as `2025-06-24T09:00:00Z`.", optional=True
        ),
        "labels": app.definition(
            "labels",
            description=(
                "IDs of the labels the card should have, replacing its current labels; `[]` removes them all. "
                "The choices list the chosen board's labels."
            ),
        ),
        "members": app.definition(
            "members",
            description=(
                "IDs of the members the card should have, replacing its current members; `[]` removes them all. "
                "The choices list the chosen board's members."
            ),
        ),
        "pos": app.definition("pos"),
    },
    destructive=True,
    idempotent=True,
    trim=card_summary,
)
async def update_card(ctx):
    body = {}
    for name in ("name", "start"):
        if ctx.props.get(name):
            body[name] = ctx.props[name]
    if "desc" in ctx.props and ctx.props.desc is not None:
        body["desc"] = ctx.props.desc
    if ctx.props.get("clearDue"):
        if ctx.props.get("due"):
            raise ActionError("give either a new due date or clearDue, not both")
        body["due"] = None
    elif ctx.props.get("due"):
        body["due"] = ctx.props.due
    if ctx.props.get("dueComplete") is not None:
        body["dueComplete"] = ctx.props.dueComplete
    if ctx.props.get("labels") is not None:
        body["idLabels"] = id_list(ctx.props.labels)
    if ctx.props.get("members") is not None:
        body["idMembers"] = id_list(ctx.props.members)
    if ctx.props.get("pos"):
        body["pos"] = position(ctx.props.pos)
    if not body:
        raise ActionError(
            "nothing to change: give at least one of name, desc, due, clearDue, dueComplete, start, labels, "
            "members, pos"
        )
    card = (await request(ctx, "PUT", f"/cards/{card_ref(ctx.props.card)}", json=body)).json()
    ctx.summary = f"Updated card {card.get('name')!r} ({', '.join(sorted(body))})"
    return card
