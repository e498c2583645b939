"""The values the deploy tests render the nginx site with (nginx/templates/default.conf.template,
through server/nginx_config.py): folders of the test's own, limits no test's requests reach,
and the cache of public reads as deployed. A test passes what it sets apart (its port, its
upstream's behaviour) as keyword arguments."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from server import nginx_config  # noqa: E402


def site_values(folder: Path, upstream: str, **values: str) -> dict[str, str]:
    """The site's values, its folders made under `folder`; `values` override them. The cache's
    folder is write_native_config's own (beside the configuration) unless NGINX_CACHE_DIR is
    given, as rendering the template alone needs."""
    for name in ("html", "static"):
        (folder / name).mkdir(exist_ok=True)
    return {
        "NGINX_PORT": "8080",
        "SPA_ROOT": str(folder / "html"),
        "DJANGO_UPSTREAM": upstream,
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "NGINX_SNIPPETS": str(nginx_config.NGINX_SRC / "snippets"),
        "NGINX_API_RATE": "1000r/s",
        "NGINX_API_BURST": "1000",
        "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
        **nginx_config.CACHE_DEFAULTS,
        **values,
    }
