from mcp_gateway.catalog import ActionError, props

from ..app import app, chat_summary, graph, user_bind, user_options

_MEMBER = "#microsoft.graph.aadUserConversationMember"


def _member(user):
    return {"@odata.type": _MEMBER, "roles": ["owner"], "user@odata.bind": user_bind(user)}


@app.action(
    "create-chat",
    title="Create Chat",
    description=(
        "Start a Microsoft Teams chat between the connected user and other people: one other person makes a "
        "one-on-one chat (Teams returns the existing one if there is one), two or more a group chat, which may "
        "have a topic. Returns the chat's ID; send to it with microsoft_teams-send-chat-message. To find "
        "existing chats, use microsoft_teams-list-chats."
    ),
    props={
        "members": props.string_list(
            "People",
            "The other people in the chat (the connected user is added): Microsoft Entra user IDs or sign-in "
            "names, e.g. `[\"adele@contoso.com\"]`.",
            options=user_options,
        ),
        "topic": props.string("Topic", "A name for a group chat, e.g. `Launch crew`. One-on-one chats have none.", optional=True),
    },
    trim=chat_summary,
)
async def create_chat(ctx):
    others = [str(m).strip() for m in ctx.props.members or [] if str(m).strip()]
    if not others:
        raise ActionError("members needs at least one other person: a user ID or a sign-in name such as `adele@contoso.com`")
    topic = (ctx.props.get("topic") or "").strip()
    if topic and len(others) == 1:
        raise ActionError("a one-on-one chat cannot have a topic; add more people or leave the topic empty")
    me = await graph(ctx, "GET", "/me", params={"$select": "id"})
    body = {
        "chatType": "oneOnOne" if len(others) == 1 else "group",
        "members": [_member(me["id"])] + [_member(user) for user in others],
    }
    if topic:
        body["topic"] = topic
    chat = await graph(ctx, "POST", "/chats", json_body=body)
    ctx.summary = f"Created {body['chatType']} chat {chat.get('id')} with {len(others)} other(s)"
    return chat
