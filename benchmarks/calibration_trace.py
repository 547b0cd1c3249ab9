"""Which rule of the confidence policy held each value below 0.9, and what a change of the policy would do
(issue #14 item 4; benchmarks/results/calibration-session16.md).

    PYTHONPATH=TREE python benchmarks/calibration_trace.py dump CORPUS OUT.jsonl [--every N]
    PYTHONPATH=TREE python benchmarks/calibration_trace.py score OUT.json DUMP.jsonl... [--weigh identity]
    python benchmarks/calibration_trace.py compare BEFORE.json AFTER.json
    PYTHONPATH=TREE python benchmarks/calibration_trace.py held DUMP.jsonl...

`dump` reads each document once, one at a time, by whichever `ocr` is first on sys.path (an older tree:
`git archive C | tar -x -C TREE`), as `ocr_calibration.py --dump` does, and adds `trace`: the ordered calls of
the policy while it was read (`capped` even when it changes nothing, `weigh`/`weigh_identity` with their
readings, `_fields.corroborate`), each with its caller (file:line) and the value's (value, page, box).

`score` scores dumps after `understood` of the tree on sys.path (no Tesseract), per value; with `--weigh
identity` the readings of every traced `weigh` are weighed again by session 16's rule (two readings alike of a
NIK or No. KK whose structure checks reach `SURE`) and every later cap of the same value applied again, so a
dump of a tree before that rule measures it. `compare` prints the per-family table of two scores (values at >=
0.9, wrong, right values below 0.9, decision fields) and every value that entered or left the band. `held`
groups the right values of the decision fields below 0.9 by the call that set their confidence, and counts per
reader cap the values it lowered from >= 0.9 (right / wrong: what lifting it would let in).
"""

from __future__ import annotations

import argparse
import collections
import copy
import inspect
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(1, str(Path(__file__).resolve().parent))

import ocr_calibration as cal

DECISION = {"kk": {"no_kk", "nik", "nama_lengkap", "tanggal_lahir"},
            "ijazah": {"nama_lengkap", "tempat_lahir", "tanggal_lahir", "jenjang"},
            "buku_nikah": {"suami.nik", "istri.nik", "suami.nama_lengkap", "istri.nama_lengkap",
                           "suami.tanggal_lahir", "istri.tanggal_lahir", "tanggal_nikah", "nomor_akta"}}
"""The fields an application's decision reads (a value below 0.9 of one sends it to a verifikator)."""
SURE = 0.9


def _traced() -> list[list[Any]]:
    """Wrap the policy's calls in every loaded `ocr` module; returns the list the calls are appended to."""
    import ocr  # noqa: F401  (loads every reader)
    from ocr import _confidence, _fields

    trace: list[list[Any]] = []

    def where() -> str:
        frame = inspect.currentframe().f_back.f_back  # type: ignore[union-attr]
        return f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}:{frame.f_code.co_name}"  # type: ignore[union-attr]

    def key(v: Any) -> list[Any]:
        return [v.value, v.page, list(v.bbox) if v.bbox else None]

    capped0, weigh0, identity0, corroborate0 = (_confidence.capped, _confidence.weigh, _confidence.weigh_identity,
                                                _fields.corroborate)

    def capped(value: Any, cap: float) -> Any:
        out = capped0(value, cap)
        if value.value is not None and cap < SURE:
            trace.append(["cap", where(), key(out), round(value.confidence, 3), cap, round(out.confidence, 3)])
        return out

    def weigh(first: Any, seconds: Any, **kw: Any) -> Any:
        out = weigh0(first, seconds, **kw)
        if out.value is not None:
            trace.append(["weigh", where(), key(out), [first.value, round(first.confidence, 3)],
                          [[s.value, round(s.confidence, 3)] for s in seconds], round(out.confidence, 3)])
        return out

    def weigh_identity(first: Any, second: Any, problems: Any) -> Any:
        out = identity0(first, second, problems)
        if out.value is not None:
            trace.append(["weigh_id", where(), key(out), [first.value, round(first.confidence, 3)],
                          [second.value, round(second.confidence, 3)], round(out.confidence, 3)])
        return out

    def corroborate(values: Any, names: Any, *, agree: bool) -> None:
        before = {n: values[n] for n in names if n in values}
        corroborate0(values, names, agree=agree)
        for n, v in before.items():
            if v.value is not None:
                trace.append(["cor", where(), key(values[n]), round(v.confidence, 3), agree,
                              round(values[n].confidence, 3)])

    swaps = {"capped": (capped0, capped), "weigh": (weigh0, weigh), "weigh_identity": (identity0, weigh_identity),
             "corroborate": (corroborate0, corroborate)}
    for name, module in list(sys.modules.items()):
        if (name == "ocr" or name.startswith("ocr.")) and module is not None:
            for attr, (old, new) in swaps.items():
                if getattr(module, attr, None) is old:
                    setattr(module, attr, new)
    return trace


def dump(corpus: Path, out: Path, every: int) -> None:
    import ocr

    trace = _traced()
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    done = {json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines() if line} \
        if out.exists() else set()
    with out.open("a", encoding="utf-8") as sink:
        for doc in manifest["documents"][::every]:
            if doc["file"] in done:
                continue
            trace.clear()
            line: dict[str, Any] = {"file": doc["file"], "family": doc.get("family"), "variant": doc["variant"],
                                    "truth": json.loads((corpus / doc["truth"]).read_text(encoding="utf-8"))}
            try:
                reading = ocr.read((corpus / doc["file"]).read_bytes())
                line |= {"extraction": reading.extraction.to_dict(), "type_confidence": reading.type_confidence,
                         "pages": [cal._page_dict(p) for p in reading._pages]}
            except Exception as e:  # a failure is a measurement
                line |= {"error": type(e).__name__}
            line["trace"] = list(trace)
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            sink.flush()
            print(doc["file"], doc.get("family"), line.get("error", ""), flush=True)


def _identity_rule(event: list[Any]) -> float | None:
    """Session 16's weigh: readings alike of a NIK or No. KK whose structure checks, up to `SURE`."""
    import core

    readings = [event[3], *event[4]] if event[0] == "weigh" else [event[3], event[4]]
    read = [r for r in readings if r[0] is not None]
    if len(read) < 2 or any(r[0] != read[0][0] for r in read):
        return None
    value = read[0][0]
    if core.nik_problems(value) and core.no_kk_problems(value):
        return None
    return max(read[0][1], min(max(r[1] for r in read[1:]), SURE))


def _reweighed(doc: dict[str, Any]) -> dict[str, Any]:
    got = copy.deepcopy(doc["extraction"])
    events = doc.get("trace", [])
    raised: dict[str, float] = {}
    for i, event in enumerate(events):
        if event[0] not in ("weigh", "weigh_id") or (now := _identity_rule(event)) is None or now <= event[-1]:
            continue
        for later in events[i + 1:]:
            if later[2] != event[2]:
                continue
            if later[0] == "cap":
                now = min(now, later[4])
            elif later[0] == "cor":
                now = max(now, 0.98) if later[4] else min(now, 0.6)
            else:  # weighed again: what that weighing gave stands
                break
        else:
            raised[json.dumps(event[2])] = now
    for holder in [got["fields"], *got.get("anggota", [])]:
        for value in holder.values():
            now = raised.get(json.dumps([value.get("value"), value.get("page"), value.get("bbox")]))
            if now is not None and now > value["confidence"]:
                value["confidence"] = now
    return got


def score(dumps: list[Path], out: Path, weigh: str | None) -> None:
    from ocr.confidence import understood

    result = {}
    for path in dumps:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            got = doc.get("extraction")
            pairs = cal._pairs(doc["truth"], None)
            if got and got["document_type"] == doc["truth"]["document_type"]:
                got = _reweighed(doc) if weigh == "identity" else got
                fields, rows, _ = understood(got["document_type"], cal._values(got["fields"]),
                                             [cal._values(r) for r in got.get("anggota", [])], cal._pages(doc))
                pairs = cal._pairs(doc["truth"], {"fields": cal._dicts(fields), "anggota": [cal._dicts(r) for r in rows]})
            for key, want, value in pairs:
                field = key.split(".", 1)[1] if key[0].isdigit() else key
                result[f"{path}|{doc['file']}|{key}"] = [doc["family"], doc["truth"]["document_type"], field, want,
                                                         value.get("value"), value.get("confidence", 0.0),
                                                         value.get("value") == want]
    out.write_text(json.dumps(result), encoding="utf-8")


def compare(before_path: Path, after_path: Path) -> None:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    tally: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    moved = []
    for key, b in before.items():
        a = after[key]
        decision = b[2] in DECISION[b[1]]
        for family in (b[0], "all"):
            t = tally[family]
            t["n"] += 1
            t["right"] += b[6]
            for tag, v in (("b", b), ("a", a)):
                sure = v[5] >= SURE
                t[tag + "sure"] += sure
                t[tag + "wrong"] += sure and not v[6]
                t[tag + "low"] += v[6] and not sure
                t[tag + "decision"] += sure and v[6] and decision
        if (b[5] >= SURE) != (a[5] >= SURE):
            moved.append((key.split("|", 1)[1], b[3], b[4], b[5], a[5], b[6]))

    def pct(sure: int, wrong: int) -> str:
        return f"{sure} ({wrong}), {100 * (sure - wrong) / sure:.2f} %" if sure else "-"

    print("| family | values | right | at >= 0.9 before: values (wrong), right % | after | right below 0.9 | "
          "decision right at >= 0.9 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for family in sorted(tally):
        t = tally[family]
        print(f"| {family} | {t['n']} | {t['right']} | {pct(t['bsure'], t['bwrong'])} | {pct(t['asure'], t['awrong'])}"
              f" | {t['blow']} -> {t['alow']} | {t['bdecision']} -> {t['adecision']} |")
    for m in moved:
        print("  ", "RIGHT" if m[5] else "WRONG", m)


def held(dumps: list[Path]) -> None:
    from ocr.confidence import understood

    groups: collections.Counter[tuple[str, str, str]] = collections.Counter()
    caps: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in dumps:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            got = doc.get("extraction")
            if not got or got["document_type"] != doc["truth"]["document_type"]:
                continue
            kind = got["document_type"]
            fields, rows, found = understood(kind, cal._values(got["fields"]),
                                             [cal._values(r) for r in got.get("anggota", [])], cal._pages(doc))
            doubts = {d.key: d.signal for d in found}
            after = {"fields": cal._dicts(fields), "anggota": [cal._dicts(r) for r in rows]}
            for key, want, now in cal._pairs(doc["truth"], after):
                confidence = round(now.get("confidence", 0.0), 3)
                if confidence >= SURE or now.get("value") is None:
                    continue
                field = key.split(".", 1)[1] if key[0].isdigit() else key
                right = now.get("value") == want
                mine = [e for e in doc.get("trace", [])
                        if e[2] == [now.get("value"), now.get("page"), now.get("bbox")]]
                why = f"understood: {doubts[key]}" if key in doubts else _why(mine, confidence)
                if right and field in DECISION[kind]:
                    groups[(kind, field, why)] += 1
                lowered = [e for e in mine if e[0] == "cap" and e[3] >= SURE and e[5] == confidence]
                if lowered and key not in doubts:
                    caps[lowered[-1][1]]["right" if right else "wrong"] += 1
    print("right decision values below 0.9, by what set their confidence:")
    for (kind, field, why), n in groups.most_common():
        print(f"  {n:4d} {kind} {field}: {why}")
    print("| cap | lowered from >= 0.9: right | wrong |")
    for site, t in sorted(caps.items(), key=lambda c: -c[1]["right"]):
        print(f"| `{site}` | {t['right']} | {t['wrong']} |")


def _why(events: list[list[Any]], confidence: float) -> str:
    for e in reversed(events):
        if e[0] == "cap" and e[4] == confidence:
            return "cap " + e[1]
        if e[0] == "cor" and not e[4] and e[5] == confidence:
            return "contradicted " + e[1]
        if e[0] in ("weigh", "weigh_id") and e[-1] == confidence:
            second = e[4][0][0] if e[0] == "weigh" and e[4] else e[4][0] if e[0] == "weigh_id" else None
            return f"{e[0]} {'alike' if e[3][0] == second else 'differing' if second else 'alone'} {e[1]}"
    return "words below 0.8" if confidence < 0.8 else "words below 0.9"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("corpus", type=Path)
    d.add_argument("out", type=Path)
    d.add_argument("--every", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("out", type=Path)
    s.add_argument("dumps", type=Path, nargs="+")
    s.add_argument("--weigh", choices=["identity"])
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    h = sub.add_parser("held")
    h.add_argument("dumps", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.out, args.every)
    elif args.command == "score":
        score(args.dumps, args.out, args.weigh)
    elif args.command == "compare":
        compare(args.before, args.after)
    else:
        held(args.dumps)


if __name__ == "__main__":
    main()
