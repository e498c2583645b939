"""docker-compose.yml as a user runs it: no password has a default, and .env.example says
which ones must be filled in."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMPOSE = (REPO / "docker-compose.yml").read_text()
ENV_EXAMPLE = (REPO / ".env.example").read_text()

# ${NAME...}: NAME and what follows it (":?message", ":-default" or nothing).
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)([^}]*)\}")
# Empty on purpose: no admin account is created (manage.py ensure_superuser).
OPTIONAL = {"DJANGO_SUPERUSER_PASSWORD"}


def password_references() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, rest in REFERENCE.findall(COMPOSE):
        if name.endswith("PASSWORD") and name not in OPTIONAL:
            found.setdefault(name, set()).add(rest[:2])
    return found


def test_every_password_is_required_and_none_has_a_default():
    found = password_references()
    assert "GRAFANA_ADMIN_PASSWORD" in found
    assert {name: kinds for name, kinds in found.items() if kinds != {":?"}} == {}


def test_env_example_marks_every_required_password():
    for name in password_references():
        marked = re.search(
            rf"^# \[compose, required\][^\n]*\n(?:#[^\n]*\n|[A-Z_]+=[^\n]*\n)*?{name}=$",
            ENV_EXAMPLE,
            re.MULTILINE,
        )
        assert marked, f"{name} is not under a [compose, required] comment in .env.example"
