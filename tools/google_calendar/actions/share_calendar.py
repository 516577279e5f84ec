from mcp_gateway.catalog import ActionError, props

from ..app import ACL_ROLES, acl_summary, api, app, seg

_SCOPES = ["user", "group", "domain", "default"]


@app.action(
    "share-calendar",
    title="Share Calendar",
    description=(
        "Share a Google Calendar with a person, a Google group, a whole domain, or everyone (public), at a chosen "
        "access level: see free/busy only, see event details, make changes, or manage sharing. Sharing again with the "
        "same person changes their level. See who has access with google_calendar-list-calendar-sharing; remove access "
        "with google_calendar-unshare-calendar. Returns the sharing rule."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "role": props.string(
            "Access",
            "`freeBusyReader` (sees only when the user is busy), `reader` (sees event details), `writer` (can change "
            "events) or `owner` (can also manage sharing).",
            options=ACL_ROLES,
        ),
        "scopeType": props.string(
            "Share With",
            "`user` (one person, the default), `group` (a Google group), `domain` (everyone in a Workspace domain) or "
            "`default` (everyone, i.e. public).",
            options=_SCOPES,
            default="user",
        ),
        "scopeValue": props.string(
            "Email or Domain",
            "The person's or group's email, e.g. `ada@example.com`, or the domain, e.g. `example.com`. Leave empty for "
            "`default`.",
            optional=True,
        ),
        "sendNotifications": props.boolean(
            "Notify", "`true` (the default) to email the person about the shared calendar.", default=True
        ),
    },
    idempotent=True,
    trim=acl_summary,
)
async def share_calendar(ctx):
    scope_type = ctx.props.scopeType
    value = (ctx.props.get("scopeValue") or "").strip()
    if scope_type != "default" and not value:
        raise ActionError(f"scopeValue is needed for scopeType `{scope_type}`: an email address or a domain")
    if scope_type in ("user", "group") and "@" not in value:
        raise ActionError(f"scopeValue {value!r} is not an email address; use e.g. `ada@example.com`")
    scope = {"type": scope_type}
    if scope_type != "default":
        scope["value"] = value
    rule = await api(
        ctx,
        "POST",
        f"/calendars/{seg(ctx.props.calendarId)}/acl",
        params={"sendNotifications": str(ctx.props.sendNotifications).lower()},
        json={"role": ctx.props.role, "scope": scope},
    )
    ctx.summary = f"Shared {ctx.props.calendarId} with {value or 'everyone'} as {rule.get('role')}"
    return rule
