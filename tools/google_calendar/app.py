import re
import uuid
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, UpstreamError, props

from .. import _google

SERVICE = "Google Calendar"

# Creating, deleting and sharing calendars needs the full scope; it also covers events, the
# calendar list, free/busy and colours.
SCOPES = ["https://www.googleapis.com/auth/calendar"]


async def _account_test(ctx):
    """The primary calendar's entry (`calendarList.get`): its ID is the account's email address."""
    entry = await api(ctx, "GET", "/users/me/calendarList/primary")
    return Identity(name=entry.get("id"), external_id=entry.get("id"))


app = App(
    "google_calendar",
    "Google Calendar",
    "Read and manage the connected user's Google Calendar: list calendars and events, create, update, move, delete "
    "and RSVP to events (with attendees and Google Meet links), quick-add from text, check free/busy times, and "
    "create, share and delete calendars.",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity", "Calendar"],
    featured_weight=95,
    base_url="https://www.googleapis.com/calendar/v3",
    allowed_domains=["www.googleapis.com"],
    test=_account_test,
)


# Errors

ERROR_HINTS = {
    "requiredAccessLevel": "the user has no write access to this calendar; pick a calendar they own or can edit",
    "forbiddenForNonOrganizer": "only the event's organizer can change this; the user can still RSVP with google_calendar-respond-to-event",
    "timeRangeEmpty": "the end is not after the start; give an end time later than the start",
    "invalid": "some values are not what Google Calendar expects; see the message",
    "badRequest": "some values are not what Google Calendar expects; see the message",
    "duplicate": "an event with this ID already exists",
    "deleted": "the event has been deleted",
}


def google_error(method, response, not_found):
    return _google.google_error(
        method, response, service=SERVICE, not_found=not_found, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this calendar or event",
        scope="the connection was not granted the calendar access this needs; reconnect Google Calendar and approve all requested access",
    )


_NOT_FOUND = (
    "no calendar or event has that ID for this account; list them with google_calendar-list-calendars "
    "and google_calendar-list-events"
)


async def api(ctx, method, path, *, not_found=_NOT_FOUND, **kw):
    """A Google Calendar API call's JSON answer (`{}` for an empty one); errors become clear `UpstreamError`s."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise google_error(method, response, not_found)
    return response.json() if response.content else {}


def seg(value):
    """An ID as a URL path segment (calendar IDs hold `@`)."""
    return _google.seg(value, safe="@")


def events_path(calendar_id, event_id=None):
    path = f"/calendars/{seg(calendar_id or 'primary')}/events"
    return f"{path}/{seg(event_id)}" if event_id else path


# Times

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def zone(name):
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ActionError(
            f"time zone {name!r} is not an IANA time zone name; use e.g. `America/New_York` or `Europe/Paris`"
        ) from None


def parse_datetime(value, field):
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ActionError(
            f"{field} {value!r} is not a date-time; use ISO 8601 such as `2024-06-03T15:00:00` (with the time zone from "
            "timeZone), `2024-06-03T15:00:00-07:00` or `2024-06-03T22:00:00Z`"
        ) from None


async def calendar_time_zone(ctx, calendar_id):
    """The time zone of a calendar on the user's list, for times given without an offset."""
    entry = await api(
        ctx,
        "GET",
        f"/users/me/calendarList/{seg(calendar_id or 'primary')}",
        not_found="the calendar is not on the user's calendar list; give the time zone in timeZone, or offsets in the times",
    )
    if not entry.get("timeZone"):
        raise ActionError("the calendar has no time zone; give one in timeZone, e.g. `America/New_York`")
    return entry["timeZone"]


class Clock:
    """Turns the times an agent gives into what the API wants, finding the calendar's time zone only when needed."""

    def __init__(self, ctx, calendar_id, time_zone=None):
        self.ctx = ctx
        self.calendar_id = calendar_id
        self.time_zone = str(time_zone).strip() if time_zone else None

    async def zone_name(self):
        if not self.time_zone:
            self.time_zone = await calendar_time_zone(self.ctx, self.calendar_id)
        return self.time_zone

    async def instant(self, value, field):
        """An RFC 3339 timestamp with an offset (what timeMin, timeMax and free/busy take)."""
        text = str(value).strip()
        if _DATE.match(text):
            text += "T00:00:00"
        moment = parse_datetime(text, field)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone(await self.zone_name()))
        return moment.isoformat()

    async def event_time(self, value, field):
        """An event's `start` or `end`: `{date}` for a day, `{dateTime, timeZone}` for a moment."""
        text = str(value).strip()
        if _DATE.match(text):
            try:
                date.fromisoformat(text)
            except ValueError:
                raise ActionError(f"{field} {value!r} is not a valid date") from None
            return {"date": text}
        moment = parse_datetime(text, field)
        if moment.tzinfo is None:
            name = await self.zone_name()
            zone(name)  # refuse an unknown zone here rather than in the API
            return {"dateTime": moment.isoformat(), "timeZone": name}
        out = {"dateTime": moment.isoformat()}
        if self.time_zone:
            out["timeZone"] = self.time_zone
        return out


def shifted(event_time, delta):
    """`event_time` (a start or end in API form) moved by `delta`."""
    if "date" in event_time:
        return {"date": (date.fromisoformat(event_time["date"]) + delta).isoformat()}
    moved = {"dateTime": (datetime.fromisoformat(event_time["dateTime"].replace("Z", "+00:00")) + delta).isoformat()}
    if event_time.get("timeZone"):
        moved["timeZone"] = event_time["timeZone"]
    return moved


def duration(start, end):
    """The length of an event from its API `start` and `end`, or None when they are not comparable."""
    if "date" in start and "date" in end:
        return date.fromisoformat(end["date"]) - date.fromisoformat(start["date"])
    if "dateTime" in start and "dateTime" in end:
        first = datetime.fromisoformat(start["dateTime"].replace("Z", "+00:00"))
        last = datetime.fromisoformat(end["dateTime"].replace("Z", "+00:00"))
        if (first.tzinfo is None) == (last.tzinfo is None):
            return last - first
    return None


# Events


def attendee_list(values, field="attendees"):
    out = []
    for value in values or []:
        email = str(value).strip()
        match = re.search(r"<([^<>@\s]+@[^<>\s]+)>", email)
        email = match.group(1) if match else email
        if not re.match(r"^[^@\s]+@[^@\s]+$", email):
            raise ActionError(f"{field}: {value!r} is not an email address; use e.g. `ada@example.com`")
        out.append({"email": email})
    return out


def meet_request():
    return {"createRequest": {"requestId": uuid.uuid4().hex, "conferenceSolutionKey": {"type": "hangoutsMeet"}}}


def meet_link(event):
    if event.get("hangoutLink"):
        return event["hangoutLink"]
    for entry in (event.get("conferenceData") or {}).get("entryPoints") or []:
        if entry.get("entryPointType") == "video":
            return entry.get("uri")
    return None


def event_summary(event):
    """The parts of an event worth reading."""
    out = {
        "id": event.get("id"),
        "status": event.get("status"),
        "summary": event.get("summary"),
        "description": event.get("description"),
        "location": event.get("location"),
        "start": event.get("start"),
        "end": event.get("end"),
        "htmlLink": event.get("htmlLink"),
        "meetLink": meet_link(event),
        "organizer": event.get("organizer"),
        "attendees": [
            {k: a[k] for k in ("email", "displayName", "responseStatus", "optional", "organizer", "self") if k in a}
            for a in event.get("attendees") or []
        ]
        or None,
        "recurrence": event.get("recurrence"),
        "recurringEventId": event.get("recurringEventId"),
        "colorId": event.get("colorId"),
        "visibility": event.get("visibility"),
        "eventType": event.get("eventType"),
        "created": event.get("created"),
        "updated": event.get("updated"),
    }
    return {k: v for k, v in out.items() if v is not None}


def when(event):
    start = event.get("start") or {}
    return start.get("dateTime") or start.get("date") or "?"


MAX_PAGE = 250  # the largest maxResults the calendar list and ACL calls take


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` items of a Calendar list call, from `cursor` (a page token) on, the token of
    the page after them, and the last page itself (which carries the calendar's name and zone)."""
    items, token, page = [], cursor or None, {}
    while len(items) < limit:
        query = {**(params or {}), "maxResults": min(MAX_PAGE, limit - len(items))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get("items") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return items[:limit], token, page


def calendar_entry_summary(entry):
    """A calendar on the user's list: ID, name, whether primary, the user's access and its zone."""
    return {
        "id": entry.get("id"),
        "summary": entry.get("summaryOverride") or entry.get("summary"),
        "description": entry.get("description"),
        "primary": bool(entry.get("primary")),
        "accessRole": entry.get("accessRole"),
        "timeZone": entry.get("timeZone"),
    }


def calendar_summary(calendar):
    """A calendar's own metadata (the Calendar resource)."""
    out = {key: calendar.get(key) for key in ("id", "summary", "description", "location", "timeZone")}
    return {k: v for k, v in out.items() if v is not None}


def acl_summary(rule):
    """Who a sharing rule is for and what they may do."""
    scope = rule.get("scope") or {}
    return {"id": rule.get("id"), "role": rule.get("role"), "scopeType": scope.get("type"), "scopeValue": scope.get("value")}


ACL_ROLES = ["freeBusyReader", "reader", "writer", "owner"]


# Remote options


async def calendar_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"maxResults": 250}
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/users/me/calendarList", params=params)
    options = []
    for entry in data.get("items") or []:
        name = entry.get("summaryOverride") or entry.get("summary") or entry["id"]
        if entry.get("primary"):
            options.append(Option(label=f"{name} (primary)", value="primary"))
        else:
            options.append(Option(label=name, value=entry["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def event_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {
        "singleEvents": "true",
        "orderBy": "startTime",
        "timeMin": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "maxResults": 50,
    }
    if ctx.query:
        params["q"] = ctx.query
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", events_path(ctx.props.get("calendarId") or "primary"), params=params)
    options = [
        Option(label=f"{e.get('summary') or '(no title)'} — {when(e)}", value=e["id"]) for e in data.get("items") or []
    ]
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


app.define(
    "calendarId",
    props.string(
        "Calendar",
        "The calendar's ID: `primary` (the default) for the user's main calendar, or an ID such as "
        "`team@group.calendar.google.com` from google_calendar-list-calendars.",
        options=calendar_options,
        default="primary",
    ),
)

app.define(
    "eventId",
    props.string(
        "Event",
        "The event's ID, e.g. `5qe8a1k2b3c4d5e6f7g8h9i0jk`, as returned by google_calendar-list-events or when the "
        "event was created. The choices list upcoming events of the chosen calendar.",
        options=event_options,
        use_query=True,
    ),
)

async def acl_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"maxResults": MAX_PAGE}
    if token:
        params["pageToken"] = token
    path = f"/calendars/{seg(ctx.props.get('calendarId') or 'primary')}/acl"
    data = await api(ctx, "GET", path, params=params)
    options = []
    for rule in data.get("items") or []:
        scope = rule.get("scope") or {}
        who = scope.get("value") or ("everyone" if scope.get("type") == "default" else scope.get("type"))
        options.append(Option(label=f"{who} ({rule.get('role')})", value=rule["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def color_options(ctx):
    if ctx.page > 0:
        return []  # every colour comes in one answer
    data = await api(ctx, "GET", "/colors")
    return [
        Option(label=f"{color_id}: {color.get('background')}", value=color_id)
        for color_id, color in (data.get("event") or {}).items()
    ]


app.define(
    "ruleId",
    props.string(
        "Sharing Rule",
        "The ID of a sharing rule of the calendar, e.g. `user:ada@example.com`, from "
        "google_calendar-list-calendar-sharing. The choices list the calendar's rules.",
        options=acl_options,
    ),
)

app.define(
    "colorId",
    props.string(
        "Colour",
        "An event colour ID from `1` to `11` (e.g. `11` is red), as listed by google_calendar-list-colors. Leave "
        "empty for the calendar's colour.",
        options=color_options,
        optional=True,
    ),
)

app.define(
    "timeZone",
    props.string(
        "Time Zone",
        "The IANA time zone for times written without an offset, e.g. `America/New_York`. Defaults to the calendar's "
        "own time zone.",
        optional=True,
    ),
)

app.define(
    "sendUpdates",
    props.string(
        "Notify Guests",
        "Who gets an email about the change: `all` guests (the default), `externalOnly` (guests outside Google "
        "Calendar), or `none`.",
        options=["all", "externalOnly", "none"],
        default="all",
    ),
)

START_NOTE = (
    "An ISO 8601 date-time such as `2024-06-03T15:00:00` (read in timeZone, or the calendar's time zone), one with "
    "an offset such as `2024-06-03T15:00:00-07:00`, or a date such as `2024-06-03` for an all-day event."
)
