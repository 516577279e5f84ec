from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .suite import ConformanceGateway, SuiteUnavailable, node_binary

# The one-line result of each spec version's run, shown at the end of the test session.
SUMMARIES = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(SUMMARIES, [])
    if lines:
        terminalreporter.write_sep("-", "official MCP conformance suite (docs/conformance.md)")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def record_summary(request: pytest.FixtureRequest) -> Callable[[str], None]:
    def record(line: str) -> None:
        request.config.stash.setdefault(SUMMARIES, []).append(line)

    return record


@pytest.fixture(scope="module")
def conformance_node() -> Path:
    try:
        return node_binary()
    except SuiteUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="module")
def conformance_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConformanceGateway]:
    gateway = ConformanceGateway(tmp_path_factory.mktemp("conformance-gateway"))
    try:
        yield gateway.start()
    finally:
        gateway.stop()
