from mcp_gateway.catalog import ActionError, props

from ..app import api, app, file_id, seg

_ROLES = ["reader", "commenter", "writer", "fileOrganizer", "organizer"]
_TYPES = ["user", "group", "domain", "anyone"]


@app.action(
    "share-file",
    title="Share File",
    description=(
        "Share a Google Drive file or folder: give a person or Google group access by email (they get a notification "
        "email unless turned off), everyone in a domain, or anyone with the link. Returns the new permission and the "
        "file's link to send. To see who already has access use google_drive-list-permissions; to take access away, "
        "google_drive-remove-permission."
    ),
    props={
        "fileId": app.definition("fileId", description=(
            "The ID of the file or folder to share, e.g. `1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ` (or its URL)."
        )),
        "role": props.string(
            "Access",
            "What they may do: `reader` (view), `commenter` (view and comment), `writer` (edit); in shared drives also "
            "`fileOrganizer` or `organizer`.",
            options=_ROLES,
            default="reader",
        ),
        "type": props.string(
            "Share With",
            "Who gets access: `user` (a person, the default) or `group` (a Google group) by emailAddress, `domain` "
            "(everyone in the domain), or `anyone` (anyone with the link).",
            options=_TYPES,
            default="user",
        ),
        "emailAddress": props.string(
            "Email Address", "For `user` or `group`: the email address, e.g. `ada@example.com`.", optional=True
        ),
        "domain": props.string("Domain", "For `domain`: the domain, e.g. `example.com`.", optional=True),
        "sendNotificationEmail": props.boolean(
            "Send Notification Email",
            "For `user` or `group`: `true` (the default) emails them a link; `false` shares silently.",
            default=True,
        ),
        "emailMessage": props.string(
            "Message", "For `user` or `group`: a note included in the notification email.", optional=True
        ),
        "allowFileDiscovery": props.boolean(
            "Discoverable",
            "For `domain` or `anyone`: `true` lets people find the file by searching; `false` (the default) means "
            "only people with the link can open it.",
            default=False,
        ),
    },
)
async def share_file(ctx):
    fid = file_id(ctx.props.fileId)
    kind, role = ctx.props.type, ctx.props.role
    if kind not in _TYPES:
        raise ActionError(f"type {kind!r} must be one of {', '.join(_TYPES)}")
    if role not in _ROLES:
        raise ActionError(f"role {role!r} must be one of {', '.join(_ROLES)}")
    body = {"role": role, "type": kind}
    params = {"supportsAllDrives": "true", "fields": "id,type,role,emailAddress,domain,displayName,allowFileDiscovery"}
    if kind in ("user", "group"):
        email = str(ctx.props.get("emailAddress") or "").strip()
        if "@" not in email:
            raise ActionError(f"sharing with a {kind} needs its emailAddress, e.g. `ada@example.com`")
        body["emailAddress"] = email
        params["sendNotificationEmail"] = "true" if ctx.props.sendNotificationEmail else "false"
        if ctx.props.get("emailMessage") and ctx.props.sendNotificationEmail:
            params["emailMessage"] = ctx.props.emailMessage
        who = email
    elif kind == "domain":
        domain = str(ctx.props.get("domain") or "").strip()
        if not domain:
            raise ActionError("sharing with a domain needs the domain, e.g. `example.com`")
        body["domain"] = domain
        body["allowFileDiscovery"] = bool(ctx.props.allowFileDiscovery)
        who = f"everyone at {domain}"
    else:
        body["allowFileDiscovery"] = bool(ctx.props.allowFileDiscovery)
        who = "anyone with the link"
    permission = await api(ctx, "POST", f"/files/{seg(fid)}/permissions", params=params, json=body)
    item = await api(
        ctx, "GET", f"/files/{seg(fid)}", params={"fields": "id,name,webViewLink", "supportsAllDrives": "true"}
    )
    ctx.summary = f"Shared {item.get('name') or fid} with {who} as {role}"
    return {"permission": permission, "fileId": fid, "name": item.get("name"), "webViewLink": item.get("webViewLink")}
