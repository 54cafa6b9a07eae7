"""Reasons whose wording is the same in every case, built once per terms version.

Most of a decision's reasons are fixed sentences ("Call 958 13 50 63", "Binarema does not answer
accounting or tax questions"); building each one anew costs a citation lookup and a Reason per
case. :func:`fixed_reason` builds it the first time and hands out the same immutable Reason after
that. The cache is keyed by the identity of the terms version (whose citations the reason
carries) and bounded; messages that depend on the case never go through it.
"""

from __future__ import annotations

from supportcore import Context, Reason, TermsVersion

__all__ = ["fixed_reason"]

#: id(terms) -> (terms, {(code, message, clause ids): reason}). Holding ``terms`` keeps its id
#: from being reused while the entry lives.
_CACHE: dict[int, tuple[TermsVersion, dict[tuple[str, str, tuple[str, ...]], Reason]]] = {}
_MAX_TERMS = 16  #: terms versions cached at once (a catalogue has a handful)
_MAX_REASONS = 256  #: fixed reasons per terms version (the plugin has a few dozen)


def fixed_reason(ctx: Context, code: str, message: str, *clause_ids: str) -> Reason:
    """``ctx.reason(code, message, *clause_ids)`` for a ``message`` that never depends on the
    case: the same Reason object for every case under the same terms version."""
    terms = ctx.terms
    entry = _CACHE.get(id(terms))
    if entry is None or entry[0] is not terms:
        if len(_CACHE) >= _MAX_TERMS:
            _CACHE.clear()
        entry = _CACHE[id(terms)] = (terms, {})
    reasons = entry[1]
    key = (code, message, clause_ids)
    reason = reasons.get(key)
    if reason is None:
        if len(reasons) >= _MAX_REASONS:
            reasons.clear()
        reason = reasons[key] = terms.reason(code, message, *clause_ids)
    return reason
