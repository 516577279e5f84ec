from mcp_gateway.catalog import ActionError, props, within

from ..app import TASK_PAGE, api, app, pickers, task_summary, to_ms


def _position(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


@app.action(
    "list-tasks",
    title="List Tasks",
    description=(
        "List the tasks in one ClickUp list, optionally only those with given statuses, assignees or tags, or due in "
        "a date range; open tasks only unless includeClosed is set. For one task's full details use clickup-get-task."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId"),
        "listId": app.definition("listId"),
        "statuses": props.string_list("Statuses", "Only tasks in these statuses, e.g. `[\"to do\", \"in progress\"]` (the "
                                      "names from clickup-list-spaces).", optional=True),
        "assignees": props.string_list("Assignees", "Only tasks assigned to these user IDs (from "
                                       "clickup-list-workspaces' members), e.g. `[\"183\"]`.", optional=True),
        "tags": props.string_list("Tags", "Only tasks with these tag names.", optional=True),
        "dueAfter": props.string("Due After", "Only tasks due after this day or time, e.g. `2026-12-01`.", optional=True),
        "dueBefore": props.string("Due Before", "Only tasks due before this day or time, e.g. `2026-12-31`.", optional=True),
        "includeClosed": props.boolean("Include Closed", "Also list closed (done) tasks.", optional=True, default=False),
        "subtasks": props.boolean("Include Subtasks", "Also list subtasks, not only top-level tasks.", optional=True,
                                  default=False),
        "orderBy": props.string("Order By", "Sort field (ClickUp's default: `created`).",
                                options=["id", "created", "updated", "due_date"], optional=True),
        "reverse": props.boolean("Reverse", "Reverse the sort order.", optional=True, default=False),
        "limit": props.limit("tasks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def list_tasks(ctx):
    params = {"include_closed": str(bool(ctx.props.get("includeClosed"))).lower(),
              "subtasks": str(bool(ctx.props.get("subtasks"))).lower()}
    for prop, field in (("statuses", "statuses[]"), ("assignees", "assignees[]"), ("tags", "tags[]")):
        if ctx.props.get(prop):
            params[field] = list(ctx.props[prop])
    if ctx.props.get("dueAfter"):
        params["due_date_gt"] = to_ms(ctx.props.dueAfter, "dueAfter")
    if ctx.props.get("dueBefore"):
        params["due_date_lt"] = to_ms(ctx.props.dueBefore, "dueBefore")
    if ctx.props.get("orderBy"):
        params["order_by"] = ctx.props.orderBy
    if ctx.props.get("reverse"):
        params["reverse"] = "true"
    # The cursor is the position of the next task; ClickUp's pages hold 100 tasks each.
    position, limit = _position(ctx.props.get("cursor")), ctx.props.limit
    tasks, done = [], False
    while len(tasks) < limit and not done:
        page, skip = divmod(position, TASK_PAGE)
        data = await api(ctx, "GET", f"/list/{ctx.props.listId}/task", params={**params, "page": page})
        found = (data.get("tasks") or [])[skip:]
        taken = found[: limit - len(tasks)]
        tasks.extend(taken)
        position += len(taken)
        done = (len(taken) == len(found) and data.get("last_page", True)) or not found
    ctx.summary = f"Listed {len(tasks)} task{'s' if len(tasks) != 1 else ''}"
    return {"tasks": tasks, "next_cursor": None if done else str(position)}
