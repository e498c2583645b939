"""Machine instructions of one cold search, counted by valgrind's callgrind: a measure the
machine's load does not move (CPU time does), for comparing two trees on a busy machine.

`bench/cold_profile.py` runs under callgrind twice, once with a few cold reads and once with
more, on one fresh database; the difference of the two totals divided by the difference of
the counts is one cold read, with start-up, imports and the first reads (connections,
first-use caches) left out. Each run starts from fresh places and a fresh cache prefix.
`--post` counts cold searches (`POST /api/v1/searches/`, each a first search) instead; the
publishing threads' instructions are counted too. `--post --returning`: a returning visitor's
cold searches, all from one session.

    .venv/bin/python bench/cold_instructions.py [--small 5] [--large 25] [--tree PATH] [--post]

`--tree PATH` measures another checkout (e.g. `git archive <commit> | tar -x -C PATH`) with
this one's scripts, so two trees compare under one method.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cold_trees import lend_scripts, set_up  # noqa: E402


def instructions(tree: Path, args: argparse.Namespace, first: int, count: int) -> int:
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/callgrind.out",
             sys.executable, str(tree / "bench" / "cold_profile.py"), "--no-setup",
             "--no-profile", "--database", args.database, "--redis-url", args.redis_url,
             "--first", str(first), "--requests", str(count), *(["--post"] if args.post else []),
             *(["--returning"] if args.returning else [])],
            cwd=tree, capture_output=True, text=True, check=True,
        )  # fmt: skip
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--large", type=int, default=25)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--database", default="weather_bench_instructions")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--post", action="store_true", help="cold POST /api/v1/searches/")
    parser.add_argument("--returning", action="store_true", help="with --post: one session's")
    args = parser.parse_args()
    tree = args.tree.resolve()
    if tree != ROOT:  # the other tree runs this tree's measuring scripts
        lend_scripts(tree)
    set_up(tree, args.database, args.redis_url)
    small = instructions(tree, args, 1000, args.small)
    large = instructions(tree, args, 2000, args.large)
    per_read = (large - small) / (args.large - args.small)
    what = "cold search (POST)" if args.post else "cold read"
    print(f"{tree}: {per_read / 1e6:.2f} million instructions per {what} "
          f"({small:,} for {args.small} reads, {large:,} for {args.large})")  # fmt: skip


if __name__ == "__main__":
    main()
