"""Run Debian's nginx in the foreground with deploy/nginx.conf over a built site on 127.0.0.1.

Why: to see (and test) the site exactly as the production configuration serves it — headers,
pre-compressed files, caching, 404 pages — not as the Python preview server imitates it. The
deploy file is used as it is; only its site root (``/var/www/weilidai``) and its ``listen`` lines
are replaced. The main configuration, pid, logs and temp files go to a fresh temporary folder,
removed when nginx stops (Ctrl-C).

    python -m scripts.serve_nginx [PORT] [--site site]     (scripts/serve-nginx wraps it)
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
DEPLOY_ROOT = "/var/www/weilidai"
LISTEN_LINES = ("    listen 80;\n", "    listen [::]:80;\n")
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


class SetupError(Exception):
    """Something serve-nginx needs is missing; the message is bilingual."""


def render_site_conf(site: Path, port: int, template: str | None = None) -> str:
    """deploy/nginx.conf with this site's absolute root and a loopback listen line."""
    text = DEPLOY_CONF.read_text(encoding="utf-8") if template is None else template
    for line in LISTEN_LINES:
        if line not in text:
            raise SetupError(f"deploy/nginx.conf 缺少 / lacks {line.strip()!r}")
    if f"root {DEPLOY_ROOT};" not in text:
        raise SetupError(f"deploy/nginx.conf 缺少 / lacks 'root {DEPLOY_ROOT};'")
    text = text.replace(LISTEN_LINES[0], f"    listen 127.0.0.1:{port};\n").replace(LISTEN_LINES[1], "")
    return text.replace(DEPLOY_ROOT, str(site.resolve()))


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
            "events { worker_connections 256; }\n"
            "http {\n"
            f"    access_log {tmp / 'access.log'};\n{temp_paths}"
            "    sendfile on;\n"
            f"    include {site_conf};\n"
            "}\n")


def check_ready(site: Path) -> None:
    if not Path(NGINX).is_file() or not Path(BROTLI_MODULE).is_file():
        raise SetupError("未安装 nginx 或其 brotli 模块，请运行 ./scripts/setup / nginx or its brotli module "
                         "is missing: run ./scripts/setup")
    if not (site / "index.html").is_file() or not (site / ".deploy" / "security-headers.conf").is_file():
        raise SetupError(f"未找到已构建的网站，请先运行 ./scripts/build / No built site in {site}: "
                         "run ./scripts/build first")


def prepare(site: Path, port: int, tmp: Path) -> list[str]:
    """Write the configuration into ``tmp``, test it with ``nginx -t``; return the command to run."""
    site_conf = tmp / "site.conf"
    site_conf.write_text(render_site_conf(site, port), encoding="utf-8")
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
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="serve-nginx-"))
    try:
        check_ready(args.site)
        command = prepare(args.site, args.port, tmp)
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
