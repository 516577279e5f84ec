"""MCP tasks (the `io.modelcontextprotocol/tasks` extension of 2026-07-28): a long tool call
answered with a handle the client polls (`tasks/get`), answers questions on (`tasks/update`)
and cancels (`tasks/cancel`), from any gateway process.

A task is a row in the database, written before its handle is returned, and owned by the
project, environment and end user that made it: nobody else can see it. The process that
started the run keeps it going and writes a heartbeat; a task whose heartbeat has stopped (its
process died) is reported failed rather than working for ever. Answers and cancellations
reach the running process through a shared channel named for the task.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final

from sqlalchemy import delete, select, update

from mcp_gateway.catalog import ActionError, InputRequired, MissingClientCapability
from mcp_gateway.connect.vault import Vault
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import McpTask
from mcp_gateway.store.shared import Shared, SharedUnavailable

from .peer import CallPeer

logger = logging.getLogger(__name__)

TASKS_EXTENSION: Final = "io.modelcontextprotocol/tasks"
TTL_MS: Final = 60 * 60 * 1000  # a task, and its result, are kept an hour
POLL_INTERVAL_MS: Final = 1000
HEARTBEAT_SECONDS: Final = 2.0
STALE_AFTER: Final = timedelta(seconds=10)  # five missed heartbeats: the running process is gone
TERMINAL: Final = frozenset({"completed", "failed", "cancelled"})


class TaskNotFound(LookupError):
    pass


class TaskFinished(ValueError):
    """The task is in a terminal status, which nothing changes."""


def client_supports_tasks(capabilities: Mapping[str, Any] | None) -> bool:
    extensions = (capabilities or {}).get("extensions")
    return isinstance(extensions, Mapping) and isinstance(extensions.get(TASKS_EXTENSION), Mapping)


@dataclass(frozen=True, slots=True)
class Owner:
    project_id: str
    environment: str
    external_user_id: str


# What a run's work is given and returns: the client as the run sees it, and the tool result.
Work = Callable[[CallPeer], Awaitable[dict[str, Any]]]


class Tasks:
    def __init__(self, db: Database, vault: Vault, shared: Shared) -> None:
        self._db = db
        self._vault = vault
        self._shared = shared
        self._running: dict[str, asyncio.Task[None]] = {}
        # One change at a time to a task's sealed state, within this process: a run's gathered
        # questions are written side by side.
        self._locks: dict[str, asyncio.Lock] = {}

    # Creating and running

    async def create(self, owner: Owner, method: str, request: Mapping[str, Any]) -> dict[str, Any]:
        """A new working task, stored before its handle (the `CreateTaskResult`) is returned."""
        now = datetime.now(timezone.utc)
        row = McpTask(id=f"task_{secrets.token_urlsafe(24)}", project_id=owner.project_id, environment=owner.environment,
                      external_user_id=owner.external_user_id, method=method, status="working",
                      created_at=now, updated_at=now, heartbeat_at=now, expires_at=now + timedelta(milliseconds=TTL_MS))
        row.sealed = self._seal(row.id, {"request": dict(request)})
        async with self._db.session() as s, s.begin():
            s.add(row)
        return {"resultType": "task", **_task_fields(row)}

    def run(self, task_id: str, work: asyncio.Future[dict[str, Any]], peer: TaskPeer | LegacyTaskPeer) -> None:
        """Keep `work` (already started) going in this process, and record how it ends."""
        runner = asyncio.create_task(self._run(task_id, work, peer))
        self._running[task_id] = runner

        def done(_: asyncio.Task[None]) -> None:
            self._running.pop(task_id, None)
            self._locks.pop(task_id, None)
        runner.add_done_callback(done)

    def peer(self, task_id: str | None, **kw: Any) -> TaskPeer:
        return TaskPeer(self, task_id, **kw)

    async def _run(self, task_id: str, work: asyncio.Future[dict[str, Any]], peer: TaskPeer | LegacyTaskPeer) -> None:
        async with self._shared.subscribe(_channel(task_id)) as signals:
            beating = asyncio.create_task(self._beat(task_id))
            listening = asyncio.create_task(self._listen(signals, work, peer))
            try:
                try:
                    result = await work
                except asyncio.CancelledError:
                    await self._finish(task_id, "cancelled", status_message="cancelled at the client's request")
                except MissingClientCapability as missing:
                    await self._finish(task_id, "failed", error={"code": -32021, "message": str(missing), "data": {
                        "requiredCapabilities": {missing.capability: {}}}}, status_message=str(missing))
                except ProtocolErrorOfTask as exc:
                    await self._finish(task_id, "failed", error=exc.error, status_message=exc.error.get("message"))
                except Exception:
                    logger.exception("task %s failed", task_id)
                    await self._finish(task_id, "failed", error={"code": -32603, "message": "internal error; the gateway "
                                       "logged the details"}, status_message="internal error")
                else:
                    summary = "finished with an error" if result.get("isError") else "finished"
                    await self._finish(task_id, "completed", result=result, status_message=summary)
            finally:
                beating.cancel()
                listening.cancel()

    async def _listen(self, signals: asyncio.Queue[Any], work: asyncio.Future[Any],
                      peer: TaskPeer | LegacyTaskPeer) -> None:
        while True:
            signal = await signals.get()
            if signal == "cancel":
                work.cancel()
            elif signal == "input":
                peer.input_arrived()

    async def _beat(self, task_id: str) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            try:
                async with self._db.session() as s, s.begin():
                    await s.execute(update(McpTask).where(McpTask.id == task_id)
                                    .values(heartbeat_at=datetime.now(timezone.utc)))
            except Exception:  # the next beat tries again; a task is declared dead only after several
                logger.warning("could not write task %s's heartbeat", task_id, exc_info=True)

    async def _finish(self, task_id: str, status: str, *, result: dict[str, Any] | None = None,
                      error: dict[str, Any] | None = None, status_message: str | None = None) -> None:
        async with self._lock(task_id), self._db.session() as s, s.begin():
            row = await s.get(McpTask, task_id)
            if row is None or row.status in TERMINAL:  # a cancelled task stays cancelled
                return
            state = self._open(row)
            state.pop("inputRequests", None)
            if result is not None:
                state["result"] = result
            if error is not None:
                state["error"] = error
            row.sealed = self._seal(task_id, state)
            row.status, row.status_message = status, status_message
            row.updated_at = datetime.now(timezone.utc)
        await self._notify(task_id)

    # What clients ask

    async def get(self, owner: Owner, task_id: Any) -> dict[str, Any]:
        """The task as `tasks/get` answers it (`DetailedTask`)."""
        row, state = await self._owned(owner, task_id)
        if row.status not in TERMINAL and datetime.now(timezone.utc) - row.heartbeat_at > STALE_AFTER:
            stopped = "the gateway process running this task stopped before it finished; call the tool again"
            await self._finish(row.id, "failed", error={"code": -32603, "message": stopped}, status_message=stopped)
            row, state = await self._owned(owner, task_id)
        task = {"resultType": "complete", **_task_fields(row)}
        if row.status == "completed":
            task["result"] = state.get("result")
        elif row.status == "failed":
            task["error"] = state.get("error")
        elif row.status == "input_required":
            task["inputRequests"] = state.get("inputRequests") or {}
        return task

    async def update(self, owner: Owner, task_id: Any, responses: Mapping[str, Any]) -> None:
        """Keep the answers to the task's outstanding questions; others are ignored."""
        row, state = await self._owned(owner, task_id)
        pending = state.get("inputRequests") or {}
        answered = {k: v for k, v in responses.items() if k in pending and isinstance(v, Mapping)}
        if not answered:
            return
        async with self._db.session() as s, s.begin():
            fresh = await s.get(McpTask, row.id)
            if fresh is None or fresh.status in TERMINAL:
                return
            state = self._open(fresh)
            state["inputResponses"] = {**(state.get("inputResponses") or {}), **answered}
            fresh.sealed = self._seal(fresh.id, state)
        await self._signal(row.id, "input")

    async def cancel(self, owner: Owner, task_id: Any) -> None:
        row, _ = await self._owned(owner, task_id)
        if row.status in TERMINAL:
            return
        async with self._db.session() as s, s.begin():
            await s.execute(update(McpTask).where(McpTask.id == row.id).values(cancel_requested=True))
        await self._signal(row.id, "cancel")

    # The 2025-11-25 shapes (tasks in sessions: `task` on tools/call, tasks/result, tasks/list)

    async def create_legacy(self, owner: Owner, method: str, request: Mapping[str, Any]) -> dict[str, Any]:
        created = await self.create(owner, method, request)
        return {"task": legacy_task(created)}

    async def get_legacy(self, owner: Owner, task_id: Any) -> dict[str, Any]:
        return legacy_task(await self.get(owner, task_id))

    async def result_legacy(self, owner: Owner, task_id: Any, timeout: float) -> dict[str, Any]:
        """What the task's request returned, once it has (waiting up to `timeout`); raises
        `ProtocolErrorOfTask` with the request's own error for a failed or cancelled task."""
        async with self._shared.subscribe(f"mcp-task-status:{task_id}") as changes:
            async with asyncio.timeout(timeout):
                while (task := await self.get(owner, task_id))["status"] not in TERMINAL:
                    await changes.get()
        related = {"io.modelcontextprotocol/related-task": {"taskId": task["taskId"]}}
        if task["status"] == "completed":
            result = dict(task["result"] or {})
            result["_meta"] = {**result.get("_meta", {}), **related}
            return result
        if task["status"] == "failed":
            raise ProtocolErrorOfTask(task.get("error") or {"code": -32603, "message": "the task failed"})
        raise ProtocolErrorOfTask({"code": -32603, "message": "the task was cancelled before it finished"})

    async def list_legacy(self, owner: Owner, cursor: Any, page: int = 50) -> dict[str, Any]:
        offset = _offset(cursor)
        async with self._db.session() as s:
            rows = (await s.execute(
                select(McpTask).where(McpTask.project_id == owner.project_id, McpTask.environment == owner.environment,
                                      McpTask.external_user_id == owner.external_user_id,
                                      McpTask.expires_at >= datetime.now(timezone.utc))
                .order_by(McpTask.created_at.desc(), McpTask.id).offset(offset).limit(page + 1)
            )).scalars().all()
        listed: dict[str, Any] = {"tasks": [legacy_task(_task_fields(row)) for row in rows[:page]]}
        if len(rows) > page:
            listed["nextCursor"] = base64.urlsafe_b64encode(str(offset + page).encode()).decode()
        return listed

    async def cancel_legacy(self, owner: Owner, task_id: Any) -> dict[str, Any]:
        """Cancel at once (the task is `cancelled` before the answer), refusing a finished one."""
        row, _ = await self._owned(owner, task_id)
        if row.status in TERMINAL:
            raise TaskFinished(f"task {row.id} has already {row.status}; only a running task can be cancelled")
        await self._finish(row.id, "cancelled", status_message="cancelled at the client's request")
        await self._signal(row.id, "cancel")
        return await self.get_legacy(owner, row.id)

    async def purge_expired(self) -> int:
        async with self._db.session() as s, s.begin():
            result = await s.execute(delete(McpTask).where(McpTask.expires_at < datetime.now(timezone.utc)))
        return int(result.rowcount or 0)

    @contextlib.asynccontextmanager
    async def status_changes(self, task_ids: list[str]) -> Any:
        """A queue of task ids whose status changed, for `subscriptions/listen` (`taskIds`)."""
        async with contextlib.AsyncExitStack() as stack:
            queue: asyncio.Queue[str] = asyncio.Queue()
            for task_id in task_ids:
                changes = await stack.enter_async_context(self._shared.subscribe(f"mcp-task-status:{task_id}"))
                stack.push_async_callback(_forward_stop, asyncio.create_task(_forward(changes, queue, task_id)))
            yield queue

    async def notification(self, owner: Owner, task_id: str) -> dict[str, Any]:
        """`notifications/tasks` params for a task: its full state."""
        task = await self.get(owner, task_id)
        task.pop("resultType", None)
        return task

    # The run's questions (see TaskPeer)

    async def ask(self, task_id: str, key: str, request: dict[str, Any]) -> None:
        async with self._lock(task_id), self._db.session() as s, s.begin():
            row = await s.get(McpTask, task_id)
            if row is None:
                raise ActionError("the task this run belongs to is gone")
            state = self._open(row)
            state["inputRequests"] = {**(state.get("inputRequests") or {}), key: request}
            row.sealed = self._seal(task_id, state)
            row.status, row.status_message = "input_required", "waiting for the client's answer"
            row.updated_at = datetime.now(timezone.utc)
        await self._notify(task_id)

    async def answer(self, task_id: str, key: str) -> dict[str, Any] | None:
        """The client's answer to question `key`, once given (taking it off the outstanding ones)."""
        async with self._lock(task_id), self._db.session() as s, s.begin():
            row = await s.get(McpTask, task_id)
            if row is None:
                return None
            state = self._open(row)
            answer = (state.get("inputResponses") or {}).get(key)
            if answer is None:
                return None
            pending = dict(state.get("inputRequests") or {})
            pending.pop(key, None)
            state["inputRequests"] = pending
            row.sealed = self._seal(task_id, state)
            if not pending:
                row.status, row.status_message = "working", None
            row.updated_at = datetime.now(timezone.utc)
        await self._notify(task_id)
        return dict(answer)

    # Helpers

    def _lock(self, task_id: str) -> asyncio.Lock:
        return self._locks.setdefault(task_id, asyncio.Lock())

    async def _owned(self, owner: Owner, task_id: Any) -> tuple[McpTask, dict[str, Any]]:
        if not isinstance(task_id, str) or not task_id:
            raise TaskNotFound("taskId must be the string id of a task this client created")
        async with self._db.session() as s:
            row = await s.get(McpTask, task_id)
        # Another owner's task is answered as an unknown one: task ids are not to be probed.
        if row is None or (row.project_id, row.environment, row.external_user_id) != (
                owner.project_id, owner.environment, owner.external_user_id) or row.expires_at < datetime.now(timezone.utc):
            raise TaskNotFound(f"no task {task_id[:80]!r}: it does not exist, has expired (tasks are kept "
                               f"{TTL_MS // 60000} minutes), or belongs to someone else")
        return row, self._open(row)

    def _seal(self, task_id: str, state: Mapping[str, Any]) -> str:
        return self._vault.encrypt(state, context=f"mcp-task:{task_id}")

    def _open(self, row: McpTask) -> dict[str, Any]:
        return self._vault.decrypt(row.sealed, context=f"mcp-task:{row.id}")

    async def _signal(self, task_id: str, signal: str) -> None:
        try:
            await self._shared.publish(_channel(task_id), signal)
        except SharedUnavailable as exc:
            logger.warning("could not signal task %s: %s", task_id, exc)

    async def _notify(self, task_id: str) -> None:
        try:
            await self._shared.publish(f"mcp-task-status:{task_id}", task_id)
        except SharedUnavailable as exc:
            logger.warning("could not announce task %s's status: %s", task_id, exc)


class ProtocolErrorOfTask(Exception):
    """A JSON-RPC error the task's request ended with (it fails the task, not its result)."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error.get("message"))
        self.error = error


def protocol_error(error: dict[str, Any]) -> Exception:
    """The exception that fails a task's run with the JSON-RPC `error`."""
    return ProtocolErrorOfTask(error)


class TaskPeer(CallPeer):
    """The client as a task's run sees it: questions wait in the task (`input_required`) until
    the client answers them with `tasks/update`, on any process.

    Before the run becomes a task (an action that gathers input first, then calls
    `$.run_as_task()`), questions are asked as in any 2026-07-28 call: `input_required`."""

    def __init__(self, tasks: Tasks, task_id: str | None, *, answers: Mapping[str, Any], **kw: Any) -> None:
        super().__init__(**kw)
        self._tasks = tasks
        self.task_id = task_id
        self.answers = dict(answers)
        self.handed_off = asyncio.Event()
        self._stored = asyncio.Event()
        self._asked: dict[str, dict[str, Any]] = {}
        self._counts: dict[str, int] = {}
        self._arrived = asyncio.Event()

    def input_arrived(self) -> None:
        self._arrived.set()

    def attach(self, task_id: str) -> None:
        """The run is now the stored task `task_id`."""
        self.task_id = task_id
        self._stored.set()

    async def run_as_task(self) -> None:
        self.handed_off.set()
        await self._stored.wait()  # the task is stored, and its handle on the way to the client

    async def ask(self, method: str, params: Mapping[str, Any], key: str | None) -> dict[str, Any]:
        self._check(method)
        if key is None:
            kind = method.split("/", 1)[0]
            self._counts[kind] = self._counts.get(kind, 0) + 1
            key = f"{kind}-{self._counts[kind]}"
        if not self.handed_off.is_set():
            answer = self.answers.get(key)
            if isinstance(answer, dict):
                return answer
            self._asked[key] = {"method": method, "params": dict(params)}
            await asyncio.sleep(0)  # asks gathered with this one are asked together
            raise InputRequired(self._asked)
        await self._stored.wait()
        assert self.task_id is not None
        await self._tasks.ask(self.task_id, key, {"method": method, "params": dict(params)})
        while True:
            self._arrived.clear()
            answer = await self._tasks.answer(self.task_id, key)
            if answer is not None:
                return answer
            await self._arrived.wait()

    def _missing(self, capability: str, message: str) -> None:
        raise MissingClientCapability(capability, message)


class LegacyTaskPeer(CallPeer):
    """The client as a task of a 2025-11-25 session sees it: no questions (that revision asks
    them on `tasks/result` streams, which this gateway does not hold open)."""

    def input_arrived(self) -> None:
        """Nothing waits for answers here."""

    async def ask(self, method: str, params: Mapping[str, Any], key: str | None) -> dict[str, Any]:
        raise ActionError(f"this run asks the client ({method}), which a task of a 2025-11-25 session cannot: "
                          "call the tool without `task`")


def _task_fields(row: McpTask) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "taskId": row.id, "status": row.status, "createdAt": _iso(row.created_at), "lastUpdatedAt": _iso(row.updated_at),
        "ttlMs": TTL_MS, "pollIntervalMs": POLL_INTERVAL_MS,
    }
    if row.status_message:
        fields["statusMessage"] = row.status_message
    return fields


def legacy_task(task: Mapping[str, Any]) -> dict[str, Any]:
    """A task in the 2025-11-25 shape (`ttl`, `pollInterval`)."""
    fields = {k: task[k] for k in ("taskId", "status", "statusMessage", "createdAt", "lastUpdatedAt") if k in task}
    return {**fields, "ttl": task["ttlMs"], "pollInterval": task["pollIntervalMs"]}


def _offset(cursor: Any) -> int:
    if cursor is None:
        return 0
    try:
        return max(0, int(base64.urlsafe_b64decode(str(cursor).encode()).decode()))
    except (ValueError, UnicodeDecodeError):
        raise TaskNotFound("cursor is not one tasks/list returned; start again without it") from None


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _channel(task_id: str) -> str:
    return f"mcp-task:{task_id}"


async def _forward(changes: asyncio.Queue[Any], queue: asyncio.Queue[str], task_id: str) -> None:
    while True:
        await changes.get()
        queue.put_nowait(task_id)


async def _forward_stop(forwarding: asyncio.Task[None]) -> None:
    forwarding.cancel()
