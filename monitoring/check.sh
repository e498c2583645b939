#!/usr/bin/env bash
# `make check-monitoring`: the Prometheus config, the alert rules and their unit tests, the
# Alertmanager config and the dashboards' queries, checked with the real promtool and amtool
# (Debian's prometheus and prometheus-alertmanager packages, installed here when root).
set -o errexit -o pipefail -o nounset
cd "$(dirname "${BASH_SOURCE[0]}")"

missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "check-monitoring needs promtool and amtool: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

promtool check config prometheus/prometheus.yml
promtool check rules prometheus/alerts.yml
(cd prometheus && promtool test rules alerts.test.yml)
amtool check-config alertmanager/alertmanager.yml
python3 check_dashboards.py --parse
echo "monitoring checks passed"
