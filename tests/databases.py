"""The database a test's gateway stores its rows in: a SQLite file, or PostgreSQL.

Tests whose subject is the store run on both. Their module says so with
`pytestmark = pytest.mark.both_databases`; every test of it that uses the `database_backend`
fixture (directly, or through `database_url` or a gateway fixture) then runs twice, with the
ids `sqlite` and `postgresql` (see tests/conftest.py), unless it is marked `store_independent`.
Other tests get SQLite, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mcp_gateway.config import normalize_database_url
from tests.pg_server import PostgresServer

BACKENDS = ("sqlite", "postgresql")


@dataclass
class DatabaseBackend:
    name: str
    # For the postgresql backend: the session's server, and a database on it already migrated
    # to the newest schema that new ones are copied from (quicker than migrating each).
    server: PostgresServer | None = None
    template: str | None = None
    _databases: dict[Path, str] = field(default_factory=dict)

    def url(self, data_dir: Path, *, empty: bool = False) -> str:
        """The database of a gateway whose data dir is `data_dir`: the SQLite file in it, or a
        PostgreSQL database made for that dir on first use (and the same one after, so two
        gateways on one data dir share their store as they do on SQLite). `empty`: without the
        schema on PostgreSQL too, for tests of the migrations themselves."""
        if self.server is None:
            return f"sqlite+aiosqlite:///{data_dir / 'gateway.db'}"
        key = data_dir.resolve()
        if key not in self._databases:
            template = None if empty else self.template
            self._databases[key] = normalize_database_url(self.server.create_database(template=template))
        return self._databases[key]

    def drop_databases(self) -> None:
        if self.server is not None and self._databases:
            self.server.drop_databases(list(self._databases.values()))
        self._databases.clear()


SQLITE = DatabaseBackend("sqlite")
