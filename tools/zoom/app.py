"""Zoom (API v2): the connected user's meetings, recordings, registrants and participants."""

import re
from datetime import date, timedelta
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.zoom.us/v2"
MAX_PAGE = 300


async def _account_test(ctx):
    """The connected user (`GET /users/me`)."""
    user = await api(ctx, "GET", "/users/me")
    return Identity(name=user.get("email") or user.get("display_name"), external_id=user.get("id"))


app = App(
    "zoom",
    "Zoom",
    "Schedule and manage the connected user's Zoom meetings, end live ones, add registrants, and read cloud "
    "recordings and who attended past meetings.",
    auth=OAuth(
        authorize_url="https://zoom.us/oauth/authorize",
        token_url="https://zoom.us/oauth/token",
        # Zoom grants the scopes set on the operator's Marketplace app; the request names none.
        scopes=[],
        token_auth_method="client_secret_basic",
    ),
    categories=["Communication", "Video Conferencing"],
    featured_weight=85,
    base_url=API,
    allowed_domains=["api.zoom.us"],
    test=_account_test,
)


_CODE_HINTS = {
    124: "the Zoom token is not valid any more; the user should reconnect Zoom",
    200: "the Zoom account lacks the plan or permission for this (for example a Pro plan for cloud recording)",
    300: "a value is not valid; see the message",
    1001: "no Zoom user has that ID or email in this account",
    3001: "no meeting has that ID; list the user's meetings with zoom-list-meetings",
    3000: "the meeting cannot be changed right now; see the message",
    3043: "registration is off for this meeting; turn it on (approval_type) before adding registrants",
    3301: "this meeting has no cloud recording (yet): recordings appear after the meeting ends and Zoom processes them",
    4700: "the Zoom app was not granted the scope this needs; the operator should add it to the Zoom app, then the user reconnects",
}


def zoom_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    code = data.get("code") if isinstance(data, dict) else None
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Zoom; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = _CODE_HINTS[124]
    elif status == 404:
        hint = "nothing has that ID for this Zoom user; check it with zoom-list-meetings"
    elif status >= 500:
        hint = "Zoom had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Zoom API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise zoom_error(method, path, response)
    return response.json() if response.content else {}


def meeting_path(meeting_id):
    value = re.sub(r"\s+", "", str(meeting_id or ""))
    found = re.search(r"/j/(\d+)", value)  # a join link
    value = found.group(1) if found else value
    if not value.isdigit():
        raise ActionError(f"meeting {meeting_id!r} must be a Zoom meeting ID (digits, e.g. `85746065432`) or its join link")
    return f"/meetings/{value}"


def past_meeting_path(meeting_uuid):
    """A past meeting by its UUID; Zoom wants a UUID that starts with `/` or holds `//` encoded twice."""
    value = str(meeting_uuid or "").strip()
    if not value:
        raise ActionError("give the meeting's UUID (`uuid` of zoom-get-meeting or zoom-list-recordings)")
    encoded = quote(value, safe="")
    if value.startswith("/") or "//" in value:
        encoded = quote(encoded, safe="")
    return f"/past_meetings/{encoded}"


def meeting_summary(meeting):
    return {
        "id": meeting.get("id"), "uuid": meeting.get("uuid"), "topic": meeting.get("topic"), "type": meeting.get("type"),
        "start_time": meeting.get("start_time"), "duration_minutes": meeting.get("duration"), "timezone": meeting.get("timezone"),
        "agenda": meeting.get("agenda"), "join_url": meeting.get("join_url"), "password": meeting.get("password"),
        "status": meeting.get("status"),
    }


async def page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a Zoom list, following `next_page_token` (the cursor) until `limit` is reached."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "page_size": min(MAX_PAGE, limit - len(records))}
        if token:
            query["next_page_token"] = token
        data = await api(ctx, "GET", path, params=query)
        records += data.get(key) or []
        token = data.get("next_page_token") or None
        if not token:
            break
    return records[:limit], token


def default_range(start, end):
    """Zoom lists recordings for at most a month; the last 30 days when no range is given."""
    end = end or date.today().isoformat()
    start = start or (date.fromisoformat(end) - timedelta(days=30)).isoformat()
    return start, end


async def _meeting_options(ctx):
    query = {"type": "upcoming", "page_size": MAX_PAGE}
    if ctx.prev_context.get("token"):
        query["next_page_token"] = ctx.prev_context["token"]
    data = await api(ctx, "GET", "/users/me/meetings", params=query)
    options = [Option(label=f"{m.get('topic')} ({m.get('start_time') or 'no time'})", value=str(m["id"]))
               for m in data.get("meetings") or []]
    token = data.get("next_page_token")
    return OptionsPage(options=options, context={"token": token} if token else None)


app.define(
    "meetingId",
    props.string(
        "Meeting",
        "The meeting's ID: the digits in its join link (`https://zoom.us/j/85746065432` → `85746065432`; the link "
        "itself works too), or the `id` from zoom-list-meetings. The choices are the user's upcoming meetings.",
        options=_meeting_options,
    ),
)
