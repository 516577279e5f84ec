from mcp_gateway.catalog import props

from ..app import STATUSES, app, check_choice, comment_event, request


def comment_result(answer):
    ticket, event = answer.get("ticket") or {}, comment_event(answer)
    return {
        "ticket_id": ticket.get("id"),
        "comment_id": event.get("id"),
        "public": event.get("public"),
        "status": ticket.get("status"),
        "updated_at": ticket.get("updated_at"),
    }


@app.action(
    "add-comment",
    title="Add Comment to Ticket",
    description=(
        "Reply to a Zendesk ticket's requester (a public comment, which Zendesk emails to them) or add an internal "
        "note only agents see, optionally changing the ticket's status at the same time. To attach a file use Attach "
        "File to Ticket; to change other fields use Update Ticket. Returns the new comment's ID and the ticket's "
        "status."
    ),
    props={
        "ticket": app.definition("ticket"),
        "body": props.string("Comment", "The comment text, in plain text or Markdown."),
        "public": props.boolean(
            "Public",
            "`true` for a public reply the requester sees (and is emailed), `false` for an internal note.",
        ),
        "status": app.definition(
            "status",
            description=(
                "Also set the ticket's status, e.g. `pending` after asking the requester something or `solved`."
            ),
        ),
        "authorId": props.integer(
            "Author ID", "The user ID to post the comment as. Defaults to the connected agent.", min=1, optional=True
        ),
    },
    trim=comment_result,
)
async def add_comment(ctx):
    comment = {"body": ctx.props.body, "public": bool(ctx.props.public)}
    if ctx.props.get("authorId"):
        comment["author_id"] = ctx.props.authorId
    ticket = {"comment": comment}
    if ctx.props.get("status"):
        ticket["status"] = check_choice(ctx.props.status, STATUSES, "status")
    answer = (await request(ctx, "PUT", f"/tickets/{ctx.props.ticket}", json={"ticket": ticket})).json()
    kind = "a public reply" if ctx.props.public else "an internal note"
    ctx.summary = f"Added {kind} to ticket #{ctx.props.ticket}"
    return answer
