"""The local mail sink (server/mail-sink.py) as tests drive it: a real SMTP server in a process
of its own, on a local port, keeping each message as a file in a folder of the test's."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from weather.testing.processes import REPO_ROOT, free_port, listening

SCRIPT = REPO_ROOT / "server" / "mail-sink.py"


class MailSink:
    """`start()` runs the sink on 127.0.0.1:`port` (a free one when None), writing into
    `directory`; `messages()` reads back what it kept, oldest first."""

    def __init__(self, directory: Path | str, port: int | None = None) -> None:
        self.directory = Path(directory)
        self.port = port or free_port()
        self.host = "127.0.0.1"
        self._process: subprocess.Popen | None = None

    @property
    def environment(self) -> dict[str, str]:
        """What another process of ours needs to send its mail here."""
        return {"EMAIL_HOST": self.host, "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false"}

    def start(self, timeout: float = 15.0) -> MailSink:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(  # noqa: S603 (our own script)
            [sys.executable, str(SCRIPT), "--host", self.host, "--port", str(self.port),
             "--dir", str(self.directory)],
            cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while not listening(self.port):
            if self._process.poll() is not None:
                raise RuntimeError(f"the mail sink exited with {self._process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the mail sink did not listen on {self.port} in {timeout} s")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> MailSink:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def files(self) -> list[Path]:
        return sorted(self.directory.glob("*.eml"))

    def messages(self) -> list[EmailMessage]:
        """Every message kept so far, parsed, oldest first."""
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default) for path in self.files()
        ]  # type: ignore[misc]

    def clear(self) -> None:
        for path in self.files():
            path.unlink()

    def wait_for(
        self, predicate: Callable[[EmailMessage], bool] = lambda message: True,
        timeout: float = 10.0,
    ) -> EmailMessage:  # fmt: skip
        """The oldest message for which `predicate` is true, waiting up to `timeout` seconds
        for it to arrive; AssertionError (with what did arrive) when none does."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages():
                if predicate(message):
                    return message
            if time.monotonic() > deadline:
                seen = [(m["To"], m["Subject"]) for m in self.messages()]
                raise AssertionError(f"no matching message in {timeout} s; the sink has {seen}")
            time.sleep(0.05)


def body_text(message: EmailMessage) -> str:
    """The plain-text body of a message (its text/plain part when it has several)."""
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""
