"""TCP peers on a local port that misbehave as a hung server or a cut-off cluster node would,
for the clients under test (Redis, RabbitMQ) to meet."""

from __future__ import annotations

import socket
import threading
import time


class LocalTcpServer:
    """Listens on a free loopback port and hands each connection it accepts (counted in
    `.accepted`) to `connected`, from a thread of its own."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.connected(conn)

    def connected(self, conn: socket.socket) -> None:
        raise NotImplementedError


class SilentServer(LocalTcpServer):
    """Accepts TCP connections and never answers: a Redis that hangs."""

    def __init__(self) -> None:
        self.held: list[socket.socket] = []
        super().__init__()

    def connected(self, conn: socket.socket) -> None:
        self.held.append(conn)


class FreezingProxy(LocalTcpServer):
    """A TCP relay to `target` that can stop passing bytes either way while keeping every
    connection open (`.frozen`): a RabbitMQ node cut off from its cluster, as the client
    sees it."""

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5672)) -> None:
        self.target = target
        self.frozen = threading.Event()
        super().__init__()

    def connected(self, conn: socket.socket) -> None:
        upstream = socket.create_connection(self.target)
        for source, sink in ((conn, upstream), (upstream, conn)):
            threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                while self.frozen.is_set():
                    time.sleep(0.05)  # held, not dropped: the connection stays open and silent
                sink.sendall(chunk)
        except OSError:  # one side gone (the test over, the client failed over): stop relaying
            return
