"""Every value read with confidence >= 0.9 that is wrong, on the documents of some layout families of a corpus
(issue #14: "confidence >= 0.9 right >= 99.5 %"; `capil bench ocr` gives the share, this names the values).

    .venv/bin/python benchmarks/sure_misses.py CORPUS_DIR FAMILY[,FAMILY...]

One line per confident miss: file, variant, field, the truth and what was read. Reads each document as
`capil bench ocr` does (`capil._bench_ocr`), one at a time. Do not run it on a held-out family: reading
its misses is tuning on it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from capil import _bench_ocr as bench  # noqa: E402


def main(corpus: Path, families: set[str]) -> int:
    manifest = json.loads((corpus / "manifest.json").read_text())
    misses = 0
    for doc in manifest["documents"]:
        if doc.get("family") not in families or "truth" not in doc:
            continue
        truth = json.loads((corpus / doc["truth"]).read_text())
        read = bench._read_one((str(corpus / doc["file"]), "ind"))
        if read["error"]:
            print(doc["file"], "ERROR", read["error"], flush=True)
            continue
        for key, (_name, want, got) in zip(bench._sure_keys(truth), bench._pairs(truth, read), strict=True):
            if key in read["sure"] and got != want:
                misses += 1
                print(doc["file"], doc["variant"], key, repr(want), "->", repr(got), flush=True)
    print(f"{misses} values read at >= 0.9 are wrong", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), set(sys.argv[2].split(","))))
