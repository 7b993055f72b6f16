"""bench/phone_link.py: the shared token bucket and the delay schedule with a fake clock, then the
proxy end to end against a tiny local server (lower bounds the link guarantees, a loose upper band)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bench.phone_link import PHONE, LinkSpec, TokenBucket, delivery_time, handshake_done, phone_link

# (rate B/s, burst B, [(now, bytes asked)], [time each reservation is through])
BUCKET_CASES = {
    "an idle link sends one chunk in n/rate": (1000, 0, [(0.0, 500)], [0.5]),
    "a second chunk asked at once queues behind the first": (1000, 0, [(0.0, 500), (0.0, 500)], [0.5, 1.0]),
    "no credit saved while idle without burst": (1000, 0, [(0.0, 500), (5.0, 100)], [0.5, 5.1]),
    "a full bucket passes its burst at once": (1000, 1000, [(0.0, 1000), (0.0, 500)], [0.0, 0.5]),
    "idle time refills the bucket only up to the burst": (1000, 1000, [(0.0, 1000), (60.0, 1500)], [0.0, 60.5]),
    "asked mid-chunk: waits for the rest of the link's busy time": (100, 0, [(0.0, 100), (0.5, 100)], [1.0, 2.0]),
}


@pytest.mark.parametrize("case", BUCKET_CASES)
def test_token_bucket_schedules_with_a_fake_clock(case: str) -> None:
    rate, burst, asks, expected = BUCKET_CASES[case]
    bucket = TokenBucket(rate, burst)
    assert [bucket.reserve(n, now) for now, n in asks] == pytest.approx(expected)


def test_six_paced_connections_share_one_link_instead_of_getting_one_each() -> None:
    """Six readers each send a chunk, wait until the link has carried it, then send the next (as
    the proxy's pump does): together they take the bytes' time at one rate, and finish together."""
    bucket = TokenBucket(PHONE.down_bps / 8)
    chunk, chunks = PHONE.chunk, 20
    ready = [0.0] * 6  # when each reader asks for its next chunk
    finished = [0.0] * 6
    for _ in range(chunks):
        for reader in sorted(range(6), key=lambda r: ready[r]):
            ready[reader] = finished[reader] = bucket.reserve(chunk, ready[reader])
    total = 6 * chunks * chunk
    assert max(finished) == pytest.approx(total / (PHONE.down_bps / 8))
    assert min(finished) > 0.9 * max(finished)  # fair: nobody is served whole before the others


def test_delivery_is_one_way_later_and_a_new_connection_pays_the_handshake() -> None:
    assert delivery_time(1.0, PHONE) == pytest.approx(1.075)
    assert handshake_done(1.0, PHONE) == pytest.approx(1.150)
    slow = LinkSpec(one_way_s=0.3)
    assert (delivery_time(1.0, slow), handshake_done(1.0, slow)) == pytest.approx((1.3, 1.6))


def test_bad_rates_and_urls_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        TokenBucket(100, burst=-1)
    with pytest.raises(ValueError), phone_link("https://127.0.0.1:1"):
        pass


class _Bytes(BaseHTTPRequestHandler):
    """GET /<n> answers n bytes."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        size = int(self.path.strip("/"))
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(b"x" * size)

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        got = len(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.send_header("Content-Length", str(len(str(got))))
        self.end_headers()
        self.wfile.write(str(got).encode())

    def log_message(self, *args: Any) -> None:  # noqa: ANN401 - quiet
        pass


@pytest.fixture()
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Bytes)
    # polled every 50 ms, not 0.5 s: shutdown() waits for the poll, once per test
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _get(port: int, sizes: list[int], out: list[tuple[float, float, int]]) -> None:
    """GET each size on one keep-alive connection; record (first byte, last byte, bytes) per request,
    seconds since the connection was opened."""
    t0 = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for size in sizes:
        conn.request("GET", f"/{size}")
        response = conn.getresponse()
        first = response.read(1)
        t_first = time.monotonic() - t0
        rest = response.read()
        out.append((t_first, time.monotonic() - t0, len(first) + len(rest)))
        t0 = time.monotonic()
    conn.close()


def test_proxy_shares_1_6_mbit_between_connections_and_adds_the_round_trips(upstream: str) -> None:
    """Two parallel 256 KiB downloads through one link: together at most 1.6 Mbit/s (a limit per
    connection would let them finish in half the time) and at least half of it on a loaded machine;
    no response byte before the handshake and the request's round trip, a keep-alive request after
    it pays the round trip but no handshake. (256 KiB each is 16 chunks per connection, 2.6 s of
    link time: enough to tell a shared link from two, half the wait of 512 KiB.)"""
    size = 256 * 1024
    rate = PHONE.down_bps / 8
    with phone_link(upstream) as link:
        port = int(link.url.rsplit(":", 1)[1])
        results: list[list[tuple[float, float, int]]] = [[], []]
        start = time.monotonic()
        threads = [threading.Thread(target=_get, args=(port, [size, 10], out)) for out in results]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        end = time.monotonic()
        counters = link.counters
    big = [r[0] for r in results]
    small = [r[1] for r in results]
    assert [b[2] for b in big] == [size, size] and [s[2] for s in small] == [10, 10]
    whole = max(b[1] for b in big)
    print(f"2 x {size} B in {whole:.2f} s: {2 * size / whole / 1000:.0f} kB/s (link {rate / 1000:.0f} kB/s)")
    assert whole >= 2 * size / rate
    assert 2 * size / whole > 0.5 * rate
    handshake_and_request = 2 * PHONE.round_trip_s
    assert all(b[0] >= handshake_and_request for b in big)
    assert all(PHONE.round_trip_s <= s[0] < handshake_and_request + 5 for s in small)
    assert counters.connections == 2 and counters.down_bytes > 2 * size and counters.up_bytes > 0
    assert counters.down_busy_s == pytest.approx(counters.down_bytes / rate)
    assert start + 2 * size / rate < counters.last_down_at < end - PHONE.one_way_s


def test_a_slower_spec_is_honoured(upstream: str) -> None:
    """The spec is a parameter: 64 kbit/s and 300 ms one way shape a 4 KiB answer to ≥ 0.5 s + 1.2 s
    (the phone's 1.6 Mbit/s would carry it in 0.02 s, its 75 ms one way add 0.3 s)."""
    spec = LinkSpec(down_bps=64_000, up_bps=64_000, one_way_s=0.3)
    with phone_link(upstream, spec) as link:
        out: list[tuple[float, float, int]] = []
        _get(int(link.url.rsplit(":", 1)[1]), [4 * 1024], out)
    (first, last, got), = out
    assert got == 4 * 1024
    assert first >= 4 * spec.one_way_s
    assert last >= 4 * 1024 / 8000 + 4 * spec.one_way_s


def test_uploads_share_the_slower_upstream_rate(upstream: str) -> None:
    """A 32 KiB POST goes up at 0.75 Mbit/s: the answer comes no sooner than the body's link time
    (0.35 s; at the downstream rate it would be 0.16 s), the handshake and a round trip."""
    size = 32 * 1024
    with phone_link(upstream) as link:
        conn = http.client.HTTPConnection("127.0.0.1", int(link.url.rsplit(":", 1)[1]), timeout=60)
        start = time.monotonic()
        conn.request("POST", "/", body=b"y" * size)
        answer = conn.getresponse().read()
        elapsed = time.monotonic() - start
        conn.close()
        up = link.counters.up_bytes
    assert answer == str(size).encode()
    assert up > size
    assert elapsed >= size / (PHONE.up_bps / 8) + 2 * PHONE.round_trip_s
