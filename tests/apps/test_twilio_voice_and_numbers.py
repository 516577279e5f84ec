"""Twilio calls, recordings, usage and number management at the HTTP boundary, with answers shaped
like Twilio's API reference."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_twilio import ACCOUNT, AUTH, CALL_SID, MESSAGE_SID, SID, _call, _message, _number, _page, assert_twilio

RECORDING_SID = "RE557ce644e5ab84fa21cc21112e22c485"
NUMBER_SID = "PN2a0747eba6abf96b7e3c3ff0b4530f6e"


def _recording(sid=RECORDING_SID, **extra):
    return {
        "account_sid": SID,
        "api_version": "2010-04-01",
        "call_sid": CALL_SID,
        "conference_sid": None,
        "channels": 1,
        "date_created": "Fri, 14 Oct 2016 21:56:34 +0000",
        "date_updated": "Fri, 14 Oct 2016 21:56:38 +0000",
        "start_time": "Fri, 14 Oct 2016 21:56:34 +0000",
        "duration": "4",
        "price": "-0.00250",
        "price_unit": "USD",
        "sid": sid,
        "source": "OutboundAPI",
        "status": "completed",
        "error_code": None,
        "encryption_details": None,
        "media_url": f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Recordings/{sid}",
        "subresource_uris": {"transcriptions": f"/2010-04-01/Accounts/{SID}/Recordings/{sid}/Transcriptions.json"},
        "uri": f"/2010-04-01/Accounts/{SID}/Recordings/{sid}.json",
        **extra,
    }


def _usage(category="sms", description="SMS Messages", count="112", usage="112", unit="messages", price="0.88"):
    return {
        "account_sid": SID, "api_version": "2010-04-01", "as_of": "2026-12-07T10:00:00+00:00", "category": category,
        "count": count, "count_unit": unit, "description": description, "end_date": "2026-11-30", "price": price,
        "price_unit": "usd", "start_date": "2026-11-01", "usage": usage, "usage_unit": unit,
        "subresource_uris": {}, "uri": f"/2010-04-01/Accounts/{SID}/Usage/Records.json?Category={category}",
    }


async def test_get_call_is_trimmed_and_whole_on_request(catalog, respx_mock):
    call = _call(status="completed", duration="15", start_time="Tue, 31 Aug 2010 20:36:29 +0000")
    route = respx_mock.get(f"{ACCOUNT}/Calls/{CALL_SID}.json").mock(return_value=httpx.Response(200, json=call))
    result = await run_action(catalog.action("twilio-get-call"), {"callSid": CALL_SID}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Calls/{CALL_SID}.json")
    assert result.ret["status"] == "completed" and "uri" not in result.ret
    assert result.summary == f"Call {CALL_SID} to +14155552671 is completed, 15 s"
    whole = await run_action(catalog.action("twilio-get-call"), {"callSid": CALL_SID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == call


async def test_update_call_hangs_up_or_redirects(catalog, respx_mock):
    route = respx_mock.post(f"{ACCOUNT}/Calls/{CALL_SID}.json").mock(return_value=httpx.Response(200, json=_call(status="completed")))
    action = catalog.action("twilio-update-call")
    result = await run_action(action, {"callSid": CALL_SID, "status": "completed"}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Calls/{CALL_SID}.json", form=[("Status", "completed")])
    assert result.summary == f"Ended call {CALL_SID} (completed)"
    twiml = "<Response><Say>Transferring you now</Say></Response>"
    await run_action(action, {"callSid": CALL_SID, "twiml": twiml}, auth=AUTH)
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/Calls/{CALL_SID}.json", form=[("Twiml", twiml)])
    both = await run_action(action, {"callSid": CALL_SID, "status": "completed", "url": "https://example.com/t.xml"}, auth=AUTH)
    assert "give one of" in both.error and route.call_count == 2
    assert action.annotations.destructive is True


async def test_a_call_no_longer_in_progress_says_what_to_check(catalog, respx_mock):
    respx_mock.post(f"{ACCOUNT}/Calls/{CALL_SID}.json").mock(return_value=httpx.Response(400, json={
        "code": 21220, "message": "Call is not in-progress. Cannot redirect.", "more_info": "https://www.twilio.com/docs/errors/21220", "status": 400}))
    result = await run_action(catalog.action("twilio-update-call"), {"callSid": CALL_SID, "url": "https://example.com/t.xml"}, auth=AUTH)
    assert "check its status with twilio-get-call" in result.error


async def test_call_options_list_recent_calls(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Calls.json").mock(return_value=httpx.Response(200, json=_page("calls", [_call(status="completed")], page_size=100)))
    page = await fetch_options(catalog.action("twilio-get-call"), "callSid", {}, auth=AUTH)
    assert page["options"] == [{"label": "+15017122661 → +14155552671, completed, Tue, 31 Aug 2010 20:36:28 +0000", "value": CALL_SID}]
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Calls.json", query={"PageSize": "100"})


async def test_list_recordings_of_a_call(catalog, respx_mock):
    following = f"/2010-04-01/Accounts/{SID}/Recordings.json?CallSid={CALL_SID}&PageSize=1&Page=1&PageToken=PARE1"
    route = respx_mock.get(f"{ACCOUNT}/Recordings.json").mock(
        return_value=httpx.Response(200, json=_page("recordings", [_recording()], next_page_uri=following, page_size=1)))
    result = await run_action(catalog.action("twilio-list-recordings"),
                              {"callSid": CALL_SID, "createdAfter": "2016-10-01", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Recordings.json",
                  query={"PageSize": "1", "CallSid": CALL_SID, "DateCreated>": "2016-10-01"})
    assert result.ret == {"recordings": [{
        "sid": RECORDING_SID, "call_sid": CALL_SID, "conference_sid": None, "status": "completed", "source": "OutboundAPI",
        "channels": 1, "duration": "4", "start_time": "Fri, 14 Oct 2016 21:56:34 +0000",
        "date_created": "Fri, 14 Oct 2016 21:56:34 +0000", "price": "-0.00250", "price_unit": "USD", "error_code": None,
        "media_url": f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Recordings/{RECORDING_SID}",
    }], "next_cursor": following}
    assert result.summary == "Listed 1 recording (more available)"


async def test_get_recording_and_its_options(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Recordings/{RECORDING_SID}.json").mock(return_value=httpx.Response(200, json=_recording()))
    result = await run_action(catalog.action("twilio-get-recording"), {"recordingSid": RECORDING_SID}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Recordings/{RECORDING_SID}.json")
    assert result.ret["duration"] == "4" and "subresource_uris" not in result.ret
    assert result.summary == f"Recording {RECORDING_SID} of call {CALL_SID} is completed, 4 s"
    respx_mock.get(f"{ACCOUNT}/Recordings.json").mock(return_value=httpx.Response(200, json=_page("recordings", [_recording()], page_size=100)))
    page = await fetch_options(catalog.action("twilio-get-recording"), "recordingSid", {}, auth=AUTH)
    assert page["options"] == [{"label": f"4 s, call {CALL_SID}, Fri, 14 Oct 2016 21:56:34 +0000", "value": RECORDING_SID}]


async def test_list_usage_records_for_a_category_and_range(catalog, respx_mock):
    route = respx_mock.get(f"{ACCOUNT}/Usage/Records.json").mock(return_value=httpx.Response(200, json=_page("usage_records", [_usage()])))
    result = await run_action(catalog.action("twilio-list-usage-records"),
                              {"category": "sms", "startDate": "2026-11-01", "endDate": "2026-11-30"}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "GET", f"{ACCOUNT}/Usage/Records.json",
                  query={"PageSize": "25", "Category": "sms", "StartDate": "2026-11-01", "EndDate": "2026-11-30"})
    assert result.ret == {"usage_records": [{
        "category": "sms", "description": "SMS Messages", "start_date": "2026-11-01", "end_date": "2026-11-30", "count": "112",
        "count_unit": "messages", "usage": "112", "usage_unit": "messages", "price": "0.88", "price_unit": "usd",
    }], "next_cursor": None}
    assert result.summary == "Listed 1 usage record"


async def test_update_phone_number_webhooks(catalog, respx_mock):
    updated = {**_number(NUMBER_SID, "+15017122661", "Support line"), "sms_url": "https://example.com/sms", "sms_method": "POST",
               "voice_method": "POST", "sms_fallback_url": "", "voice_fallback_url": "", "status_callback": ""}
    route = respx_mock.post(f"{ACCOUNT}/IncomingPhoneNumbers/{NUMBER_SID}.json").mock(return_value=httpx.Response(200, json=updated))
    action = catalog.action("twilio-update-phone-number")
    result = await run_action(action, {"phoneNumberSid": NUMBER_SID, "smsUrl": "https://example.com/sms", "smsMethod": "POST",
                                       "friendlyName": "Support line"}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(route.calls.last.request, "POST", f"{ACCOUNT}/IncomingPhoneNumbers/{NUMBER_SID}.json", form=[
        ("FriendlyName", "Support line"), ("SmsUrl", "https://example.com/sms"), ("SmsMethod", "POST")])
    assert result.ret["sms_url"] == "https://example.com/sms" and result.ret["sid"] == NUMBER_SID
    assert result.summary == "Updated +15017122661 (FriendlyName, SmsUrl, SmsMethod)"
    nothing = await run_action(action, {"phoneNumberSid": NUMBER_SID}, auth=AUTH)
    assert nothing.error.startswith("nothing to change") and route.call_count == 1
    assert action.annotations.idempotent is True

    respx_mock.get(f"{ACCOUNT}/IncomingPhoneNumbers.json").mock(
        return_value=httpx.Response(200, json=_page("incoming_phone_numbers", [_number(NUMBER_SID, "+15017122661", "Support line")], page_size=100)))
    page = await fetch_options(action, "phoneNumberSid", {}, auth=AUTH)
    assert page["options"] == [{"label": "Support line (+15017122661)", "value": NUMBER_SID}]


async def test_search_available_numbers_then_buy_one(catalog, respx_mock):
    available = {
        "available_phone_numbers": [{
            "address_requirements": "none", "beta": False, "capabilities": {"mms": True, "sms": False, "voice": True},
            "friendly_name": "(510) 564-7903", "iso_country": "US", "lata": "722", "latitude": "37.850000", "locality": "Oakland",
            "longitude": "-122.250000", "phone_number": "+15105647903", "postal_code": "94602", "rate_center": "OKLD TRNID",
            "region": "CA",
        }],
        "uri": f"/2010-04-01/Accounts/{SID}/AvailablePhoneNumbers/US/Local.json?AreaCode=510",
    }
    search = respx_mock.get(f"{ACCOUNT}/AvailablePhoneNumbers/US/Local.json").mock(return_value=httpx.Response(200, json=available))
    result = await run_action(catalog.action("twilio-search-available-phone-numbers"),
                              {"countryCode": "us", "areaCode": 510, "smsEnabled": False, "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_twilio(search.calls.last.request, "GET", f"{ACCOUNT}/AvailablePhoneNumbers/US/Local.json",
                  query={"PageSize": "5", "AreaCode": "510", "SmsEnabled": "false"})
    assert result.ret == [{"phone_number": "+15105647903", "friendly_name": "(510) 564-7903", "locality": "Oakland", "region": "CA",
                           "postal_code": "94602", "iso_country": "US", "address_requirements": "none",
                           "capabilities": {"mms": True, "sms": False, "voice": True}}]
    assert result.summary == "Found 1 available number in US"

    toll_free = respx_mock.get(f"{ACCOUNT}/AvailablePhoneNumbers/US/TollFree.json").mock(
        return_value=httpx.Response(200, json={"available_phone_numbers": [], "uri": "/x"}))
    await run_action(catalog.action("twilio-search-available-phone-numbers"), {"type": "toll_free", "contains": "STORM"}, auth=AUTH)
    assert toll_free.calls.last.request.url.params["Contains"] == "STORM"

    buy = respx_mock.post(f"{ACCOUNT}/IncomingPhoneNumbers.json").mock(
        return_value=httpx.Response(201, json=_number(NUMBER_SID, "+15105647903", "Oakland line")))
    bought = await run_action(catalog.action("twilio-buy-phone-number"),
                              {"phoneNumber": "+15105647903", "friendlyName": "Oakland line", "voiceUrl": "https://example.com/voice"}, auth=AUTH)
    assert bought.error is None, bought.error
    assert_twilio(buy.calls.last.request, "POST", f"{ACCOUNT}/IncomingPhoneNumbers.json", form=[
        ("PhoneNumber", "+15105647903"), ("FriendlyName", "Oakland line"), ("VoiceUrl", "https://example.com/voice")])
    assert bought.ret["sid"] == NUMBER_SID and bought.summary == f"Bought +15105647903 ({NUMBER_SID})"
    neither = await run_action(catalog.action("twilio-buy-phone-number"), {}, auth=AUTH)
    assert "either the phone number to buy or an area code" in neither.error and buy.call_count == 1


async def test_a_number_no_longer_for_sale_points_back_to_search(catalog, respx_mock):
    respx_mock.post(f"{ACCOUNT}/IncomingPhoneNumbers.json").mock(return_value=httpx.Response(400, json={
        "code": 21422, "message": "PhoneNumber is not available", "more_info": "https://www.twilio.com/docs/errors/21422", "status": 400}))
    result = await run_action(catalog.action("twilio-buy-phone-number"), {"phoneNumber": "+15105647903"}, auth=AUTH)
    assert "search again with twilio-search-available-phone-numbers" in result.error


async def test_message_options_list_recent_messages(catalog, respx_mock):
    respx_mock.get(f"{ACCOUNT}/Messages.json").mock(return_value=httpx.Response(200, json=_page("messages", [_message()], page_size=100)))
    page = await fetch_options(catalog.action("twilio-get-message"), "messageSid", {}, auth=AUTH)
    assert page["options"] == [{"label": "+15017122661 → +14155552671: Hi there", "value": MESSAGE_SID}]
