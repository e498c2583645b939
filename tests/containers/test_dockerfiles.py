"""The Dockerfiles pass hadolint, and every file they COPY is in the build context: it exists
and .dockerignore keeps it, as Docker's own client library (docker-py) reads that file. The
context (the repository root) leaves out secrets and machine-local state."""

from __future__ import annotations

import shlex
import subprocess
from functools import cache

import pytest
from conftest import REPO, tool
from docker.utils.build import PatternMatcher, exclude_paths

DOCKERFILES = ["server/Dockerfile", "nginx/Dockerfile"]


def dockerignore() -> list[str]:
    """.dockerignore's patterns, read as docker-py's APIClient.build reads them."""
    ignore = REPO / ".dockerignore"
    lines = ignore.read_text().splitlines() if ignore.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def context(dockerfile: str) -> frozenset[str]:
    """The paths (files and folders) the build context of a Dockerfile holds."""
    return frozenset(exclude_paths(str(REPO), dockerignore(), dockerfile=dockerfile))


def copy_sources(dockerfile: str) -> list[str]:
    """The sources of its COPY and ADD lines, except those copied from another stage."""
    sources = []
    text = (REPO / dockerfile).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        words = shlex.split(line, comments=True) if line.strip() else []
        if not words or words[0].upper() not in {"COPY", "ADD"}:
            continue
        if any(word.startswith("--from") for word in words[1:]):
            continue
        sources += [word for word in words[1:] if not word.startswith("--")][:-1]
    return sources


@pytest.mark.parametrize("dockerfile", DOCKERFILES)
def test_hadolint_passes(dockerfile):
    result = subprocess.run(
        [tool("hadolint"), "--no-color", dockerfile],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES)
def test_every_copy_source_is_in_the_build_context(dockerfile):
    kept = context(dockerfile)
    sources = copy_sources(dockerfile)
    assert sources, f"no COPY line found in {dockerfile}"
    problems = []
    for source in sources:
        path = source.rstrip("/")
        if not (REPO / path).exists():
            problems.append(f"{source} does not exist")
        elif path not in kept:
            problems.append(f"{source} is excluded by .dockerignore")
        elif (REPO / path).is_dir() and not any(
            p.startswith(f"{path}/") and (REPO / p).is_file() for p in kept
        ):
            problems.append(f"{source} has no file left after .dockerignore")
    assert problems == []


@pytest.mark.parametrize("path", [".env", ".venv", "frontend/node_modules", ".git", "var"])
def test_the_build_context_leaves_out(path):
    # By pattern, so that a path absent from this checkout (.env) counts too.
    assert PatternMatcher(dockerignore()).matches(path)
