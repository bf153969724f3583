"""Run the benchmarks: `python bench/run.py [--only NAME] [--quick]`.

Each figure is one line: `BENCH <name> <value> <unit> target <op> <value> <ok|MISS>`.
Groups: one per `bench/bench_<group>.py` (contacts, startup, domains, actions, campaigns, import, team, ...).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def groups() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", choices=groups(), help="run one group (repeatable)")
    parser.add_argument("--quick", action="store_true", help="reduced sizes (100,000 contacts)")
    args = parser.parse_args()
    for group in args.only or groups():
        started = time.perf_counter()
        print(f"# {group}", flush=True)
        module = importlib.import_module(f"bench_{group}")
        module.run(quick=args.quick)
        print(f"# {group} done in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
