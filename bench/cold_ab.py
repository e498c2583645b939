"""CPU per cold search of two trees, measured in turns so both see the same machine load.

Each round runs `bench/cold_profile.py --no-profile` (N cold reads in one process, CPU
seconds of the process by `time.process_time`) on this tree and on `--before PATH` (another
checkout, e.g. `git archive <commit> | tar -x -C PATH`, given this tree's measuring scripts),
alternating which goes first; it prints each round and the medians.

    .venv/bin/python bench/cold_ab.py --before PATH [--rounds 5] [--requests 150]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cold_trees import lend_scripts, set_up  # noqa: E402


def cpu_ms(tree: Path, args: argparse.Namespace, first: int) -> float:
    run = subprocess.run(
        [sys.executable, str(tree / "bench" / "cold_profile.py"), "--no-setup", "--no-profile",
         "--database", args.database, "--redis-url", args.redis_url, "--first", str(first),
         "--requests", str(args.requests)],
        cwd=tree, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(re.search(r"([\d.]+) ms CPU each", run.stdout).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--database", default="weather_bench_ab")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    before = args.before.resolve()
    lend_scripts(before)
    set_up(ROOT, args.database, args.redis_url)
    results: dict[str, list[float]] = {"before": [], "now": []}
    span = args.requests + 20
    for n in range(args.rounds):
        order = [("before", before), ("now", ROOT)]
        for k, (name, tree) in enumerate(order if n % 2 == 0 else order[::-1]):
            results[name].append(cpu_ms(tree, args, 1 + span * (2 * n + k)))
        print(f"round {n + 1}: before {results['before'][-1]:.2f} ms, "
              f"now {results['now'][-1]:.2f} ms CPU per cold read")  # fmt: skip
    b, a = statistics.median(results["before"]), statistics.median(results["now"])
    print(f"medians: before {b:.2f} ms, now {a:.2f} ms ({a / b:.2f}x)")


if __name__ == "__main__":
    main()
