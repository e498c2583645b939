"""docker-compose.yml as a user runs it: no password has a default, and .env.example says
which ones must be filled in."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
COMPOSE = (REPO / "docker-compose.yml").read_text()
ENV_EXAMPLE = (REPO / ".env.example").read_text()

# ${NAME...}: NAME and what follows it (":?message", ":-default" or nothing).
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)([^}]*)\}")
# Empty on purpose: no admin account is created (manage.py ensure_superuser); the local mail
# sink takes mail without a login (a relay's password is the operator's to add).
OPTIONAL = {"DJANGO_SUPERUSER_PASSWORD", "EMAIL_HOST_PASSWORD"}


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


def compose() -> dict:
    """docker-compose.yml with every ${NAME:-default} at its default."""
    text = re.sub(r"\$\{[A-Z][A-Z0-9_]*:-([^}]*)\}", r"\1", COMPOSE)
    return yaml.safe_load(text)


def test_compose_prometheus_reads_the_metrics_and_nothing_else_in_its_network_does():
    services = compose()["services"]
    prometheus = services["prometheus"]["networks"]["default"]["ipv4_address"]
    networks = [
        ipaddress.ip_network(n)
        for n in services["web"]["environment"]["METRICS_ALLOWED_NETWORKS"].split(",")
    ]
    subnet = ipaddress.ip_network(compose()["networks"]["default"]["ipam"]["config"][0]["subnet"])
    assert any(ipaddress.ip_address(prometheus) in n for n in networks)
    gateway = next(subnet.hosts())  # where the host's requests to a published port come from
    assert not any(gateway in n for n in networks)
    assert all(n.prefixlen == n.max_prefixlen or n.is_loopback for n in networks)


def test_the_api_container_listens_on_its_network():
    dockerfile = (REPO / "server" / "Dockerfile").read_text()
    assert re.search(r"^\s+WEB_HOST=0\.0\.0\.0 \\$", dockerfile, re.MULTILINE)
