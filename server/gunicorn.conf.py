"""Gunicorn for the web process. Every knob comes from the environment."""

import contextlib
import gc
import json
import multiprocessing
import os

from gunicorn import util

# Loopback unless told otherwise (WEB_HOST=0.0.0.0, or GUNICORN_BIND): the native API is then
# not open to the LAN. The container image listens on every interface of its own network.
_host = os.environ.get("WEB_HOST", "127.0.0.1")
bind = os.environ.get("GUNICORN_BIND", f"{_host}:{os.environ.get('WEB_PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker keep serving while other requests wait on Open-Meteo: a cold search
# holds its thread for two upstream round trips, so 4 threads a worker capped cold searches
# well below what the CPUs allow (see BENCHMARKS.md, cold searches). Each thread keeps its
# own database connection: workers x threads must stay below PostgreSQL's max_connections.
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_class = "gthread"
# Upstream waits are bounded well below this (connect 3 s + read 8 s, plus retries).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Gunicorn 27's control socket: its own path per stack, so two on one machine never share one.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Requests gunicorn refuses itself (a request line over limit_request_line: 414, headers over
# their limits: 431, garbled HTTP: 400) get the API's JSON error shape, not gunicorn's HTML page.
# Gunicorn has no setting for these pages; its workers call util.write_error for each.
GUNICORN_ERROR_CODES = {414: "uri_too_long", 431: "headers_too_large", 500: "server_error"}


def write_json_error(sock, status_int, reason, mesg):
    code = GUNICORN_ERROR_CODES.get(status_int, "bad_request")
    message = {414: "The request line (URL) is too long."}.get(status_int, reason + ".")
    body = json.dumps({"error": {"code": code, "message": message, "fields": {}}}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = write_json_error

# The first request to a fresh worker used to pay 70-100 ms (the URLconf and every view
# imported, the first connections opened); see BENCHMARKS.md. Each worker therefore serves one
# liveness request in each of its threads before it takes traffic (that imports everything
# a request goes through), then opens in that thread the connections it keeps
# (weather.services.health.open_connections: database per thread, Redis, the broker). Not readiness:
# its answer is cached per process, so only the first thread would connect. The URL reverse
# table, which a search's links need, is built too.
WARM_UP_PATH = "/api/v1/health/"


def child_exit(server, worker):
    from weather.infra.metrics import mark_process_dead

    mark_process_dead(worker.pid)


def post_worker_init(worker):
    import threading
    import time
    from wsgiref.util import setup_testing_defaults

    from django.conf import settings
    from django.urls import get_resolver

    from weather.services.health import open_connections

    started = time.perf_counter()
    get_resolver().reverse_dict  # noqa: B018 (built on the first reverse(): 20 ms)
    named = [h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")]
    threads = worker.cfg.threads
    barrier = threading.Barrier(threads, timeout=10)  # one request per thread, all at once

    def render_one():
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        environ = {"PATH_INFO": WARM_UP_PATH, "HTTP_HOST": (named or ["localhost"])[0]}
        setup_testing_defaults(environ)
        body = worker.wsgi(environ, lambda status, headers, exc_info=None: None)
        for _chunk in body:
            pass
        body.close()  # request_finished: connections are kept or closed as after any request
        open_connections()  # after it: kept until this thread's first request

    try:
        for future in [worker.tpool.submit(render_one) for _ in range(threads)]:
            future.result(timeout=30)
    except Exception:  # a worker that could not warm up still serves, only slower at first
        worker.log.exception("warm-up failed")
    worker.log.info("worker warmed up in %.0f ms", (time.perf_counter() - started) * 1000)
    # What exists now (modules, settings, the URL table, connections) lives as long as the
    # worker: frozen out of the collector's sight, its full collections no longer scan ~150,000
    # objects (~120 ms each, about every 300 cold searches: 0.4 ms a search; BENCHMARKS.md).
    gc.collect()
    gc.freeze()
