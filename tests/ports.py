"""Free loopback ports for the servers tests start (nginx, proxies)."""

from __future__ import annotations

import os
import socket


def free_port() -> int:
    """A free loopback port no other xdist worker of this run can be handed.

    Why: the port is closed again before the server binds it, so two workers could be handed the
    same one; the loser's server fails to bind while its readiness check already reached the
    winner's, and the test then talks to a server that stops under it (a ConnectionReset seen in
    CI). Each worker takes only ports congruent to its number, so their choices never meet."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    index = int(worker.removeprefix("gw") or 0) % count
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port % count == index:
            return port
