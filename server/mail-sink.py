#!/usr/bin/env python3
"""A local mail sink: an SMTP server that delivers nothing and keeps every message it is given.

    python server/mail-sink.py [--host 127.0.0.1] [--port 1025] [--dir var/mail]

Each message becomes one file, `<dir>/<UTC time>-<sequence>.eml`, exactly the bytes the client
sent after DATA (names sort oldest first; a file appears whole, renamed into place), and one
line on standard output: `from=... to=... subject=... file=...`. The defaults come from
MAIL_SINK_HOST, MAIL_SINK_PORT and MAIL_SINK_DIR. `make run` starts it as the Procfile's `mail`
process, compose as its `mail` service, and tests through weather.testing.mail_sink.

It never relays: point EMAIL_HOST and EMAIL_PORT at a real relay to send mail for real.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import sys
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session


class KeepEveryMessage:
    """aiosmtpd handler: writes each message to `directory` and says so on stdout."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.sequence = itertools.count(1)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        path = self.directory / f"{stamp}-{next(self.sequence):06d}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(path)  # readers see whole messages only
        subject = message_from_bytes(content, policy=policy.default).get("Subject", "")
        recipients = ",".join(envelope.rcpt_tos)
        print(
            f"from={envelope.mail_from} to={recipients} subject={str(subject)!r} file={path}",
            flush=True,
        )
        return "250 Message accepted for delivery"


async def serve(host: str, port: int, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    handler = KeepEveryMessage(directory)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True, hostname="mail-sink"), host, port
    )
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(f"mail sink on {host}:{port}, keeping messages in {directory}", flush=True)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    environ = os.environ
    parser.add_argument("--host", default=environ.get("MAIL_SINK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(environ.get("MAIL_SINK_PORT", "1025")))
    parser.add_argument("--dir", type=Path, default=Path(environ.get("MAIL_SINK_DIR", "var/mail")))
    options = parser.parse_args(argv)
    try:
        asyncio.run(serve(options.host, options.port, options.dir))
    except OSError as error:  # the port is taken: say so in one line
        sys.exit(f"mail sink: cannot listen on {options.host}:{options.port}: {error}")


if __name__ == "__main__":
    main()
