"""What the benches comparing two trees share: lending a tree this one's measuring scripts
and setting up the database `bench/cold_profile.py` reads from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURING_SCRIPTS = ("cold_profile.py", "gazetteer_seed.py")


def lend_scripts(tree: Path) -> None:
    """Copies this tree's measuring scripts into `tree`, so both trees are measured alike."""
    for name in MEASURING_SCRIPTS:
        (tree / "bench" / name).write_bytes((ROOT / "bench" / name).read_bytes())


def set_up(tree: Path, database: str, redis_url: str) -> None:
    """A fresh database of places and a fresh cache, by `tree`'s `cold_profile.py`."""
    subprocess.run(
        [sys.executable, str(tree / "bench" / "cold_profile.py"), "--setup-only",
         "--database", database, "--redis-url", redis_url],
        cwd=tree, check=True,
    )  # fmt: skip
