"""Twilio: SMS, MMS and WhatsApp messages, voice calls, phone numbers and Lookup.

Requests use HTTP Basic auth with the Account SID and Auth Token, and form-encoded
bodies with Twilio's capitalised parameter names (`To`, `From`, `Body`, `MediaUrl`).
"""

import base64
import json
from urllib.parse import quote, urlencode

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
    20404: "no such resource in this account; check the SID",
    20429: "too many concurrent requests to Twilio; wait a moment and retry",
    21211: "the `To` number is not a valid phone number; use E.164 format such as `+14155552671`",
    21212: "the `From` number is not valid; use a Twilio number of this account in E.164 format",
    21408: "the account is not allowed to send to that country; enable it under Messaging > Geo permissions",
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
        "when it was sent or by twilio-list-messages.",
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

app.define(
    "limit",
    props.integer("Limit", "How many records to return, newest first (1 to 1000).", min=1, max=1000, default=50),
)
