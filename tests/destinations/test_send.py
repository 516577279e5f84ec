"""`$.send` checks its arguments when the action calls it, and keeps what it was given."""

from __future__ import annotations

import json

import pytest

from mcp_gateway.destinations import DestinationError, Rules, RunInfo, Send
from mcp_gateway.destinations.items import DeliveryItem, EmitItem, S3Item, SseItem
from mcp_gateway.net import EgressPolicy

RUN = RunInfo("run_test", "proj_test", "development", "user-1", "demo-action")


def send(**rules) -> Send:
    return Send(RUN, Rules(**rules))


def test_s3_takes_one_object_or_keywords_and_normalizes_the_prefix():
    s = send()
    s.s3({"bucket": "my-bucket", "prefix": "/logs/app/", "payload": {"name": "Luke", "n": 1}})
    s.s3(bucket="my-bucket", payload="plain text")
    assert s.pending == [
        S3Item("my-bucket", "logs/app", '{"name":"Luke","n":1}'),
        S3Item("my-bucket", "", '"plain text"'),
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"prefix": "p", "payload": 1}, "bucket is required"),
        ({"bucket": "my-bucket"}, "payload is required"),
        ({"bucket": "My_Bucket", "payload": 1}, "is not an S3 bucket name"),
        ({"bucket": "my-bucket", "payload": 1, "key": "x"}, "unknown field 'key'"),
        ({"bucket": "my-bucket", "payload": {"when": object()}}, "must be JSON-serializable"),
        ({"bucket": "my-bucket", "payload": float("nan")}, "must be JSON-serializable"),
        ({"bucket": "my-bucket", "payload": "x" * (1024 * 1024 + 1)}, "larger than 1024 KB"),
        ({"bucket": "my-bucket", "prefix": "a\nb", "payload": 1}, "one line"),
    ],
)
def test_s3_names_the_bad_argument(call, message):
    with pytest.raises(DestinationError, match=message):
        send().s3(call)


def test_s3_refuses_buckets_outside_the_allow_list():
    with pytest.raises(DestinationError, match="not one this gateway delivers to"):
        send(s3_buckets=("allowed-bucket",)).s3(bucket="other-bucket", payload=1)
    send(s3_buckets=("allowed-bucket",)).s3(bucket="allowed-bucket", payload=1)


def test_object_or_keywords_not_both():
    with pytest.raises(DestinationError, match="not both"):
        send().s3({"bucket": "my-bucket"}, payload=1)
    with pytest.raises(DestinationError, match="takes an object"):
        send().sse(["events", 1])  # type: ignore[arg-type]


def test_http_keeps_the_request_and_shows_only_scheme_host_and_path():
    s = send()
    s.http({
        "method": "post", "url": "https://user:pw@example.com/hook?token=secret",
        "headers": {"X-Key": "k"}, "params": {"a": 1}, "auth": {"username": "u", "password": "p"},
        "data": {"name": "Luke Skywalker"},
    })
    s.http(method="PUT", url="https://example.com/raw", body="text as is")
    first, second = s.pending
    assert isinstance(first, DeliveryItem) and first.kind == "http"
    assert first.target == "https://example.com/hook"
    assert first.request["method"] == "POST" and first.request["params"] == {"a": "1"}
    assert json.loads(first.request["json"]) == {"name": "Luke Skywalker"} and first.request["auth"] == ["u", "p"]
    assert second.request["content"] == "text as is" and "json" not in second.request


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"method": "FETCH", "url": "https://example.com"}, "method must be one of"),
        ({"method": "GET", "url": "ftp://example.com"}, "absolute http"),
        ({"method": "GET", "url": "http://127.0.0.1:8080/admin"}, "a loopback address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=127.0.0.0/8"),
        ({"method": "GET", "url": "http://2130706433/"}, "resolves to 127.0.0.1, a loopback address"),
        ({"method": "GET", "url": "http://localhost/"}, "a loopback address"),
        ({"method": "GET", "url": "http://10.1.2.3/"}, "a private address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=10.0.0.0/8"),
        ({"method": "GET", "url": "http://[fd00::1]/"}, "a unique-local address"),
        ({"method": "POST", "url": "https://example.com", "data": 1, "body": "x"}, "not both"),
        ({"method": "GET", "url": "https://example.com", "headers": ["x"]}, "object of names"),
        ({"method": "GET", "url": "https://example.com", "auth": {"username": "u"}}, "username, password"),
    ],
)
def test_http_names_the_bad_argument(call, message):
    with pytest.raises(DestinationError, match=message):
        send().http(call)


def test_http_to_private_addresses_when_the_operator_allows_it():
    send(egress=EgressPolicy.allowing("127.0.0.0/8")).http(method="GET", url="http://127.0.0.1:8080/")


def test_email_goes_to_the_gateway_recipients_unless_told_otherwise():
    s = send(email_enabled=True, email_to=("me@example.com",))
    s.email({"subject": "Your subject", "text": "Plain text email body", "html": "<b>HTML</b>"})
    s.email(subject="Hi", text="body", to=["a@example.com", "b@example.com"])
    assert s.pending[0].request == {"to": ["me@example.com"], "subject": "Your subject", "text": "Plain text email body", "html": "<b>HTML</b>"}
    assert s.pending[1].target == "a@example.com, b@example.com"


@pytest.mark.parametrize(
    ("rules", "call", "message"),
    [
        ({}, {"subject": "s", "text": "t"}, "email is not configured"),
        ({"email_enabled": True}, {"subject": "s", "text": "t"}, "no recipient"),
        ({"email_enabled": True}, {"subject": "s", "text": "t", "to": "not-an-address"}, "is not an email address"),
        ({"email_enabled": True}, {"subject": "a\r\nBcc: x@example.com", "text": "t", "to": "a@example.com"}, "one line"),
        ({"email_enabled": True}, {"text": "t", "to": "a@example.com"}, "subject is required"),
    ],
)
def test_email_names_the_bad_argument(rules, call, message):
    with pytest.raises(DestinationError, match=message):
        send(**rules).email(call)


def test_sse_and_emit():
    s = send()
    s.sse({"channel": "events", "payload": {"name": "Luke Skywalker"}})
    s.emit({"name": "Yoda"})
    s.emit({"name": "Han"}, "channel_name")
    s.emit({"raw_event": {"name": "Leia"}})
    s.emit(raw_event=[1, 2])
    assert s.pending == [
        SseItem("events", '{"name":"Luke Skywalker"}'),
        EmitItem('{"name":"Yoda"}', None),
        EmitItem('{"name":"Han"}', "channel_name"),
        EmitItem('{"name":"Leia"}', None),
        EmitItem("[1,2]", None),
    ]
    with pytest.raises(DestinationError, match="channel is required"):
        s.sse(payload=1)
    with pytest.raises(DestinationError, match="the event is required"):
        s.emit()


def test_a_failed_run_discards_its_sends():
    s = send()
    s.sse(channel="events", payload=1)
    s.emit({"n": 1})
    assert s.discard() == 2 and s.pending == []
