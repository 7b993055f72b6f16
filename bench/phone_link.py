"""One emulated phone link (1.6 Mbit/s down, 0.75 up, 150 ms round trip) as a TCP proxy on 127.0.0.1.

Why: Chromium's CDP throttling does not reach service-worker fetches and nginx ``limit_rate`` is per
connection with no latency, so neither shows the reader's real first use (service worker in
control) on the link the project's standard names. This proxy sits in front of any server and
shapes every byte of every connection the browser opens to it:

* one :class:`TokenBucket` per direction, shared by all connections (six parallel downloads
  together still get 1.6 Mbit/s), fed in chunks of at most 16 KB so the shaping is smooth;
* a one-way delay of 75 ms each way, so a request and its response cost 150 ms;
* a new connection sends nothing until one round trip after it was opened (the TCP handshake).

The pure parts (:class:`TokenBucket`, :func:`delivery_time`, :func:`handshake_done`) take the clock
as an argument and are tested with a fake one; :func:`phone_link` runs the proxy's asyncio loop in
a thread for the synchronous callers (Playwright tests, the benchmark).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class LinkSpec:
    """The link: bits per second each way, the one-way delay, the largest chunk shaped at once."""

    down_bps: int = 1_600_000
    up_bps: int = 750_000
    one_way_s: float = 0.075
    chunk: int = 16 * 1024

    @property
    def round_trip_s(self) -> float:
        return 2 * self.one_way_s


PHONE = LinkSpec()


class TokenBucket:
    """Bytes per second shared by every connection of one direction.

    :meth:`reserve` takes ``n`` bytes at ``now`` and returns when they have gone through the link.
    Tokens accrue at ``rate`` up to ``burst`` and may go negative: a reservation made while the
    link is busy queues behind the ones before it. With ``burst=0`` (the default) it is a link
    that sends one chunk at a time, each taking ``n / rate`` seconds.
    """

    def __init__(self, rate: float, burst: float = 0.0, now: float = 0.0) -> None:
        if rate <= 0 or burst < 0:
            raise ValueError(f"rate must be > 0 and burst >= 0, got {rate}, {burst}")
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._at = now

    def reserve(self, n: int, now: float) -> float:
        """Time at which ``n`` bytes asked for at ``now`` are through (``now`` when tokens suffice)."""
        if now > self._at:
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
            self._at = now
        self._tokens -= n
        return now if self._tokens >= 0 else self._at + -self._tokens / self.rate


def delivery_time(sent: float, spec: LinkSpec) -> float:
    """When bytes through the link at ``sent`` reach the other end: one one-way delay later."""
    return sent + spec.one_way_s


def handshake_done(opened: float, spec: LinkSpec) -> float:
    """When a connection opened at ``opened`` may send: its SYN went out and the SYN-ACK came back
    (one round trip). Until then its bytes take no link time, so other connections are not held."""
    return opened + spec.round_trip_s


@dataclass
class LinkCounters:
    """What went through the link since the proxy started (read from any thread)."""

    connections: int = 0
    down_bytes: int = 0
    up_bytes: int = 0
    down_busy_s: float = 0.0  # link time the downstream bytes took (bytes / rate)
    last_down_at: float = 0.0  # when the last downstream chunk was through (time.monotonic(), the loop's clock)
    per_connection_down: list[int] = field(default_factory=list)


class PhoneLinkProxy:
    """The asyncio proxy: every accepted connection is relayed to ``upstream`` through the link."""

    def __init__(self, upstream_host: str, upstream_port: int, spec: LinkSpec = PHONE) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.spec = spec
        self.counters = LinkCounters()
        self.down: TokenBucket | None = None
        self.up: TokenBucket | None = None
        self.server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen; returns the port."""
        now = asyncio.get_running_loop().time()
        self.down = TokenBucket(self.spec.down_bps / 8, now=now)
        self.up = TokenBucket(self.spec.up_bps / 8, now=now)
        self.server = await asyncio.start_server(self._accept, host, port)
        return int(self.server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        opened = asyncio.get_running_loop().time()
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        index = self.counters.connections
        self.counters.connections += 1
        self.counters.per_connection_down.append(0)
        writers = [client_w]
        try:
            server_r, server_w = await asyncio.open_connection(*self.upstream)
            writers.append(server_w)
            assert self.up is not None and self.down is not None
            up = self._pump(client_r, server_w, self.up, handshake_done(opened, self.spec), None)
            down = self._pump(server_r, client_w, self.down, 0.0, index)
            pumps = [asyncio.create_task(up), asyncio.create_task(down)]
            try:
                await asyncio.wait(pumps, return_when=asyncio.FIRST_EXCEPTION)
            finally:  # one side broke (or we are stopping): the other has nobody to talk to
                for pump in pumps:
                    pump.cancel()
                await asyncio.gather(*pumps, return_exceptions=True)
        except (OSError, asyncio.CancelledError):  # a refused upstream; or stop(): end quietly (3.11's
            pass  # streams report a connection task that ends cancelled as an error)
        finally:
            for writer in writers:
                writer.close()
            if task is not None:
                self._tasks.discard(task)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, bucket: TokenBucket,
                    not_before: float, index: int | None) -> None:
        """Read a chunk, hold it until the link has carried it (pacing the reader, so connections
        share the bucket in turn), then deliver it one delay later, in order, from a second task.
        Returns at the source's end of file (passed on as a half close); raises when a side breaks."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

        async def deliver() -> None:
            while (item := await queue.get()) is not None:
                at, data = item
                await asyncio.sleep(max(0.0, at - loop.time()))
                sink.write(data)
                await sink.drain()
            if sink.can_write_eof():
                sink.write_eof()

        sender = asyncio.create_task(deliver())
        try:
            while data := await source.read(self.spec.chunk):
                if sender.done():
                    break  # the sink is gone: stop taking link time for it
                await asyncio.sleep(max(0.0, not_before - loop.time()))
                sent = bucket.reserve(len(data), loop.time())
                await asyncio.sleep(max(0.0, sent - loop.time()))
                queue.put_nowait((delivery_time(sent, self.spec), data))
                self._count(len(data), index, bucket, sent)
        except BaseException:
            sender.cancel()
            raise
        queue.put_nowait(None)
        await sender

    def _count(self, n: int, index: int | None, bucket: TokenBucket, sent: float) -> None:
        if index is None:
            self.counters.up_bytes += n
            return
        self.counters.down_bytes += n
        self.counters.down_busy_s += n / bucket.rate
        self.counters.last_down_at = sent
        self.counters.per_connection_down[index] += n


@dataclass
class RunningLink:
    """A started :func:`phone_link`: its base URL and live counters."""

    url: str
    proxy: PhoneLinkProxy

    @property
    def counters(self) -> LinkCounters:
        return self.proxy.counters


@contextlib.contextmanager
def phone_link(upstream_url: str, spec: LinkSpec = PHONE) -> Iterator[RunningLink]:
    """Run the proxy in front of ``upstream_url`` (``http://host:port``) in a background thread;
    yields its base URL (``http://127.0.0.1:<port>``), which is the page's origin."""
    parts = urlsplit(upstream_url)
    if parts.scheme != "http" or parts.hostname is None or parts.port is None:
        raise ValueError(f"expected http://host:port, got {upstream_url!r}")
    proxy = PhoneLinkProxy(parts.hostname, parts.port, spec)
    loop = asyncio.new_event_loop()
    started: list[int] = []
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        started.append(loop.run_until_complete(proxy.start()))
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="phone-link", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the phone link proxy did not start")
    try:
        yield RunningLink(f"http://127.0.0.1:{started[0]}", proxy)
    finally:
        asyncio.run_coroutine_threadsafe(proxy.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
