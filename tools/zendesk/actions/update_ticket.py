from mcp_gateway.catalog import ActionError, props

from ..app import PRIORITIES, STATUSES, TYPES, app, check_choice, custom_fields, request, ticket_summary


@app.action(
    "update-ticket",
    title="Update Ticket",
    description=(
        "Change a Zendesk ticket's status, priority, type, subject, assignee, group, tags or custom fields. Only "
        "the fields given change; tags given replace the ticket's tags. To reply or add a note use "
        "Add Comment to Ticket; to apply a saved set of changes use Apply Macro. Returns the updated ticket."
    ),
    props={
        "ticket": app.definition("ticket"),
        "status": app.definition("status"),
        "priority": app.definition("priority"),
        "type": app.definition("type"),
        "subject": props.string("Subject", "A new subject line.", optional=True),
        "assignee": app.definition("assignee"),
        "group": app.definition("group"),
        "tags": app.definition(
            "tags",
            description='The ticket\'s tags, replacing its current ones, e.g. `["billing"]`; `[]` removes them all.',
        ),
        "customFields": app.definition("customFields"),
    },
    destructive=True,
    idempotent=True,
    trim=ticket_summary,
)
async def update_ticket(ctx):
    ticket = {}
    if ctx.props.get("status"):
        ticket["status"] = check_choice(ctx.props.status, STATUSES, "status")
    if ctx.props.get("priority"):
        ticket["priority"] = check_choice(ctx.props.priority, PRIORITIES, "priority")
    if ctx.props.get("type"):
        ticket["type"] = check_choice(ctx.props.type, TYPES, "type")
    if ctx.props.get("subject"):
        ticket["subject"] = ctx.props.subject
    if ctx.props.get("assignee"):
        ticket["assignee_id"] = ctx.props.assignee
    if ctx.props.get("group"):
        ticket["group_id"] = ctx.props.group
    if ctx.props.get("tags") is not None:
        ticket["tags"] = list(ctx.props.tags)
    if ctx.props.get("customFields"):
        ticket["custom_fields"] = custom_fields(ctx.props.customFields)
    if not ticket:
        raise ActionError(
            "nothing to change: give at least one of status, priority, type, subject, assignee, group, tags, "
            "customFields"
        )
    updated = (await request(ctx, "PUT", f"/tickets/{ctx.props.ticket}", json={"ticket": ticket})).json()["ticket"]
    ctx.summary = f"Updated ticket #{updated['id']} ({', '.join(sorted(ticket))})"
    return updated
