"""How a run of the official suite is judged against docs/conformance.md (no suite is run here)."""

from __future__ import annotations

from pathlib import Path

from .expectations import NOT_APPLICABLE, PASS, PENDING, Expectation, Expectations, judge, load
from .suite import SPEC_VERSIONS, Check, ScenarioResult, SuiteRun

V = "2025-11-25"


def _expect(status: str, reason: str = "") -> Expectation:
    return Expectation("", frozenset({V}), status, reason or ("" if status == PASS else "why"))


def _run(**scenarios: tuple[Check, ...]) -> SuiteRun:
    named = {name.replace("_", "-"): checks for name, checks in scenarios.items()}
    return SuiteRun(V, "0.1.16", {name: ScenarioResult(name, checks) for name, checks in named.items()}, "", Path("."))


OK = (Check("a", "SUCCESS", "works"),)
FAILED = (Check("a", "SUCCESS", "works"), Check("b", "FAILURE", "breaks", "it broke"))


def test_the_document_lists_each_spec_versions_scenarios_with_a_reason_for_each_one_not_passing():
    expectations = load()
    for version in SPEC_VERSIONS:
        assert any(version in e.spec_versions for e in expectations.scenarios.values())
    assert expectations.scenarios["tools-call-simple-text"].status == PASS
    assert expectations.scenarios["prompts-list"].status == NOT_APPLICABLE
    assert expectations.scenarios["resources-list"].status == PASS
    assert expectations.scenarios["resources-subscribe"].status == NOT_APPLICABLE
    assert all(e.reason for e in expectations.scenarios.values() if e.status != PASS)


def test_a_run_that_matches_the_document_has_no_problems():
    expectations = Expectations({"tools-list": _expect(PASS), "prompts-list": _expect(NOT_APPLICABLE)})
    verdict = judge(_run(tools_list=OK, prompts_list=FAILED), expectations)
    assert verdict.problems == []
    assert verdict.summary() == f"conformance {V}: 1/2 scenarios pass, 1 not applicable"


def test_a_failing_scenario_that_should_pass_names_its_failed_check():
    verdict = judge(_run(tools_list=FAILED), Expectations({"tools-list": _expect(PASS)}))
    assert verdict.problems == ["tools-list fails:\n  - b (breaks): it broke"]
    assert verdict.summary().endswith("; failing: tools-list")


def test_a_scenario_not_applicable_or_pending_that_passes_is_a_problem():
    expectations = Expectations({"prompts-list": _expect(NOT_APPLICABLE), "resources-list": _expect(PENDING)})
    problems = judge(_run(prompts_list=OK, resources_list=OK), expectations).problems
    assert [p.split(" passes")[0] for p in problems] == ["prompts-list", "resources-list"]


def test_scenarios_run_but_not_listed_or_listed_but_not_run_are_problems():
    problems = judge(_run(tools_list=OK), Expectations({"ping": _expect(PASS)})).problems
    assert len(problems) == 2 and problems[0].startswith("tools-list ran") and problems[1].startswith("ping is listed")


def test_a_listed_check_may_fail_in_a_passing_scenario_but_not_pass():
    listed = Expectation("b", frozenset({V}), NOT_APPLICABLE, "no prompts")
    expectations = Expectations({"caching": _expect(PASS)}, {"caching": {"b": listed}})
    assert judge(_run(caching=FAILED), expectations).problems == []
    problems = judge(_run(caching=(*OK, Check("b", "SUCCESS", "breaks"))), expectations).problems
    assert problems == ["caching's check b passes, but docs/conformance.md says not applicable (no prompts): "
                        "drop it from the checks table"]
