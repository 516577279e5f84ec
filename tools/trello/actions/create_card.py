from mcp_gateway.catalog import props

from ..app import app, card_summary, id_list, position, request


@app.action(
    "create-card",
    title="Create Card",
    description=(
        "Create a card in a Trello list, optionally with a description, due date, labels, members and position. "
        "Returns the new card's ID, short link, URL and fields. To change an existing card use trello-update-card."
    ),
    props={
        "board": app.definition(
            "board",
            optional=True,
            description=(
                "The board the list is on. Only used to offer choices for the list, labels and members; "
                "leave empty if you already know the list ID."
            ),
        ),
        "list": app.definition("list"),
        "name": props.string("Name", "The card's title, e.g. `Fix login redirect`."),
        "desc": props.string(
            "Description",
            "The card's description, in Markdown (up to 16,384 characters).",
            optional=True,
        ),
        "pos": app.definition("pos"),
        "due": app.definition("due"),
        "start": props.string(
            "Start Date",
            "When work on the card starts, as an ISO 8601 date-time such as `2025-06-24T09:00:00Z`.",
            optional=True,
        ),
        "labels": app.definition("labels"),
        "members": app.definition("members"),
        "urlSource": props.string(
            "Link",
            "A URL to attach to the new card, e.g. `https://example.com/spec`.",
            optional=True,
        ),
    },
    trim=card_summary,
)
async def create_card(ctx):
    body = {"idList": ctx.props.list, "name": ctx.props.name}
    if ctx.props.get("desc"):
        body["desc"] = ctx.props.desc
    if ctx.props.get("pos"):
        body["pos"] = position(ctx.props.pos)
    if ctx.props.get("due"):
        body["due"] = ctx.props.due
    if ctx.props.get("start"):
        body["start"] = ctx.props.start
    if ctx.props.get("labels"):
        body["idLabels"] = id_list(ctx.props.labels)
    if ctx.props.get("members"):
        body["idMembers"] = id_list(ctx.props.members)
    if ctx.props.get("urlSource"):
        body["urlSource"] = ctx.props.urlSource
    # JSON body rather than query parameters: descriptions can be far longer than a URL may be.
    card = (await request(ctx, "POST", "/cards", json=body)).json()
    ctx.summary = f"Created card {card.get('name')!r} ({card.get('shortUrl') or card.get('id')})"
    return card
