"""The Dockerfile: linted, checked for what the image must be, and its recipe replayed outside
Docker (no engine runs here): the builder's own wheel command on the files it copies, a fresh
virtualenv holding the wheel, the CMD started with the image's ENV, and the HEALTHCHECK's own
command run against it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from uv import find_uv_bin

from tests.deploy.dockerfile import (
    DOCKERFILE,
    ROOT,
    Stage,
    dockerignore_patterns,
    exec_form,
    flag_value,
    healthcheck_command,
    read_stages,
)
from tests.support import free_port

VENV = "/opt/venv"
HADOLINT = Path(sysconfig.get_path("scripts")) / "hadolint"


@pytest.fixture(scope="module")
def builder() -> Stage:
    return read_stages()[0]


@pytest.fixture(scope="module")
def final() -> Stage:
    return read_stages()[-1]


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def _succeed(argv: list[str], **kwargs) -> None:
    done = _run(argv, **kwargs)
    assert done.returncode == 0, f"{shlex.join(argv)} failed:\n{done.stdout}{done.stderr}"


def _hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    return _run([str(HADOLINT), "--no-color", "--failure-threshold", "warning", str(path)])


def test_hadolint_reports_no_warning_or_error():
    run = _hadolint(DOCKERFILE)
    assert run.returncode == 0, f"hadolint:\n{run.stdout}{run.stderr}"


def test_hadolint_fails_a_dockerfile_with_problems(tmp_path):
    """The lint above can fail: the same invocation rejects an unpinned base image."""
    bad = tmp_path / "Dockerfile"
    bad.write_text('FROM python:latest\nCMD ["python"]\n')
    run = _hadolint(bad)
    assert run.returncode != 0 and "DL3007" in run.stdout


def test_final_stage_holds_only_the_builders_virtualenv(builder, final):
    assert builder is not final, "build in a builder stage; copy only its virtualenv into the final stage"
    assert re.fullmatch(r"python:3\.\d+-slim", final.base)
    assert final.values("COPY") == [f"--from={builder.alias} {VENV} {VENV}"]
    assert final.values("ADD") == []
    setup = " ".join(final.values("RUN"))
    assert not re.search(r"\b(pip|apt-get|gcc|build-essential)\b", setup), "no build tools in the final stage"


def test_runs_as_a_fixed_non_root_uid_that_owns_the_data_volume(final):
    uid, _, gid = final.last("USER").partition(":")
    assert uid.isdigit() and int(uid) != 0, "USER must be a numeric UID other than 0 (runAsNonRoot checks the number)"
    assert gid == "" or gid.isdigit()
    data_dir = final.env()["MCP_GATEWAY_DATA_DIR"]
    assert data_dir == "/data"
    assert exec_form(final.last("VOLUME")) == [data_dir]
    setup = " ".join(final.values("RUN"))
    assert f"--uid {uid}" in setup
    assert re.search(rf"(chown|--owner)\S* .*{re.escape(data_dir)}\b", setup), f"{data_dir} must belong to the user"


def test_python_runs_unbuffered_from_the_virtualenv(final):
    env = final.env()
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["PATH"].startswith(f"{VENV}/bin:")


def test_cmd_serves_the_exposed_port_which_the_healthcheck_asks(final):
    argv = exec_form(final.last("CMD"))
    assert argv[:2] == ["mcp-gateway", "serve"]
    assert flag_value(argv, "--host") == "0.0.0.0"  # reachable through the container's published port
    port = flag_value(argv, "--port")
    assert final.last("EXPOSE").split() == [port]
    [url] = re.findall(r"https?://[^'\"\s]+", " ".join(healthcheck_command(final.last("HEALTHCHECK"))))
    parts = urlsplit(url)
    assert (parts.hostname, parts.port, parts.path) == ("127.0.0.1", int(port), "/healthz")


def test_stops_on_sigterm(final):
    # What Docker and Fly send to stop a container; the gateway drains on it.
    assert final.last("STOPSIGNAL") == "SIGTERM"


def test_dockerignore_sends_only_what_the_builder_copies(builder):
    patterns = dockerignore_patterns()
    assert patterns[0] == "*", "start .dockerignore with * and re-include what the builder copies"
    included = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    copied = {source.rstrip("/") for sources, _ in builder.copies() for source in sources}
    assert included == copied


# Replaying the recipe


def _copy_context(builder: Stage, target: Path) -> Path:
    """The builder's WORKDIR after its COPY instructions, without what .dockerignore leaves out."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for sources, destination in builder.copies():
        assert not destination.startswith("/"), "copy into the builder's WORKDIR"
        for source in sources:
            dest = target / destination / (Path(source).name if destination.endswith("/") else "")
            dest.parent.mkdir(parents=True, exist_ok=True)
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, dest, ignore=skip)
            else:
                shutil.copy2(ROOT / source, dest)
    return target


def _wheel_command(builder: Stage, wheels: Path) -> list[str]:
    """The builder's `pip wheel ...` step, writing to `wheels` with this interpreter's pip."""
    steps = [step.strip() for run in builder.values("RUN") for step in run.split("&&")]
    [step] = [s for s in steps if s.startswith("pip wheel ")]
    argv = shlex.split(step)
    assert flag_value(argv, "--wheel-dir") == "/wheels"
    argv[argv.index("--wheel-dir") + 1] = str(wheels)
    return [sys.executable, "-m", *argv]


def _image_env(final: Stage, venv: Path, data_dir: Path) -> dict[str, str]:
    """The image's ENV with its paths moved here; no MCP_GATEWAY_* setting from this shell leaks in."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MCP_GATEWAY_") and k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    for key, value in final.env().items():
        env[key] = value.replace(VENV, str(venv)).replace("$PATH", os.environ["PATH"])
    env["MCP_GATEWAY_DATA_DIR"] = str(data_dir)
    return env


@pytest.mark.slow
def test_the_recipe_builds_a_gateway_that_passes_its_healthcheck_and_stops_on_sigterm(builder, final, tmp_path):
    context = _copy_context(builder, tmp_path / "src")
    wheels = tmp_path / "wheels"
    _succeed(_wheel_command(builder, wheels), cwd=context)
    [wheel] = wheels.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "mcp_gateway/_apps/github/app.py" in archive.namelist(), "the app catalog must ship in the wheel"

    # The builder pip-installs that wheel into a fresh /opt/venv; uv does the same here, faster, with
    # the image's Python version (the healthcheck runs on that interpreter too).
    builder_steps = " ".join(builder.values("RUN"))
    assert f"venv --without-pip {VENV}" in builder_steps and "install" in builder_steps.split("/wheels/*.whl")[0]
    python_version = re.fullmatch(r"python:(\d+\.\d+)-slim", final.base).group(1)
    venv = tmp_path / "venv"
    _succeed([find_uv_bin(), "venv", "--quiet", "--python", python_version, str(venv)])
    _succeed([find_uv_bin(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)])

    data_dir = tmp_path / "data"
    env = _image_env(final, venv, data_dir)
    image_port, port = final.last("EXPOSE"), str(free_port())
    command = exec_form(final.last("CMD"))
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = port
    healthcheck = [a.replace(f"127.0.0.1:{image_port}/", f"127.0.0.1:{port}/")
                   for a in healthcheck_command(final.last("HEALTHCHECK"))]
    assert healthcheck != healthcheck_command(final.last("HEALTHCHECK"))
    # Both run from the virtualenv, not from tools this machine has and a slim image lacks.
    for program in (command[0], healthcheck[0]):
        assert Path(shutil.which(program, path=env["PATH"]) or "").parent == venv / "bin", f"{program} is not in the image"

    log_path = tmp_path / "gateway.log"
    with log_path.open("w") as log:
        # Popen looks the command up on env's PATH, as Docker does on the image's.
        server = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while (check := _run(healthcheck, env=env, cwd=tmp_path)).returncode:
            assert server.poll() is None, f"the gateway exited with {server.returncode}:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"the healthcheck never passed:\n{check.stderr}\n{log_path.read_text()}"
            time.sleep(0.5)

        server.send_signal(signal.SIGTERM)
        # uvicorn re-raises the signal once it has shut down, so either status means it stopped by itself.
        assert server.wait(timeout=60) in (0, -signal.SIGTERM), log_path.read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    # SQLite drops its write-ahead log when the last connection closes: the store was closed, not cut off.
    assert (data_dir / "gateway.db").exists() and not (data_dir / "gateway.db-wal").exists(), log_path.read_text()
    assert _run(healthcheck, env=env, cwd=tmp_path).returncode != 0, "the healthcheck must fail once the gateway is gone"
