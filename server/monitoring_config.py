"""The native run's Prometheus: its configuration, written by server/prepare.py.

Compose has its own (monitoring/prometheus/prometheus.yml, with the containers' names); this
one scrapes the processes of `make run` on this machine and evaluates the same alert rules
(monitoring/prometheus/alerts.yml). There is no Alertmanager natively: firing alerts show on
Prometheus' /alerts page.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALERT_RULES = ROOT / "monitoring" / "prometheus" / "alerts.yml"


def write_native_config(conf_dir: Path, targets: dict[str, str], interval_s: int = 5) -> Path:
    """conf_dir/prometheus.yml scraping `targets` (job name -> host:port[/path]); returns it.
    A short interval, so that a fresh stack has rates to show within a minute."""
    conf_dir.mkdir(parents=True, exist_ok=True)
    scrape_configs = []
    for job, target in targets.items():
        address, _, path = target.partition("/")
        scrape_configs.append(
            {
                "job_name": job,
                "metrics_path": f"/{path or 'metrics'}",
                "static_configs": [{"targets": [address]}],
            }
        )
    config = {
        "global": {"scrape_interval": f"{interval_s}s", "evaluation_interval": f"{interval_s}s"},
        "rule_files": [str(ALERT_RULES)],
        "scrape_configs": scrape_configs,
    }
    path = conf_dir / "prometheus.yml"
    path.write_text(json.dumps(config, indent=2) + "\n")  # JSON is YAML
    return path
