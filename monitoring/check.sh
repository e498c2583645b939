#!/usr/bin/env bash
# `make check-monitoring`: the Prometheus config, the alert rules and their unit tests, the
# Alertmanager config and the dashboards' queries, checked with the real promtool and amtool
# (Debian's prometheus and prometheus-alertmanager packages: server/system-packages.sh); then a
# real Alertmanager with that config delivers an alert to a local webhook receiver.
set -o errexit -o pipefail -o nounset
cd "$(dirname "${BASH_SOURCE[0]}")"

bash ../server/system-packages.sh monitoring  # promtool and amtool

promtool check config prometheus/prometheus.yml
promtool check rules prometheus/alerts.yml
(cd prometheus && promtool test rules alerts.test.yml)
amtool check-config alertmanager/alertmanager.yml
python3 check_alertmanager.py
python3 check_dashboards.py --parse
echo "monitoring checks passed"
