"""Run Debian's nginx in the foreground with deploy/nginx.conf over a built site on 127.0.0.1.

Why: to see (and test) the site exactly as the production configuration serves it — headers,
pre-compressed files, caching, 404 pages — not as the Python preview server imitates it. The
deploy file is used as it is; only its paths (the site root ``/var/www/weilidai``, the ACME
webroot ``/var/www/acme``), its ``listen`` lines and its certificate lines are replaced:
    * the HTTPS server listens on 127.0.0.1:PORT, in plain HTTP (no certificate, no HSTS line), or
      with ``--tls CERT KEY`` over TLS and HTTP/2 as in production;
    * the port-80 server (ACME challenges, 301 to HTTPS) listens on 127.0.0.1:``--http-port``
      (a free port when not given), its webroot ``--acme`` (an empty temporary folder by default).
The site root is used as given, not resolved: a symlink to a release (scripts/deploy) is followed
per request. The main configuration, pid, logs and temp files go to a fresh temporary folder,
removed when nginx stops (Ctrl-C).

    python -m sitebuild.serve_nginx [PORT] [--site site] [--tls CERT KEY] [--http-port N] [--acme DIR]
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
DEPLOY_ROOT = "/var/www/weilidai"
ACME_ROOT = "/var/www/acme"
LISTEN_LINES = ("    listen 443 ssl http2;\n", "    listen [::]:443 ssl http2;\n")
HTTP_LISTEN_LINES = ("    listen 80;\n", "    listen [::]:80;\n")
CERT_LINES = ("    ssl_certificate     /etc/letsencrypt/live/weilidai/fullchain.pem;\n",
              "    ssl_certificate_key /etc/letsencrypt/live/weilidai/privkey.pem;\n")
HSTS_LINE = '        add_header Strict-Transport-Security "max-age=31536000" always;\n'
#: Sized as deploy/nginx.conf asks of the main configuration (the slowloris test holds 300 connections).
WORKER_CONNECTIONS = 4096
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


class SetupError(Exception):
    """Something serve-nginx needs is missing; the message is bilingual."""


def render_site_conf(site: Path, port: int, template: str | None = None, *, http_port: int | None = None,
                     tls: tuple[Path, Path] | None = None, acme: Path | None = None) -> str:
    """deploy/nginx.conf with this site's root and loopback listen lines (see the module docstring)."""
    text = DEPLOY_CONF.read_text(encoding="utf-8") if template is None else template
    for line in (*LISTEN_LINES, *HTTP_LISTEN_LINES, *CERT_LINES):
        if line not in text:
            raise SetupError(f"deploy/nginx.conf 缺少 / lacks {line.strip()!r}")
    if f"root {DEPLOY_ROOT};" not in text:
        raise SetupError(f"deploy/nginx.conf 缺少 / lacks 'root {DEPLOY_ROOT};'")
    text = text.replace(LISTEN_LINES[0], f"    listen 127.0.0.1:{port}{' ssl http2' if tls else ''};\n")
    text = text.replace(LISTEN_LINES[1], "").replace(HTTP_LISTEN_LINES[1], "")
    text = text.replace(HTTP_LISTEN_LINES[0], f"    listen 127.0.0.1:{http_port or port + 1};\n")
    if tls:
        text = text.replace(CERT_LINES[0], f"    ssl_certificate     {tls[0].absolute()};\n")
        text = text.replace(CERT_LINES[1], f"    ssl_certificate_key {tls[1].absolute()};\n")
    else:
        text = text.replace(CERT_LINES[0], "").replace(CERT_LINES[1], "").replace(HSTS_LINE, "")
    text = text.replace(ACME_ROOT, str((acme or site.parent / "acme").absolute()))
    return text.replace(DEPLOY_ROOT, str(site.absolute()))


def render_main_conf(tmp: Path, site_conf: Path, site: Path) -> str:
    """A whole nginx.conf: the brotli module, everything writable under ``tmp``, the site included.

    Started as root, nginx would run its workers as ``nobody``, who may not read a site under a
    private folder: they run as the site folder's owner instead (only a root-owned site gets root).
    """
    user = ""
    if os.geteuid() == 0:
        owner = site.stat()
        user = f"user {pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name};\n"
    temp_paths = "".join(f"    {kind}_temp_path {tmp / kind};\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"load_module {BROTLI_MODULE};\n{user}daemon off;\nworker_processes 1;\n"
            f"pid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
            f"worker_rlimit_nofile {2 * WORKER_CONNECTIONS};\n"
            f"events {{ worker_connections {WORKER_CONNECTIONS}; }}\n"
            "http {\n"
            f"    access_log {tmp / 'access.log'};\n{temp_paths}"
            "    sendfile on;\n"
            f"    include {site_conf};\n"
            "}\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check_ready(site: Path) -> None:
    if not Path(NGINX).is_file() or not Path(BROTLI_MODULE).is_file():
        raise SetupError("未安装 nginx 或其 brotli 模块，请运行 ./scripts/setup / nginx or its brotli module "
                         "is missing: run ./scripts/setup")
    if not (site / "index.html").is_file() or not (site / ".deploy" / "security-headers.conf").is_file():
        raise SetupError(f"未找到已构建的网站，请先运行 ./scripts/build / No built site in {site}: "
                         "run ./scripts/build first")


def prepare(site: Path, port: int, tmp: Path, *, http_port: int | None = None,
            tls: tuple[Path, Path] | None = None, acme: Path | None = None, template: str | None = None) -> list[str]:
    """Write the configuration into ``tmp``, test it with ``nginx -t``; return the command to run."""
    site_conf = tmp / "site.conf"
    if acme is None:
        acme = tmp / "acme"
        acme.mkdir(exist_ok=True)
    if http_port is None:
        http_port = free_port()
    site_conf.write_text(render_site_conf(site, port, template, http_port=http_port, tls=tls, acme=acme), encoding="utf-8")
    main_conf = tmp / "nginx.conf"
    main_conf.write_text(render_main_conf(tmp, site_conf, site), encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-c", str(main_conf), "-e", str(tmp / "error.log")]
    test = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if test.returncode != 0:
        raise SetupError(f"nginx 配置无效 / nginx rejected the configuration:\n{test.stderr}")
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve site/ with nginx on 127.0.0.1 / 用 nginx 在本机提供网站")
    parser.add_argument("port", nargs="?", type=int, default=8080)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--tls", nargs=2, type=Path, metavar=("CERT", "KEY"), help="serve HTTPS (HTTP/2) with this certificate")
    parser.add_argument("--http-port", type=int, help="port of the ACME / redirect server (default: a free one)")
    parser.add_argument("--acme", type=Path, help="ACME challenge webroot (default: an empty temporary folder)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="serve-nginx-"))
    try:
        check_ready(args.site)
        command = prepare(args.site, args.port, tmp, http_port=args.http_port,
                          tls=tuple(args.tls) if args.tls else None, acme=args.acme)
        print(f"nginx ({DEPLOY_CONF.relative_to(ROOT)}) serving {args.site} on http://127.0.0.1:{args.port}/ "
              f"(logs in {tmp}; Ctrl+C to stop)", flush=True)
        nginx = subprocess.Popen(command)
        # SIGTERM (a test fixture, a process manager) stops nginx as Ctrl-C does, then cleans up.
        signal.signal(signal.SIGTERM, lambda *_: nginx.send_signal(signal.SIGQUIT))
        try:
            return nginx.wait()
        except KeyboardInterrupt:  # Ctrl-C reached nginx too (same process group): let it finish
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait()
            return 0
    except SetupError as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
