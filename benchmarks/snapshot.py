"""Decisions snapshot: prove that a speed-up changed no decision.

Evaluates the benchmark corpus (every installed vendor's example cases, each in ``--variants``
shifted variants, with the examples' settings) and writes one line per case: the case id, then
either the decision as ``decision_to_json`` and as sorted ``decision_to_dict`` JSON, or the input
error. Compare two snapshots to see every case whose answer moved::

    python benchmarks/snapshot.py write /tmp/before.jsonl            # before the change
    python benchmarks/snapshot.py compare /tmp/before.jsonl          # after: exit 1 on a change
    python benchmarks/snapshot.py compare /tmp/before.jsonl --vendor juweliers
    python benchmarks/snapshot.py compare /tmp/before.jsonl --structure --report changes.txt

``--structure`` ignores wording (messages, descriptions, notes): a refactor that rewords a
reason but keeps every status, code, amount, date and citation shows no change.

Run it where the core and the plugins are importable (``nox -s bench`` installs them, or set
``PYTHONPATH`` to ``src`` and each ``plugins/*/src``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench


def lines(variants: int, vendor: str | None) -> Iterator[tuple[str, str]]:
    import attrs

    from supportcore import Engine
    from supportcore.convert import InputError, decision_to_dict, decision_to_json

    tables, _, cases, _ = bench.load_corpus(variants, lambda _msg: None)
    engine = Engine(tables)
    for case in cases:
        if vendor and case["vendor"] != vendor:
            continue
        try:
            decision = engine.evaluate(case)
        except InputError as exc:
            yield case["id"], json.dumps({"input_error": str(exc)}, ensure_ascii=False)
            continue
        # provenance (versions, digests) is not the decision: left out, so that snapshots
        # taken before decisions carried it still compare
        decision = attrs.evolve(decision, provenance=None)
        text = decision_to_json(decision).removesuffix(',"provenance":null}') + "}"
        as_dict = decision_to_dict(decision)
        as_dict.pop("provenance", None)
        as_dict = json.dumps(as_dict, sort_keys=True, ensure_ascii=False)
        yield case["id"], text + "\t" + as_dict


#: Fields that hold wording for people, not decisions: ``--structure`` ignores them.
WORDING = frozenset(
    {"message", "description", "price_note", "needed_for", "error", "text", "params", "provenance"}
)


def _structure(value: object) -> object:
    """The decision without its wording (citations keep their clause ids) and without empty
    fields (a field added to the format, still empty, is no change)."""
    if isinstance(value, dict):
        return {
            k: _structure(v)
            for k, v in value.items()
            if k not in WORDING and v not in (None, [], {})
        }
    if isinstance(value, list):
        return [_structure(v) for v in value]
    return value


def _diff(a: object, b: object, path: str = "") -> Iterator[str]:
    """Paths where two JSON values differ, with both values when they are short."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _diff(a.get(key), b.get(key), f"{path}.{key}" if path else key)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{path}[{i}]")
    elif a != b:
        ta, tb = json.dumps(a, ensure_ascii=False), json.dumps(b, ensure_ascii=False)
        if len(ta) + len(tb) > 160:
            ta, tb = ta[:77] + "…", tb[:77] + "…"
        yield f"{path}: {ta} -> {tb}"


def _as_dict(line: str) -> object:
    if line.startswith("{") and "\t" not in line:
        return json.loads(line)  # an input error
    return json.loads(line.split("\t", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--variants", type=int, default=40)
    parser.add_argument("--vendor", default=None, help="only this vendor's cases")
    parser.add_argument(
        "--structure",
        action="store_true",
        help="compare decisions without their wording (messages, descriptions, notes)",
    )
    parser.add_argument(
        "--report", type=Path, default=None, help="write every changed field of every case here"
    )
    args = parser.parse_args()
    if args.action == "write":
        with args.file.open("w", encoding="utf-8") as out:
            n = 0
            for case_id, line in lines(args.variants, args.vendor):
                out.write(f"{case_id}\t{line}\n")
                n += 1
        print(f"{n} decisions written to {args.file}")
        return
    before: dict[str, str] = {}
    for raw in args.file.read_text(encoding="utf-8").splitlines():
        case_id, _, rest = raw.partition("\t")
        before[case_id] = rest
    changed = 0
    seen = 0
    report = args.report.open("w", encoding="utf-8") if args.report else None
    for case_id, line in lines(args.variants, args.vendor):
        seen += 1
        old = before.get(case_id)
        if old is None:
            print(f"{case_id}: not in the snapshot")
            changed += 1
            continue
        if args.structure:
            a, b = _structure(_as_dict(old)), _structure(_as_dict(line))
            if a == b:
                continue
        elif old == line:
            continue
        else:
            a, b = _as_dict(old), _as_dict(line)
        changed += 1
        paths = list(_diff(a, b))
        if report is not None:
            report.write(f"{case_id}\n" + "".join(f"    {p}\n" for p in paths))
        if changed <= 10:
            print(f"{case_id}:")
            for p in paths[:6]:
                print(f"    {p}")
    if report is not None:
        report.close()
    print(f"{seen} decisions compared, {changed} changed")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
