"""What writing explanations in a language costs: per value, and per decision.

    python benchmarks/i18n_cost.py                 # both tables
    python benchmarks/i18n_cost.py --values        # one value written: plain, prepared, Babel
    python benchmarks/i18n_cost.py --decisions     # the corpus decided in each language

Per value, three ways of writing the same value: the plain English wording (no language), the
locale's formats prepared once from Babel's data (what explanations use), and Babel's own
``format_*`` functions called each time. Per decision, the mean CPU µs of the example corpus
(``bench.load_corpus``: every example case in shifted variants, a case dict in and
``decision_to_dict`` out), best of 5, for each language and for the vendors' own default.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _us(fn: Callable[[], object], number: int = 20000) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def values() -> None:
    from babel import Locale
    from babel.dates import format_date, format_datetime
    from babel.numbers import format_currency
    from babel.units import format_unit

    from supportcore.i18n import language
    from supportcore.money import Money
    from supportcore.wording import words

    es = language("es", "ES")
    babel_locale = Locale.parse("es_ES")
    at = datetime(2026, 7, 14, 16, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    money = Money("112.52", "EUR")
    pattern = es.formats.instant_pattern.pattern
    rows = [
        (
            "instant",
            lambda: words(at),
            lambda: words(at, es),
            lambda: format_datetime(at, pattern, locale=babel_locale),
        ),
        (
            "date",
            lambda: words(at.date()),
            lambda: words(at.date(), es),
            lambda: format_date(at.date(), "long", locale=babel_locale),
        ),
        (
            "money",
            lambda: words(money),
            lambda: words(money, es),
            lambda: format_currency(money.amount, "EUR", locale=babel_locale),
        ),
        (
            "duration",
            lambda: words(timedelta(minutes=65)),
            lambda: words(timedelta(minutes=65), es),
            lambda: (
                format_unit(1, "duration-hour", length="long", locale=babel_locale)
                + " "
                + format_unit(5, "duration-minute", length="long", locale=babel_locale)
            ),
        ),
        (
            "decimal",
            lambda: words(Decimal("0.9167")),
            lambda: words(Decimal("0.9167"), es),
            lambda: str(Decimal("0.9167")),
        ),
    ]
    print(f"{'one value (µs)':<16}{'plain':>10}{'es_ES':>10}{'Babel':>10}")
    for name, plain, prepared, babel in rows:
        print(f"{name:<16}{_us(plain):>10.2f}{_us(prepared):>10.2f}{_us(babel, 2000):>10.2f}")


def decisions() -> None:
    import bench

    from supportcore import Engine
    from supportcore.convert import decision_to_dict

    tables, _, cases, _ = bench.load_corpus(10, lambda _msg: None)
    engine = Engine(tables)
    cases, _ = bench.valid_cases(engine, cases)
    print(f"{len(cases)} decisions of the example corpus, mean CPU µs per decision, best of 5")
    for lang in (None, "es", "nl", "en"):
        for c in cases:  # warm the caches
            decision_to_dict(engine.evaluate(c, lang=lang))
        best = float("inf")
        for _ in range(5):
            t0 = time.process_time()
            for c in cases:
                decision_to_dict(engine.evaluate(c, lang=lang))
            best = min(best, (time.process_time() - t0) / len(cases) * 1e6)
        print(f"  lang={lang or 'the vendor’s':<14}{best:8.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", action="store_true")
    parser.add_argument("--decisions", action="store_true")
    args = parser.parse_args()
    both = not (args.values or args.decisions)
    if args.values or both:
        values()
    if args.decisions or both:
        decisions()


if __name__ == "__main__":
    main()
