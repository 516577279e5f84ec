"""Finding embedded files in JSON, saying where they were, and decoding their base64."""

from __future__ import annotations

import base64

import pytest

from mcp_gateway.files import BadFileInput
from mcp_gateway.files.payload import decode, embedded_files, file_id_of, mentions_files, pointer, replace_at


def test_embedded_files_are_found_wherever_they_are():
    doc = {"attachments": [{"file": {"name": "a.pdf", "contentBytes": "JVBE"}}, {"note": "x"}],
           "cover": {"name": "c.txt", "contentType": "text/plain", "contentBytes": "aGk="},
           "name": "not a file", "contentBytes": 5}
    found = [(pointer(at), f["name"]) for at, f in embedded_files(doc)]
    assert found == [("attachments[0].file", "a.pdf"), ("cover", "c.txt")]


@pytest.mark.parametrize(("at", "expected"), [
    (("attachments", 0, "file"), "attachments[0].file"),
    ((0, "x"), "[0].x"),
    (("my file", "a.b"), '["my file"]["a.b"]'),
    ((), ""),
])
def test_pointers_read_like_the_payload(at, expected):
    assert pointer(at) == expected


def test_replacing_leaves_the_original_untouched():
    doc = {"a": [{"b": 1}, {"c": 2}], "d": {"e": 3}}
    out = replace_at(doc, ("a", 1), "X")
    assert out == {"a": [{"b": 1}, "X"], "d": {"e": 3}}
    assert doc == {"a": [{"b": 1}, {"c": 2}], "d": {"e": 3}}
    assert out["d"] is doc["d"]


def test_references_and_bare_ids_are_recognised():
    assert file_id_of({"file_id": "file_abc", "name": "x"}) == "file_abc"
    assert file_id_of("file_" + "A1" * 12) == "file_" + "A1" * 12
    assert file_id_of("/tmp/file_x") is None
    assert mentions_files({"a": [{"b": {"file_id": "f"}}]})
    assert not mentions_files({"a": [1, "two", {"three": None}]})


@pytest.mark.parametrize("encoded", [
    base64.b64encode(b"\xfb\xff hello").decode(),
    base64.urlsafe_b64encode(b"\xfb\xff hello").decode().rstrip("="),
    "data:application/octet-stream;base64," + base64.b64encode(b"\xfb\xff hello").decode(),
    "\n".join(base64.b64encode(b"\xfb\xff hello").decode()[i:i + 4] for i in range(0, 12, 4)),
])
def test_base64_in_its_usual_forms_decodes(encoded):
    assert decode(encoded, "x") == b"\xfb\xff hello"


def test_bad_base64_is_named():
    with pytest.raises(BadFileInput, match="contentBytes of 'x.pdf' is not valid base64"):
        decode("not base64!!", "x.pdf")
