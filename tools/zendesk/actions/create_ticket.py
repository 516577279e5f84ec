from mcp_gateway.catalog import ActionError, props

from ..app import PRIORITIES, STATUSES, TYPES, app, check_choice, custom_fields, request, ticket_summary


@app.action(
    "create-ticket",
    title="Create Ticket",
    description=(
        "Open a Zendesk ticket with a subject and first comment, for a requester given by email (created if new) "
        "or user ID, optionally assigned and prioritized. To answer an existing ticket use Add Comment to Ticket "
        "instead. Returns the ticket's number, status and agent URL."
    ),
    props={
        "subject": props.string("Subject", "The ticket's subject line, e.g. `Printer on fire`."),
        "body": props.string(
            "Description",
            "The first comment: what the request is about, as plain text (it becomes the ticket's description).",
        ),
        "public": props.boolean(
            "Public",
            "`true` (default) makes the first comment visible to the requester; `false` makes it an internal note.",
            default=True,
        ),
        "requesterEmail": props.string(
            "Requester Email",
            "Email of the person the ticket is for, e.g. `customer@example.com`. Zendesk creates the user if new. "
            "Leave empty to use requesterId, or to make the connected agent the requester.",
            optional=True,
        ),
        "requesterName": props.string(
            "Requester Name", "The requester's name, used when Zendesk creates a new user.", optional=True
        ),
        "requesterId": props.integer(
            "Requester ID", "The user ID of an existing requester, e.g. `20978392`; zendesk-find-users finds it from an email or "
            "name.", min=1, optional=True
        ),
        "assignee": app.definition("assignee"),
        "group": app.definition("group"),
        "priority": app.definition("priority"),
        "type": app.definition("type"),
        "status": app.definition(
            "status", description="The ticket's status. Defaults to `new`, or `open` when assigned."
        ),
        "tags": app.definition("tags"),
        "dueAt": props.string(
            "Due Date",
            "When a `task` ticket is due, as an ISO 8601 date-time, e.g. `2025-07-01T17:00:00Z`.",
            optional=True,
        ),
        "customFields": app.definition("customFields"),
    },
    trim=ticket_summary,
)
async def create_ticket(ctx):
    ticket = {"subject": ctx.props.subject, "comment": {"body": ctx.props.body, "public": bool(ctx.props.public)}}
    if ctx.props.get("requesterEmail") and ctx.props.get("requesterId"):
        raise ActionError("give either requesterEmail or requesterId, not both")
    if ctx.props.get("requesterEmail"):
        requester = {"email": ctx.props.requesterEmail}
        if ctx.props.get("requesterName"):
            requester["name"] = ctx.props.requesterName
        ticket["requester"] = requester
    elif ctx.props.get("requesterId"):
        ticket["requester_id"] = ctx.props.requesterId
    if ctx.props.get("assignee"):
        ticket["assignee_id"] = ctx.props.assignee
    if ctx.props.get("group"):
        ticket["group_id"] = ctx.props.group
    if ctx.props.get("priority"):
        ticket["priority"] = check_choice(ctx.props.priority, PRIORITIES, "priority")
    if ctx.props.get("type"):
        ticket["type"] = check_choice(ctx.props.type, TYPES, "type")
    if ctx.props.get("status"):
        ticket["status"] = check_choice(ctx.props.status, STATUSES, "status")
    if ctx.props.get("tags"):
        ticket["tags"] = list(ctx.props.tags)
    if ctx.props.get("dueAt"):
        ticket["due_at"] = ctx.props.dueAt
    if ctx.props.get("customFields"):
        ticket["custom_fields"] = custom_fields(ctx.props.customFields)
    created = (await request(ctx, "POST", "/tickets", json={"ticket": ticket})).json()["ticket"]
    ctx.summary = f"Created ticket #{created['id']}: {created.get('subject')}"
    return created
