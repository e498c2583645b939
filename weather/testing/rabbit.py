"""A RabbitMQ node of a test's own: its own node name, ports, folders and configuration, so it
never touches the machine's broker. The machine's `rabbitmq-server` starts it (as the rabbitmq
user when run as root); `stop()` asks it to stop, then kills it if it takes too long, and it can
start again with the same name, ports and data (a broker restart).

The chaos suite restarts one (tests/chaos/run.py); a worker test gives one a consumer timeout of
a few seconds (weather/tests/worker/test_consumer_timeout.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from weather.testing import processes


class PrivateRabbit:
    """`config`: rabbitmq.conf lines beside the listener's; `advanced`: an advanced.config."""

    def __init__(self, root: Path, name: str, *, config: str = "", advanced: str = ""):
        self.root = root
        self.port = processes.free_port()
        self.node = f"{name}@localhost"
        self.config, self.advanced = config, advanced
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(processes.free_port()),
            "RABBITMQ_MNESIA_BASE": str(root / "mnesia"),
            "RABBITMQ_LOG_BASE": str(root / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(root / "enabled_plugins"),
            "RABBITMQ_PID_FILE": str(root / "pid"),
            # Not the machine's rabbitmq.conf, which names the machine broker's port.
            "RABBITMQ_CONFIG_FILE": str(root / "rabbitmq.conf"),
        }
        if advanced:
            self.env["RABBITMQ_ADVANCED_CONFIG_FILE"] = str(root / "advanced.config")

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}//"

    def start(self, timeout: float = 90) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "enabled_plugins").write_text("[].\n")
        listener = f"listeners.tcp.local = 127.0.0.1:{self.port}\n"
        (self.root / "rabbitmq.conf").write_text(listener + self.config)
        if self.advanced:
            (self.root / "advanced.config").write_text(self.advanced)
        if os.geteuid() == 0:  # the server script drops to the rabbitmq user
            for path in [self.root, *self.root.rglob("*")]:
                shutil.chown(path, "rabbitmq", "rabbitmq")
        self.process = subprocess.Popen(
            ["rabbitmq-server"],  # noqa: S607 (the machine's own server script)
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not processes.listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"RabbitMQ node {self.node} did not start within {timeout:g} s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(subprocess.SubprocessError):
            subprocess.run(  # noqa: S603 (the machine's own control script)
                ["rabbitmqctl", "-n", self.node, "stop"],  # noqa: S607
                env=self.env,
                timeout=60,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
