"""The repository's Dockerfile read into build stages, for tests that check and replay it."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


@dataclass
class Stage:
    base: str
    alias: str | None
    # (keyword in upper case, arguments as written, continuation lines joined)
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def values(self, keyword: str) -> list[str]:
        return [value for name, value in self.instructions if name == keyword]

    def last(self, keyword: str) -> str:
        """The instruction that takes effect when only the last one counts (CMD, USER, ...)."""
        found = self.values(keyword)
        assert found, f"the stage FROM {self.base} has no {keyword}"
        return found[-1]

    def env(self) -> dict[str, str]:
        """ENV as written, `$VAR` references left unexpanded (the base image supplies them)."""
        pairs: dict[str, str] = {}
        for value in self.values("ENV"):
            for word in shlex.split(value, posix=True):
                key, sep, val = word.partition("=")
                assert sep, f"ENV {value!r}: use the KEY=value form"
                pairs[key] = val
        return pairs

    def copies(self) -> list[tuple[list[str], str]]:
        """COPY instructions from the build context: (sources, destination)."""
        found = []
        for value in self.values("COPY"):
            words = shlex.split(value)
            if any(w.startswith("--from=") for w in words):
                continue
            paths = [w for w in words if not w.startswith("--")]
            found.append((paths[:-1], paths[-1]))
        return found


def read_stages(path: Path = DOCKERFILE) -> list[Stage]:
    stages: list[Stage] = []
    with path.open("rb") as source:
        structure = DockerfileParser(fileobj=source).structure
    for item in structure:
        keyword, value = item["instruction"].upper(), item["value"]
        if keyword == "COMMENT":
            continue
        if keyword == "FROM":
            words = value.split()
            alias = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], alias=alias))
            continue
        assert stages, f"{keyword} before the first FROM"
        stages[-1].instructions.append((keyword, value))
    return stages


def exec_form(value: str) -> list[str]:
    """A CMD in exec form (a JSON array of strings); the shell form fails the test."""
    try:
        argv = json.loads(value)
    except json.JSONDecodeError:
        argv = None
    assert isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv), (
        f"{value!r} is not in exec form: write it as a JSON array, e.g. [\"mcp-gateway\", \"serve\"]"
    )
    return argv


def healthcheck_command(value: str) -> list[str]:
    """The command of `HEALTHCHECK [--options] CMD [...]`."""
    options, keyword, command = value.partition("CMD ")
    assert keyword and all(o.startswith("--") for o in options.split()), f"HEALTHCHECK {value!r} has no CMD"
    return exec_form(command.strip())


def dockerignore_patterns(path: Path = DOCKERIGNORE) -> list[str]:
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def flag_value(argv: list[str], flag: str) -> str:
    assert flag in argv, f"{argv} has no {flag}"
    return argv[argv.index(flag) + 1]
