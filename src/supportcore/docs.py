"""Documentation generated from the code, so the docs cannot drift from it.

``python -m supportcore.docs`` prints the hook reference that ``docs/plugin-authors.md`` embeds
between the markers ``<!-- hooks:begin -->`` and ``<!-- hooks:end -->``; a test fails when the
two differ.
"""

from __future__ import annotations

import inspect
import textwrap

from . import hookspecs

__all__ = ["hook_names", "hook_reference"]


def hook_names() -> list[str]:
    """Every hook specification, in the order of ``hookspecs.py``."""
    funcs = [
        (obj.__code__.co_firstlineno, name)
        for name, obj in vars(hookspecs).items()
        if name.startswith("supportcore_") and inspect.isfunction(obj)
    ]
    return [name for _, name in sorted(funcs)]


def hook_reference() -> str:
    """Markdown: one section per hook with its signature, call style and docstring."""
    out = []
    for name in hook_names():
        func = getattr(hookspecs, name)
        opts = getattr(func, "supportcore_spec", {}) or {}
        sig = str(inspect.signature(func)).replace("'", "")
        style = (
            "first non-`None` result wins" if opts.get("firstresult") else "all results collected"
        )
        doc = textwrap.dedent(inspect.getdoc(func) or "").strip()
        out.append(f"### `{name}{sig}`\n\n*{style}*\n\n{doc}\n")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(hook_reference())
