"""Shared by the checks of `make check-containers`: the repository, the tools the checks run
(installed by server/check-containers.sh), and docker-compose.yml as compose renders it with
.env.example and dummy secrets, as a user's .env would be."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
TOOLS = REPO / "var" / "tools" / "bin"


def tool(name: str) -> str:
    """A lint tool: $HADOLINT / $SHELLCHECK, var/tools (make check-containers), or PATH."""
    for candidate in (os.environ.get(name.upper()), TOOLS / name, shutil.which(name)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail(f"{name} is not installed: `make check-containers` installs it into var/tools")


def required_variables() -> list[str]:
    """The variables docker-compose.yml requires (`${NAME:?message}`)."""
    return sorted(set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE_FILE.read_text())))


def dummy(name: str) -> str:
    if name == "FLOWER_BASIC_AUTH":
        return "checker:check-containers-dummy"
    if name == "DJANGO_SECRET_KEY":
        return secrets.token_hex(32)
    return "check-containers-dummy"


@pytest.fixture(scope="session")
def compose_command() -> list[str]:
    """`docker compose` (v2) or `docker-compose` (v1)."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.fail("neither 'docker compose' nor docker-compose is installed")


def run_compose_config(command: list[str], env_file: Path | str) -> subprocess.CompletedProcess:
    # Only the file's own interpolation counts: exported values could mask a gap.
    env = {k: v for k, v in os.environ.items() if k not in required_variables()}
    argv = [*command, "--project-directory", str(REPO), "--env-file", str(env_file)]
    argv += ["-f", str(COMPOSE_FILE), "config"]
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=False)


@pytest.fixture(scope="session")
def compose_env_file(tmp_path_factory) -> Path:
    """.env.example with every required variable filled in."""
    required = required_variables()
    lines = [
        line
        for line in ENV_EXAMPLE.read_text().splitlines()
        if line.split("=", 1)[0] not in required
    ]
    lines += [f"{name}={dummy(name)}" for name in required]
    path = tmp_path_factory.mktemp("compose") / "compose.env"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="session")
def compose_result(compose_command, compose_env_file) -> subprocess.CompletedProcess:
    return run_compose_config(compose_command, compose_env_file)


@pytest.fixture(scope="session")
def compose_config(compose_result) -> dict:
    """The configuration compose resolved (interpolated, normalised)."""
    if compose_result.returncode != 0:
        pytest.fail(f"docker-compose.yml is not valid: {compose_result.stderr.strip()}")
    return yaml.safe_load(compose_result.stdout)


@pytest.fixture(scope="session")
def services(compose_config) -> dict:
    return compose_config.get("services") or {}
