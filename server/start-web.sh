#!/usr/bin/env bash
# The API: migrate (only this role does), collect static files for nginx,
# create the admin user when asked to, then gunicorn.
set -o errexit -o pipefail -o nounset

cd /app
python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
if [[ -n "${DJANGO_SUPERUSER_USERNAME:-}" && -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]]; then
  python manage.py ensure_superuser
fi

exec gunicorn --config server/gunicorn.conf.py server_config.wsgi:application
