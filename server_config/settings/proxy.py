"""Which peers are our own proxy, the only ones whose forwarding headers are believed."""

import environ

env = environ.Env()

# Requests from these networks come through our proxy (nginx), which sets X-Forwarded-For and
# X-Forwarded-Proto itself; from anywhere else both headers are dropped. In compose: nginx's
# fixed address only.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=["127.0.0.1/32", "::1/128"])
