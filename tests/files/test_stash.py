"""File Stash over both stores: a run's new and changed files are kept, a later run of the same
user gets them back in /tmp, other users and environments never do, and a day later they are gone."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from mcp_gateway.files import FileNotFound, Files, RunFiles, StashNotFound
from mcp_gateway.store.models import FileStash, utcnow
from tests.files.samples import PDF

pytestmark = pytest.mark.both_databases

OWNER = ("proj_a", "development", "alice")


async def run_once(files, stash_id, write=None, owner=OWNER):
    """What one run with a stash does around the action: prepare /tmp, let the action write, sync."""
    async with RunFiles(files, *owner) as run:
        await run.prepare(stash_id, {}, {})
        seen = {p.relative_to(run.tmp_dir).as_posix(): p.read_bytes() for p in run.tmp_dir.rglob("*") if p.is_file()}
        for path, data in (write or {}).items():
            target = run.tmp_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return seen, await run.sync()


@pytest.mark.parametrize("new", ["", "NEW", "new", True])
async def test_a_new_stash_keeps_what_the_run_wrote(files, new):
    _, synced = await run_once(files, new, {"report.pdf": PDF, "out/notes.txt": b"hello"})
    assert len(synced.stash_id) == 32
    assert [u["localPath"] for u in synced.uploads] == ["/tmp/out/notes.txt", "/tmp/report.pdf"]
    upload = synced.uploads[1]
    assert upload["s3Key"] == f"1day/proj_a/development/{synced.stash_id}/u/report.pdf"
    notes = synced.outputs[0]
    assert (notes.name, notes.mime_type, notes.size, notes.text) == ("notes.txt", "text/plain", 5, "hello")
    assert synced.outputs[1].mime_type == "application/pdf" and synced.outputs[1].text is None
    stored = await files.store.open(upload["s3Key"])
    assert b"".join([c async for c in stored.chunks]) == PDF


async def test_a_later_run_sees_the_files_and_only_its_own_changes_are_uploaded(files):
    _, first = await run_once(files, "NEW", {"a.txt": b"one", "b.txt": b"two"})
    seen, second = await run_once(files, first.stash_id, {"b.txt": b"TWO!", "c.txt": b"three"})
    assert seen == {"a.txt": b"one", "b.txt": b"two"}
    assert second.stash_id == first.stash_id
    assert [u["localPath"] for u in second.uploads] == ["/tmp/b.txt", "/tmp/c.txt"]
    seen, third = await run_once(files, first.stash_id)
    assert seen == {"a.txt": b"one", "b.txt": b"TWO!", "c.txt": b"three"}
    assert third.uploads == []


async def test_symlinks_are_never_uploaded(files, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("host file")
    async with RunFiles(files, *OWNER) as run:
        await run.prepare("NEW", {}, {})
        os.symlink(secret, run.tmp_dir / "link.txt")
        os.symlink(tmp_path, run.tmp_dir / "linked-dir")
        (run.tmp_dir / "real.txt").write_text("mine")
        synced = await run.sync()
    assert [u["localPath"] for u in synced.uploads] == ["/tmp/real.txt"]


async def test_files_over_the_size_limit_are_left_out_with_a_note(files):
    _, synced = await run_once(files, "NEW", {"big.bin": b"x" * (files.max_size + 1), "ok.txt": b"ok"})
    assert [u["localPath"] for u in synced.uploads] == ["/tmp/ok.txt"]
    assert synced.notes == [f"File Stash: /tmp/big.bin was left out; it is larger than the {files.max_size} byte limit"]


@pytest.mark.parametrize("other", [
    ("proj_a", "development", "bob"),
    ("proj_a", "production", "alice"),
    ("proj_b", "development", "alice"),
])
async def test_a_stash_is_its_users_only(files, other):
    _, synced = await run_once(files, "NEW", {"a.txt": b"private"})
    with pytest.raises(StashNotFound, match="stashes last 24 hours"):
        await run_once(files, synced.stash_id, owner=other)


@pytest.mark.parametrize("stash_id", ["0" * 32, "not-a-stash", "x" * 300])
async def test_unknown_stash_ids_are_not_found(files, stash_id):
    with pytest.raises(StashNotFound):
        await run_once(files, stash_id)


async def test_a_stash_expires_after_a_day_and_the_sweep_deletes_its_files(files, database):
    _, synced = await run_once(files, "NEW", {"a.txt": b"short-lived"})
    key = synced.uploads[0]["s3Key"]
    async with database.session() as s:
        row = await s.get(FileStash, synced.stash_id)
    assert timedelta(hours=23, minutes=59) < row.expires_at - utcnow() <= timedelta(hours=24)
    assert await files.sweep() == 0  # nothing has expired yet
    async with database.session() as s:
        await s.execute(update(FileStash).where(FileStash.id == synced.stash_id).values(expires_at=utcnow() - timedelta(seconds=1)))
        await s.commit()
    # Expired is expired, swept or not.
    with pytest.raises(StashNotFound):
        await run_once(files, synced.stash_id)
    with pytest.raises(FileNotFound):
        await files.stashed_by_key("proj_a", "development", key)
    assert await files.sweep() == 1
    with pytest.raises(FileNotFound):
        await files.store.open(key)
    assert await files.sweep() == 0


async def test_stashed_files_are_found_by_key_within_their_environment_only(files):
    _, synced = await run_once(files, "NEW", {"d/x.csv": b"a,b\n"})
    key = synced.uploads[0]["s3Key"]
    row = await files.stashed_by_key("proj_a", "development", key)
    assert (row.path, row.content_type, row.size) == ("d/x.csv", "text/csv", 4)
    for project, environment, probe in [("proj_a", "production", key), ("proj_b", "development", key),
                                        ("proj_a", "development", key + "x"), ("proj_a", "development", "files/x")]:
        with pytest.raises(FileNotFound):
            await files.stashed_by_key(project, environment, probe)


async def test_links_download_the_file(files):
    if not hasattr(files.store, "bucket"):
        pytest.skip("the local store's links are served by the gateway: see tests/e2e/test_files_stash.py")
    _, synced = await run_once(files, "NEW", {"r.pdf": PDF})
    assert httpx.get(synced.uploads[0]["get_url"]).content == PDF


async def test_the_sweeper_deletes_expired_stashes_in_the_background(database, store):
    files = Files(database, store, max_size=1024, max_upload=4096, ttl=3600.0, sweep_every=0.05)
    _, synced = await run_once(files, "NEW", {"a.txt": b"x"})
    async with database.session() as s:
        await s.execute(update(FileStash).values(expires_at=utcnow() - timedelta(seconds=1)))
        await s.commit()
    files.start()
    try:
        for _ in range(100):
            async with database.session() as s:
                if await s.get(FileStash, synced.stash_id) is None:
                    break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the sweeper did not delete the expired stash")
    finally:
        await files.close()
