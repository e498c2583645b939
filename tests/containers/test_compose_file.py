"""docker-compose.yml, as compose itself reads it with a user's .env: valid, secrets required
and named in .env.example, the expected services, a healthcheck on each, dependants waiting
for service_healthy, the published ports, named volumes for the data."""

from __future__ import annotations

import re
from ipaddress import ip_address, ip_network

from conftest import COMPOSE_FILE, ENV_EXAMPLE, required_variables, run_compose_config

# Started by `compose up`.
SERVICES = {
    "api",
    "beat",
    "celery",
    "db",
    "flower",
    "frontend",
    "mail",
    "nginx",
    "rabbitmq",
    "redis",
    "refresh-worker",
    "web",
}
# Started only with `--profile monitoring`.
MONITORING = {"alertmanager", "grafana", "postgres-exporter", "prometheus", "redis-exporter"}
PORTS = {
    "db": "5435->5432",
    "rabbitmq": "15672->15672",
    "api": "8000->8000",
    "flower": "5555->5555",
    "frontend": "4173->4173",
    "nginx": "80->8080",
}
DEFAULT_CREDENTIALS = re.compile(
    r"guest:guest|admin:admin|^\s*[A-Z_]*(PASSWORD|PASS|SECRET_KEY|AUTH)[A-Z_]*: +[^$ {]"
)


def published(service: dict) -> set[str]:
    return {
        f"{p.get('published')}->{p.get('target')}" if isinstance(p, dict) else str(p)
        for p in service.get("ports", [])
    }


def test_env_example_names_every_variable_compose_requires():
    named = set(re.findall(r"^([A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert required_variables(), "docker-compose.yml requires no variable: the pattern is stale"
    assert sorted(set(required_variables()) - named) == []


def test_compose_file_is_valid_with_the_secrets_filled_in(compose_result):
    assert compose_result.returncode == 0, compose_result.stderr


def test_compose_refuses_to_start_without_the_secrets(compose_command):
    result = run_compose_config(compose_command, "/dev/null")
    assert result.returncode != 0, "config succeeded with an empty environment"


def test_no_default_credentials_in_the_compose_file():
    lines = COMPOSE_FILE.read_text().splitlines()
    found = [f"{n}: {line}" for n, line in enumerate(lines, 1) if DEFAULT_CREDENTIALS.search(line)]
    assert found == []


def test_compose_has_the_expected_services(services):
    assert {"missing": (SERVICES | MONITORING) - set(services)} == {"missing": set()}
    assert {"unexpected": set(services) - SERVICES - MONITORING} == {"unexpected": set()}


def test_the_monitoring_services_are_only_in_the_monitoring_profile(services):
    wrong = [
        name
        for name, service in services.items()
        if (name in MONITORING) != (service.get("profiles") == ["monitoring"])
    ]
    assert wrong == []


def test_every_service_has_a_healthcheck(services):
    without = [
        name
        for name, service in services.items()
        if not (service.get("healthcheck") or {}).get("test")
        or service["healthcheck"].get("disable")
    ]
    assert without == []


def test_dependencies_wait_for_service_healthy(services):
    problems = []
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        if isinstance(depends, list):
            problems.append(f"{name} depends_on without conditions")
            continue
        problems += [
            f"{name} -> {dependency} ({(condition or {}).get('condition')})"
            for dependency, condition in depends.items()
            if (condition or {}).get("condition") != "service_healthy"
        ]
    assert problems == []


def test_the_published_ports(services):
    problems = []
    for name, mapping in PORTS.items():
        found = {entry.removesuffix("/tcp") for entry in published(services.get(name, {}))}
        short = mapping.replace("->", ":")
        if not any(mapping in entry or entry.endswith(short) for entry in found):
            problems.append(f"{name} lacks {mapping} (has {sorted(found)})")
    assert problems == []


def test_web_publishes_no_host_port_so_it_scales(services):
    # `--scale web=N`: a replica cannot take a fixed host port another one holds.
    assert sorted(published(services.get("web", {}))) == []


def test_named_volumes_hold_the_data(compose_config):
    volumes = set(compose_config.get("volumes") or {})
    assert {"postgres-data", "rabbitmq-data", "redis-data"} - volumes == set()


def test_fixed_addresses_lie_outside_the_range_other_containers_take(compose_config, services):
    # A container started before nginx must not be handed nginx's address ("Address already
    # in use" at `up`), so dynamic addresses come from a range the fixed ones avoid.
    (network,) = compose_config["networks"]["default"]["ipam"]["config"]
    subnet, dynamic = ip_network(network["subnet"]), ip_network(network["ip_range"])
    fixed = {
        name: ip_address(address)
        for name, service in services.items()
        for address in [((service.get("networks") or {}).get("default") or {}).get("ipv4_address")]
        if address
    }
    assert fixed.keys() >= {"nginx"}, "nginx lost its fixed address: the test is stale"
    assert dynamic.subnet_of(subnet)
    assert {name: str(a) for name, a in fixed.items() if a not in subnet or a in dynamic} == {}
