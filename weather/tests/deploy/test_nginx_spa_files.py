"""The files of the installable app (sw.js, manifest.webmanifest) and robots.txt, served by a
real nginx from both sites that serve the SPA: the single entry point (templates/
default.conf.template) and the SPA alone (spa-preview.conf.template). Each is the file with
its own type and caching, or a 404: never the app's index.html."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from server import nginx_config  # noqa: E402
from weather.testing import processes  # noqa: E402
from weather.tests.deploy.nginx_sites import site_values  # noqa: E402

NGINX = shutil.which("nginx")
pytestmark = pytest.mark.skipif(not NGINX, reason="nginx is not installed")
INDEX = "<!doctype html><title>Weather</title><div id=root></div>\n"
ROBOTS = "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /_allauth/\nDisallow: /admin/\n"


def spa_files(root: Path, robots: bool = True) -> None:
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    (root / "manifest.webmanifest").write_text('{"name": "Weather", "start_url": "/"}\n')
    (root / "assets" / "index-AbC123.js").write_text("console.log('app');\n")
    if robots:
        (root / "robots.txt").write_text(ROBOTS)


def start(argv: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not processes.listening(port):
        assert process.poll() is None, "nginx exited"
        assert time.monotonic() < deadline, "nginx did not listen"
        time.sleep(0.05)
    return process


def start_site(tmp_path: Path, root: Path) -> tuple[subprocess.Popen, str]:
    """The single entry point's site, its API upstream unused (nothing listens there)."""
    port = processes.free_port()
    upstream = f"127.0.0.1:{processes.free_port()}"
    values = site_values(tmp_path, upstream, NGINX_PORT=f"127.0.0.1:{port}", SPA_ROOT=str(root))
    conf = tmp_path / "conf"
    main = nginx_config.write_native_config(conf, NGINX, values, [root])
    argv = [NGINX, "-p", f"{conf}/", "-c", str(main), "-e", "stderr", "-g", "daemon off;"]
    return start(argv, port), f"http://127.0.0.1:{port}"


def start_spa_alone(tmp_path: Path, root: Path) -> tuple[subprocess.Popen, str]:
    """The SPA image's site (nginx/Dockerfile's `frontend` stage)."""
    port = processes.free_port()
    values = {"SPA_PORT": str(port), "SPA_API_ORIGINS": "", "SPA_API_BASE_URL": ""}
    template = nginx_config.NGINX_SRC / "spa-preview.conf.template"
    site = nginx_config.render(template, values).replace("/usr/share/nginx/html", str(root))
    (tmp_path / "site.conf").write_text(site.replace("listen ", "listen 127.0.0.1:", 1))
    temp = " ".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in nginx_config.TEMP_KINDS)
    user = "user root root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user} pid {tmp_path}/nginx.pid; error_log stderr warn; events {{}} "
        f"http {{ include {nginx_config.mime_types(NGINX)}; access_log off; {temp} "
        f"include {tmp_path}/site.conf; }}\n"
    )
    argv = [NGINX, "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"]
    return start([*argv, "-g", "daemon off;"], port), f"http://127.0.0.1:{port}"


@pytest.fixture(params=["site", "spa-alone"])
def serve(request, tmp_path):
    """Call with the SPA root to serve: returns the base URL of nginx serving it."""
    started = []

    def serve_root(robots: bool = True) -> str:
        root = tmp_path / "html"
        spa_files(root, robots=robots)
        starter = start_site if request.param == "site" else start_spa_alone
        process, base = starter(tmp_path, root)
        started.append(process)
        return base

    yield serve_root
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def test_robots_txt_is_the_text_file_not_the_app(serve):
    base = serve()
    answer = requests.get(f"{base}/robots.txt", timeout=5)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/plain")
    assert answer.text == ROBOTS
    assert answer.headers["Cache-Control"] == "no-cache"


def test_a_missing_robots_txt_is_a_404_not_the_app(serve):
    base = serve(robots=False)
    answer = requests.get(f"{base}/robots.txt", timeout=5)
    assert answer.status_code == 404
    assert "id=root" not in answer.text


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/sw.js", "application/javascript"), ("/manifest.webmanifest", "application/manifest+json")],
)
def test_the_worker_and_the_manifest_are_revalidated_with_their_own_type(serve, path, content_type):
    base = serve()
    answer = requests.get(f"{base}{path}", timeout=5)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == content_type
    assert answer.headers["Cache-Control"] == "no-cache"
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]


def test_hashed_assets_are_immutable_and_client_routes_are_the_app(serve):
    base = serve()
    asset = requests.get(f"{base}/assets/index-AbC123.js", timeout=5)
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    route = requests.get(f"{base}/history", timeout=5)
    assert route.status_code == 200
    assert route.text == INDEX
    assert route.headers["Cache-Control"] == "no-cache"
    assert requests.get(f"{base}/assets/missing-123.js", timeout=5).status_code == 404
