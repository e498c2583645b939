"""The multi-host test bed: hosts as Linux network namespaces on a bridge of our own.

    wcbr0 10.77.0.1    this machine: PostgreSQL and Redis through socat relays (they listen on
                       127.0.0.1 only), the fake Open-Meteo, and the test driving it all
    wc-worker1..3      .11-.13  Celery workers (wc-worker3 also the refresh worker)
    wc-rabbit1..3      .21-.23  a three-node RabbitMQ cluster (the Debian package's server)
    wc-web1..2         .31-.32  gunicorn
    wc-nginx           .40      nginx, rendered by server/nginx_config.py, both web hosts upstream
    wc-beat            .50      Celery beat, which drives the re-queue sweep

Each role is started from the Procfile (weather/testing/processes.py) inside its namespace.
The queues are quorum queues with names of this run; the database is weather_cluster_bed (made
anew each run), Redis is database 12 of the machine's server. Bed.teardown() removes every
namespace, link, process and folder it made, and is safe to call after any failure.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import fcntl
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from server import nginx_config  # noqa: E402
from weather.testing import processes  # noqa: E402
from weather.testing.chaos import UNLIMITED, say, wait_for  # noqa: E402

BRIDGE = "wcbr0"
NET = "10.77.0"
GATEWAY = f"{NET}.1"
DATABASE = "weather_cluster_bed"
REDIS_DB = 12
FAKE_PORT = 8090
WEB_PORT = 8000
HOSTS = {
    **{f"wc-worker{n}": 10 + n for n in (1, 2, 3)},
    **{f"wc-rabbit{n}": 20 + n for n in (1, 2, 3)},
    **{f"wc-web{n}": 30 + n for n in (1, 2)},
    "wc-nginx": 40,
    "wc-beat": 50,
}
# The values RabbitMQ's own scripts read from the machine's rabbitmq-env.conf (its node name,
# epmd on 127.0.0.1) must not reach our nodes: they get an empty file of their own instead.
RABBIT_PORT = 5672


def exclusive(what: str):
    """The bed's lock, held until the process exits: two runs never share the bridge. Exits
    when another run holds it, or when this is not root (the hosts are network namespaces)."""
    if os.geteuid() != 0:
        sys.exit(f"{what} needs root: its hosts are network namespaces")
    lock = open("/tmp/weather-cluster.lock", "w")  # noqa: SIM115 (held until exit)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"{what}: another run of the multi-host bed holds it")
    return lock


def log(message: str) -> None:
    say(message, "cluster")


def sh(*args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=timeout)


class Host:
    """A network namespace with one veth link (eth0) on the bridge."""

    def __init__(self, name: str):
        self.name = name
        self.address = f"{NET}.{HOSTS[name]}"
        self.veth = name.replace("wc-", "wcv-")

    def create(self) -> None:
        sh("ip", "netns", "add", self.name)
        sh("ip", "link", "add", self.veth, "type", "veth", "peer", "name", "eth0", "netns",
           self.name)  # fmt: skip
        sh("ip", "link", "set", self.veth, "master", BRIDGE, "up")
        sh("ip", "-n", self.name, "addr", "add", f"{self.address}/24", "dev", "eth0")
        sh("ip", "-n", self.name, "link", "set", "eth0", "up")
        sh("ip", "-n", self.name, "link", "set", "lo", "up")

    def link(self, up: bool) -> None:
        sh("ip", "-n", self.name, "link", "set", "eth0", "up" if up else "down")

    def pids(self) -> list[int]:
        out = sh("ip", "netns", "pids", self.name, check=False).stdout
        return [int(pid) for pid in out.split()]

    def kill_all(self, sig: int = signal.SIGKILL) -> None:
        """Every process of the host, as when the machine dies (SIGKILL) or shuts down."""
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)

    def stop_all(self, grace: float = 25) -> None:
        self.kill_all(signal.SIGTERM)
        deadline = time.monotonic() + grace
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.kill_all()

    def exec(self, *args: str, **options) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", self.name, *args], **options)


# Docker sets the FORWARD policy to DROP, and bridged traffic goes through that chain
# (br_netfilter): the hosts would reach this machine but not each other.
FORWARD_RULE = ("FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT")


def allow_forwarding(allow: bool) -> None:
    if not shutil.which("iptables"):
        return
    while sh("iptables", "-C", *FORWARD_RULE, check=False).returncode == 0:
        sh("iptables", "-D", *FORWARD_RULE)
    if allow:
        sh("iptables", "-I", *FORWARD_RULE)


def remove_leftovers() -> None:
    """Namespaces, bridge and firewall rule of an earlier run that could not clean up."""
    allow_forwarding(False)
    for name in HOSTS:
        host = Host(name)
        if Path(f"/run/netns/{name}").exists():
            host.kill_all()
            sh("ip", "netns", "del", name, check=False)
        sh("ip", "link", "del", host.veth, check=False)
    sh("ip", "link", "del", BRIDGE, check=False)


class RabbitNode:
    """One node of the cluster, in its own namespace, with its own name and folders."""

    def __init__(self, host: Host, root: Path):
        self.host = host
        self.node = f"rabbit@{host.address}"
        self.root = root / host.name
        self.env = {
            **os.environ,
            "RABBITMQ_CONF_ENV_FILE": str(self.root / "rabbitmq-env.conf"),
            "RABBITMQ_USE_LONGNAME": "true",  # rabbit@10.77.0.2x: no host name to resolve
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_CONFIG_FILE": str(self.root / "rabbitmq.conf"),
            "RABBITMQ_MNESIA_BASE": str(self.root / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.root / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.root / "enabled_plugins"),
            "RABBITMQ_PID_FILE": str(self.root / "pid"),
            # A partition is noticed within about 10 s (the default, 60 s, outlasts a phase).
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel net_ticktime 10",
        }

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@{self.host.address}:{RABBIT_PORT}//"

    def prepare(self) -> None:
        self.root.mkdir(parents=True)
        (self.root / "rabbitmq-env.conf").write_text("")
        (self.root / "enabled_plugins").write_text("[].\n")
        (self.root / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = {self.host.address}:{RABBIT_PORT}\n"
            "loopback_users = none\n"  # guest from the other hosts
            "cluster_partition_handling = pause_minority\n"
        )
        for path in [self.root, *self.root.rglob("*")]:
            shutil.chown(path, "rabbitmq", "rabbitmq")

    def start(self) -> None:
        with open(self.root / "server.log", "ab") as out:
            subprocess.Popen(
                ["ip", "netns", "exec", self.host.name, "rabbitmq-server"], env=self.env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def ctl(self, *args: str, timeout: float = 120, check: bool = True) -> str:
        """rabbitmqctl against this node, from its own namespace."""
        result = self.host.exec(
            "rabbitmqctl", "-n", self.node, *args, env=self.env, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip
        if check and result.returncode:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} on {self.node}: {result.stderr}")
        return result.stdout

    def await_startup(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(subprocess.TimeoutExpired):
                if self.host.exec(
                    "rabbitmqctl", "-n", self.node, "-q", "await_startup", "--timeout", "30",
                    env=self.env, capture_output=True, timeout=40, check=False,
                ).returncode == 0:  # fmt: skip
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.node} did not start within {timeout:g} s")
            time.sleep(1)

    def join(self, first: RabbitNode) -> None:
        self.ctl("stop_app")
        self.ctl("join_cluster", first.node)
        self.ctl("start_app")

    def stop(self) -> None:
        """A clean stop (its queues' leadership moves to the other nodes)."""
        self.ctl("stop", timeout=90, check=False)
        self.host.stop_all(grace=10)  # epmd, and the node if it did not stop


class Bed:
    def __init__(self, logs: Path, *, api_cache: bool = True):
        """`api_cache`: nginx keeps shared copies of the public reads, as deployed (off for
        the bench, which measures the web hosts)."""
        self.api_cache = api_cache
        self.run = f"cluster-{uuid.uuid4().hex[:6]}"
        self.root = Path(tempfile.mkdtemp(prefix="weather-cluster-"))
        self.root.chmod(0o755)  # the rabbitmq and nginx users work in folders below it
        self.logs = logs
        self.hosts = {name: Host(name) for name in HOSTS}
        self.rabbits = [RabbitNode(self.hosts[f"wc-rabbit{n}"], self.root) for n in (1, 2, 3)]
        self.local: list[subprocess.Popen] = []  # relays and the fake, on this machine
        self.base = f"http://{self.hosts['wc-nginx'].address}"
        self.fake_base = f"http://{GATEWAY}:{FAKE_PORT}"

    # --- Start-up -------------------------------------------------------------------------

    def up(self) -> None:
        started = time.monotonic()
        remove_leftovers()
        self.logs.mkdir(parents=True, exist_ok=True)
        for old in self.logs.glob("*.log"):
            old.unlink()
        self._network()
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            rabbit = pool.submit(self._rabbit_cluster)
            self._database()
            rabbit.result()
        os.environ.update(self.host_env())
        self._fake_open_meteo()
        for n in (1, 2, 3):
            self.start_worker(n)
        self.start_refresh_worker()
        for n in (1, 2):
            self.start_web(n)
        self._nginx()
        self.start_beat()
        self._wait_until_ready()
        log(f"bed up in {time.monotonic() - started:.0f} s: API {self.base}, run {self.run}")

    def _network(self) -> None:
        sh("ip", "link", "add", BRIDGE, "type", "bridge")
        sh("ip", "addr", "add", f"{GATEWAY}/24", "dev", BRIDGE)
        sh("ip", "link", "set", BRIDGE, "up")
        allow_forwarding(True)
        for host in self.hosts.values():
            host.create()
        for port in (5432, 6379):
            self.local.append(
                subprocess.Popen(
                    [
                        "socat",
                        f"TCP-LISTEN:{port},bind={GATEWAY},fork,reuseaddr",
                        f"TCP:127.0.0.1:{port}",
                    ],
                    stderr=subprocess.DEVNULL,
                )
            )

    def _rabbit_cluster(self) -> None:
        # The nodes share the rabbitmq user's Erlang cookie. On a machine whose broker never
        # ran, the first node writes it: the other two start once it has.
        cookie = Path(pwd.getpwnam("rabbitmq").pw_dir) / ".erlang.cookie"
        for node in self.rabbits:
            node.prepare()
            node.start()
            if not cookie.exists():
                node.await_startup()
        for node in self.rabbits:
            node.await_startup()
        first = self.rabbits[0]
        for node in self.rabbits[1:]:
            node.join(first)
        status = json.loads(first.ctl("cluster_status", "--formatter", "json"))
        running = status.get("running_nodes", [])
        if len(running) != 3:
            raise RuntimeError(f"RabbitMQ cluster not formed: running {running}")
        log(f"RabbitMQ cluster: {', '.join(sorted(running))}")

    def _database(self) -> None:
        admin = "postgres://postgres@127.0.0.1:5432/postgres"
        sh("psql", admin, "-qc", f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        sh("psql", admin, "-qc", f"CREATE DATABASE {DATABASE}")
        env = {**os.environ, **self.host_env()}
        for command in (["migrate", "-v0"], ["load_gazetteer"]):  # as server/release.sh
            subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=env, check=True)
        sh("redis-cli", "-n", str(REDIS_DB), "flushdb")
        # Beat drives the sweep: every 5 s here (every minute in production), and REQUEUE_AFTER_S
        # is 10 s (120), so a lost message is published again within seconds of a phase.
        sweep = (
            "INSERT INTO django_celery_beat_intervalschedule (every, period) VALUES (5, 'seconds');"
            " UPDATE django_celery_beat_periodictask SET expire_seconds = 5, interval_id ="
            " (SELECT max(id) FROM django_celery_beat_intervalschedule WHERE every = 5"
            " AND period = 'seconds') WHERE task = 'weather.requeue_unprocessed_searches';"
        )
        sh("psql", f"postgres://postgres@127.0.0.1:5432/{DATABASE}", "-qc", sweep)

    def _fake_open_meteo(self) -> None:
        with open(self.logs / "fake-open-meteo.log", "ab") as out:
            self.local.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "weather.testing.fake_open_meteo",
                        "--host",
                        GATEWAY,
                        "--port",
                        str(FAKE_PORT),
                        "--quiet",
                    ],
                    cwd=REPO,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        wait_for(lambda: _answers(f"{self.fake_base}/"), "the fake Open-Meteo")

    def broker_urls(self, first: int = 0) -> str:
        """The three nodes, from node `first` on: each host starts on another node, as
        clients behind a load balancer would, and fails over to the others."""
        urls = [node.url for node in self.rabbits]
        return ";".join(urls[first % 3 :] + urls[: first % 3])

    def host_env(self) -> dict[str, str]:
        """What this machine's own Django (migrate, the counts) uses."""
        return {
            "DJANGO_SETTINGS_MODULE": "server_config.settings.local",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "CELERY_BROKER_URL": self.broker_urls(),
            "CELERY_QUEUE_TYPE": "quorum",
            "CELERY_PROCESSING_QUEUE": f"{self.run}.processing",
            "CELERY_MAINTENANCE_QUEUE": f"{self.run}.maintenance",
            "CELERY_REFRESH_QUEUE": f"{self.run}.refresh",
        }

    def role_env(self, name: str, first_broker: int) -> dict[str, str]:
        nginx = self.hosts["wc-nginx"].address
        return {
            **os.environ,
            **self.host_env(),
            "DATABASE_URL": f"postgres://postgres@{GATEWAY}:5432/{DATABASE}",
            "REDIS_URL": f"redis://{GATEWAY}:6379/{REDIS_DB}",
            "CELERY_RESULT_BACKEND": f"redis://{GATEWAY}:6379/{REDIS_DB}",
            "CACHE_KEY_PREFIX": self.run,
            "CELERY_BROKER_URL": self.broker_urls(first_broker),
            "CELERY_BROKER_HEARTBEAT": "4",  # a dead link or node is noticed in ~8 s
            "CELERY_WORKER_CONCURRENCY": "2",
            "OPEN_METEO_FORECAST_URL": f"{self.fake_base}/v1",
            "OPEN_METEO_GEOCODING_URL": f"{self.fake_base}/v1",
            **UNLIMITED,
            "REQUEUE_AFTER_S": "10",
            # nginx's address (the Host nginx passes on) and the web hosts' own (checked directly).
            "DJANGO_ALLOWED_HOSTS": ",".join(
                [nginx, "localhost", *(self.hosts[f"wc-web{n}"].address for n in (1, 2))]
            ),
            "DJANGO_TRUSTED_PROXIES": f"{nginx}/32",
            "FORWARDED_ALLOW_IPS": nginx,
            "PROMETHEUS_MULTIPROC_DIR": str(self.root / "metrics" / name),
            "PYTHONUNBUFFERED": "1",
        }

    def _start(self, host: str, role: str, env: dict[str, str], *args: str) -> None:
        with open(self.logs / f"{host.removeprefix('wc-')}.log", "ab") as out:
            processes.start_role(
                role, env, *args, netns=host, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def worker_name(self, n: int) -> str:
        return f"worker{n}@{self.run}"

    def start_worker(self, n: int) -> None:
        env = self.role_env(f"worker{n}", n - 1)
        self._start(f"wc-worker{n}", "worker", env, "--hostname", self.worker_name(n),
                    "--without-gossip", "--without-mingle")  # fmt: skip

    def refresh_worker_name(self) -> str:
        return f"refresh@{self.run}"

    def start_refresh_worker(self) -> None:
        """The refresh worker, beside worker3: the faults never touch that host."""
        env = self.role_env("refresh", 2)
        self._start("wc-worker3", "refresh", env, "--hostname", self.refresh_worker_name(),
                    "--without-gossip", "--without-mingle")  # fmt: skip

    def start_web(self, n: int) -> None:
        host = self.hosts[f"wc-web{n}"]
        env = {
            **self.role_env(f"web{n}", n),
            "WEB_RELEASE": "0",
            "GUNICORN_BIND": f"{host.address}:{WEB_PORT}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            "GUNICORN_CONTROL_SOCKET": str(self.root / f"gunicorn-web{n}.ctl"),
        }
        self._start(host.name, "web", env, "--access-logfile", "/dev/null")

    def start_beat(self) -> None:
        self._start("wc-beat", "beat", self.role_env("beat", 2))

    def _nginx(self) -> None:
        conf = self.root / "nginx"
        (self.root / "html").mkdir()
        (self.root / "html" / "index.html").write_text("<!doctype html><title>bed</title>\n")
        (self.root / "static").mkdir()
        upstream = " ".join(f"{self.hosts[f'wc-web{n}'].address}:{WEB_PORT}" for n in (1, 2))
        values = {
            "NGINX_PORT": "80",
            "SPA_ROOT": str(self.root / "html"),
            "DJANGO_UPSTREAM": upstream,
            "DJANGO_STATIC_ROOT": str(self.root / "static"),
            "NGINX_SNIPPETS": str(nginx_config.NGINX_SRC / "snippets"),
            "NGINX_API_RATE": "100000r/s",  # one client (this machine) sends the whole stream
            "NGINX_API_BURST": "100000",
            "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
            "NGINX_API_CACHE": "on" if self.api_cache else "off",
        }
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        main = nginx_config.write_native_config(conf, nginx, values, [self.root / "html"])
        with open(self.logs / "nginx.log", "ab") as out:
            subprocess.Popen(
                ["ip", "netns", "exec", "wc-nginx", nginx, "-p", f"{conf}/", "-c", str(main),
                 "-e", "stderr", "-g", "daemon off;"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def _wait_until_ready(self) -> None:
        from server_config.celery import app

        names = [*(self.worker_name(n) for n in (1, 2, 3)), self.refresh_worker_name()]
        wait_for(
            lambda: len(app.control.ping(destination=names, timeout=1.0)) == len(names),
            "every worker host",
            timeout=120,
        )
        wait_for(lambda: self.web_answers(1) and self.web_answers(2), "both web hosts", 120)
        wait_for(lambda: _answers(f"{self.base}/api/v1/health/"), "nginx", timeout=30)

    def web_answers(self, n: int) -> bool:
        return _answers(f"http://{self.hosts[f'wc-web{n}'].address}:{WEB_PORT}/api/v1/health/")

    # --- Asking the cluster ---------------------------------------------------------------

    def running_rabbits(self) -> list[RabbitNode]:
        return [n for n in self.rabbits if n.host.pids()]

    def queue_leader(self) -> RabbitNode:
        """The node leading the processing queue (its Raft leader)."""
        queue = f"{self.run}.processing"
        for node in self.running_rabbits():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired, ValueError):
                rows = json.loads(
                    node.ctl("list_queues", "name", "leader", "--formatter", "json", "-q",
                             timeout=30)
                )  # fmt: skip
                for row in rows:
                    if row["name"] == queue:
                        return next(n for n in self.rabbits if n.node == row["leader"])
        raise RuntimeError(f"no node leads {queue}")

    # --- Teardown -------------------------------------------------------------------------

    def teardown(self) -> None:
        for name in ("wc-nginx", "wc-web1", "wc-web2", "wc-beat", "wc-worker1", "wc-worker2",
                     "wc-worker3"):  # fmt: skip
            with contextlib.suppress(Exception):
                self.hosts[name].stop_all(grace=5)
        for node in self.rabbits:
            with contextlib.suppress(Exception):
                node.host.kill_all()
        for process in self.local:
            with contextlib.suppress(Exception):
                process.terminate()
                process.wait(timeout=10)
        for node in self.rabbits:
            with contextlib.suppress(Exception):
                shutil.copy(
                    node.root / "log" / f"{node.node}.log", self.logs / f"{node.host.name}.log"
                )
        with contextlib.suppress(Exception):
            remove_leftovers()
        shutil.rmtree(self.root, ignore_errors=True)
        left = [name for name in HOSTS if Path(f"/run/netns/{name}").exists()]
        log("torn down" + (f" (left: {', '.join(left)})" if left else ""))


def _answers(url: str) -> bool:
    try:
        requests.get(url, timeout=2)
    except requests.RequestException:
        return False
    return True
