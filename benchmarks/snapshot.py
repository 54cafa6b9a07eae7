"""Decisions snapshot: prove that a speed-up changed no decision.

Evaluates the benchmark corpus (every installed vendor's example cases, each in ``--variants``
shifted variants, with the examples' settings) and writes one line per case: the case id, then
either the decision as ``decision_to_json`` and as sorted ``decision_to_dict`` JSON, or the input
error. Compare two snapshots to see every case whose answer moved::

    python benchmarks/snapshot.py write /tmp/before.jsonl            # before the change
    python benchmarks/snapshot.py compare /tmp/before.jsonl          # after: exit 1 on a change
    python benchmarks/snapshot.py compare /tmp/before.jsonl --vendor juweliers

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
        text = decision_to_json(decision)
        as_dict = json.dumps(decision_to_dict(decision), sort_keys=True, ensure_ascii=False)
        yield case["id"], text + "\t" + as_dict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--variants", type=int, default=40)
    parser.add_argument("--vendor", default=None, help="only this vendor's cases")
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
    for case_id, line in lines(args.variants, args.vendor):
        seen += 1
        old = before.get(case_id)
        if old is None:
            print(f"{case_id}: not in the snapshot")
            changed += 1
        elif old != line:
            changed += 1
            if changed <= 10:
                a, b = old.split("\t")[0], line.split("\t")[0]
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
                print(f"{case_id}: changed near …{a[max(0, at - 80) : at + 80]}…")
                print(f"{' ' * len(case_id)}  now         …{b[max(0, at - 80) : at + 80]}…")
    print(f"{seen} decisions compared, {changed} changed")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
