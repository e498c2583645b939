"""A Web Push service endpoint on a local port, standing in for a browser's push service and
the browser itself: it holds the browser's key pair (ECDH P-256) and auth secret, as a
browser's PushSubscription carries them, and decrypts every aes128gcm message POSTed to it
(RFC 8291), so a test reads the plaintext our worker sent.

    receiver = PushReceiver()
    api.post("/api/v1/alerts/push/subscriptions/", receiver.subscription, format="json")
    ...
    receiver.wait_for(1)[0]["payload"]  # {"title": ..., "body": ..., "url": ..., "tag": ...}
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushReceiver:
    """Answers each POST with `status` (201, as push services do; 410: the subscription is
    gone). `.received` holds what came, in order: {"headers" (lower-case names), "payload"}
    with the decrypted JSON (or {"error"} when it could not be decrypted)."""

    def __init__(self, status: int = 201, hold_s: float = 0.0) -> None:
        self.status = status
        # Each message is held this long before it is accepted; one whose sender hung up
        # meanwhile (a worker killed mid-delivery) is dropped, never answered 201.
        self.hold_s = hold_s
        self.dropped = 0
        self.holding = 0  # requests being held right now (hold_s)
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth_secret = os.urandom(16)
        self.received: list[dict] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if receiver.hold_s and receiver._held_and_hung_up(self.connection):
                    receiver.dropped += 1
                    return
                receiver._keep({k.lower(): v for k, v in self.headers.items()}, body)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = (
            f"http://127.0.0.1:{self._server.server_address[1]}/push/{b64url(os.urandom(8))}"
        )
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def public_key(self) -> str:
        raw = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(raw)

    @property
    def subscription(self) -> dict:
        """The browser's PushSubscription JSON, as the SPA posts it."""
        keys = {"p256dh": self.public_key, "auth": b64url(self.auth_secret)}
        return {"endpoint": self.endpoint, "expirationTime": None, "keys": keys}

    def _held_and_hung_up(self, connection: socket.socket) -> bool:
        with self._lock:
            self.holding += 1
        try:
            return self._hung_up(connection)
        finally:
            with self._lock:
                self.holding -= 1

    def _hung_up(self, connection: socket.socket) -> bool:
        """Waits hold_s; whether the sender closed its end meanwhile."""
        time.sleep(self.hold_s)
        try:
            return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def _keep(self, headers: dict, body: bytes) -> None:
        try:
            plain = http_ece.decrypt(
                body,
                private_key=self.private_key,
                auth_secret=self.auth_secret,
                version="aes128gcm",
            )
            entry = {"headers": headers, "payload": json.loads(plain)}
        except Exception as exc:  # kept, for the test to see what arrived
            entry = {"headers": headers, "error": f"{type(exc).__name__}: {exc}"}
        with self._lock:
            self.received.append(entry)

    def wait_for(self, count: int, timeout: float = 20.0) -> list[dict]:
        """The messages once at least `count` came (AssertionError after `timeout`)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if len(self.received) >= count:
                    return list(self.received)
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.received)} push messages, not {count}")
            time.sleep(0.05)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
