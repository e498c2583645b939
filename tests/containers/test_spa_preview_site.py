"""The SPA preview site of the nginx image (the compose `frontend` service) passes `nginx -t`
with the container's values. The main site, which the native stack shares, is checked by
weather/tests/deploy/test_nginx_config.py."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO))

from server import nginx_config

NGINX = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")


@pytest.mark.skipif(not NGINX, reason="nginx is not installed")
def test_the_spa_preview_site_passes_nginx_t(tmp_path):
    values = {
        "SPA_PORT": "4173",
        "SPA_API_ORIGINS": "http://localhost:8000",
        "SPA_API_BASE_URL": "http://localhost:8000",
    }
    site = tmp_path / "spa-preview.conf"
    site.write_text(nginx_config.render(REPO / "nginx" / "spa-preview.conf.template", values))
    temp_paths = ""
    for kind in nginx_config.TEMP_KINDS:
        (tmp_path / "tmp" / kind).mkdir(parents=True)
        temp_paths += f"{kind}_temp_path {tmp_path}/tmp/{kind}; "
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid; events {{}} "
        f"http {{ include {nginx_config.mime_types(NGINX)}; {temp_paths} include {site}; }}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-q", "-p", f"{tmp_path}/", "-c", str(main), "-e", "stderr"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
