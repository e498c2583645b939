"""Every shell script of the repository parses and passes shellcheck; the containers' start
scripts run in strict mode and end in exec, so that signals reach the process."""

from __future__ import annotations

import subprocess

import pytest
from conftest import REPO, tool

SKIPPED_DIRECTORIES = {".git", ".venv", "node_modules", "var"}


def shell_scripts() -> list[str]:
    """Tracked and new (not ignored) *.sh files; every *.sh outside a git checkout."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "*.sh"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    if listing.returncode == 0:
        found = listing.stdout.split()
    else:
        found = [
            str(path.relative_to(REPO))
            for path in REPO.rglob("*.sh")
            if not SKIPPED_DIRECTORIES & set(path.relative_to(REPO).parts)
        ]
    return sorted(path for path in found if (REPO / path).is_file())


SCRIPTS = shell_scripts()
START_SCRIPTS = sorted(
    str(path.relative_to(REPO))
    for pattern in ("server/entrypoint.sh", "server/start-*.sh")
    for path in REPO.glob(pattern)
)


def test_the_scripts_are_found():
    expected = {"test-complete.sh", "test-celery.sh", "server/stack-checks.sh"}
    assert expected - set(SCRIPTS) == set()
    assert "server/entrypoint.sh" in START_SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS)
def test_shellcheck_passes(script):
    parsed = subprocess.run(["bash", "-n", script], capture_output=True, text=True, cwd=REPO)
    assert parsed.returncode == 0, parsed.stderr
    result = subprocess.run(
        [tool("shellcheck"), "-x", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", START_SCRIPTS)
def test_start_script_uses_strict_mode_and_exec(script):
    lines = (REPO / script).read_text().splitlines()
    assert any(line.startswith("set -o errexit -o pipefail -o nounset") for line in lines)
    assert any(line.strip().startswith("exec ") for line in lines)
