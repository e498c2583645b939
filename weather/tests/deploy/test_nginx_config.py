"""The native nginx site rendered from the containers' template (server/nginx_config.py): one
upstream server as in compose, or several web hosts with passive health checks; checked with
`nginx -t` when nginx is installed."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from server import nginx_config  # noqa: E402
from weather.testing.processes import free_port, listening  # noqa: E402
from weather.tests.deploy import nginx_sites  # noqa: E402

TEMPLATE = nginx_config.NGINX_SRC / "templates" / "default.conf.template"


def site_values(tmp_path: Path, upstream: str) -> dict[str, str]:
    """Rendered alone, the template needs the cache's folder too."""
    return nginx_sites.site_values(tmp_path, upstream, NGINX_CACHE_DIR=str(tmp_path / "cache"))


def upstream_block(site: str) -> list[str]:
    block = re.search(r"upstream django \{(.*?)\}", site, re.DOTALL).group(1)
    return [line.strip() for line in block.splitlines() if line.strip().startswith("server ")]


def test_one_upstream_server_is_never_marked_down(tmp_path):
    site = nginx_config.render(TEMPLATE, site_values(tmp_path, "web:8000"))
    assert upstream_block(site) == ["server web:8000 max_fails=0;"]


@pytest.mark.parametrize("upstream", ["10.0.0.1:8000 10.0.0.2:8000", "10.0.0.1:8000,10.0.0.2:8000"])
def test_several_upstream_servers_get_one_line_each_with_health_checks(tmp_path, upstream):
    site = nginx_config.render(TEMPLATE, site_values(tmp_path, upstream))
    assert upstream_block(site) == [
        "server 10.0.0.1:8000 max_fails=2 fail_timeout=5s;",
        "server 10.0.0.2:8000 max_fails=2 fail_timeout=5s;",
    ]


def test_a_post_already_sent_is_passed_to_another_server_only_with_an_idempotency_key():
    snippet = (nginx_config.NGINX_SRC / "snippets" / "proxy-django.conf").read_text()
    site = TEMPLATE.read_text()
    directives = [line.split("#")[0].strip() for line in site.splitlines()]
    assert "proxy_next_upstream error timeout;" in directives
    assert "proxy_next_upstream" not in snippet.replace("proxy_next_upstream_tries", "")
    block = re.search(r"location \^~ /_retry-safe/ \{(.*?)\n    \}", site, re.DOTALL)
    retry_safe = block.group(1)
    assert "internal;" in retry_safe
    assert [d for d in directives if "non_idempotent" in d] == [
        "proxy_next_upstream error timeout non_idempotent;"
    ]
    assert "non_idempotent" in retry_safe  # only there (behaviour: test_nginx_retry.py)


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
@pytest.mark.parametrize("upstream", ["127.0.0.1:8000", "127.0.0.1:8001 127.0.0.1:8002"])
def test_the_rendered_site_passes_nginx_t(tmp_path, upstream):
    nginx = shutil.which("nginx")
    main = nginx_config.write_native_config(
        tmp_path / "conf", nginx, site_values(tmp_path, upstream), [tmp_path / "html"]
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", f"{tmp_path / 'conf'}/", "-c", str(main), "-e", "stderr"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_a_started_stack_begins_with_an_empty_cache(tmp_path):
    left_over = tmp_path / "conf" / "cache" / "a" / "bc" / "entry"
    left_over.parent.mkdir(parents=True)
    left_over.write_text("an answer of the previous run")
    values = site_values(tmp_path, "127.0.0.1:8000")
    del values["NGINX_CACHE_DIR"]  # the native stack's own: beside its configuration
    nginx_config.write_native_config(tmp_path / "conf", "nginx", values, [tmp_path / "html"])
    assert not left_over.exists()
    site = (tmp_path / "conf" / "weather.conf").read_text()
    assert f"proxy_cache_path {tmp_path}/conf/cache " in site


SPA_PREVIEW = nginx_config.NGINX_SRC / "spa-preview.conf.template"
HOSTILE_HOST = 'x"+alert(1)+"'  # nginx keeps this; it drops what follows a colon (a port)


@pytest.fixture
def spa_preview(tmp_path):
    """nginx serving the SPA-alone site on a free port; call it with SPA_API_BASE_URL."""
    nginx = shutil.which("nginx")
    if not nginx:
        pytest.skip("nginx is not installed")
    started = []

    def start(api_base_url: str) -> int:
        port = free_port()
        (tmp_path / "html").mkdir(exist_ok=True)
        values = {"SPA_PORT": str(port), "SPA_API_ORIGINS": "", "SPA_API_BASE_URL": api_base_url}
        site = nginx_config.render(SPA_PREVIEW, values).replace(
            "/usr/share/nginx/html", str(tmp_path / "html")
        )
        (tmp_path / "site.conf").write_text(site.replace("listen ", "listen 127.0.0.1:", 1))
        temp = " ".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in nginx_config.TEMP_KINDS)
        user = "user root root;" if os.geteuid() == 0 else ""
        (tmp_path / "nginx.conf").write_text(
            f"{user} pid {tmp_path}/nginx.pid; error_log stderr warn; events {{}} "
            f"http {{ access_log off; {temp} include {tmp_path}/site.conf; }}\n"
        )
        argv = [nginx, "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"]
        started.append(subprocess.Popen([*argv, "-g", "daemon off;"]))
        deadline = time.monotonic() + 10
        while not listening(port):
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
        return port

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def get_config_js(port: int, host: str) -> tuple[int, str]:
    """GET /config.js with this Host header, sent as is (a client library would check it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        request = f"GET /config.js HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.decode().partition("\r\n\r\n")
    return int(head.split()[1]), body


def test_config_js_never_contains_the_host_header(spa_preview):
    port = spa_preview("")
    status, hostile = get_config_js(port, HOSTILE_HOST)
    assert status == 200
    assert "alert" not in hostile
    assert get_config_js(port, "weather.example")[1] == hostile  # the same bytes for every Host
    assert hostile == (
        'window.__WEATHER_CONFIG__ = { apiBaseUrl: location.protocol + "//" + '
        'location.hostname + ":8000" };\n'
    )


def test_config_js_names_the_configured_api_origin(spa_preview):
    port = spa_preview("https://api.weather.example")
    status, body = get_config_js(port, HOSTILE_HOST)
    assert status == 200
    assert body == 'window.__WEATHER_CONFIG__ = { apiBaseUrl: "https://api.weather.example" };\n'


def test_the_image_gives_every_placeholder_of_the_site_a_value():
    # The image's envsubst leaves an unknown ${NAME} as it is, which nginx then refuses.
    dockerfile = (nginx_config.NGINX_SRC / "Dockerfile").read_text()
    serving_stage = dockerfile.rsplit("\nFROM ", 1)[1]
    env_blocks = re.findall(r"^ENV (.*?)(?<!\\)\n", serving_stage, re.DOTALL | re.MULTILINE)
    defaults = {name for block in env_blocks for name in re.findall(r"([A-Z][A-Z0-9_]*)=", block)}
    template = TEMPLATE.read_text().splitlines()
    used = {m for line in template for m in nginx_config.PLACEHOLDER.findall(line.split("#")[0])}
    assert used - defaults == set()
    assert {"NGINX_API_CACHE", "NGINX_CACHE_DIR", "NGINX_CACHE_MAX_SIZE"} <= used
