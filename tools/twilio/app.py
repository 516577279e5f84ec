"""Twilio: SMS, MMS and WhatsApp messages, voice calls, phone numbers and Lookup.

Requests use HTTP Basic auth with the Account SID and Auth Token, and form-encoded
bodies with Twilio's capitalised parameter names (`To`, `From`, `Body`, `MediaUrl`).
"""

import base64
import json
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API_ROOT = "https://api.twilio.com"
LOOKUPS = "https://lookups.twilio.com/v2"


def _headers(auth):
    sid, token = auth.get("accountSid"), auth.get("authToken")
    if not (sid and token):
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode("ascii")}


async def _account_test(ctx):
    """The account's friendly name and SID (`GET /2010-04-01/Accounts/{AccountSid}.json`)."""
    account = await request(ctx, "GET", f"{API_ROOT}/2010-04-01/Accounts/{ctx.auth.get('accountSid')}.json")
    if account.get("status") not in (None, "active"):
        raise ActionError(f"the Twilio account {account.get('sid')} is {account.get('status')}; use an active account")
    return Identity(name=account.get("friendly_name"), external_id=account.get("sid"))


app = App(
    "twilio",
    "Twilio",
    "Send SMS, MMS and WhatsApp messages, make calls, read message and call logs, and look up phone numbers "
    "with a Twilio account.",
    auth=Keys(
        [
            KeyField(
                "accountSid",
                "Account SID",
                "The Account SID from the Twilio Console home page, starting with `AC`, e.g. `ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`.",
                secret=False,
            ),
            KeyField("authToken", "Auth Token", "The account's Auth Token, shown next to the Account SID in the Twilio Console."),
        ]
    ),
    categories=["Communication", "Phone & SMS"],
    featured_weight=80,
    base_url="https://api.twilio.com/2010-04-01/Accounts/{{custom_fields.accountSid}}",
    allowed_domains=["api.twilio.com", "lookups.twilio.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors

# Twilio error codes agents run into most, and what to do about them.
ERROR_HINTS = {
    20003: "Twilio rejected the Account SID or Auth Token; the user should reconnect Twilio with valid credentials",
    20008: "test credentials cannot reach this resource; connect Twilio with the account's live Account SID and Auth Token",
    20404: "no such resource in this account; check the SID (the list actions, such as twilio-list-messages, show them)",
    20429: "too many concurrent requests to Twilio; wait a moment and retry",
    21211: "the `To` number is not a valid phone number; use E.164 format such as `+14155552671`",
    21212: "the `From` number is not valid; use a Twilio number of this account in E.164 format",
    21220: "the call is not in progress, so it cannot be redirected or ended; check its status with twilio-get-call",
    21408: "the account is not allowed to send to that country; enable it under Messaging > Geo permissions",
    21421: "the phone number is not valid or not available to buy; pick one from twilio-search-available-phone-numbers",
    21422: "that number is no longer available to buy; search again with twilio-search-available-phone-numbers",
    21452: "no numbers are available in that area code; try another or search with twilio-search-available-phone-numbers",
    21606: "the `From` number cannot send this kind of message; pick a number with SMS (or MMS) capability",
    21608: "trial accounts can only send to verified numbers; verify the recipient or upgrade the account",
    21610: "the recipient has replied STOP to this number; they must reply START before you can message them",
    21614: "the `To` number is not a mobile number that can receive SMS",
    21617: "the message body is too long; keep it under 1,600 characters",
    21620: "a media URL is not valid or not reachable by Twilio; it must be a public https URL",
    21660: "the `From` number does not belong to this account",
    63007: "Twilio has no WhatsApp sender for the `From` number; use a WhatsApp-enabled sender of this account",
    63016: "outside WhatsApp's 24-hour window, send an approved template (contentSid) instead of free text",
}


def twilio_error(method, url, response):
    """An `UpstreamError` from Twilio's `{"code", "message", "more_info", "status"}` body."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = body.get("code")
    message = body.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        hint = f"rate limited by Twilio; {wait}"
    elif code in ERROR_HINTS:
        hint = ERROR_HINTS[code]
    elif status == 401:
        hint = ERROR_HINTS[20003]
    elif status == 404:
        hint = ERROR_HINTS[20404]
    elif status == 403:
        hint = "the account (or a subaccount's credentials) lacks permission for this; use the owning account's credentials"
    elif status >= 500:
        hint = "Twilio had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    path = url.split("twilio.com", 1)[-1] if url.startswith("http") else url
    error = f" (error {code}: {body['more_info']})" if code and body.get("more_info") else (f" (error {code})" if code else "")
    text = f"Twilio API error {status} on {method} {path}: {message}{error} ({hint})"
    return UpstreamError(text, status=status, retry_after=retry_after, body=json.dumps(body)[:500] if body else "")


async def request(ctx, method, path, *, params=None, data=None):
    """Call Twilio; `path` is relative to the account (`/Messages.json`) or a full URL.
    `data` is a list of (name, value) pairs so parameters like `MediaUrl` can repeat."""
    headers, content = {}, None
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        content = urlencode(data)
    response = await ctx.http.request(method, path, params=params, content=content, headers=headers, raise_for_status=False)
    if response.status_code >= 400:
        raise twilio_error(method, ctx.http.url(path), response)
    return response.json() if response.content else None


def pairs(values):
    """Form pairs from a dict, dropping unset values; lists become repeated parameters."""
    out = []
    for key, value in values.items():
        if value is None or value == "" or value == []:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            out.append((key, "true" if item is True else "false" if item is False else str(item)))
    return out


def lookup_url(phone_number):
    return f"{LOOKUPS}/PhoneNumbers/{quote(str(phone_number).strip(), safe='+')}"


# Twilio pages at most 1,000 records.
MAX_PAGE = 1000


async def collect(ctx, path, key, *, limit, cursor=None, params=None):
    """Up to `limit` records under `key` of a Twilio list, from `cursor` (a `next_page_uri`) on,
    and the `next_page_uri` after them. The page token in that URI holds the place; `Page` is
    only client state, so the page size may change between calls."""
    records, following = [], cursor or None
    while len(records) < limit:
        size = min(MAX_PAGE, limit - len(records))
        if following:
            parts = urlsplit(following)
            if not parts.path.startswith("/2010-04-01/Accounts/"):
                raise ActionError("the cursor is not one a Twilio list returned; pass `next_cursor` unchanged or leave it empty")
            query = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "PageSize"}
            data = await request(ctx, "GET", f"{API_ROOT}{parts.path}", params={"PageSize": size, **query})
        else:
            data = await request(ctx, "GET", path, params={"PageSize": size, **(params or {})})
        records.extend(data.get(key) or [])
        following = data.get("next_page_uri")
        if not following:
            break
    return records[:limit], following


def count(n, noun):
    return f"{n} {noun}{'s' if n != 1 else ''}"


# Presentation


def message_summary(message):
    return {
        "sid": message.get("sid"),
        "status": message.get("status"),
        "direction": message.get("direction"),
        "from": message.get("from"),
        "to": message.get("to"),
        "body": message.get("body"),
        "num_segments": message.get("num_segments"),
        "num_media": message.get("num_media"),
        "price": message.get("price"),
        "price_unit": message.get("price_unit"),
        "error_code": message.get("error_code"),
        "error_message": message.get("error_message"),
        "messaging_service_sid": message.get("messaging_service_sid"),
        "date_created": message.get("date_created"),
        "date_sent": message.get("date_sent"),
    }


def call_summary(call):
    return {
        "sid": call.get("sid"),
        "status": call.get("status"),
        "direction": call.get("direction"),
        "from": call.get("from"),
        "to": call.get("to"),
        "start_time": call.get("start_time"),
        "end_time": call.get("end_time"),
        "duration": call.get("duration"),
        "price": call.get("price"),
        "price_unit": call.get("price_unit"),
        "answered_by": call.get("answered_by"),
        "date_created": call.get("date_created"),
    }


def number_summary(number):
    return {
        "sid": number.get("sid"),
        "phone_number": number.get("phone_number"),
        "friendly_name": number.get("friendly_name"),
        "capabilities": number.get("capabilities") or {},
        "sms_url": number.get("sms_url"),
        "voice_url": number.get("voice_url"),
    }


def incoming_number_summary(number):
    """An owned number with where its calls and messages go."""
    return {
        **number_summary(number),
        "sms_method": number.get("sms_method"),
        "sms_fallback_url": number.get("sms_fallback_url"),
        "voice_method": number.get("voice_method"),
        "voice_fallback_url": number.get("voice_fallback_url"),
        "status_callback": number.get("status_callback"),
        "status": number.get("status"),
        "date_created": number.get("date_created"),
    }


def available_number_summary(number):
    return {
        "phone_number": number.get("phone_number"),
        "friendly_name": number.get("friendly_name"),
        "locality": number.get("locality"),
        "region": number.get("region"),
        "postal_code": number.get("postal_code"),
        "iso_country": number.get("iso_country"),
        "address_requirements": number.get("address_requirements"),
        "capabilities": number.get("capabilities") or {},
    }


def recording_summary(recording):
    return {
        "sid": recording.get("sid"),
        "call_sid": recording.get("call_sid"),
        "conference_sid": recording.get("conference_sid"),
        "status": recording.get("status"),
        "source": recording.get("source"),
        "channels": recording.get("channels"),
        "duration": recording.get("duration"),
        "start_time": recording.get("start_time"),
        "date_created": recording.get("date_created"),
        "price": recording.get("price"),
        "price_unit": recording.get("price_unit"),
        "error_code": recording.get("error_code"),
        # The audio itself, fetched with the account's credentials (add `.mp3` for MP3 instead of WAV).
        "media_url": recording.get("media_url"),
    }


def lookup_summary(result):
    """A Lookup answer without its own URL and the data packages not asked for (they come back null)."""
    return {k: v for k, v in result.items() if k != "url" and v is not None}


def usage_record_summary(record):
    return {
        "category": record.get("category"),
        "description": record.get("description"),
        "start_date": record.get("start_date"),
        "end_date": record.get("end_date"),
        "count": record.get("count"),
        "count_unit": record.get("count_unit"),
        "usage": record.get("usage"),
        "usage_unit": record.get("usage_unit"),
        "price": record.get("price"),
        "price_unit": record.get("price_unit"),
    }


def _capabilities(number):
    caps = number.get("capabilities") or {}
    kinds = [kind.upper() if kind != "voice" else "Voice" for kind in ("voice", "sms", "mms") if caps.get(kind)]
    return ", ".join(kinds) or "no capabilities"


# Remote options


async def phone_number_options(ctx):
    following = ctx.prev_context.get("next_page_uri")
    if ctx.page > 0 and not following:
        return []  # the previous page was the last one
    if following:
        data = await request(ctx, "GET", f"{API_ROOT}{following}")
    else:
        data = await request(ctx, "GET", "/IncomingPhoneNumbers.json", params={"PageSize": 100})
    options = [
        Option(label=f"{n.get('friendly_name')} ({n.get('phone_number')}; {_capabilities(n)})", value=n["phone_number"])
        for n in data.get("incoming_phone_numbers") or []
    ]
    next_uri = data.get("next_page_uri")
    return OptionsPage(options=options, context={"next_page_uri": next_uri} if next_uri else None)


async def _paged_options(ctx, path, key, label, value="sid"):
    following = ctx.prev_context.get("next_page_uri")
    if ctx.page > 0 and not following:
        return []
    data = await request(ctx, "GET", f"{API_ROOT}{following}" if following else path, params=None if following else {"PageSize": 100})
    options = [Option(label=label(r), value=r[value]) for r in data.get(key) or []]
    next_uri = data.get("next_page_uri")
    return OptionsPage(options=options, context={"next_page_uri": next_uri} if next_uri else None)


async def message_options(ctx):
    return await _paged_options(
        ctx, "/Messages.json", "messages", lambda m: f"{m.get('from')} → {m.get('to')}: {(m.get('body') or '')[:40]}",
    )


async def phone_number_sid_options(ctx):
    return await _paged_options(
        ctx, "/IncomingPhoneNumbers.json", "incoming_phone_numbers",
        lambda n: f"{n.get('friendly_name')} ({n.get('phone_number')})",
    )


async def call_options(ctx):
    return await _paged_options(
        ctx, "/Calls.json", "calls", lambda c: f"{c.get('from')} → {c.get('to')}, {c.get('status')}, {c.get('date_created')}",
    )


async def recording_options(ctx):
    return await _paged_options(
        ctx, "/Recordings.json", "recordings", lambda r: f"{r.get('duration')} s, call {r.get('call_sid')}, {r.get('date_created')}",
    )


# Shared props

app.define(
    "from",
    props.string(
        "From",
        "The Twilio phone number to send from, in E.164 format, e.g. `+15017122661`. The choices list the "
        "account's numbers with what they can do (SMS, MMS, Voice).",
        options=phone_number_options,
    ),
)

app.define(
    "to",
    props.string(
        "To",
        "The recipient's phone number in E.164 format: `+`, country code and number, no spaces, e.g. `+14155552671`.",
    ),
)

app.define(
    "messageSid",
    props.string(
        "Message SID",
        "The message's SID, starting with `SM` or `MM`, e.g. `SM1f0e8ae6ade43cb3c0ce4525424e404f`, as returned "
        "when it was sent or by twilio-list-messages. The choices list the account's recent messages.",
        options=message_options,
    ),
)

app.define(
    "callSid",
    props.string(
        "Call SID",
        "The call's SID, starting with `CA`, e.g. `CA42ed11f93dc08b952027ffbc406d0868`, as returned by "
        "twilio-make-call or twilio-list-calls. The choices list the account's recent calls.",
        options=call_options,
    ),
)

app.define(
    "recordingSid",
    props.string(
        "Recording SID",
        "The recording's SID, starting with `RE`, e.g. `RE557ce644e5ab84fa21cc21112e22c485`, from twilio-list-recordings. "
        "The choices list the account's recent recordings.",
        options=recording_options,
    ),
)

app.define(
    "phoneNumberSid",
    props.string(
        "Phone Number SID",
        "The SID of a number the account owns, starting with `PN`, e.g. `PN2a0747eba6abf96b7e3c3ff0b4530f6e`, from "
        "twilio-list-phone-numbers (its `sid`). The choices list the account's numbers.",
        options=phone_number_sid_options,
    ),
)

app.define(
    "statusCallback",
    props.string(
        "Status Callback URL",
        "A public URL Twilio calls with status updates (sent, delivered, failed...), e.g. `https://example.com/twilio/status`.",
        optional=True,
    ),
)

