"""deploy/nginx.conf under attack and over TLS (issue 21), through real nginx on loopback.

* HTTPS with a throwaway self-signed certificate (openssl, made here): HTTP/2 is offered (ALPN),
  HSTS is sent there and only there; COOP and CORP on every response.
* The port-80 server: certbot's webroot challenge file is served, everything else is a 301 to
  https:// (same path).
* Slowloris: 300 loopback connections that send a header line now and then; nginx must close
  them (its header timeout) and serve at least 80 % of ordinary requests meanwhile and after
  (bounded loops, loopback only).
"""

from __future__ import annotations

import http.client
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild import security_headers
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
SLOW_CONNECTIONS = 300
HSTS = "max-age=31536000"


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            pytest.fail(f"serve-nginx exited: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.1)
            continue
        time.sleep(0.5)  # a free port taken by another process in between: our nginx then exits
        if proc.poll() is None:
            return
    pytest.fail(f"nginx did not answer: {proc.stderr.read().decode() if proc.poll() is not None else ''}")  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hardening") / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="zh-CN"><meta charset="utf-8"><p>首页</p>', encoding="utf-8")
    (site / "404.html").write_text("<p>404</p>", encoding="utf-8")
    (site / "en" / "404.html").write_text("<p>404</p>", encoding="utf-8")
    security_headers.write(site)
    return site


@pytest.fixture(scope="module")
def servers(tiny: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """nginx over the tiny site: HTTPS on one port, the port-80 server on another, ACME webroot."""
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    acme = tmp / "acme"
    (acme / ".well-known" / "acme-challenge").mkdir(parents=True)
    (acme / ".well-known" / "acme-challenge" / "token-1").write_text("token-1.thumbprint", encoding="utf-8")
    https, http_port = free_port(), free_port()
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve-nginx"), str(https), "--site", str(tiny), "--tls", str(cert),
                             str(key), "--http-port", str(http_port), "--acme", str(acme)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait(https, proc)
        yield {"https": https, "http": http_port}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)


def _https(port: int, path: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ssl._create_unverified_context())
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def _http(port: int, path: str, host: str = "guide.example", timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def test_https_sends_hsts_coop_corp_and_offers_http2(servers: dict[str, int]) -> None:
    for path in ("/", "/missing/"):
        status, headers = _https(servers["https"], path)
        assert status in (200, 404), path
        assert headers.get("strict-transport-security") == HSTS, path
        assert headers.get("cross-origin-opener-policy") == "same-origin", path
        assert headers.get("cross-origin-resource-policy") == "same-origin", path
    context = ssl._create_unverified_context()
    context.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection(("127.0.0.1", servers["https"]), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.selected_alpn_protocol() == "h2"


def test_port_80_serves_acme_challenges_and_redirects_the_rest(servers: dict[str, int]) -> None:
    status, headers, body = _http(servers["http"], "/.well-known/acme-challenge/token-1")
    assert status == 200 and body == b"token-1.thumbprint" and "strict-transport-security" not in headers
    status, headers, _ = _http(servers["http"], "/overdue/costs/?a=1")
    assert status == 301 and headers["location"] == "https://guide.example/overdue/costs/?a=1"
    assert "strict-transport-security" not in headers
    assert _http(servers["http"], "/.well-known/acme-challenge/missing")[0] == 404


def test_plain_local_serving_sends_no_hsts(nginx_url: str) -> None:
    port = int(nginx_url.rsplit(":", 1)[1])
    status, headers, _ = _http(port, "/", host="127.0.0.1")
    assert status == 200 and "strict-transport-security" not in headers
    assert headers.get("cross-origin-opener-policy") == "same-origin"


def _probe(port: int) -> bool:
    try:
        return _http(port, "/", host="127.0.0.1", timeout=2)[0] == 200
    except (OSError, http.client.HTTPException):
        return False


def _closed_by_server(s: socket.socket) -> bool:
    """Whether nginx has closed this (non-blocking) connection: end of stream, a reset, or an answer."""
    try:
        s.recv(1024)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return True  # b"" (closed) or an answer (a 408): nginx gave up on it


def test_slowloris_300_connections_do_not_take_the_site_down(tiny: Path) -> None:
    """300 connections trickle a header line every 0.5 s. nginx must close them
    (client_header_timeout 5s in deploy/nginx.conf) within 12 s, and serve at least 80 % of the
    ordinary requests probed every 0.5 s all along, and of the (at least 5) probes once it has
    closed them. The test ends when those probes are in, not at a fixed 12 s."""
    port = free_port()
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve-nginx"), str(port), "--site", str(tiny)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    slow: list[socket.socket] = []
    try:
        _wait(port, proc)
        for _ in range(SLOW_CONNECTIONS):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                s.setblocking(False)
                slow.append(s)
            except OSError:
                break
        assert len(slow) >= SLOW_CONNECTIONS * 0.9, "could not open the slow connections"
        start = time.monotonic()
        open_ = list(slow)
        probes: list[bool] = []
        after_close: list[bool] = []  # the probes once nginx has closed the slow connections
        for tick in range(24):  # at most 12 s, as long as the attack used to last
            for s in open_:
                try:
                    s.send(b"X-Slow: %d\r\n" % tick)
                except OSError:
                    pass  # nginx closed it: what the timeout is for
            probes.append(_probe(port))
            open_ = [s for s in open_ if not _closed_by_server(s)]
            if len(open_) <= 0.1 * len(slow):
                after_close.append(probes[-1])
                if len(after_close) >= 5:
                    break
            time.sleep(0.5)
        served, took = sum(probes), time.monotonic() - start
        print(f"slowloris: {served}/{len(probes)} probes served; nginx closed {len(slow) - len(open_)} of "
              f"{len(slow)} slow connections; {took:.1f} s")
        assert len(open_) <= 0.1 * len(slow), f"{len(open_)} slow connections still open after {took:.0f} s"
        assert len(after_close) >= 5 and sum(after_close) >= 0.8 * len(after_close), after_close
        assert served >= 0.8 * len(probes), probes
    finally:
        for s in slow:
            s.close()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
