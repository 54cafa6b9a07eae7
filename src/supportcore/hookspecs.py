"""Hook specifications: what a supportcore plugin may implement.

A **vendor plugin** implements :func:`supportcore_terms` (that is what makes it a vendor: its
terms catalogue carries the vendor's identity, clauses, settings and tables) and answers the
decision hooks for its own cases. The engine holds one ``pluggy.PluginManager`` per vendor (the
vendor plugin and every overlay), so a vendor never sees another vendor's cases.

An **overlay plugin** implements no identity hook; it wraps decision hooks of every vendor with
``@hookimpl(wrapper=True)`` (a reseller's markup on prices, a site's extra exclusion, an audit
log). Overlays see every vendor's cases; they can inspect ``ctx.vendor.name`` to limit themselves.

Every plugin module (or object) registered from the ``supportcore`` entry-point group states the
hook API version it was written for in a module attribute ``SUPPORTCORE_HOOK_API`` (an int). The
core refuses plugins whose version it does not support (see :data:`SUPPORTED_HOOK_APIS`) with a
message naming both versions; a plugin written for hook API 1 is pointed at the migration table
of ``docs/plugin-authors.md``.

Once per engine and vendor, :func:`supportcore_prepare` turns the settings and terms into the
vendor's own ``Prepared`` object. Then, for each case, in this order (each hook at most once; a
hook no plugin implements is skipped, and the core answers from the vendor's tables where it
can):

1. :func:`supportcore_assess`: the vendor's ``Facts`` of the case (``ctx.facts``)
2. :func:`supportcore_check_case`: input problems the core cannot see
3. :func:`supportcore_service_hours`
4. :func:`supportcore_eligibility`
5. :func:`supportcore_exclusions`
6. :func:`supportcore_pricing`
7. :func:`supportcore_closure`

The decision hooks are ``firstresult``: the vendor's implementation answers, overlays wrap it.
The engine checks every answer: a hook that raises (whatever it raises), returns the wrong type,
or a ``check_case`` that yields something that is not a ``Problem`` is a plugin failure for that
case (CLI exit code 3), and the answer it owed is *undetermined*; other vendors and other cases
are unaffected. Returning ``None`` from a decision hook means "this plugin has no rule for it":
the engine then answers from the vendor's tables where they answer that question (service
hours, coverage, pricing), and otherwise records an *undetermined* answer, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .context import Context
    from .decision import Closure, Coverage, Eligibility, Problem, Service
    from .money import Quote
    from .settings import SettingsSection, VendorSettings
    from .terms import TermsCatalogue
    from .vendor import VendorInfo

__all__ = [
    "HOOK_API_VERSION",
    "SUPPORTED_HOOK_APIS",
    "hookimpl",
    "hookspec",
]

PROJECT = "supportcore"

#: The hook API version this core implements. Bumped when a hook changes incompatibly; the
#: deprecation policy in ``docs/plugin-authors.md`` says how old versions keep working and when
#: they are removed (hook API 1 is).
HOOK_API_VERSION = 2

#: Hook API versions a plugin may declare and still be loaded.
SUPPORTED_HOOK_APIS: frozenset[int] = frozenset({2})

hookspec = pluggy.HookspecMarker(PROJECT)
#: Marker for hook implementations: ``@hookimpl`` or ``@hookimpl(wrapper=True)``.
hookimpl = pluggy.HookimplMarker(PROJECT)


# --------------------------------------------------------------------------- identity and terms


@hookspec(firstresult=True)
def supportcore_vendor_info() -> VendorInfo | None:
    """Identify the vendor, when its identity cannot be written as data.

    Optional: a vendor's identity is normally the ``[identity]`` table of its ``terms.toml``
    (``TermsCatalogue.info``). Implement this hook only to compute it.

    :return: a :class:`supportcore.VendorInfo`: the vendor's name (which must equal the
        entry-point name and the ``vendor`` field of its cases), display title, country, ISO
        currency, IANA home time zone, products, channels offered, plans, severities, and any
        categories it adds to the shared taxonomy.

    The first non-``None`` result is used.
    """


@hookspec(firstresult=True)
def supportcore_terms() -> TermsCatalogue | None:
    """Return the vendor's terms: identity, every version with its clauses and interpretations,
    the settings its rules read, and the tables the core applies (coverage by category, channels,
    calendars, tax, fees, service levels).

    Called once, when the plugin is loaded; usually ``return TERMS`` with ``TERMS =
    load_terms(__name__)``. Implementing it makes the plugin a *vendor plugin*.

    :return: a :class:`supportcore.TermsCatalogue`. Each clause has a stable id, the verbatim text
        of the vendor's document, an English gloss and the rules applying it. ``settings``
        declares every value the rules read from the integrator's settings file (tariffs the
        terms do not give, unpublished office hours, tax rates with documented defaults).

    The first non-``None`` result is used.
    """


@hookspec
def supportcore_setting_specs() -> SettingsSection | None:
    """Declare the settings section of a non-vendor plugin (an overlay).

    Vendor plugins declare their settings in their terms; overlays that read settings (a
    reseller's markup rate) return a :class:`supportcore.SettingsSection` naming their section and
    its settings. Called once per engine. All results are collected.
    """


@hookspec(firstresult=True)
def supportcore_prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> object | None:
    """Prepare what the vendor's rules derive from its settings and terms, once per engine.

    Called once per engine and vendor, never per case: parse tariffs, build tables keyed by
    plan, word the fixed parts of sentences, choose readings from settings. Return the vendor's
    own object (usually an attrs class ``Prepared`` in the plugin's ``prepared.py``); the
    decision hooks receive it as ``ctx.prepared``, typed through ``Context[Prepared, Facts]``.

    :param settings: the vendor's validated settings (each value already of its declared kind).
    :param terms: the vendor's terms catalogue (every version, the tables).
    :param calendars: the calendars the core built from the vendor's ``[calendars.*]`` tables.
    :return: the prepared object, or ``None`` if the vendor needs none.
    :raises SettingsError: settings that are well typed but impossible for the vendor's rules
        (a version it cannot compare, a table keyed by something that is not a plan): one
        message per problem, each starting with the setting's path. The engine refuses the
        settings file (CLI exit code 2).

    The first non-``None`` result is used.
    """


# --------------------------------------------------------------------------- per case


@hookspec(firstresult=True)
def supportcore_assess(ctx: Context[Any, Any]) -> object | None:
    """Assess the case once: the facts the vendor's rules read, computed before any rule.

    Called once per case, first. Return the vendor's own object (usually an attrs class
    ``Facts`` in the plugin's ``facts.py``: the licence in force, the plan and its hours, the
    attention paid…); every later hook reads it as ``ctx.facts``. Derive facts here, not in the
    decision hooks, so that each is computed once and every rule sees the same.

    :param ctx: the evaluation context (``ctx.facts`` is not set yet).
    :return: the facts object, or ``None``.

    The first non-``None`` result is used.
    """


@hookspec
def supportcore_check_case(ctx: Context[Any, Any]) -> Iterable[Problem] | None:
    """Report input problems specific to this vendor that the core cannot see.

    For example a version string the vendor cannot compare, or contact data in a malformed
    format. Problems of severity ``"error"`` make the engine refuse the case (CLI exit code 2)
    with one message per problem naming the field; ``"warning"`` problems are attached to the
    decision. Reasoned refusals (a channel the vendor does not offer, a product without
    support) belong in the decision hooks, not here.

    All results are collected.
    """


@hookspec(firstresult=True)
def supportcore_service_hours(ctx: Context[Any, Any]) -> Service | None:
    """Answer the service facts for the request's channel at ``ctx.at``.

    :return: a :class:`supportcore.Service`: whether the channel is open now, which named
        schedule applies, the next opening, and when a response is due, each with reasons
        citing the clauses (or settings) they rest on.

    Optional: a vendor that does not implement it gets the core's answer from its tables
    (``ctx.default_service()``: whether the channel is offered, its calendar, open now, the next
    opening, the service levels' deadlines).

    The first non-``None`` result is used; ``None`` means undetermined.
    """


@hookspec(firstresult=True)
def supportcore_eligibility(ctx: Context[Any, Any], service: Service) -> Eligibility | None:
    """Answer whether the customer is entitled to support for this request at ``ctx.at``.

    :param ctx: the evaluation context (case, instant, terms version, settings, calendars).
    :param service: the answer of :func:`supportcore_service_hours`.
    :return: a :class:`supportcore.Eligibility`: ``entitled``, ``not_entitled`` or
        ``undetermined``; the basis of an entitlement ("free period until 2026-07-14"), the
        reasons of a refusal, and remedies (renew, buy an update, pay per attention) with
        their prices when the terms or settings give them.

    The first non-``None`` result is used.
    """


@hookspec(firstresult=True)
def supportcore_exclusions(ctx: Context[Any, Any], eligibility: Eligibility) -> Coverage | None:
    """Answer whether the problem (``ctx.case.request.category``) is covered or excluded.

    :return: a :class:`supportcore.Coverage`: ``covered``, ``excluded``, ``billable`` (done,
        but charged separately) or ``undetermined``. A category no rule decides must be
        ``undetermined``, never a silent ``covered``.

    Optional: a vendor that does not implement it gets the ``[[coverage]]`` table's answer
    (``ctx.listed_coverage``); a vendor with exceptions implements it and returns
    ``ctx.listed_coverage`` where no exception applies.

    The first non-``None`` result is used.
    """


@hookspec(firstresult=True)
def supportcore_pricing(
    ctx: Context[Any, Any], eligibility: Eligibility, coverage: Coverage
) -> Quote | None:
    """Price the case: what the customer pays for this request, if anything.

    :return: a :class:`supportcore.Quote` in the vendor's currency with line items, tax lines
        and total. A tariff the terms do not give and the settings do not supply goes into
        ``missing`` (status ``incomplete``); it is never guessed.

    Optional: a vendor that does not implement it gets ``ctx.default_quote(eligibility,
    coverage)``: nothing to price when excluded or refused, undetermined when coverage is,
    free when entitled and covered.

    The first non-``None`` result is used.
    """


@hookspec(firstresult=True)
def supportcore_closure(
    ctx: Context[Any, Any], eligibility: Eligibility, coverage: Coverage
) -> Closure | None:
    """Answer whether the ticket is open or closed at ``ctx.at``, and why.

    :return: a :class:`supportcore.Closure`: ``open`` or ``closed``; ``closed_at`` or
        ``closes_at`` (when it will close if nothing happens); the reasons; and the actions
        still owed by either party. A ticket never closes before the events it depends on.

    The first non-``None`` result is used.
    """
