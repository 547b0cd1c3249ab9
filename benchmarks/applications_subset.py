"""A corpus's manifest with only some kinds of application, its documents shared (for `capil bench applications`
on, say, the marriages of a corpus only).

    .venv/bin/python benchmarks/applications_subset.py SRC_DIR DST_DIR KIND[,KIND...]

DST_DIR gets a manifest.json whose `applications` are SRC_DIR's of those kinds (all documents listed, as
they were drawn) and a `docs` symlink to SRC_DIR's documents; SRC_DIR is not written to.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(src: Path, dst: Path, kinds: set[str]) -> int:
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    manifest["applications"] = [a for a in manifest["applications"] if a["kind"] in kinds]
    dst.mkdir(parents=True, exist_ok=True)
    if not (dst / "docs").exists():
        (dst / "docs").symlink_to((src / "docs").resolve())
    (dst / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(manifest['applications'])} applications in {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), set(sys.argv[3].split(","))))
