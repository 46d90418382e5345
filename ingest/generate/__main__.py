"""``python -m ingest.generate OUT_DIR [--scale N] [--seed S]``: write a synthetic sector
and print what was written as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingest.generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.generate", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    report = generate(args.out_dir, args.scale, args.seed)
    summary = {
        "files": report.files,
        "rows": sum(report.files.values()),
        "truth_dir": str(report.truth_dir),
        "seconds": round(report.seconds, 2),
    }
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
