"""``python -m supportcore.i18n extract|update|compile|check``: a package's message catalogs.

    python -m supportcore.i18n update                           # the core's catalogs
    python -m supportcore.i18n update --package src/supportcore_acme
    python -m supportcore.i18n compile --package src/supportcore_acme
    python -m supportcore.i18n check --package src/supportcore_acme   # exit 1 on a problem

``extract`` writes the template (``locale/<domain>.pot``) only; ``update`` extracts it and
merges it into each language's ``.po``; ``compile`` writes the ``.mo`` files; ``check`` lists
untranslated templates, placeholder mismatches and stale files. A catalog for a country
(``locale/es_MX/``) is taken with its language (``--languages es`` takes ``es_MX`` too, or name
it: ``--languages es_MX``) and kept sparse: ``update`` never adds a template to it, ``check``
wants only sentences worded otherwise than in its language's catalog. The domain is the
package's folder name (``supportcore_acme``) unless ``--domain`` says otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import LANGUAGES
from ._tools import _with_regions, check, compile_catalogs, extract, update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m supportcore.i18n", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    parser.add_argument(
        "--package",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the package folder (default: the core's, supportcore)",
    )
    parser.add_argument("--domain", default=None, help="default: the package folder's name")
    parser.add_argument(
        "--languages",
        default=",".join(LANGUAGES),
        help=f"comma-separated (default: {','.join(LANGUAGES)})",
    )
    args = parser.parse_args(argv)
    package: Path = args.package
    if not package.is_dir():
        parser.error(f"--package: {package} is not a folder")
    domain = args.domain or package.name
    languages = tuple(x.strip() for x in args.languages.split(",") if x.strip())
    if args.command == "extract":
        pot = package / "locale" / f"{domain}.pot"
        pot.parent.mkdir(parents=True, exist_ok=True)
        from babel.messages.pofile import write_po

        with pot.open("wb") as fp:
            write_po(fp, extract(package, domain), width=96)
        print(pot)
        return 0
    if args.command == "update":
        print("\n".join(update(package, domain, languages)))
        return 0
    if args.command == "compile":
        print("\n".join(compile_catalogs(package, domain, languages)))
        return 0
    problems = check(package, domain, languages)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        checked = _with_regions(package, domain, languages)
        print(f"{domain}: {', '.join(checked)} complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
