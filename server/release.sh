#!/usr/bin/env bash
# The release steps, run before the web process serves: migrate (only this role does), load
# the gazetteer, collect static files for nginx, create the admin user when asked to.
# start-web.sh runs them unless WEB_RELEASE=0 (the native stack runs them once, before every
# process starts).
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Under a lock: web replicas started together (`--scale web=N`) migrate one at a time.
python manage.py migrate_locked
python manage.py schedule_alerts  # every ALERTS_EVALUATION_MINUTES
# GeoNames' places for local lookups: loaded once (a marker makes later runs take a second).
# Without it the API still works, looking every place up upstream: say so, do not stop.
python manage.py load_gazetteer || echo "!!! WARNING: the gazetteer is NOT loaded:" \
  "places are looked up upstream until \`manage.py load_gazetteer\` succeeds" >&2
python manage.py collectstatic --noinput --verbosity 0
if [[ -n "${DJANGO_SUPERUSER_USERNAME:-}" && -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]]; then
  python manage.py ensure_superuser
fi
