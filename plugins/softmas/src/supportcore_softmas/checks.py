"""Input a Softmás rule cannot use: refused naming the field (or a warning), never guessed."""

from __future__ import annotations

from collections.abc import Iterator

from supportcore import CATEGORIES, Context, Problem

from .facts import REMOTE_SESSION, Facts
from .prepared import Prepared

#: Keys of ``request.facts`` the rules read.
FACTS = {
    "machine_versions": "versions installed on each machine of a network, comma-separated",
    "reopened_for": "why a closed case was reopened: same_problem or other_problem",
    "problem": "for a remote_assistance request, the category of the problem it is about",
    "advisory_requested": "yes when the customer asked for paid advisory work (asesoría), or no",
}
REOPEN_VALUES = ("same_problem", "other_problem")


def problems(ctx: Context[Prepared, Facts]) -> Iterator[Problem]:
    req, products = ctx.request, ctx.prepared.products
    if products and req.product not in products:
        known = ", ".join(sorted(products))
        message = f"{req.product!r} is not a Softmás system (softmas.products: {known})"
        yield Problem("request.product", message, "error")
    for i, lic in enumerate(ctx.case.licences):
        if products and lic.product not in products:
            yield Problem(
                f"licences[{i}].product", f"{lic.product!r} is not a Softmás system", "error"
            )
    for field, text in ctx.facts.unreadable:
        message = (
            f"{text!r} is not a version Softmás's rules can compare (expected numbers separated "
            "by dots, such as 2025.2 or 8.1.3)"
        )
        yield Problem(field, message, "error")
    if "machine_versions" in req.facts and req.environment.networked is False:
        message = (
            "machine versions are given but request.environment.networked is false; every "
            "listed machine is checked anyway"
        )
        yield Problem("request.facts.machine_versions", message)
    reopen = req.facts.get("reopened_for")
    if reopen is not None and reopen not in REOPEN_VALUES:
        message = f"{reopen!r} is not one of {', '.join(REOPEN_VALUES)}"
        yield Problem("request.facts.reopened_for", message, "error")
    if reopen is not None and not ctx.timeline.reopenings:
        yield Problem("request.facts.reopened_for", "given, but the ticket has no reopened event")
    problem = req.facts.get("problem")
    categories = {*CATEGORIES, *ctx.vendor.categories} - {REMOTE_SESSION}
    if problem is not None and req.category != REMOTE_SESSION:
        yield Problem(
            "request.facts.problem", f"read only when request.category is {REMOTE_SESSION}"
        )
    elif problem is not None and problem not in categories:
        message = (
            f"{problem!r} is not the category of a problem (one of {', '.join(sorted(categories))})"
        )
        yield Problem("request.facts.problem", message, "error")
    asked = req.facts.get("advisory_requested")
    if asked is not None and asked not in ("yes", "no"):
        yield Problem("request.facts.advisory_requested", f"{asked!r} is not yes or no", "error")
    for key in req.facts:
        if key not in FACTS:
            message = f"not used by the softmas rules (known facts: {', '.join(FACTS)})"
            yield Problem(f"request.facts.{key}", message)
