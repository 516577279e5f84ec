import re

from mcp_gateway.catalog import ActionError, props

from ..app import activity_summary, api, app, body_of

_CLOCK = re.compile(r"^\d{2}:\d{2}$")


@app.action(
    "create-activity",
    title="Create Activity",
    description=(
        "Schedule or log an activity in Pipedrive (a call, meeting, task, deadline, email or lunch) on a deal, person "
        "or organization. Mark it done to log something that already happened. For a plain written remark use "
        "pipedrive-create-note instead."
    ),
    props={
        "subject": props.string("Subject", "What the activity is, e.g. `Demo call with Ada`."),
        "type": props.string(
            "Type", "The activity type's key: `call`, `meeting`, `task`, `deadline`, `email`, `lunch`, or one the "
            "company added. Empty: the company's default type.", optional=True),
        "dueDate": props.string("Due Date", "The day, `YYYY-MM-DD`.", optional=True),
        "dueTime": props.string("Due Time", "The time of day in UTC, `HH:MM`, e.g. `14:30`.", optional=True),
        "duration": props.string("Duration", "How long it takes, `HH:MM`, e.g. `00:30`.", optional=True),
        "dealId": app.definition("dealId", optional=True, description="The deal it is about (its ID)."),
        "personId": app.definition("personId", description="The person it is with (their ID)."),
        "orgId": app.definition("orgId", description="The organization it is with (its ID)."),
        "ownerId": app.definition("ownerId", description="The Pipedrive user it is assigned to; empty: the connected user."),
        "note": props.string("Note", "Notes for the activity; HTML is allowed.", optional=True),
        "done": props.boolean("Done", "Mark it as already done.", optional=True),
    },
    trim=activity_summary,
)
async def create_activity(ctx):
    for name in ("dueTime", "duration"):
        if ctx.props.get(name) and not _CLOCK.match(ctx.props[name]):
            raise ActionError(f"{name} {ctx.props[name]!r} must be `HH:MM`, e.g. `09:30`")
    body = {"subject": ctx.props.subject, **body_of(ctx, {
        "type": "type", "dueDate": "due_date", "dueTime": "due_time", "duration": "duration", "dealId": "deal_id",
        "orgId": "org_id", "ownerId": "owner_id", "note": "note"})}
    if ctx.props.get("personId"):
        body["participants"] = [{"person_id": ctx.props.personId, "primary": True}]
    if ctx.props.get("done") is not None:
        body["done"] = bool(ctx.props.done)
    activity = (await api(ctx, "POST", "/v2/activities", json=body)).get("data") or {}
    ctx.summary = f"Created the activity {activity.get('subject')!r}"
    return activity
