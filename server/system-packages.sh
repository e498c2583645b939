#!/usr/bin/env bash
# The system packages a make target needs
# (`server/system-packages.sh test|run|bench|monitoring|cluster`).
# Root with apt: the missing ones are installed. Anyone else: one line says what to install,
# and the target stops there instead of failing later halfway through.
# `run` also enables RabbitMQ's management plugin on a local broker (the stack check
# test-celery.sh reads its HTTP API) and its Prometheus plugin (which the native stack's
# Prometheus scrapes).

set -o errexit -o pipefail -o nounset

# package:what-proves-it-is-there (a command on PATH or an absolute path)
# promtool and amtool check the monitoring configuration; the prometheus package also gives
# the native stack its Prometheus.
monitoring=(prometheus:promtool prometheus-alertmanager:amtool)
case "${1:?usage: $0 test|run|bench|monitoring|cluster}" in
  test) wanted=(chromium:/usr/bin/chromium chromium-driver:/usr/bin/chromedriver
    nginx:/usr/sbin/nginx jq:jq redis-tools:redis-cli "${monitoring[@]}") ;;
  monitoring) wanted=("${monitoring[@]}") ;;
  run) wanted=(nginx:/usr/sbin/nginx jq:jq redis-tools:redis-cli) ;;
  bench) wanted=(wrk:wrk nginx:/usr/sbin/nginx) ;;
  # The multi-host bed: namespaces and links (ip), relays to the services (socat), its
  # RabbitMQ nodes, nginx, and the bed database's psql and Redis's redis-cli.
  cluster) wanted=(iproute2:ip socat:socat rabbitmq-server:/usr/sbin/rabbitmq-server
    nginx:/usr/sbin/nginx postgresql-client:psql redis-tools:redis-cli) ;;
  *) echo "unknown target: $1" >&2; exit 2 ;;
esac

missing=()
for entry in "${wanted[@]}"; do
  package=${entry%%:*} proof=${entry#*:}
  if [[ ${proof} == /* ]]; then [[ -x ${proof} ]] && continue; else
    command -v "${proof}" >/dev/null 2>&1 && continue
  fi
  missing+=("${package}")
done

if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "Missing system packages; install them first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# A broker on this machine, default URL or localhost: its management API on, when we may.
broker=${CELERY_BROKER_URL:-amqp://localhost}
if [[ $1 == run && ${broker} =~ ^amqp://([^@/]*@)?(localhost|127\.0\.0\.1)([:/]|$) ]] &&
  command -v rabbitmq-plugins >/dev/null 2>&1 &&
  rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  for plugin in rabbitmq_management rabbitmq_prometheus; do
    rabbitmq-plugins -q list -e -m 2>/dev/null | grep -qx "${plugin}" && continue
    if rabbitmq-plugins -q enable --online "${plugin}" >/dev/null 2>&1; then
      echo "RabbitMQ: enabled ${plugin} (the stack checks and Prometheus read it)"
    else
      echo "RabbitMQ: could not enable ${plugin}; run: sudo rabbitmq-plugins enable ${plugin}" >&2
    fi
  done
fi
