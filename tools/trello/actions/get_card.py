from mcp_gateway.catalog import props

from ..app import CARD_FIELDS, app, card_ref, card_summary, get_json, member_summary


def card_detail(card):
    out = card_summary(card)
    out["list"] = (card.get("list") or {}).get("name")
    out["board"] = (card.get("board") or {}).get("name")
    out["members"] = [member_summary(m) for m in card.get("members") or []]
    out["checklists"] = [
        {
            "id": checklist.get("id"),
            "name": checklist.get("name"),
            "items": [
                {"id": item.get("id"), "name": item.get("name"), "state": item.get("state")}
                for item in sorted(checklist.get("checkItems") or [], key=lambda i: i.get("pos") or 0)
            ],
        }
        for checklist in card.get("checklists") or []
    ]
    out["attachmentList"] = [
        {"id": a.get("id"), "name": a.get("name"), "url": a.get("url"), "bytes": a.get("bytes"), "mimeType": a.get("mimeType")}
        for a in card.get("attachments") or []
    ]
    if "actions" in card:
        out["commentList"] = [
            {
                "id": action.get("id"),
                "date": action.get("date"),
                "author": (action.get("memberCreator") or {}).get("fullName"),
                "text": (action.get("data") or {}).get("text"),
            }
            for action in card.get("actions") or []
            if action.get("type") == "commentCard"
        ]
    return out


@app.action(
    "get-card",
    title="Get Card",
    description=(
        "Read one Trello card: its name, description, list, labels, dates and members, with its checklists, "
        "attachments and recent comments. To find a card's ID first, use trello-search-cards or "
        "trello-list-cards."
    ),
    props={
        "card": app.definition("card"),
        "includeComments": props.boolean(
            "Include Comments",
            "`false` to leave out the card's comments (the most recent 50 are returned).",
            default=True,
        ),
    },
    read_only=True,
    trim=card_detail,
)
async def get_card(ctx):
    params = {
        "fields": CARD_FIELDS,
        "list": "true",
        "list_fields": "name",
        "board": "true",
        "board_fields": "name,url",
        "members": "true",
        "member_fields": "fullName,username",
        "checklists": "all",
        "checklist_fields": "name",
        "attachments": "true",
        "attachment_fields": "name,url,bytes,mimeType,date,isUpload",
    }
    if ctx.props.includeComments:
        params["actions"] = "commentCard"
        params["actions_limit"] = 50
    card = await get_json(ctx, f"/cards/{card_ref(ctx.props.card)}", params)
    ctx.summary = f"Retrieved card {card.get('name')!r} in list {(card.get('list') or {}).get('name')!r}"
    return card
