"""What docs/conformance.md says of each scenario of the official suite, and how a run measures up.

The document's tables are the one list of what the gateway must pass, and of why the rest does
not apply: the test reads them rather than keeping a list of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .suite import SuiteRun

DOC = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"
SCENARIOS_HEADING = "Scenarios"
CHECKS_HEADING = "Checks that do not apply in passing scenarios"
PASS, NOT_APPLICABLE, PENDING, NOT_RUN = "pass", "not applicable", "pending", "not run"
STATUSES = (PASS, NOT_APPLICABLE, PENDING, NOT_RUN)
_SPEC_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Expectation:
    subject: str  # a scenario, or a check id within one
    spec_versions: frozenset[str]
    status: str
    reason: str


@dataclass(frozen=True)
class Expectations:
    scenarios: dict[str, Expectation]
    # Checks that fail for a feature the gateway does not have, in scenarios that otherwise pass.
    checks: dict[str, dict[str, Expectation]] = field(default_factory=dict)

    def allowed_failures(self, scenario: str, spec_version: str) -> frozenset[str]:
        return frozenset(c.subject for c in self.applying_checks(scenario, spec_version))

    def applying_checks(self, scenario: str, spec_version: str) -> list[Expectation]:
        return [c for c in self.checks.get(scenario, {}).values() if spec_version in c.spec_versions]


def load(path: Path = DOC) -> Expectations:
    tables = _tables(path.read_text())
    scenarios: dict[str, Expectation] = {}
    for row in tables.get(SCENARIOS_HEADING, []):
        scenarios[row["Scenario"]] = _expectation(row["Scenario"], row, path)
    checks: dict[str, dict[str, Expectation]] = {}
    for row in tables.get(CHECKS_HEADING, []):
        if row["Scenario"] not in scenarios:
            raise ValueError(f"{path}: check {row['Check']} is of {row['Scenario']}, which the scenario table lacks")
        checks.setdefault(row["Scenario"], {})[row["Check"]] = _expectation(row["Check"], row, path)
    if not scenarios:
        raise ValueError(f"{path} has no table under a `## {SCENARIOS_HEADING}` heading")
    return Expectations(scenarios, checks)


def _expectation(subject: str, row: dict[str, str], path: Path) -> Expectation:
    status = row["Status"].lower()
    if status not in STATUSES:
        raise ValueError(f"{path}: {subject} has status {row['Status']!r}; use one of {', '.join(STATUSES)}")
    if status != PASS and not row.get("Reason"):
        raise ValueError(f"{path}: {subject} is {status} and needs a reason")
    versions = frozenset(_SPEC_VERSION.findall(row.get("Spec versions", "")))
    return Expectation(subject, versions, status, row.get("Reason", ""))


def _tables(text: str) -> dict[str, list[dict[str, str]]]:
    """The rows of each Markdown table, by the `##` heading above it, as cells by column name."""
    tables: dict[str, list[dict[str, str]]] = {}
    heading, columns = "", None
    for line in text.splitlines():
        if line.startswith("## "):
            heading, columns = line[3:].strip(), None
        elif not line.startswith("|"):
            columns = None
        else:
            cells = [c.strip().replace("`", "") for c in line.strip().strip("|").split("|")]
            if columns is None:
                columns = cells
            elif not all(set(c) <= set("-: ") for c in cells):
                tables.setdefault(heading, []).append(dict(zip(columns, cells)))
    return tables


@dataclass
class Verdict:
    spec_version: str
    passing: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)
    by_status: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = len(self.passing) + len(self.failing)
        line = (f"conformance {self.spec_version}: {len(self.passing)}/{total} scenarios pass, "
                f"{len(self.by_status.get(NOT_APPLICABLE, []))} not applicable")
        if self.by_status.get(PENDING):
            line += f", {len(self.by_status[PENDING])} pending"
        unexpected = [name for name in self.failing if name in self.by_status.get(PASS, [])]
        if unexpected:
            line += f"; failing: {', '.join(unexpected)}"
        return line


def judge(run: SuiteRun, expectations: Expectations) -> Verdict:
    """How `run` compares with the document: every problem is a line of `problems`."""
    version = run.spec_version
    verdict = Verdict(version)
    listed = {name for name, e in expectations.scenarios.items() if version in e.spec_versions}
    for name in sorted(set(run.scenarios) - listed):
        verdict.problems.append(f"{name} ran at {version}, but docs/conformance.md does not list it for {version}")
    for name in sorted(listed - set(run.scenarios)):
        verdict.problems.append(f"{name} is listed for {version} in docs/conformance.md, but the suite did not run it")
    for name, result in sorted(run.scenarios.items()):
        expected = expectations.scenarios.get(name)
        allowed = expectations.allowed_failures(name, version)
        (verdict.passing if result.passes(allowed) else verdict.failing).append(name)
        if expected is None or version not in expected.spec_versions:
            continue
        verdict.by_status.setdefault(expected.status, []).append(name)
        if expected.status == PASS and not result.passes(allowed):
            found = [f"  - {check}" for check in result.failures(allowed)]
            if result.crash is not None:
                found.append(f"  - the scenario did not run to the end: {result.crash}")
            verdict.problems.append(f"{name} fails:\n" + "\n".join(found or ["  - it reported no checks"]))
        elif expected.status != PASS and result.passes(allowed):
            verdict.problems.append(f"{name} passes, but docs/conformance.md says {expected.status} "
                                    f"({expected.reason}): set its status to pass")
        for check in expectations.applying_checks(name, version):
            check_id = check.subject
            statuses = {c.status for c in result.checks if c.id == check_id}
            if result.crash is None and not statuses:
                verdict.problems.append(f"{name} reported no check {check_id}, which docs/conformance.md lists")
            elif statuses and "FAILURE" not in statuses:
                verdict.problems.append(f"{name}'s check {check_id} passes, but docs/conformance.md says "
                                        f"{check.status} ({check.reason}): drop it from the checks table")
    return verdict
