from mcp_gateway.catalog import ActionError, props

from ..app import app, call, chat_ref, message_summary


@app.action(
    "send-poll",
    title="Send Poll",
    description=(
        "Send a poll with 2 to 10 answers to a group, channel or user as the bot. Returns the sent message with "
        "the poll; votes arrive as updates, read with telegram_bot_api-get-updates."
    ),
    props={
        "chatId": app.definition("chatId"),
        "question": props.string("Question", "The poll question, 1 to 300 characters."),
        "options": props.string_list("Answers", "The answers to choose from, 2 to 10, each 1 to 100 characters, e.g. `[\"Yes\", \"No\"]`."),
        "isAnonymous": props.boolean("Anonymous", "`false` shows who voted for what. Polls are anonymous by default.", optional=True),
        "allowsMultipleAnswers": props.boolean("Multiple Answers", "`true` lets voters pick more than one answer.", optional=True),
        "disableNotification": app.definition("disableNotification"),
    },
    trim=message_summary,
)
async def send_poll(ctx):
    answers = [str(o).strip() for o in ctx.props.options if str(o).strip()]
    if not 2 <= len(answers) <= 10:
        raise ActionError("a poll needs 2 to 10 answers")
    body = {
        "chat_id": chat_ref(ctx.props.chatId),
        "question": ctx.props.question,
        "options": [{"text": answer} for answer in answers],
    }
    for name, field in (("isAnonymous", "is_anonymous"), ("allowsMultipleAnswers", "allows_multiple_answers"),
                        ("disableNotification", "disable_notification")):
        if ctx.props.get(name) is not None:
            body[field] = ctx.props[name]
    message = await call(ctx, "sendPoll", body)
    ctx.summary = f"Sent poll {ctx.props.question!r} with {len(answers)} answers to chat {message.get('chat', {}).get('id')}"
    return message
