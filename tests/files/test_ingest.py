"""Files sent to the gateway: stored under a `file_id`, their type sniffed, limits kept, and a
later run in the same project environment gets them in /tmp."""

from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
from sqlalchemy import update

from mcp_gateway.files import FileNotFound, FileTooLarge, FileTypeRefused, RunFiles
from mcp_gateway.store.models import IngestedFile, utcnow
from tests.files.samples import PDF, PNG

pytestmark = pytest.mark.both_databases


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def test_embedded_files_are_replaced_by_references_with_pointers(files):
    payload = {
        "subject": "invoice",
        "attachments": [
            {"file": {"name": "invoice.pdf", "contentType": "application/pdf", "contentBytes": b64(PDF)}},
            {"file": {"name": "logo.png", "contentBytes": b64(PNG)}},
        ],
    }
    replaced, refs = await files.ingest_payload("proj_a", "development", payload)
    first, second = (a["file"] for a in replaced["attachments"])
    assert replaced["subject"] == "invoice"
    assert first == {"name": "invoice.pdf", "contentType": "application/pdf", "file_id": first["file_id"],
                     "mime_type": "application/pdf", "pointer": "attachments[0].file"}
    assert second["mime_type"] == "image/png" and second["pointer"] == "attachments[1].file"
    assert first["file_id"].startswith("file_") and len(first["file_id"]) == 29
    assert refs == [first, second]
    assert payload["attachments"][0]["file"]["contentBytes"] == b64(PDF)  # the input is left as it was
    row = await files.ingested("proj_a", "development", first["file_id"])
    assert (row.name, row.size, row.mime_type) == ("invoice.pdf", len(PDF), "application/pdf")


async def test_names_are_kept_to_one_safe_segment(files):
    ref = await files.ingest("proj_a", "development", name="../../etc/pass\x00wd", data=b"x")
    assert ref.name == "passwd"
    ref = await files.ingest("proj_a", "development", name="..", data=b"x")
    assert ref.name == "file"


async def test_size_and_type_limits(files):
    with pytest.raises(FileTooLarge, match="larger than the 0.0625 MiB limit"):
        await files.ingest("proj_a", "development", name="big.bin", data=io.BytesIO(b"x" * (files.max_size + 1)))
    with pytest.raises(FileTooLarge):
        await files.ingest_payload("proj_a", "development", {"f": {"name": "big", "contentBytes": b64(b"x" * (files.max_size + 10))}})
    with pytest.raises(FileTypeRefused):
        await files.ingest("proj_a", "development", name="x.pdf", data=PNG, declared="application/pdf")
    files.allowed_types = ["application/pdf"]
    with pytest.raises(FileTypeRefused, match="accepts only application/pdf"):
        await files.ingest("proj_a", "development", name="x.png", data=PNG)


@pytest.mark.parametrize("declared", ["text/" + "x" * 300, "text/pl\x00ain"])
async def test_a_claimed_type_that_is_no_media_type_gives_way_to_the_sniffed_one(files, declared):
    ref = await files.ingest("proj_a", "development", name="notes.txt", data=b"hello", declared=declared)
    assert ref.mime_type == "text/plain"
    assert (await files.ingested("proj_a", "development", ref.file_id)).mime_type == "text/plain"


async def test_a_file_id_given_to_a_path_prop_puts_the_file_in_tmp(files):
    ref = await files.ingest("proj_a", "production", name="report.pdf", data=PDF)
    string_props = {"filePath": "string", "paths": "string[]", "note": "string"}
    async with RunFiles(files, "proj_a", "production", "anyone") as run:
        values = await run.prepare(None, string_props, {
            "filePath": {"file_id": ref.file_id, "name": "report.pdf"},
            "paths": [ref.file_id, "/tmp/other"],
            "note": "file_x",
            "data": {"file_id": ref.file_id},  # not a path prop: left as the reference
        })
        assert values["filePath"] == "/tmp/report.pdf"
        assert values["paths"] == ["/tmp/report.pdf", "/tmp/other"]
        assert values["note"] == "file_x"
        assert values["data"] == {"file_id": ref.file_id}
        assert (run.tmp_dir / "report.pdf").read_bytes() == PDF
        assert await run.sync() is None  # no stash: nothing is uploaded


async def test_embedded_files_in_run_input_are_ingested_and_placed(files):
    async with RunFiles(files, "proj_a", "development", "u") as run:
        values = await run.prepare(None, {"filePath": "string"}, {
            "filePath": {"name": "hello.txt", "contentType": "text/plain", "contentBytes": b64(b"hi there")},
        })
        assert values["filePath"] == "/tmp/hello.txt"
        assert (run.tmp_dir / "hello.txt").read_bytes() == b"hi there"


async def test_a_file_id_names_no_file_in_another_environment_or_after_it_expires(files, database):
    ref = await files.ingest("proj_a", "development", name="a.txt", data=b"a")
    for project, environment in (("proj_a", "production"), ("proj_b", "development")):
        with pytest.raises(FileNotFound, match="upload it again"):
            await files.ingested(project, environment, ref.file_id)
    async with database.session() as s:
        await s.execute(update(IngestedFile).values(expires_at=utcnow() - timedelta(seconds=1)))
        await s.commit()
    with pytest.raises(FileNotFound):
        await files.ingested("proj_a", "development", ref.file_id)
    row_key = f"files/proj_a/development/{ref.file_id}/a.txt"
    assert await files.sweep() == 1
    with pytest.raises(FileNotFound):
        await files.store.open(row_key)


async def test_a_name_taken_by_a_stashed_file_does_not_overwrite_it(files):
    first = await files.ingest("proj_a", "development", name="a.txt", data=b"first")
    second = await files.ingest("proj_a", "development", name="a.txt", data=b"second")
    async with RunFiles(files, "proj_a", "development", "u") as run:
        values = await run.prepare(None, {"x": "string", "y": "string"}, {"x": first.file_id, "y": second.file_id})
        assert values == {"x": "/tmp/a.txt", "y": f"/tmp/{second.file_id}-a.txt"}
        assert (run.tmp_dir / values["y"].removeprefix("/tmp/")).read_bytes() == b"second"
