"""The native nginx site rendered from the containers' template (server/nginx_config.py): one
upstream server as in compose, or several web hosts with passive health checks; checked with
`nginx -t` when nginx is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from server import nginx_config  # noqa: E402

TEMPLATE = nginx_config.NGINX_SRC / "templates" / "default.conf.template"


def site_values(tmp_path: Path, upstream: str) -> dict[str, str]:
    for folder in ("html", "static"):
        (tmp_path / folder).mkdir(exist_ok=True)
    return {
        "NGINX_PORT": "8080",
        "SPA_ROOT": str(tmp_path / "html"),
        "DJANGO_UPSTREAM": upstream,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "NGINX_SNIPPETS": str(nginx_config.NGINX_SRC / "snippets"),
        "NGINX_API_RATE": "20r/s",
        "NGINX_API_BURST": "40",
        "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
    }


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


def test_a_post_already_sent_is_never_passed_to_another_server():
    snippet = (nginx_config.NGINX_SRC / "snippets" / "proxy-django.conf").read_text()
    directives = [line.split("#")[0].strip() for line in snippet.splitlines()]
    assert "proxy_next_upstream error timeout;" in directives
    assert not any("non_idempotent" in line for line in directives)


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
