"""Content types come from the bytes; a sender's claim is checked against them, never just taken."""

from __future__ import annotations

import pytest

from mcp_gateway.files import FileTypeRefused
from mcp_gateway.files.sniff import checked_type, sniff
from tests.files.samples import CSV, GIF, PDF, PNG


@pytest.mark.parametrize(("data", "name", "expected"), [
    (PNG, "x.bin", "image/png"),
    (PDF, "report", "application/pdf"),
    (GIF, "a.gif", "image/gif"),
    (CSV, "people.csv", "text/csv"),
    (b'{"a": 1}', "data.json", "application/json"),
    (b"hello", "notes", "text/plain"),
    (b"hello", "evil.exe", "text/plain"),  # an extension does not make text binary
    (b"\x00\x01\x02\x03binary", "blob.txt", "application/octet-stream"),
])
def test_sniffing_reads_the_bytes_not_the_name(data, name, expected):
    assert sniff(data, name) == expected


def test_a_character_cut_off_at_the_end_of_a_long_file_is_still_text():
    head = ("é" * 10).encode()[:-1]
    assert sniff(head, "a.txt", truncated=True) == "text/plain"
    assert sniff(head, "a.txt", truncated=False) == "application/octet-stream"


@pytest.mark.parametrize(("data", "declared", "expected"), [
    (PDF, "application/pdf", "application/pdf"),
    (PDF, "application/octet-stream", "application/pdf"),
    (PDF, None, "application/pdf"),
    (PNG, "image/png; charset=binary", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpg", "image/jpeg"),
    (CSV, "text/csv", "text/csv"),
    (b'{"a": 1}', "application/json", "application/json"),  # text can't be told apart; a text claim stands
    (b"\x00\x01proto", "application/x-protobuf", "application/octet-stream"),
])
def test_claims_the_bytes_agree_with_are_accepted(data, declared, expected):
    assert checked_type(data, "upload", declared) == expected


@pytest.mark.parametrize(("data", "declared"), [
    (PNG, "application/pdf"),
    (b"MZ\x90\x00" + b"\x00" * 60, "image/png"),
    (b"just text", "image/png"),
    (PDF, "text/plain"),
    (b"\x00\x01\x02", "image/gif"),
])
def test_claims_the_bytes_contradict_are_refused(data, declared):
    with pytest.raises(FileTypeRefused, match="declared as"):
        checked_type(data, "upload", declared)


def test_allowed_types_are_checked_against_the_sniffed_type():
    assert checked_type(PNG, "a.png", None, ["image/*", "application/pdf"]) == "image/png"
    with pytest.raises(FileTypeRefused, match="accepts only image/\\*"):
        checked_type(PDF, "a.png", None, ["image/*"])
