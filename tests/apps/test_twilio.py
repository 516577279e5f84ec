"""Twilio actions at the HTTP boundary: Basic auth with the Account SID and Auth Token, form bodies
with Twilio's parameter names, and answers shaped like Twilio's API reference."""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import ActionError, AppHttp, Identity, UpstreamError
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action

SID = "AC8f3c2d1e0b9a8f7e6d5c4b3a2f1e0d9c"
TOKEN = "5d2c9f8e7b6a5f4e3d2c1b0a9f8e7d6c"
AUTH = {"accountSid": SID, "authToken": TOKEN}
BASIC = "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
ACCOUNT = f"https://api.twilio.com/2010-04-01/Accounts/{SID}"
MESSAGE_SID = "SM1f0e8ae6ade43cb3c0ce4525424e404f"
CALL_SID = "CA42ed11f93dc08b952027ffbc406d0868"


def assert_twilio(request, method, url, *, query=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert request.url.params.multi_items() == list((query or {}).items())
    assert request.headers["authorization"] == BASIC
    if form is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert httpx.QueryParams(request.content.decode()).multi_items() == form


def _message(sid=MESSAGE_SID, *, body="Hi there", to="+14155552671", sender="+15017122661", status="queued", **extra):
    return {
        "account_sid": SID,
        "api_version": "2010-04-01",
        "body": body,
        "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_sent": None,
        "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000",
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": sender,
        "messaging_service_sid": None,
        "num_media": "0",
        "num_segments": "1",
        "price": None,
        "price_unit": "USD",
        "sid": sid,
        "status": status,
        "subresource_uris": {"media": f"/2010-04-01/Accounts/{SID}/Messages/{sid}/Media.json"},
        "to": to,
        "uri": f"/2010-04-01/Accounts/{SID}/Messages/{sid}.json",
        **extra,
    }


def _call(status="queued", **extra):
    return {
        "account_sid": SID,
        "annotation": None,
        "answered_by": None,
        "api_version": "2010-04-01",
        "caller_name": None,
        "date_created": "Tue, 31 Aug 2010 20:36:28 +0000",
        "date_updated": "Tue, 31 Aug 2010 20:36:44 +0000",
        "direction": "outbound-api",
        "duration": None,
        "end_time": None,
        "forwarded_from": None,
        "from": "+15017122661",
        "from_formatted": "(501) 712-2661",
        "parent_call_sid": None,
        "phone_number_sid": "PNe0d8d5e4f1e2d3c4b5a6f7e8d9c0b1a2",
        "price": None,
        "price_unit": "USD",
        "sid": CALL_SID,
        "start_time": None,
        "status": status,
        "to": "+14155552671",
        "to_formatted": "(415) 555-2671",
        "uri": f"/2010-04-01/Accounts/{SID}/Calls/{CALL_SID}.json",
        **extra,
    }


def _number(sid, phone, name, *, sms=True, mms=True, voice=True):
    return {
        "account_sid": SID,
        "api_version": "2010-04-01",
        "capabilities": {"fax": False, "mms": mms, "sms": sms, "voice": voice},
        "date_created": "Thu, 30 Jul 2015 23:19:04 +0000",
        "friendly_name": name,
        "phone_number": phone,
        "sid": sid,
        "sms_url": "https://demo.twilio.com/welcome/sms/reply",
        "status": "in-use",
        "voice_url": "https://demo.twilio.com/docs/voice.xml",
        "uri": f"/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers/{sid}.json",
    }


def _page(key, items, next_page_uri=None, page_size=50):
    return {
        key: items,
        "end": len(items) - 1,
        "first_page_uri": f"/2010-04-01/Accounts/{SID}/{key}.json?PageSize={page_size}&Page=0",
        "next_page_uri": next_page_uri,
        "page": 0,
        "page_size": page_size,
        "previous_page_uri": None,
        "start": 0,
        "uri": f"/2010-04-01/Accounts/{SID}/{key}.json?PageSize={page_size}&Page=0",
    }


# Messages


async def test_send_sms_from_a_number(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Messages.json").mock(return_value=httpx.Response(201, json=_message(body="Your code is 123456")))
    result = await run_action(
        catalog.action("twilio-send-sms"),
        {"to": "+14155552671", "from": "+15017122661", "body": "Your code is 123456", "statusCallback": "https://example.com/status"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Messages.json", form=[
        ("To", "+14155552671"), ("From", "+15017122661"), ("Body", "Your code is 123456"), ("StatusCallback", "https://example.com/status"),
    ])
    assert result.ret["sid"] == MESSAGE_SID and result.ret["status"] == "queued"
    assert result.ret["body"] == "Your code is 123456"
    assert result.summary == f"Sent SMS {MESSAGE_SID} to +14155552671 (queued)"


async def test_send_sms_through_a_messaging_service(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(201, json=_message(status="accepted", messaging_service_sid="MG9752274e9e519418a7406176694466fa", sender=None))
    )
    result = await run_action(
        catalog.action("twilio-send-sms"),
        {"to": "+14155552671", "messagingServiceSid": "MG9752274e9e519418a7406176694466fa", "body": "Hi there"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Messages.json", form=[
        ("To", "+14155552671"), ("MessagingServiceSid", "MG9752274e9e519418a7406176694466fa"), ("Body", "Hi there"),
    ])
    assert result.ret["messaging_service_sid"] == "MG9752274e9e519418a7406176694466fa"
    no_sender = await run_action(catalog.action("twilio-send-sms"), {"to": "+14155552671", "body": "Hi"}, auth=AUTH)
    assert "give a `from` number or a messagingServiceSid" in no_sender.error
    assert route.call_count == 1


async def test_send_mms_repeats_media_url(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(201, json=_message("MMc781610ec0b3400c9e0cab8e757da937", body="Look!", num_media="2"))
    )
    result = await run_action(
        catalog.action("twilio-send-mms"),
        {"to": "+14155552671", "from": "+15017122661", "body": "Look!",
         "mediaUrls": ["https://demo.twilio.com/owl.png", "https://demo.twilio.com/logo.png"]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Messages.json", form=[
        ("To", "+14155552671"), ("From", "+15017122661"), ("Body", "Look!"),
        ("MediaUrl", "https://demo.twilio.com/owl.png"), ("MediaUrl", "https://demo.twilio.com/logo.png"),
    ])
    assert result.ret["num_media"] == "2"
    assert result.summary == "Sent MMS MMc781610ec0b3400c9e0cab8e757da937 with 2 media files to +14155552671 (queued)"
    too_many = await run_action(catalog.action("twilio-send-mms"),
                                {"to": "+14155552671", "from": "+15017122661", "mediaUrls": [f"https://e.com/{i}.png" for i in range(11)]},
                                auth=AUTH)
    assert "at most 10 media files" in too_many.error


async def test_send_whatsapp_template_prefixes_the_numbers(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(201, json=_message(to="whatsapp:+14155552671", sender="whatsapp:+14155238886", body=None))
    )
    result = await run_action(
        catalog.action("twilio-send-whatsapp-message"),
        {"to": "+14155552671", "from": "whatsapp:+14155238886", "contentSid": "HXb5b62575e6e4ff6129ad7c8efe1f983e",
         "contentVariables": {"1": "12/1", "2": "3pm"}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Messages.json", form=[
        ("To", "whatsapp:+14155552671"), ("From", "whatsapp:+14155238886"), ("ContentSid", "HXb5b62575e6e4ff6129ad7c8efe1f983e"),
        ("ContentVariables", '{"1": "12/1", "2": "3pm"}'),
    ])
    assert result.summary == f"Sent WhatsApp template HXb5b62575e6e4ff6129ad7c8efe1f983e {MESSAGE_SID} to whatsapp:+14155552671 (queued)"
    empty = await run_action(catalog.action("twilio-send-whatsapp-message"), {"to": "+1415", "from": "+1415"}, auth=AUTH)
    assert "give a message body, a media URL or a template" in empty.error


async def test_send_whatsapp_free_text_with_media(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(201, json=_message(to="whatsapp:+14155552671", sender="whatsapp:+14155238886", body="Your ticket"))
    )
    result = await run_action(
        catalog.action("twilio-send-whatsapp-message"),
        {"to": "+14155552671", "from": "+14155238886", "body": "Your ticket", "mediaUrl": "https://example.com/ticket.pdf"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert httpx.QueryParams(route.calls.last.request.content.decode()).multi_items() == [
        ("To", "whatsapp:+14155552671"), ("From", "whatsapp:+14155238886"), ("Body", "Your ticket"),
        ("MediaUrl", "https://example.com/ticket.pdf"),
    ]
    assert result.summary == f"Sent WhatsApp message {MESSAGE_SID} to whatsapp:+14155552671 (queued)"


async def test_list_messages_with_filters(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(200, json=_page("messages", [_message(status="delivered"), _message("SM2", status="received", direction="inbound")],
                                                    next_page_uri=f"/2010-04-01/Accounts/{SID}/Messages.json?PageSize=2&Page=1&PageToken=PASM2",
                                                    page_size=2))
    )
    result = await run_action(
        catalog.action("twilio-list-messages"),
        {"to": "+14155552671", "sentAfter": "2023-08-01", "sentBefore": "2023-08-31", "limit": 2}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Messages.json",
                  query={"PageSize": "2", "To": "+14155552671", "DateSent>": "2023-08-01", "DateSent<": "2023-08-31"})
    assert [m["sid"] for m in result.ret["messages"]] == [MESSAGE_SID, "SM2"]
    assert result.ret["messages"][0] == {
        "sid": MESSAGE_SID, "status": "delivered", "direction": "outbound-api", "from": "+15017122661", "to": "+14155552671",
        "body": "Hi there", "num_segments": "1", "num_media": "0", "price": None, "price_unit": "USD", "error_code": None,
        "error_message": None, "messaging_service_sid": None, "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": None,
    }
    assert result.ret["next_cursor"] == f"/2010-04-01/Accounts/{SID}/Messages.json?PageSize=2&Page=1&PageToken=PASM2"
    assert result.summary == "Listed 2 messages (more available)"


async def test_list_messages_follows_pages_up_to_the_limit_and_resumes_from_the_cursor(catalog, respx_mock):
    following = f"/2010-04-01/Accounts/{SID}/Messages.json?To=%2B14155552671&PageSize=3&Page=1&PageToken=PASM3"
    last = f"/2010-04-01/Accounts/{SID}/Messages.json?To=%2B14155552671&PageSize=2&Page=2&PageToken=PASM5"
    route = respx_mock.get(f"{ACCOUNT}/Messages.json").mock(side_effect=[
        httpx.Response(200, json=_page("messages", [_message("SM1"), _message("SM2"), _message("SM3")], next_page_uri=following, page_size=3)),
        httpx.Response(200, json=_page("messages", [_message("SM4"), _message("SM5")], next_page_uri=last, page_size=2)),
        httpx.Response(200, json=_page("messages", [_message("SM6")], page_size=10)),
    ])
    result = await run_action(catalog.action("twilio-list-messages"), {"to": "+14155552671", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls[0].request, "GET", f"{ACCOUNT}/Messages.json", query={"PageSize": "5", "To": "+14155552671"})
    assert_twilio(route.calls[1].request, "GET", f"{ACCOUNT}/Messages.json",
                  query={"PageSize": "2", "To": "+14155552671", "Page": "1", "PageToken": "PASM3"})
    assert [m["sid"] for m in result.ret["messages"]] == ["SM1", "SM2", "SM3", "SM4", "SM5"]
    assert result.ret["next_cursor"] == last

    resumed = await run_action(catalog.action("twilio-list-messages"), {"cursor": last, "limit": 10}, auth=AUTH)
    assert_twilio(route.calls[2].request, "GET", f"{ACCOUNT}/Messages.json",
                  query={"PageSize": "10", "To": "+14155552671", "Page": "2", "PageToken": "PASM5"})
    assert [m["sid"] for m in resumed.ret["messages"]] == ["SM6"] and resumed.ret["next_cursor"] is None

    forged = await run_action(catalog.action("twilio-list-messages"), {"cursor": "https://evil.example/x"}, auth=AUTH)
    assert "pass `next_cursor` unchanged" in forged.error and route.call_count == 3


async def test_get_message_shows_a_failure(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Messages/{MESSAGE_SID}.json").mock(
        return_value=httpx.Response(200, json=_message(status="undelivered", error_code=30003, error_message="Unreachable destination handset"))
    )
    result = await run_action(catalog.action("twilio-get-message"), {"messageSid": MESSAGE_SID}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Messages/{MESSAGE_SID}.json")
    assert result.ret["error_message"] == "Unreachable destination handset"
    assert "subresource_uris" not in result.ret
    assert result.summary == f"Message {MESSAGE_SID} to +14155552671 is undelivered, error 30003"
    whole = await run_action(catalog.action("twilio-get-message"), {"messageSid": MESSAGE_SID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _message(status="undelivered", error_code=30003, error_message="Unreachable destination handset")


async def test_delete_message(catalog, respx_mock):
    route = respx_mock.delete(f"{ACCOUNT}/Messages/{MESSAGE_SID}.json").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("twilio-delete-message"), {"messageSid": MESSAGE_SID}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "DELETE", f"{ACCOUNT}/Messages/{MESSAGE_SID}.json")
    assert result.ret == {"sid": MESSAGE_SID, "deleted": True}
    assert result.summary == f"Deleted message {MESSAGE_SID}"
    assert catalog.action("twilio-delete-message").annotations.destructive is True


# Calls


async def test_make_call_with_twiml(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Calls.json").mock(return_value=httpx.Response(201, json=_call()))
    twiml = "<Response><Say>Your order has shipped.</Say></Response>"
    result = await run_action(
        catalog.action("twilio-make-call"),
        {"to": "+14155552671", "from": "+15017122661", "twiml": twiml, "timeout": 30, "record": True}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Calls.json", form=[
        ("To", "+14155552671"), ("From", "+15017122661"), ("Twiml", twiml), ("Timeout", "30"), ("Record", "true"),
    ])
    assert result.ret["sid"] == CALL_SID and result.ret["status"] == "queued"
    assert result.summary == f"Started call {CALL_SID} to +14155552671 (queued)"
    both = await run_action(catalog.action("twilio-make-call"),
                            {"to": "+14155552671", "from": "+15017122661", "twiml": twiml, "url": "https://x.example/t.xml"}, auth=AUTH)
    assert "either TwiML or a TwiML URL" in both.error
    assert route.call_count == 1


async def test_list_calls_with_status_and_dates(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Calls.json").mock(
        return_value=httpx.Response(200, json=_page("calls", [_call(status="completed", duration="15", start_time="Tue, 31 Aug 2010 20:36:29 +0000",
                                                                   end_time="Tue, 31 Aug 2010 20:36:44 +0000", price="-0.03000")]))
    )
    result = await run_action(
        catalog.action("twilio-list-calls"), {"from": "+15017122661", "status": "completed", "startedAfter": "2010-08-01"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Calls.json",
                  query={"PageSize": "25", "From": "+15017122661", "Status": "completed", "StartTime>": "2010-08-01"})
    assert result.ret["calls"][0]["duration"] == "15" and result.ret["calls"][0]["price"] == "-0.03000"
    assert "uri" not in result.ret["calls"][0]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 call"


# Phone numbers and Lookup


async def test_list_phone_numbers(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/IncomingPhoneNumbers.json").mock(
        return_value=httpx.Response(200, json=_page("incoming_phone_numbers", [_number("PN1", "+15017122661", "(501) 712-2661")]))
    )
    result = await run_action(catalog.action("twilio-list-phone-numbers"), {"phoneNumber": "501", "limit": 20}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/IncomingPhoneNumbers.json", query={"PageSize": "20", "PhoneNumber": "501"})
    assert result.ret["phone_numbers"] == [{
        "sid": "PN1", "phone_number": "+15017122661", "friendly_name": "(501) 712-2661",
        "capabilities": {"fax": False, "mms": True, "sms": True, "voice": True},
        "sms_url": "https://demo.twilio.com/welcome/sms/reply", "voice_url": "https://demo.twilio.com/docs/voice.xml",
    }]
    assert result.summary == "Listed 1 phone number"


async def test_phone_number_options_follow_next_page_uri(catalog, respx_mock):
    next_uri = f"/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers.json?PageSize=100&Page=1&PageToken=PAPN1"
    route = respx_mock.get(f"{ACCOUNT}/IncomingPhoneNumbers.json").mock(
        side_effect=[
            httpx.Response(200, json=_page("incoming_phone_numbers", [_number("PN1", "+15017122661", "Support line")], next_page_uri=next_uri, page_size=100)),
            httpx.Response(200, json=_page("incoming_phone_numbers", [_number("PN2", "+15017122662", "Alerts", voice=False, mms=False)], page_size=100)),
        ]
    )
    action = catalog.action("twilio-send-sms")
    first = await fetch_options(action, "from", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [{"label": "Support line (+15017122661; Voice, SMS, MMS)", "value": "+15017122661"}]
    assert first["context"] == {"next_page_uri": next_uri}
    assert_twilio(route.calls[0].request, "GET", f"{ACCOUNT}/IncomingPhoneNumbers.json", query={"PageSize": "100"})
    second = await fetch_options(action, "from", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Alerts (+15017122662; SMS)", "value": "+15017122662"}]
    assert second["context"] is None
    assert_twilio(route.calls[1].request, "GET", f"{ACCOUNT}/IncomingPhoneNumbers.json",
                  query={"PageSize": "100", "Page": "1", "PageToken": "PAPN1"})
    done = await fetch_options(action, "from", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_lookup_phone_number_with_line_type(catalog, respx_mock):
    route = respx_mock.get("https://lookups.twilio.com/v2/PhoneNumbers/+14159929960").mock(
        return_value=httpx.Response(200, json={
            "calling_country_code": "1", "country_code": "US", "phone_number": "+14159929960", "national_format": "(415) 992-9960",
            "valid": True, "validation_errors": [], "caller_name": None, "sim_swap": None, "call_forwarding": None,
            "line_status": None, "identity_match": None, "reassigned_number": None, "sms_pumping_risk": None,
            "phone_number_quality_score": None, "pre_fill": None,
            "line_type_intelligence": {"carrier_name": "Twilio - SMS/MMS-SVR", "error_code": None, "mobile_country_code": "311",
                                       "mobile_network_code": "950", "type": "nonFixedVoip"},
            "url": "https://lookups.twilio.com/v2/PhoneNumbers/+14159929960",
        })
    )
    result = await run_action(
        catalog.action("twilio-lookup-phone-number"), {"phoneNumber": "+14159929960", "fields": ["line_type_intelligence"]}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", "https://lookups.twilio.com/v2/PhoneNumbers/+14159929960",
                  query={"Fields": "line_type_intelligence"})
    assert result.ret["line_type_intelligence"]["type"] == "nonFixedVoip"
    assert result.ret["national_format"] == "(415) 992-9960"
    assert "url" not in result.ret and "caller_name" not in result.ret
    assert result.summary == "+14159929960 is valid (US, nonFixedVoip)"


async def test_lookup_a_national_format_number(catalog, respx_mock):
    route = respx_mock.get("https://lookups.twilio.com/v2/PhoneNumbers/%28415%29%20992-9960").mock(
        return_value=httpx.Response(200, json={
            "calling_country_code": "1", "country_code": "US", "phone_number": "+14159929960", "national_format": "(415) 992-9960",
            "valid": True, "validation_errors": [], "url": "https://lookups.twilio.com/v2/PhoneNumbers/+14159929960"})
    )
    result = await run_action(catalog.action("twilio-lookup-phone-number"), {"phoneNumber": "(415) 992-9960", "countryCode": "us"}, auth=AUTH)
    assert result.error is None, result.error
    assert route.calls.last.request.url.params.multi_items() == [("CountryCode", "US")]
    assert route.calls.last.request.headers["authorization"] == BASIC
    assert result.summary == "+14159929960 is valid (US)"


# Errors, rejected credentials and rate limits


async def test_an_invalid_number_reports_twilios_code_and_hint(catalog, respx_mock):
    respx_mock.post(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(400, json={"code": 21211, "message": "Invalid 'To' Phone Number: +1415555",
                                               "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400})
    )
    result = await run_action(catalog.action("twilio-send-sms"), {"to": "+1415555", "from": "+15017122661", "body": "Hi"}, auth=AUTH)
    assert result.ret is None
    assert result.error.startswith(
        f"Twilio API error 400 on POST /2010-04-01/Accounts/{SID}/Messages.json: Invalid 'To' Phone Number: +1415555 "
        "(error 21211: https://www.twilio.com/docs/errors/21211)"
    )
    assert "use E.164 format such as `+14155552671`" in result.error


async def test_a_missing_message_is_a_404(catalog, respx_mock):
    respx_mock.get(f"{ACCOUNT}/Messages/SMdeadbeef.json").mock(
        return_value=httpx.Response(404, json={"code": 20404, "message": f"The requested resource /2010-04-01/Accounts/{SID}/Messages/SMdeadbeef.json was not found",
                                               "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404})
    )
    result = await run_action(catalog.action("twilio-get-message"), {"messageSid": "SMdeadbeef"}, auth=AUTH)
    assert "was not found" in result.error and "no such resource in this account; check the SID" in result.error


async def test_a_401_says_the_credentials_were_rejected(catalog, respx_mock):
    respx_mock.get(f"{ACCOUNT}/Calls.json").mock(
        return_value=httpx.Response(401, json={"code": 20003, "detail": "Your AccountSid or AuthToken was incorrect.", "message": "Authenticate",
                                               "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401})
    )
    result = await run_action(catalog.action("twilio-list-calls"), {}, auth=AUTH)
    assert "Twilio API error 401" in result.error
    assert "Twilio rejected the Account SID or Auth Token; the user should reconnect Twilio" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Messages.json").mock(
        return_value=httpx.Response(429, headers={"Retry-After": "3"}, json={
            "code": 20429, "message": "Too Many Requests", "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429})
    )
    result = await run_action(catalog.action("twilio-list-messages"), {}, auth=AUTH)
    assert "Too Many Requests" in result.error and "rate limited by Twilio; retry after 3 s" in result.error
    route.mock(return_value=httpx.Response(429, json={"code": 20429, "message": "Too Many Requests", "status": 429}))
    again = await run_action(catalog.action("twilio-list-messages"), {}, auth=AUTH)
    assert "rate limited by Twilio; retry later" in again.error


# Account test


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


def _account(status="active"):
    return {"auth_token": "redacted", "date_created": "Thu, 30 Jul 2015 20:00:00 +0000", "friendly_name": "Acme Support",
            "owner_account_sid": SID, "sid": SID, "status": status, "type": "Full", "uri": f"/2010-04-01/Accounts/{SID}.json",
            "subresource_uris": {"messages": f"/2010-04-01/Accounts/{SID}/Messages.json"}}


async def test_account_test_names_the_account(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}.json").mock(return_value=httpx.Response(200, json=_account()))
    identity = await _account_test(catalog.apps["twilio"], AUTH)
    assert identity == Identity(name="Acme Support", external_id=SID)
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}.json")


async def test_account_test_refuses_a_suspended_account_and_bad_credentials(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}.json").mock(return_value=httpx.Response(200, json=_account("suspended")))
    with pytest.raises(ActionError, match="is suspended"):
        await _account_test(catalog.apps["twilio"], AUTH)
    route.mock(return_value=httpx.Response(401, json={"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}))
    with pytest.raises(UpstreamError, match="Authenticate") as raised:
        await _account_test(catalog.apps["twilio"], AUTH)
    assert raised.value.status == 401
    assert json.loads(raised.value.body)["code"] == 20003
