from mcp_gateway.catalog import ActionError, props

from ..app import app, card_ref, request


def _checklist(checklist):
    return {
        "id": checklist.get("id"),
        "name": checklist.get("name"),
        "idCard": checklist.get("idCard"),
        "items": [{"id": i.get("id"), "name": i.get("name"), "state": i.get("state")} for i in checklist.get("checkItems") or []],
    }


@app.action(
    "add-checklist",
    title="Add Checklist to Card",
    description=(
        "Add a checklist to a Trello card, with its items in order. Returns the checklist's ID and its items. "
        "trello-get-card shows a card's existing checklists."
    ),
    props={
        "card": app.definition("card"),
        "name": props.string("Name", "The checklist's title, e.g. `Release steps`.", default="Checklist"),
        "items": props.string_list(
            "Items",
            'The checklist\'s items, in order, e.g. `["Write tests", "Update docs"]`. '
            "Leave empty for an empty checklist.",
            optional=True,
        ),
        "checked": props.boolean("Items Done", "`true` to add the items already checked off.", default=False),
        "pos": props.string(
            "Position",
            "Where the checklist goes on the card: `top` or `bottom`.",
            options=["top", "bottom"],
            default="bottom",
        ),
    },
    trim=_checklist,
)
async def add_checklist(ctx):
    items = [str(i).strip() for i in ctx.props.get("items") or []]
    if any(not i for i in items):
        raise ActionError("checklist items must not be empty")
    pos = ctx.props.pos if ctx.props.pos in ("top", "bottom") else "bottom"
    checklist = (
        await request(
            ctx, "POST", f"/cards/{card_ref(ctx.props.card)}/checklists", json={"name": ctx.props.name, "pos": pos}
        )
    ).json()
    added = []
    for item in items:
        body = {"name": item, "pos": "bottom", "checked": bool(ctx.props.checked)}
        created = (await request(ctx, "POST", f"/checklists/{checklist['id']}/checkItems", json=body)).json()
        added.append(created)
    ctx.summary = f"Added checklist {checklist.get('name')!r} with {len(added)} item{'s' if len(added) != 1 else ''}"
    return {**checklist, "checkItems": added}
