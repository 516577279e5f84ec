from ..app import api, app, seg


@app.action(
    "unshare-calendar",
    title="Stop Sharing Calendar",
    description=(
        "Take away someone's access to a Google Calendar by deleting a sharing rule listed by "
        "google_calendar-list-calendar-sharing. To change their access level instead, use "
        "google_calendar-share-calendar again with the new role."
    ),
    props={"calendarId": app.definition("calendarId"), "ruleId": app.definition("ruleId")},
    destructive=True,
    idempotent=True,
)
async def unshare_calendar(ctx):
    await api(
        ctx,
        "DELETE",
        f"/calendars/{seg(ctx.props.calendarId)}/acl/{seg(ctx.props.ruleId)}",
        not_found="the calendar has no sharing rule with that ID; list them with google_calendar-list-calendar-sharing",
    )
    ctx.summary = f"Removed sharing rule {ctx.props.ruleId} from {ctx.props.calendarId}"
    return {"deleted": True, "calendarId": ctx.props.calendarId, "ruleId": ctx.props.ruleId}
