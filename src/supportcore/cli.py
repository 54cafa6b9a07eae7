"""The ``supportcore`` command line.

Exit codes: 0 a decision was made (whatever it says), 2 bad input (case, settings, options),
3 a plugin failed (to load in strict mode, or while answering).

User text (file names, case ids, categories, settings tables, plugins' messages) is printed
through :mod:`supportcore.terminal`: never read as rich markup, control characters shown as
escapes. No command prints a traceback: an unexpected error is one line naming it (set
``SUPPORTCORE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console

from . import __version__
from .convert import InputError, converter, decision_to_dict, dumps_toml, read_document
from .convert import parse_datetime as _parse_instant
from .engine import Engine, PluginError
from .plugins import PluginLoadError, load_plugins
from .settings import SettingsError
from .terminal import escape, labelled, printable

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_PLUGIN = 3
EXIT_INTERNAL = 1

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _error(message: object, label: str = "error:") -> None:
    err.print(labelled(label, "bold red", message))


def _warn(message: object) -> None:
    err.print(labelled("warning:", "yellow", message))


def _fail(code: int, messages: Iterable[str]) -> NoReturn:
    for m in messages:
        _error(m)
    sys.exit(code)


class _Group(click.Group):
    """The command group: an unexpected exception in a command is one line, never a traceback
    (``SUPPORTCORE_DEBUG=1`` shows it)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except Exception as exc:
            if os.environ.get("SUPPORTCORE_DEBUG", "").strip() not in ("", "0"):
                raise
            _error(
                f"{type(exc).__name__}: {exc} (an internal error of supportcore: please report "
                "it; SUPPORTCORE_DEBUG=1 shows where it happened)",
                "internal error:",
            )
            sys.exit(EXIT_INTERNAL)


def _plugin_opts(f: Any) -> Any:
    f = click.option(
        "--plugins",
        "allow",
        default=None,
        help="Comma-separated allow-list of plugin names (env SUPPORTCORE_PLUGINS).",
    )(f)
    f = click.option(
        "--block",
        default=None,
        help="Comma-separated block-list of plugin names (env SUPPORTCORE_BLOCK_PLUGINS).",
    )(f)
    f = click.option(
        "--strict/--no-strict",
        default=None,
        help="Make plugin failures fatal (env SUPPORTCORE_STRICT=1).",
    )(f)
    return f


def _split(v: str | None) -> list[str] | None:
    """A comma-separated option as a list; an empty one (``--plugins ''``) is no list at all,
    as an empty ``SUPPORTCORE_PLUGINS`` is."""
    names = [] if v is None else [x.strip() for x in v.split(",") if x.strip()]
    return names or None


def _load(allow: str | None, block: str | None, strict: bool | None) -> Any:
    try:
        return load_plugins(allow=_split(allow), block=_split(block), strict=strict)
    except PluginLoadError as exc:
        _fail(EXIT_PLUGIN, [str(exc)])


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="supportcore")
def main() -> None:
    """Software vendors' support terms as executable, explainable policy."""


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_plugin_opts
def vendors(as_json: bool, allow: str | None, block: str | None, strict: bool | None) -> None:
    """List installed plugins: distribution, version, terms and hook API versions, status."""
    plugins = _load(allow, block, strict)
    records = plugins.records
    if as_json:
        click.echo(json.dumps([converter.unstructure(r) for r in records], indent=2))
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(title="supportcore plugins")
        # the error column appears only when a plugin failed
        for col in ("name", "kind", "status", "distribution", "version", "terms", "API"):
            table.add_column(col, overflow="fold")
        errors = any(r.error for r in records)
        if errors:
            table.add_column("error", overflow="fold", ratio=1)
        for r in records:
            row = [
                r.name,
                r.kind,
                r.status,
                r.distribution,
                r.version,
                r.terms_version,
                "" if r.hook_api is None else str(r.hook_api),
                *([r.error] if errors else []),
            ]
            table.add_row(*[Text(printable(cell)) for cell in row])
        # in a terminal rich fits the table to its width; in a pipe or a log, no need to squeeze
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160).print(table)
    if plugins.failed():
        sys.exit(EXIT_PLUGIN)


@main.command()
@click.argument("vendor")
@click.option("--json", "fmt", flag_value="json", help="Output as JSON.")
@click.option("--toml", "fmt", flag_value="toml", help="Output as TOML.")
@click.option("--version", "terms_version", default=None, help="A terms version (default: all).")
@_plugin_opts
def terms(
    vendor: str,
    fmt: str | None,
    terms_version: str | None,
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Show a vendor's clauses (verbatim text and English gloss), settings and interpretations."""
    plugins = _load(allow, block, strict)
    vp = plugins.vendors.get(vendor)
    if vp is None:
        installed = ", ".join(sorted(plugins.vendors)) or "none"
        shown = vendor if len(vendor) <= 60 else vendor[:60] + "…"
        _fail(EXIT_INPUT, [f"vendor: unknown vendor {shown!r} (installed: {installed})"])
    cat = vp.terms
    versions = cat.versions
    if terms_version:
        try:
            versions = (cat.version(terms_version),)
        except KeyError as exc:
            _fail(EXIT_INPUT, [f"--version: {exc.args[0]}"])
    data = {
        "vendor": cat.vendor,
        "settings": [converter.unstructure(s) for s in cat.settings],
        "versions": [
            {
                "version": v.version,
                "effective_from": v.effective_from.isoformat(),
                "title": v.title,
                "source": v.source,
                "language": v.language,
                "clauses": [converter.unstructure(c) for c in v.clauses],
                "interpretations": [converter.unstructure(i) for i in v.interpretations],
            }
            for v in versions
        ],
    }
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    if fmt == "toml":
        click.echo(dumps_toml(data))
        return
    out = Console(soft_wrap=True, highlight=False)
    e = escape  # every piece of a plugin's text, escaped: it is data, not markup
    out.print(f"[bold]{e(vp.info.title)}[/] ({e(cat.vendor)}) — {e(vp.info.document)}")
    for v in versions:
        out.print(f"\n[bold]Terms version {e(v.version)}[/], in force from {v.effective_from}")
        for c in v.clauses:
            section = f", {c.section}" if c.section else ""
            out.print(f"\n[bold cyan]{e(c.id)}[/] ({e(c.kind)}{e(section)})")
            out.print(printable(f"  “{c.text}”"), markup=False)
            out.print(f"  [dim]{e(c.gloss)}[/]")
            if c.rules:
                out.print(printable(f"  rules: {', '.join(c.rules)}"), markup=False)
        if v.interpretations:
            out.print("\n[bold]Interpretations[/]")
            for i in v.interpretations:
                out.print(f"\n[bold]{e(i.id)}[/] on {e(', '.join(i.clauses))}: {e(i.question)}")
                out.print(printable(f"  reading applied: {i.reading}"), markup=False)
                if i.alternative:
                    out.print(printable(f"  alternative: {i.alternative}"), markup=False)
                if i.setting:
                    out.print(printable(f"  setting: {cat.vendor}.{i.setting}"), markup=False)
    if cat.settings:
        out.print("\n[bold]Settings the integrator supplies[/]")
        for s in cat.settings:
            default = f" (default {s.default}: {s.default_source})" if s.default is not None else ""
            out.print(
                printable(f"  {cat.vendor}.{s.key} [{s.kind}]{default}: {s.description}"),
                markup=False,
            )


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(path_type=Path),
    default=None,
    help="TOML settings file with tariffs and hours the terms do not give.",
)
@click.option(
    "--at",
    "at",
    default=None,
    help="Evaluate at this instant instead of the case's own (ISO 8601 with an offset, or "
    "with a zone in brackets; 'now' for the current instant). A case file may then leave "
    "out its 'at'.",
)
@click.option("--json", "as_json", is_flag=True, help="Output decisions as JSON.")
@click.option(
    "--lang",
    default=None,
    help="Language of the explanations: es, nl or en (default: each vendor's terms language).",
)
@_plugin_opts
def evaluate(
    cases: tuple[Path, ...],
    settings_path: Path | None,
    at: str | None,
    as_json: bool,
    lang: str | None,
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Evaluate case files (TOML or JSON) and explain each decision."""
    instant = _at_option(at)
    lang = _lang_option(lang)
    plugins = _load(allow, block, strict)
    try:
        engine = Engine(settings_path, plugins=plugins, strict=strict, lang=lang)
    except SettingsError as exc:
        _fail(EXIT_INPUT, exc.problems)
    for w in engine.warnings:
        _warn(w)
    code = EXIT_OK
    results: list[dict[str, Any]] = []
    out = Console(soft_wrap=True, highlight=False)
    for path in cases:
        try:
            # the document as read, so that its provenance digests the case as given
            decision = engine.evaluate(read_document(path), at=instant)
        except InputError as exc:
            for line in InputError(exc.problems, exc.source or str(path)).messages():
                _error(line)
            code = max(code, EXIT_INPUT)
            continue
        except PluginError as exc:
            _error(f"{path}: {exc}", "plugin error:")
            code = EXIT_PLUGIN
            continue
        if decision.failures:
            code = EXIT_PLUGIN
            for f in decision.failures:
                _error(f"{path}: {f.plugin}.{f.hook}: {f.error}", "plugin error:")
        if as_json:
            results.append(decision_to_dict(decision))
        else:
            from .render import render_text

            if len(cases) > 1:
                from rich.text import Text

                out.print(Text(f"── {printable(path)} ──"), soft_wrap=True)
            out.print(printable(render_text(decision)), markup=False)
    if as_json:
        payload: Any = results[0] if len(cases) == 1 and len(results) == 1 else results
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    sys.exit(code)


def _lang_option(lang: str | None) -> str | None:
    """The ``--lang`` language, or bad input naming the option."""
    if lang is None:
        return None
    from .i18n import check_language

    try:
        return check_language(lang)
    except ValueError as exc:
        _fail(EXIT_INPUT, [f"--lang: {exc}"])


def _at_option(at: str | None) -> datetime | None:
    """The ``--at`` instant: ``now`` or an ISO 8601 / RFC 9557 instant with a zone. A bad one
    is bad input naming the option, before any case file is read."""
    if at is None:
        return None
    if at.strip().lower() == "now":
        return datetime.now().astimezone()
    try:
        return _parse_instant(at)
    except ValueError as exc:
        _fail(EXIT_INPUT, [f"--at: {exc}"])


@main.command("new-plugin")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Where to create supportcore-NAME/.",
)
@click.option("--title", default=None, help="The vendor's name as people write it.")
@click.option("--country", default="ES", show_default=True, help="ISO 3166 alpha-2 country.")
@click.option("--currency", default="EUR", show_default=True, help="ISO 4217 currency.")
@click.option(
    "--timezone", default="UTC", show_default=True, help="IANA time zone of the vendor's help desk."
)
def new_plugin(
    name: str, directory: Path, title: str | None, country: str, currency: str, timezone: str
) -> None:
    """Scaffold a vendor plugin package (supportcore-NAME) wired to the conformance kit."""
    from .scaffold import ScaffoldError, scaffold

    try:
        root = scaffold(
            name, directory, title=title, country=country, currency=currency, timezone=timezone
        )
    except ScaffoldError as exc:
        _fail(EXIT_INPUT, [str(exc)])
    click.echo(printable(f"created {root}"))
    click.echo("next steps:")
    click.echo(printable(f"  cd {root}"))
    click.echo('  python -m pip install -e ".[test]"')
    click.echo("  python -m pytest        # your tests + the conformance kit")
    click.echo(f"  supportcore terms {name}")


@main.command()
@click.argument("what", type=click.Choice(["case", "decision", "settings"]))
@click.argument("vendor", required=False)
@_plugin_opts
def schema(
    what: str, vendor: str | None, allow: str | None, block: str | None, strict: bool | None
) -> None:
    """Print the JSON Schema (2020-12) of a case file, a decision or a settings file; with
    VENDOR, narrowed to that vendor (its products and categories, its settings table)."""
    from .schema import case_schema, decision_schema, settings_schema

    if what == "decision":
        if vendor is not None:
            _fail(EXIT_INPUT, ["vendor: a decision's schema is the same for every vendor"])
        click.echo(json.dumps(decision_schema(), indent=2, ensure_ascii=False))
        return
    plugins = _load(allow, block, strict)
    vp = None
    if vendor is not None:
        vp = plugins.vendors.get(vendor)
        if vp is None:
            installed = ", ".join(sorted(plugins.vendors)) or "none"
            shown = vendor if len(vendor) <= 60 else vendor[:60] + "…"
            _fail(EXIT_INPUT, [f"vendor: unknown vendor {shown!r} (installed: {installed})"])
    data = case_schema(vp) if what == "case" else settings_schema(plugins, vendor)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--at", "at", default=None, help="The instant the cases would be evaluated at (as evaluate's)."
)
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, not 'ok' lines.")
@_plugin_opts
def check(
    cases: tuple[Path, ...],
    at: str | None,
    quiet: bool,
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Check case files without evaluating them: every field, the vendor, its products and
    categories. Exit codes as evaluate's: 0 valid, 2 a problem, 3 a vendor that failed to load."""
    from .engine import VendorUnavailable
    from .schema import check_case

    instant = _at_option(at)
    plugins = _load(allow, block, strict)
    code = EXIT_OK
    for path in cases:
        try:
            problems = check_case(read_document(path), plugins, at=instant)
        except InputError as exc:
            problems = list(exc.problems)
        except VendorUnavailable as exc:
            _error(f"{path}: {exc}", "plugin error:")
            code = EXIT_PLUGIN
            continue
        errors = [p for p in problems if p.severity == "error"]
        for line in InputError(errors, str(path)).messages():
            _error(line)
        for p in problems:
            if p.severity != "error":
                _warn(f"{path}: {p}")
        if errors:
            code = max(code, EXIT_INPUT)
        elif not quiet:
            click.echo(printable(f"{path}: ok"))
    sys.exit(code)


from .batch import batch_command  # noqa: E402

main.add_command(batch_command)

from .serve.command import serve_command  # noqa: E402

main.add_command(serve_command)


if __name__ == "__main__":  # pragma: no cover
    main()
