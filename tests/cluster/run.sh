#!/usr/bin/env bash
# `make cluster`: worker hosts as Linux network namespaces on a bridge of their own
# (10.77.0.0/24), reaching this machine's PostgreSQL, RabbitMQ and Redis over the bridge, and
# processing searches published from the host. A first step towards the multi-host test bed:
# no web hosts, no RabbitMQ cluster, no faults yet. Needs root (ip netns), socat.
#
# The services listen on 127.0.0.1 only, so socat relays listen on the bridge address and
# forward to them; nothing of the services' own configuration changes. Everything created is
# removed on exit, whatever the outcome.
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
HOSTS=${CLUSTER_WORKER_HOSTS:-2}
SEARCHES=${CLUSTER_SEARCHES:-200}
BRIDGE=wcbr0
NET=10.77.0
GATEWAY=${NET}.1
RUN=cluster-$(date +%s)-$$
LOGS=${ROOT}/var/cluster
DB_URL=${CLUSTER_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/weather_cluster_bed}
REDIS_DB=${CLUSTER_REDIS_DB:-12}
export DJANGO_SETTINGS_MODULE=server_config.settings.local
export CELERY_PROCESSING_QUEUE=${RUN}.processing CELERY_MAINTENANCE_QUEUE=${RUN}.maintenance
export CELERY_QUEUE_TYPE=${CELERY_QUEUE_TYPE:-quorum}

exec 9>/tmp/weather-cluster.lock
flock -n 9 || { echo "another make cluster is running" >&2; exit 1; }

pids=()
cleanup() {
  local status=$?
  set +o errexit
  for pid in "${pids[@]}"; do kill -TERM "${pid}" 2>/dev/null; done
  sleep 3
  for pid in "${pids[@]}"; do kill -KILL "${pid}" 2>/dev/null; done
  wait 2>/dev/null
  for n in $(seq 1 "${HOSTS}"); do
    ip netns pids "wc-worker${n}" 2>/dev/null | xargs -r kill -KILL
    ip netns del "wc-worker${n}" 2>/dev/null
    ip link del "wc-veth${n}" 2>/dev/null
  done
  ip link del "${BRIDGE}" 2>/dev/null
  .venv/bin/python - <<'PY' 2>/dev/null
import os
from kombu import Connection
with Connection(os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")) as conn:
    channel = conn.default_channel
    for name in (os.environ["CELERY_PROCESSING_QUEUE"], os.environ["CELERY_MAINTENANCE_QUEUE"]):
        channel.queue_delete(name)
        channel.exchange_delete(name)
PY
  echo "cluster: torn down (exit ${status})"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "${LOGS}"
ip link add "${BRIDGE}" type bridge
ip addr add "${GATEWAY}/24" dev "${BRIDGE}"
ip link set "${BRIDGE}" up
for n in $(seq 1 "${HOSTS}"); do
  ns=wc-worker${n}
  ip netns add "${ns}"
  ip link add "wc-veth${n}" type veth peer name eth0 netns "${ns}"
  ip link set "wc-veth${n}" master "${BRIDGE}" up
  ip -n "${ns}" addr add "${NET}.$((10 + n))/24" dev eth0
  ip -n "${ns}" link set eth0 up
  ip -n "${ns}" link set lo up
done

# Relays on the bridge address to the host's services (which listen on 127.0.0.1 only).
for port in 5432 5672 6379; do
  socat "TCP-LISTEN:${port},bind=${GATEWAY},fork,reuseaddr" "TCP:127.0.0.1:${port}" &
  pids+=($!)
done

export DATABASE_URL=${DB_URL}
export CLUSTER_RUN=${RUN}
psql "${DB_URL%/*}/postgres" -qc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS ${DB_URL##*/}" >/dev/null
psql "${DB_URL%/*}/postgres" -qc "CREATE DATABASE ${DB_URL##*/}" >/dev/null
.venv/bin/python manage.py migrate -v 0
export REDIS_URL=redis://127.0.0.1:6379/${REDIS_DB} CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/${REDIS_DB}

# The same settings on the worker hosts, with every address pointed at the bridge.
for n in $(seq 1 "${HOSTS}"); do
  ip netns exec "wc-worker${n}" env \
    DATABASE_URL="${DB_URL/127.0.0.1/${GATEWAY}}" \
    CELERY_BROKER_URL="amqp://guest:guest@${GATEWAY}:5672//" \
    REDIS_URL="redis://${GATEWAY}:6379/${REDIS_DB}" \
    CELERY_RESULT_BACKEND="redis://${GATEWAY}:6379/${REDIS_DB}" \
    CELERY_WORKER_CONCURRENCY=2 CLUSTER_RUN="${RUN}" \
    .venv/bin/celery --app server_config worker --loglevel INFO --hostname "worker${n}@${RUN}" \
    --without-gossip --without-mingle >"${LOGS}/worker${n}.log" 2>&1 &
  pids+=($!)
done

.venv/bin/python tests/cluster/publish_and_check.py --searches "${SEARCHES}" --hosts "${HOSTS}" \
  --logs "${LOGS}"
