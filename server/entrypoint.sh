#!/usr/bin/env bash
# Entry point of the Python image: check the settings every role needs, then
# exec the role's start script (the container command), so signals reach it.
set -o errexit -o pipefail -o nounset

missing=()
for name in DATABASE_URL CELERY_BROKER_URL CELERY_RESULT_BACKEND REDIS_URL; do
  if [[ -z "${!name:-}" ]]; then
    missing+=("${name}")
  fi
done
if [[ "${DJANGO_SETTINGS_MODULE}" == *production* ]]; then
  for name in DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS PUBLIC_URL; do
    if [[ -z "${!name:-}" ]]; then
      missing+=("${name}")
    fi
  done
fi
if (( ${#missing[@]} > 0 )); then
  echo "entrypoint: missing environment variables: ${missing[*]}" >&2
  echo "entrypoint: set them in .env (see .env.example)" >&2
  exit 64
fi

exec "$@"
