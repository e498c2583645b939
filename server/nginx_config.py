"""nginx's configuration for the native stack, rendered from nginx/ (the containers' templates).

The site is nginx/templates/default.conf.template, the one the nginx image renders with
envsubst; nginx/nginx.native.conf.template wraps it so nginx runs from a folder under var/
as an ordinary user (or, started by root, drops to a user who can read what it serves).
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import stat
import subprocess
from pathlib import Path

NGINX_SRC = Path(__file__).resolve().parent.parent / "nginx"
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
MINIMAL_MIME_TYPES = """types {
    text/html html; text/css css; application/javascript js mjs; application/json json;
    image/svg+xml svg; image/png png; image/x-icon ico; image/webp webp; font/woff2 woff2;
    application/manifest+json webmanifest; text/plain txt;
}
"""
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
UPSTREAM_SERVER = re.compile(r"^([ \t]*)server \$\{DJANGO_UPSTREAM\} max_fails=0;$", re.MULTILINE)
# Passive health checks when DJANGO_UPSTREAM names several servers (see the template).
SEVERAL_SERVERS_HEALTH = "max_fails=2 fail_timeout=5s"
# The cached public reads (nginx/snippets/api-cache.conf), unless the caller says otherwise.
CACHE_DEFAULTS = {"NGINX_API_CACHE": "on", "NGINX_CACHE_MAX_SIZE": "256m"}


def upstream_servers(text: str, upstream: str) -> str:
    """The template's upstream `server` line, once per host:port in `upstream` (separated by
    spaces or commas), with passive health checks when there are several."""
    names = upstream.replace(",", " ").split()
    if len(names) <= 1:
        return text
    if not UPSTREAM_SERVER.search(text):
        raise ValueError("no `server ${DJANGO_UPSTREAM} max_fails=0;` line in the template")
    return UPSTREAM_SERVER.sub(
        lambda m: "\n".join(
            f"{m.group(1)}server {name} {SEVERAL_SERVERS_HEALTH};" for name in names
        ),
        text,
    )


def render(template: Path, values: dict[str, str]) -> str:
    """`${NAME}` placeholders filled in; nginx's own `$variables` are left alone."""
    text = upstream_servers(template.read_text(), values.get("DJANGO_UPSTREAM", ""))
    text = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    for number, line in enumerate(text.splitlines(), 1):
        leftover = PLACEHOLDER.search(line.split("#", 1)[0])
        if leftover:
            raise ValueError(f"{template}:{number}: no value for {leftover.group(0)}")
    return text


def mime_types(nginx_bin: str) -> str:
    """The mime.types beside this nginx's own configuration."""
    info = subprocess.run([nginx_bin, "-V"], capture_output=True, text=True, check=False).stderr  # noqa: S603
    match = re.search(r"--conf-path=(\S+)", info)
    return str(Path(match.group(1)).parent / "mime.types" if match else "/etc/nginx/mime.types")


def _readable_by_others(path: Path) -> bool:
    path = path.resolve()
    try:
        if any(not d.stat().st_mode & stat.S_IXOTH for d in [*path.parents, path]):
            return False
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False


def _worker_user(served: list[Path]) -> tuple[int, int]:
    """Started by root, nginx's workers run as nobody if nobody can read what they serve,
    else as the owner of the checkout."""
    try:
        nobody = pwd.getpwnam("nobody")
        if all(_readable_by_others(p) for p in served):
            return nobody.pw_uid, nobody.pw_gid
    except KeyError:
        pass
    info = NGINX_SRC.stat()
    return info.st_uid, info.st_gid


def write_native_config(
    conf_dir: Path, nginx_bin: str, site_values: dict[str, str], served: list[Path]
) -> Path:
    """conf_dir/nginx.conf (and the site beside it); returns the main file's path."""
    for kind in TEMP_KINDS:
        (conf_dir / "tmp" / kind).mkdir(parents=True, exist_ok=True)
    mime = mime_types(nginx_bin)
    if not Path(mime).is_file():
        mime = str(conf_dir / "mime.types")
        Path(mime).write_text(MINIMAL_MIME_TYPES)
    user_directive = ""
    if os.geteuid() == 0:
        uid, gid = _worker_user(served)
        user_directive = f"user {pwd.getpwuid(uid).pw_name} {grp.getgrgid(gid).gr_name};"
        for path in [conf_dir, *conf_dir.joinpath("tmp").rglob("*"), conf_dir / "tmp"]:
            os.chown(path, uid, gid)
    site = conf_dir / "weather.conf"
    site_values = {**CACHE_DEFAULTS, "NGINX_CACHE_DIR": str(conf_dir / "cache"), **site_values}
    # A started stack begins with an empty cache: copies from a previous run may come from
    # other code or data (nginx would load them back from disk).
    shutil.rmtree(site_values["NGINX_CACHE_DIR"], ignore_errors=True)
    site.write_text(render(NGINX_SRC / "templates" / "default.conf.template", site_values))
    main = conf_dir / "nginx.conf"
    main_values = {
        "NGINX_USER_DIRECTIVE": user_directive,
        "NGINX_VAR_DIR": str(conf_dir),
        "NGINX_MIME_TYPES": mime,
        "NGINX_SITE_CONF": str(site),
    }
    main.write_text(render(NGINX_SRC / "nginx.native.conf.template", main_values))
    return main
