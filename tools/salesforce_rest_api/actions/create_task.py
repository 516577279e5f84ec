import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, create_record, created_summary, set_if, sf_id

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Create a Salesforce task (a to-do or logged call) about a contact or lead and/or another record such as an "
        "account or opportunity, with a due date, status, priority and assignee. Returns the task's ID. For a "
        "meeting at a set time use salesforce_rest_api-create-event; for a plain note, salesforce_rest_api-add-note."
    ),
    props={
        "subject": props.string("Subject", "What the task is, e.g. `Call Ada about renewal`."),
        "whoId": props.string(
            "Contact or Lead ID", "The contact (`003...`) or lead (`00Q...`) the task is about.", optional=True,
        ),
        "whatId": props.string(
            "Related To ID", "Another record the task relates to, e.g. an account (`001...`) or opportunity (`006...`).",
            optional=True,
        ),
        "activityDate": props.string("Due Date", "The due date as `YYYY-MM-DD`, e.g. `2025-05-02`.", optional=True),
        "status": props.string(
            "Status", "The task status, e.g. `Not Started` (the default), `In Progress`, `Completed`.", optional=True,
            default="Not Started",
        ),
        "priority": props.string("Priority", "`High`, `Normal` (the default) or `Low`.", options=["High", "Normal", "Low"], optional=True),
        "description": props.string("Comments", "Details of the task.", optional=True),
        "ownerId": props.string("Assigned To", "The ID of the user (`005...`) to assign the task to. Defaults to the connected user.", optional=True),
    },
    trim=created_summary,
)
async def create_task(ctx):
    fields = {"Subject": ctx.props.subject, "Status": ctx.props.get("status") or "Not Started"}
    for prop in ("whoId", "whatId", "ownerId"):
        if ctx.props.get(prop):
            fields[prop[0].upper() + prop[1:]] = sf_id(ctx.props[prop], prop)
    due = ctx.props.get("activityDate")
    if due:
        if not _DATE.match(str(due).strip()):
            raise ActionError(f"activityDate {due!r} must be a date as YYYY-MM-DD, e.g. 2025-05-02")
        fields["ActivityDate"] = str(due).strip()
    set_if(fields, "Priority", ctx.props.get("priority"))
    set_if(fields, "Description", ctx.props.get("description"))
    created = await create_record(ctx, "Task", fields)
    task_id = created["id"]
    ctx.summary = f"Created task {task_id} ({ctx.props.subject})" + (f" due {fields['ActivityDate']}" if due else "")
    return created
