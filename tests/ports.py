"""Free loopback ports for the servers tests start (nginx, proxies)."""

from __future__ import annotations

import os
import random
import socket


#: Ports below Linux's ephemeral range (``ip_local_port_range`` starts at 32768), so no outgoing
#: connection is handed one between the check here and the server's own bind.
RANGE = range(20000, 32768)


def free_port() -> int:
    """A free loopback port no other xdist worker of this run can be handed.

    Why: the port is closed again before the server binds it, so two workers could be handed the
    same one; the loser's server fails to bind while its readiness check already reached the
    winner's, and the test then talks to a server that stops under it (a ConnectionReset seen in
    CI). Each worker tries only ports congruent to its number, picked at random from ``RANGE``
    (not ``bind(0)``: Linux hands bind(0) even ports only, so a parity rule would never end)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    index = int(worker.removeprefix("gw") or 0) % count
    mine = RANGE[(index - RANGE.start) % count::count]
    for port in random.sample(mine, k=min(200, len(mine))):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free loopback port for worker {worker} in {RANGE.start}-{RANGE.stop - 1}")
