"""Time `brandsite check` and the near-duplicate check alone over N synthetic brands.

    python benchmarks/check.py --brands 1000 --repeat 5

Prints medians. The whole check runs as the real command (a subprocess, as
an editor or CI runs it); the near-duplicate check is timed in-process on
sources that are already loaded, so its figure excludes reading the files.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

from brandsite.content import load, similarity  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.brands:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            synth.generate(root, n)
            whole, reading, dups = [], [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "brands", "--format", "json"],
                                      cwd=root, capture_output=True, text=True)
                whole.append(time.perf_counter() - start)
                if proc.returncode not in (0, 1):
                    sys.exit(proc.stderr)
                start = time.perf_counter()
                sources, _ = load.load_sources(root / "brands")
                reading.append(time.perf_counter() - start)
                start = time.perf_counter()
                warnings = similarity.near_duplicates(sources)
                dups.append(time.perf_counter() - start)
            med = statistics.median
            print(f"{n} brands: brandsite check {med(whole):.2f} s (median of {args.repeat}); "
                  f"reading {med(reading):.2f} s; near-duplicate check alone {med(dups):.2f} s "
                  f"({len(warnings)} warnings)")


if __name__ == "__main__":
    main()
