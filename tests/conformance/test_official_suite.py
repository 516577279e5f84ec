"""The official MCP conformance suite, at every spec version the gateway speaks, judged against
docs/conformance.md: what it lists as passing must pass, and what it lists as not applicable
(or pending) must not pass unnoticed."""

from __future__ import annotations

import pytest

from .expectations import judge, load
from .suite import SPEC_VERSIONS, SUITE_PACKAGE, SUITE_VERSIONS, SuiteUnavailable, run_suite, suite_script

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("spec_version", SPEC_VERSIONS)
def test_the_official_suite_passes_wherever_the_gateway_has_the_feature(
    spec_version, conformance_node, conformance_gateway, record_summary, tmp_path
):
    expectations = load()
    suite_version = SUITE_VERSIONS[spec_version]
    try:
        script = suite_script(suite_version)
    except SuiteUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    run = run_suite(conformance_node, script, suite_version, conformance_gateway.mcp_url, spec_version,
                    tmp_path / "results")
    verdict = judge(run, expectations)
    record_summary(verdict.summary())
    gateway = conformance_gateway.process
    if not gateway.alive():
        verdict.problems.append("the gateway exited during the run:\n" + "\n".join(gateway.lines[-30:]))
    if verdict.problems:
        pytest.fail(f"{SUITE_PACKAGE}@{suite_version} at {spec_version} (each scenario's checks are in "
                    f"{run.results_dir}):\n" + "\n".join(verdict.problems), pytrace=False)
