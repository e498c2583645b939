"""Checks every query of the Grafana dashboards in monitoring/grafana/dashboards/.

    python3 monitoring/check_dashboards.py --parse            # offline: promtool parses each
    python3 monitoring/check_dashboards.py --prometheus URL   # each returns data from URL

--parse writes every query as a recording rule and runs `promtool check rules` on them.
--prometheus runs each query against a real Prometheus (the one `make run` starts scrapes the
native stack) and waits up to --wait seconds for all of them to return at least one series;
one PASS/FAIL line per panel query. Standard library only. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

DASHBOARDS = Path(__file__).resolve().parent / "grafana" / "dashboards"


def queries() -> list[tuple[str, str]]:
    """(dashboard / panel / refId, expression) of every panel target."""
    found = []
    for path in sorted(DASHBOARDS.glob("*.json")):
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                where = f"{dashboard['title']} / {panel['title']} / {target['refId']}"
                found.append((where, target["expr"]))
    return found


def parse_all(found: list[tuple[str, str]]) -> int:
    rules = [{"record": f"dashboard:query_{i}", "expr": expr} for i, (_, expr) in enumerate(found)]
    with tempfile.NamedTemporaryFile("w", suffix=".yml") as file:
        json.dump({"groups": [{"name": "dashboard", "rules": rules}]}, file)  # JSON is YAML
        file.flush()
        command = ["promtool", "check", "rules", file.name]
        result = subprocess.run(command, check=False)  # noqa: S603 (our own file)
    print(f"{'PASS' if result.returncode == 0 else 'FAIL'}: {len(found)} dashboard queries parse")
    return result.returncode


def query(prometheus: str, expr: str) -> tuple[bool, str]:
    url = f"{prometheus}/api/v1/query?{urllib.parse.urlencode({'query': expr})}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (given URL)
            body = json.load(response)
    except OSError as exc:
        return False, str(exc)
    if body.get("status") != "success":
        return False, body.get("error", "query failed")
    series = body["data"]["result"]
    return bool(series), f"{len(series)} series" if series else "no data"


def check_live(found: list[tuple[str, str]], prometheus: str, wait_s: float) -> int:
    deadline = time.monotonic() + wait_s
    outcome: dict[str, tuple[bool, str]] = {}
    while True:
        for where, expr in found:
            if not outcome.get(where, (False, ""))[0]:
                outcome[where] = query(prometheus, expr)
        if all(ok for ok, _ in outcome.values()) or time.monotonic() > deadline:
            break
        time.sleep(5)
    for where, (ok, detail) in outcome.items():
        print(f"{'PASS' if ok else 'FAIL'}: {where}: {detail}")
    return 0 if all(ok for ok, _ in outcome.values()) else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parse", action="store_true")
    parser.add_argument("--prometheus")
    parser.add_argument("--wait", type=float, default=180)
    args = parser.parse_args()
    found = queries()
    if args.parse:
        return parse_all(found)
    if args.prometheus:
        return check_live(found, args.prometheus.rstrip("/"), args.wait)
    parser.error("give --parse or --prometheus URL")
    return 2


if __name__ == "__main__":
    sys.exit(main())
