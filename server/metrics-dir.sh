# shellcheck shell=bash
# Sourced by the start scripts: `source server/metrics-dir.sh <role>`. The role's processes
# (gunicorn's workers, the worker's pool) share their Prometheus metrics through files in one
# folder: $PROMETHEUS_MULTIPROC_DIR/<role>, emptied here because values left by an earlier
# run would be counted again. Without PROMETHEUS_MULTIPROC_DIR, a folder of this start alone.
_metrics_root=${PROMETHEUS_MULTIPROC_DIR:-${TMPDIR:-/tmp}/weather-metrics-$$}
export PROMETHEUS_MULTIPROC_DIR="${_metrics_root%/}/$1"
rm -rf "${PROMETHEUS_MULTIPROC_DIR}"
mkdir -p "${PROMETHEUS_MULTIPROC_DIR}"
unset _metrics_root
