import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.postmarkapp.com"
AUTH = {"server_token": "pm-server-token-1"}
MESSAGE_ID = "0a129aee-e1cd-480d-b08d-4f48548ff48d"

# Fields of Postmark's reference newer than the directory's description (message streams and
# metadata came in 2020), and a choice it writes as two required fields.
VENDOR_EXEMPT = {
    ("POST", "/email", "MessageStream"): "message streams, in the reference's Send a single email",
    ("POST", "/email", "Metadata"): "message metadata, in the reference's Send a single email",
    ("POST", "/email/batch", "MessageStream"): "message streams, in the reference's Send batch emails",
    ("POST", "/email/withTemplate", "TemplateId"): "the reference takes TemplateId or TemplateAlias, not both",
    ("POST", "/email/withTemplate", "TemplateAlias"): "the reference takes TemplateId or TemplateAlias, not both",
    ("PUT", "/templates/{templateIdOrAlias}", "TemplateId"): "the path names the template (reference: Edit a template)",
}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["x-postmark-server-token"] == "pm-server-token-1"
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _sent(to="bob@example.com", error_code=0, message="OK"):
    return {"To": to, "SubmittedAt": "2026-12-06T09:12:15.1234567-05:00", "MessageID": MESSAGE_ID,
            "ErrorCode": error_code, "Message": message}


def _outbound(subject="Your receipt"):
    return {"Tag": "receipt", "MessageID": MESSAGE_ID, "MessageStream": "outbound",
            "To": [{"Email": "bob@example.com", "Name": None}], "Cc": [], "Bcc": [], "Recipients": ["bob@example.com"],
            "ReceivedAt": "2026-12-06T09:12:15.1234567-05:00", "From": "\"Ada\" <ada@example.com>", "Subject": subject,
            "Attachments": [], "Status": "Sent", "TrackOpens": True, "TrackLinks": "HtmlOnly", "Metadata": {"order": "1042"}}


def _bounce(bounce_id=692560173):
    return {"ID": bounce_id, "Type": "HardBounce", "TypeCode": 1, "Name": "Hard bounce", "Tag": "receipt",
            "MessageID": MESSAGE_ID, "ServerID": 23, "MessageStream": "outbound",
            "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
            "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
            "Email": "gone@example.com", "From": "ada@example.com", "BouncedAt": "2026-12-01T10:00:00.0000000-05:00",
            "DumpAvailable": True, "Inactive": True, "CanActivate": True, "Subject": "Your receipt"}


def _template(template_id=1234, alias="welcome"):
    return {"Name": "Welcome email", "TemplateId": template_id, "Alias": alias, "Subject": "Welcome, {{name}}",
            "HtmlBody": "<p>Hi {{name}}</p>", "TextBody": "Hi {{name}}", "AssociatedServerId": 23, "Active": True,
            "TemplateType": "Standard", "LayoutTemplate": None}


async def test_send_email_sends_postmarks_fields_and_returns_the_message_id(catalog, respx_mock):
    route = respx_mock.post(f"{API}/email").mock(return_value=httpx.Response(200, json=_sent("bob@example.com, eve@example.com")))
    result = await run_action(catalog.action("postmark-send-email"), {
        "from": "Ada <ada@example.com>", "to": ["bob@example.com", "eve@example.com"], "subject": "Your receipt",
        "htmlBody": "<p>Thanks!</p>", "textBody": "Thanks!", "cc": ["cc@example.com"], "tag": "receipt",
        "trackOpens": True, "metadata": {"order": 1042}, "messageStream": "outbound"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/email", body={
        "From": "Ada <ada@example.com>", "To": "bob@example.com, eve@example.com", "Subject": "Your receipt",
        "HtmlBody": "<p>Thanks!</p>", "TextBody": "Thanks!", "Cc": "cc@example.com", "Tag": "receipt",
        "TrackOpens": True, "Metadata": {"order": "1042"}, "MessageStream": "outbound"})
    assert result.ret == {"message_id": MESSAGE_ID, "to": "bob@example.com, eve@example.com",
                          "submitted_at": "2026-12-06T09:12:15.1234567-05:00", "error_code": 0, "message": "OK"}


async def test_send_email_needs_a_body(catalog, respx_mock):
    result = await run_action(catalog.action("postmark-send-email"),
                              {"from": "ada@example.com", "to": ["bob@example.com"], "subject": "Hi"}, auth=AUTH)
    assert result.error == "give the email a body: htmlBody, textBody or both"
    assert not respx_mock.calls


async def test_send_email_with_template_by_alias_or_id(catalog, respx_mock):
    route = respx_mock.post(f"{API}/email/withTemplate").mock(return_value=httpx.Response(200, json=_sent()))
    await run_action(catalog.action("postmark-send-email-with-template"), {
        "template": "welcome", "templateModel": {"name": "Bob"}, "from": "ada@example.com", "to": ["bob@example.com"]}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/email/withTemplate", body={
        "TemplateAlias": "welcome", "TemplateModel": {"name": "Bob"}, "From": "ada@example.com", "To": "bob@example.com"})
    await run_action(catalog.action("postmark-send-email-with-template"),
                     {"template": "1234", "from": "ada@example.com", "to": ["bob@example.com"]}, auth=AUTH)
    assert json.loads(route.calls.last.request.content)["TemplateId"] == 1234


async def test_send_batch_reports_each_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/email/batch").mock(return_value=httpx.Response(200, json=[
        _sent("bob@example.com"), {"ErrorCode": 406, "Message": "You tried to send to a recipient that has been marked as inactive."}]))
    result = await run_action(catalog.action("postmark-send-batch-emails"), {"from": "ada@example.com", "messages": [
        {"to": ["bob@example.com"], "subject": "A", "textBody": "a"},
        {"to": "gone@example.com", "subject": "B", "htmlBody": "<b>b</b>", "tag": "t"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/email/batch", body=[
        {"From": "ada@example.com", "To": "bob@example.com", "Subject": "A", "TextBody": "a"},
        {"From": "ada@example.com", "To": "gone@example.com", "Subject": "B", "HtmlBody": "<b>b</b>", "Tag": "t"}])
    assert result.ret[1]["error_code"] == 406 and result.summary == "Sent 1 of 2 emails; 1 refused"


async def test_send_batch_checks_each_message_before_sending(catalog, respx_mock):
    result = await run_action(catalog.action("postmark-send-batch-emails"),
                              {"from": "ada@example.com", "messages": [{"to": ["bob@example.com"], "subject": "A"}]}, auth=AUTH)
    assert result.error == "message 1 needs `to`, `subject` and `htmlBody` or `textBody`"
    assert not respx_mock.calls


async def test_list_messages_pages_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/messages/outbound").mock(side_effect=[
        httpx.Response(200, json={"TotalCount": 3, "Messages": [_outbound(), _outbound("Second")]}),
        httpx.Response(200, json={"TotalCount": 3, "Messages": [_outbound("Third")]}),
    ])
    action = catalog.action("postmark-list-messages")
    first = await run_action(action, {"recipient": "bob@example.com", "tag": "receipt", "fromDate": "2026-12-01", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/messages/outbound", params={
        "recipient": "bob@example.com", "tag": "receipt", "fromdate": "2026-12-01", "count": "2", "offset": "0"})
    assert first.ret["next_cursor"] == "2" and first.ret["total"] == 3
    assert first.ret["messages"][0] == {"message_id": MESSAGE_ID, "subject": "Your receipt", "from": "\"Ada\" <ada@example.com>",
                                        "to": ["bob@example.com"], "status": "Sent", "tag": "receipt",
                                        "received_at": "2026-12-06T09:12:15.1234567-05:00", "message_stream": "outbound"}
    second = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert route.calls[1].request.url.params["offset"] == "2"
    assert second.ret["next_cursor"] is None and [m["subject"] for m in second.ret["messages"]] == ["Third"]


async def test_get_message_returns_the_body_and_delivery_events(catalog, respx_mock):
    details = {**_outbound(), "TextBody": "Thanks!", "HtmlBody": "<p>Thanks!</p>", "Body": "raw",
               "MessageEvents": [{"Recipient": "bob@example.com", "Type": "Delivered", "ReceivedAt": "2026-12-06T09:12:20-05:00",
                                  "Details": {"DeliveryMessage": "250 OK", "DestinationServer": "mx.example.com", "DestinationIP": "192.0.2.1"}}]}
    route = respx_mock.get(f"{API}/messages/outbound/{MESSAGE_ID}/details").mock(return_value=httpx.Response(200, json=details))
    result = await run_action(catalog.action("postmark-get-message"), {"messageId": MESSAGE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/messages/outbound/{MESSAGE_ID}/details")
    assert result.ret["text_body"] == "Thanks!" and result.ret["events"] == [
        {"type": "Delivered", "recipient": "bob@example.com", "at": "2026-12-06T09:12:20-05:00",
         "details": {"DeliveryMessage": "250 OK", "DestinationServer": "mx.example.com", "DestinationIP": "192.0.2.1"}}]
    whole = await run_action(catalog.action("postmark-get-message"), {"messageId": MESSAGE_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == details


async def test_list_bounces_filters_and_activate_bounce(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/bounces").mock(return_value=httpx.Response(200, json={"TotalCount": 1, "Bounces": [_bounce()]}))
    result = await run_action(catalog.action("postmark-list-bounces"), {"type": "HardBounce", "inactive": True, "limit": 50}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/bounces",
                   params={"type": "HardBounce", "inactive": "true", "count": "50", "offset": "0"})
    assert result.ret["bounces"][0]["email"] == "gone@example.com" and result.ret["next_cursor"] is None

    activated = respx_mock.put(f"{API}/bounces/692560173/activate").mock(return_value=httpx.Response(200, json={
        "Message": "OK", "Bounce": {**_bounce(), "Inactive": False, "CanActivate": False}}))
    result = await run_action(catalog.action("postmark-activate-bounce"), {"bounceId": 692560173}, auth=AUTH)
    assert_request(activated.calls.last.request, "PUT", "/bounces/692560173/activate")
    assert result.ret["bounce"]["inactive"] is False and result.summary == "Reactivated gone@example.com"


async def test_an_inactive_recipient_says_how_to_reactivate(catalog, respx_mock):
    respx_mock.post(f"{API}/email").mock(return_value=httpx.Response(422, json={
        "ErrorCode": 406, "Message": "You tried to send to a recipient that has been marked as inactive."}))
    result = await run_action(catalog.action("postmark-send-email"),
                              {"from": "ada@example.com", "to": ["gone@example.com"], "subject": "Hi", "textBody": "x"}, auth=AUTH)
    assert "marked as inactive" in result.error and "postmark-activate-bounce" in result.error


async def test_delivery_and_outbound_stats(catalog, respx_mock):
    delivery = respx_mock.get(f"{API}/deliverystats").mock(return_value=httpx.Response(200, json={
        "InactiveMails": 192, "Bounces": [{"Name": "All", "Count": 253}, {"Type": "HardBounce", "Name": "Hard bounce", "Count": 195}]}))
    result = await run_action(catalog.action("postmark-get-delivery-stats"), {}, auth=AUTH)
    assert_request(delivery.calls.last.request, "GET", "/deliverystats")
    assert result.ret == {"inactive_addresses": 192, "bounces": {"All": 253, "Hard bounce": 195}}

    outbound = respx_mock.get(f"{API}/stats/outbound").mock(return_value=httpx.Response(200, json={
        "Sent": 615, "Bounced": 64, "SMTPApiErrors": 25, "BounceRate": 10.406, "SpamComplaints": 10,
        "SpamComplaintsRate": 1.626, "Opens": 166, "UniqueOpens": 26, "Tracked": 111, "WithLinkTracking": 90,
        "WithOpenTracking": 51, "TotalTrackedLinksSent": 60, "UniqueLinksClicked": 30, "TotalClicks": 72}))
    result = await run_action(catalog.action("postmark-get-outbound-stats"),
                              {"tag": "welcome", "fromDate": "2026-11-01", "toDate": "2026-11-30"}, auth=AUTH)
    assert_request(outbound.calls.last.request, "GET", "/stats/outbound",
                   params={"tag": "welcome", "fromdate": "2026-11-01", "todate": "2026-11-30"})
    assert result.ret["Sent"] == 615 and "SMTPApiErrors" not in result.ret


async def test_templates_list_get_create_update_delete(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/templates").mock(return_value=httpx.Response(200, json={"TotalCount": 1, "Templates": [
        {"Active": True, "TemplateId": 1234, "Name": "Welcome email", "Alias": "welcome", "TemplateType": "Standard", "LayoutTemplate": None}]}))
    result = await run_action(catalog.action("postmark-list-templates"), {}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/templates", params={"Count": "25", "Offset": "0"})
    assert result.ret["templates"] == [{"template_id": 1234, "name": "Welcome email", "alias": "welcome", "subject": None,
                                        "active": True, "template_type": "Standard"}]

    got = respx_mock.get(f"{API}/templates/welcome").mock(return_value=httpx.Response(200, json=_template()))
    result = await run_action(catalog.action("postmark-get-template"), {"template": "welcome"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/templates/welcome")
    assert result.ret["html_body"] == "<p>Hi {{name}}</p>"

    created = respx_mock.post(f"{API}/templates").mock(return_value=httpx.Response(200, json={
        "TemplateId": 5678, "Name": "Receipt", "Alias": "receipt", "Active": True, "TemplateType": "Standard", "LayoutTemplate": None}))
    result = await run_action(catalog.action("postmark-create-template"), {
        "name": "Receipt", "alias": "receipt", "subject": "Your receipt", "textBody": "Total: {{total}}"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/templates", body={
        "Name": "Receipt", "Subject": "Your receipt", "Alias": "receipt", "TextBody": "Total: {{total}}"})
    assert result.ret["template_id"] == 5678 and result.ret["subject"] == "Your receipt"

    updated = respx_mock.put(f"{API}/templates/5678").mock(return_value=httpx.Response(200, json={
        "TemplateId": 5678, "Name": "Receipt v2", "Alias": "receipt", "Active": True, "TemplateType": "Standard", "LayoutTemplate": None}))
    result = await run_action(catalog.action("postmark-update-template"), {"template": "5678", "name": "Receipt v2"}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", "/templates/5678", body={"Name": "Receipt v2"})

    deleted = respx_mock.delete(f"{API}/templates/5678").mock(return_value=httpx.Response(200, json={
        "ErrorCode": 0, "Message": "Template 5678 removed."}))
    result = await run_action(catalog.action("postmark-delete-template"), {"template": "5678"}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/templates/5678")
    assert result.ret == {"template": "5678", "deleted": True} and result.summary == "Template 5678 removed."


async def test_template_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/templates").mock(side_effect=[
        httpx.Response(200, json={"TotalCount": 2, "Templates": [{"TemplateId": 1, "Name": "A", "Alias": "a"}]}),
        httpx.Response(200, json={"TotalCount": 2, "Templates": [{"TemplateId": 2, "Name": "B", "Alias": None}]}),
    ])
    action = catalog.action("postmark-send-email-with-template")
    first = await fetch_options(action, "template", {}, auth=AUTH)
    assert first["options"] == [{"label": "A", "value": "a"}] and first["context"] == {"offset": 1}
    second = await fetch_options(action, "template", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "B", "value": "2"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"Count": "100", "Offset": "1"}


async def test_a_rejected_token_and_a_rate_limit(catalog, respx_mock):
    respx_mock.get(f"{API}/deliverystats").mock(side_effect=[
        httpx.Response(401, json={"ErrorCode": 10, "Message": "The Server Token you provided in the X-Postmark-Server-Token request header was invalid."}),
        httpx.Response(429, headers={"Retry-After": "12"}, json={"ErrorCode": 429, "Message": "Rate limit exceeded"}),
    ])
    action = catalog.action("postmark-get-delivery-stats")
    assert "reconnect Postmark" in (await run_action(action, {}, auth=AUTH)).error
    assert "rate limited by Postmark; retry after 12 s" in (await run_action(action, {}, auth=AUTH)).error
