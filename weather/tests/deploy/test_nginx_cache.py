"""nginx's shared cache of public reads (nginx/snippets/api-cache.conf), with a real nginx
rendered by server/nginx_config.py: in front of a small counting upstream for the rules, and
in front of gunicorn and the app for what Django really sends."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
WEATHER = "/api/v1/weather/?city=Paris"
AIR_QUALITY = "/api/v1/air-quality/?latitude=48.85&longitude=2.35"


class Upstream(ThreadingHTTPServer):
    """A stand-in for gunicorn: counts the requests it gets per path and query, and answers
    each with a body naming that count and the headers a test sets."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), UpstreamHandler)
        self.headers = {"Cache-Control": "max-age=60"}
        self.delay_s = 0.0
        self.cors = False
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def count(self, path: str = WEATHER) -> int:
        with self.lock:
            return sum(1 for seen, _ in self.seen if seen == path)


class UpstreamHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as nginx's upstream block expects

    def do_GET(self):
        with self.server.lock:
            self.server.seen.append((self.path, dict(self.headers)))
            n = sum(1 for seen, _ in self.server.seen if seen == self.path)
        time.sleep(self.server.delay_s)
        body = f'{{"answer": {n}}}'.encode()
        etag = self.server.headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:  # as Django's conditional GET
            self.send_response(304)
            for name, value in self.server.headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.server.headers.items():
            self.send_header(name, value)
        if self.server.cors and self.headers.get("Origin"):  # as django-cors-headers answers
            self.send_header("Access-Control-Allow-Origin", self.headers["Origin"])
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def start_nginx(tmp_path):
    """nginx with the site of the containers on a free port, proxying to `upstream`."""
    started = []

    def start(upstream: str, **values: str) -> str:
        port = processes.free_port()
        conf = tmp_path / f"nginx-{port}"
        site = site_values(tmp_path, upstream, NGINX_PORT=f"127.0.0.1:{port}", **values)
        main = nginx_config.write_native_config(conf, NGINX, site, [tmp_path / "html"])
        argv = [NGINX, "-p", f"{conf}/", "-c", str(main), "-e", "stderr", "-g", "daemon off;"]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
        started.append(process)
        deadline = time.monotonic() + 10
        while not processes.listening(port):
            assert process.poll() is None, "nginx exited"
            assert time.monotonic() < deadline, "nginx did not listen"
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def upstream():
    server = Upstream()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def nginx(start_nginx, upstream) -> str:
    return start_nginx(f"127.0.0.1:{upstream.server_address[1]}")


def get(base: str, path: str = WEATHER, **headers: str) -> requests.Response:
    return requests.get(f"{base}{path}", headers=headers, timeout=10)


def test_a_repeated_read_is_a_hit_with_one_upstream_request(nginx, upstream):
    first, second = get(nginx), get(nginx)
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert first.json() == second.json() == {"answer": 1}
    assert second.headers["Cache-Control"] == "max-age=60"
    assert upstream.count() == 1


def test_the_key_is_the_query_whatever_the_host(nginx, upstream):
    get(nginx, Host="weather.example")
    assert get(nginx, Host="other.example:8080").headers["X-Cache-Status"] == "HIT"
    assert get(nginx, "/api/v1/weather/?city=Lyon").headers["X-Cache-Status"] == "MISS"
    assert get(nginx, "/api/v1/locations/?q=Par").headers["X-Cache-Status"] == "MISS"
    assert get(nginx, "/api/v1/locations/?q=Par").headers["X-Cache-Status"] == "HIT"
    assert upstream.count() == 1


def test_the_air_quality_read_is_shared_like_the_weather(nginx, upstream):
    first, second = get(nginx, AIR_QUALITY), get(nginx, AIR_QUALITY)
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    elsewhere = "/api/v1/air-quality/?latitude=40.71&longitude=-74.01"
    assert get(nginx, elsewhere).headers["X-Cache-Status"] == "MISS"
    personal = get(nginx, AIR_QUALITY, Cookie="sessionid=abc")
    assert personal.headers["X-Cache-Status"] == "BYPASS"
    assert upstream.count(AIR_QUALITY) == 2


def test_each_answer_carries_its_own_request_id(nginx, upstream):
    upstream.headers["X-Request-ID"] = "0123456789abcdef0123456789abcdef"
    ids = {get(nginx).headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    assert upstream.count() == 1


def test_other_api_paths_are_never_cached(nginx, upstream):
    statuses = [get(nginx, "/api/v1/stats/").headers.get("X-Cache-Status") for _ in range(2)]
    assert statuses == [None, None]
    assert upstream.count("/api/v1/stats/") == 2


def test_the_account_api_is_passed_to_django_and_never_cached(nginx, upstream):
    path = "/_allauth/browser/v1/auth/session"
    answers = [get(nginx, path) for _ in range(2)]
    assert [a.json() for a in answers] == [{"answer": 1}, {"answer": 2}]
    assert [a.headers.get("X-Cache-Status") for a in answers] == [None, None]
    assert answers[0].headers.get("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize(
    "headers",
    [
        {"Set-Cookie": "sessionid=abc; HttpOnly", "Cache-Control": "max-age=60"},
        {"Cache-Control": "no-store"},
        {"Cache-Control": "private, max-age=60"},
        {"Cache-Control": "no-cache, max-age=60"},
        {"Cache-Control": "max-age=60", "Vary": "Cookie"},
        {"Cache-Control": "max-age=60", "Vary": "Origin, Authorization"},
        {},  # no Cache-Control: Django said nothing, so nothing is kept
    ],
    ids=["set-cookie", "no-store", "private", "no-cache", "vary-cookie", "vary-auth", "none"],
)
def test_a_personal_or_uncacheable_answer_is_not_stored(nginx, upstream, headers):
    upstream.headers = headers
    statuses = [get(nginx).headers["X-Cache-Status"] for _ in range(2)]
    assert statuses == ["MISS", "MISS"]
    assert upstream.count() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer ops-token"},
        {"Cookie": "sessionid=abc"},
        {"Cookie": "csrftoken=abc; sessionid=abc"},
        {"Cookie": "account=abc"},  # any cookie but the CSRF token: whatever accounts add later
    ],
    ids=["authorization", "session", "csrf-and-session", "other-cookie"],
)
def test_a_request_naming_someone_bypasses_and_does_not_fill(nginx, upstream, headers):
    get(nginx)  # a shared entry exists
    personal = [get(nginx, **headers) for _ in range(2)]
    assert [r.headers["X-Cache-Status"] for r in personal] == ["BYPASS", "BYPASS"]
    assert [r.json()["answer"] for r in personal] == [2, 3]
    assert get(nginx).json() == {"answer": 1}  # the shared entry was not replaced
    assert upstream.count() == 3
    assert upstream.seen[1][1].get(next(iter(headers))) == headers[next(iter(headers))]


def test_the_csrf_cookie_alone_shares_the_cache(nginx, upstream):
    get(nginx)
    assert get(nginx, Cookie="csrftoken=abc").headers["X-Cache-Status"] == "HIT"
    assert upstream.count() == 1


def after_update(base: str) -> requests.Response:
    """The next answer once the background request has stored what it fetched."""
    deadline = time.monotonic() + 5
    while (answer := get(base)).headers["X-Cache-Status"] in ("STALE", "UPDATING"):
        assert time.monotonic() < deadline, "nginx kept serving the expired entry"
        time.sleep(0.05)
    return answer


def test_an_expired_entry_is_served_stale_while_one_request_updates_it(nginx, upstream):
    upstream.headers = {"Cache-Control": "max-age=1"}
    assert get(nginx).json() == {"answer": 1}
    time.sleep(2.2)  # nginx counts whole seconds
    stale = get(nginx)
    assert stale.headers["X-Cache-Status"] == "STALE"
    assert stale.json() == {"answer": 1}
    deadline = time.monotonic() + 5
    while upstream.count() < 2:  # the background update
        assert time.monotonic() < deadline, "nginx did not update the entry"
        time.sleep(0.05)
    fresh = after_update(nginx)
    assert (fresh.headers["X-Cache-Status"], fresh.json()) == ("HIT", {"answer": 2})
    assert upstream.count() == 2


def test_an_expired_entry_is_revalidated_with_its_etag(nginx, upstream):
    upstream.headers = {"Cache-Control": "max-age=1", "ETag": '"v1"'}
    get(nginx)
    time.sleep(2.2)
    assert get(nginx).headers["X-Cache-Status"] == "STALE"
    deadline = time.monotonic() + 5
    while upstream.count() < 2:
        assert time.monotonic() < deadline, "nginx did not revalidate the entry"
        time.sleep(0.05)
    kept = after_update(nginx)
    assert (kept.headers["X-Cache-Status"], kept.json()) == ("HIT", {"answer": 1})
    assert upstream.seen[1][1].get("If-None-Match") == '"v1"'


def test_concurrent_misses_make_one_upstream_request(nginx, upstream):
    upstream.delay_s = 0.5
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: get(nginx).json(), range(10)))
    assert answers == [{"answer": 1}] * 10
    assert upstream.count() == 1


def test_an_answer_for_one_origin_is_never_served_to_another(nginx, upstream):
    upstream.headers["Vary"] = "origin"
    upstream.cors = True
    first = get(nginx, Origin="http://localhost:4173")
    foreign = get(nginx, Origin="https://evil.example")
    same_origin = [get(nginx), get(nginx)]
    assert first.headers["Access-Control-Allow-Origin"] == "http://localhost:4173"
    assert foreign.headers["Access-Control-Allow-Origin"] == "https://evil.example"
    assert "Access-Control-Allow-Origin" not in same_origin[0].headers
    assert [r.headers["X-Cache-Status"] for r in same_origin] == ["MISS", "HIT"]
    assert upstream.count() == 3


def test_emptying_the_cache_folder_purges_it(nginx, upstream, tmp_path):
    get(nginx)
    (folder,) = tmp_path.glob("nginx-*/cache")
    for entry in folder.iterdir():
        shutil.rmtree(entry)
    after = [get(nginx) for _ in range(2)]
    assert [r.status_code for r in after] == [200, 200]
    assert [r.headers["X-Cache-Status"] for r in after] == ["MISS", "HIT"]
    assert upstream.count() == 2


@pytest.mark.parametrize("off", ["off", "false"])
def test_the_cache_can_be_turned_off(start_nginx, upstream, off):
    base = start_nginx(f"127.0.0.1:{upstream.server_address[1]}", NGINX_API_CACHE=off)
    assert [get(base).headers["X-Cache-Status"] for _ in range(2)] == ["BYPASS", "BYPASS"]
    assert upstream.count() == 2


# --- Through gunicorn and the app ----------------------------------------------------------


@pytest.fixture
def app_behind_nginx(start_nginx, fake_open_meteo_server, tmp_path):
    """gunicorn (production configuration, test settings) logging each request it serves,
    behind nginx; returns nginx's URL and a count of gunicorn's requests for a path since
    nginx started."""
    from django.db import connection

    access_log = tmp_path / "gunicorn-access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server_config.settings.test",
        "DATABASE_URL": processes.database_url(connection.settings_dict),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
        # Not the test settings' 1 s, meant for in-process timeout tests: a loaded machine's
        # fake can take longer.
        "TEST_OPEN_METEO_READ_TIMEOUT_S": "10",
        "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
        "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        "OPEN_METEO_AIR_QUALITY_URL": fake_open_meteo_server.base_url,
    }
    process, base = processes.start_web(
        env, "--access-logfile", str(access_log), stdout=subprocess.DEVNULL
    )
    try:
        processes.wait_for_api(base, process)
        # Django's own cache warmed straight at gunicorn, out of nginx's sight.
        for path in (WEATHER, "/api/v1/locations/?q=Par", AIR_QUALITY):
            requests.get(f"{base}{path}", timeout=30).raise_for_status()
        site = start_nginx(base.removeprefix("http://"))

        def count(path: str) -> int:
            return sum(f"GET {path} " in line for line in access_log.read_text().splitlines())

        before = {path: count(path) for path in (WEATHER, "/api/v1/locations/?q=Par", AIR_QUALITY)}

        def served(path: str) -> int:
            time.sleep(1)  # gunicorn logs a request just after it has answered it
            return count(path) - before.get(path, 0)

        yield site, served
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_the_apps_weather_read_is_served_from_the_cache(app_behind_nginx):
    site, served = app_behind_nginx
    first = requests.get(f"{site}{WEATHER}", timeout=30)
    second = requests.get(f"{site}{WEATHER}", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert first.status_code == second.status_code == 200, first.text
    assert [first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]] == ["MISS", "HIT"]
    assert first.json() == second.json()
    assert second.headers["Cache-Control"].startswith("max-age=")
    # No negotiation (one renderer) and no session: nothing splits or personalises the entry.
    vary = {v.strip().lower() for v in first.headers.get("Vary", "").split(",")}
    assert not vary & {"accept", "cookie", "authorization"}, first.headers
    # The ETag still answers 304 (gzip makes it weak: W/"...").
    etag = second.headers["ETag"]
    again = requests.get(
        f"{site}{WEATHER}", headers={"If-None-Match": etag, "Accept-Encoding": "gzip"}, timeout=30
    )
    assert again.status_code == 304
    assert served("/api/v1/weather/?city=Paris") == 1


@pytest.mark.django_db(transaction=True)
def test_the_apps_place_search_is_served_from_the_cache(app_behind_nginx):
    site, served = app_behind_nginx
    path = "/api/v1/locations/?q=Par"
    answers = [requests.get(f"{site}{path}", timeout=30) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200], answers[0].text
    assert [a.headers["X-Cache-Status"] for a in answers] == ["MISS", "HIT"], answers[0].headers
    assert answers[0].json() == answers[1].json()
    assert served(path) == 1


@pytest.mark.django_db(transaction=True)
def test_the_apps_air_quality_read_is_served_from_the_cache(app_behind_nginx):
    site, served = app_behind_nginx
    answers = [requests.get(f"{site}{AIR_QUALITY}", timeout=30) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200], answers[0].text
    assert [a.headers["X-Cache-Status"] for a in answers] == ["MISS", "HIT"], answers[0].headers
    assert answers[0].json() == answers[1].json()
    assert not answers[0].cookies
    assert answers[1].headers["Cache-Control"].startswith("max-age=")
    assert served(AIR_QUALITY) == 1


@pytest.mark.django_db(transaction=True)
def test_the_apps_answers_to_a_signed_in_visitor_are_not_shared(app_behind_nginx):
    site, served = app_behind_nginx
    assert requests.get(f"{site}{WEATHER}", timeout=30).headers["X-Cache-Status"] == "MISS"
    signed_in = requests.get(f"{site}{WEATHER}", cookies={"sessionid": "abc"}, timeout=30)
    assert signed_in.status_code == 200
    assert signed_in.headers["X-Cache-Status"] == "BYPASS"
    assert served("/api/v1/weather/?city=Paris") == 2
