"""The reader of a vendor's tables: the values a row may hold and what they may refer to.

Every problem is a :class:`Bad` naming its path (``coverage[2].clauses[0]``); the reader
records one per row and goes on, so all of a file's problems are reported together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from ..categories import CATEGORIES
from ..documents import describe
from ..model import Channel
from ..terms import SettingKind, SettingSpec
from ._rows import FeeRow, RemedyRow

__all__ = ["Bad", "Reader", "after"]

T = TypeVar("T")


class Bad(Exception):
    """One problem, at ``path``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")


class Reader:
    """Reads the tables against what they may refer to: the clauses, interpretations and
    settings of the terms, and the categories, products, plans and severities of
    ``[identity]`` where the terms give it."""

    def __init__(
        self,
        data: Mapping[str, Any],
        clauses: frozenset[str] | set[str],
        settings: Mapping[str, SettingSpec],
    ) -> None:
        self.clauses = clauses
        self.settings = settings
        self.problems: list[str] = []
        self.interpretations = {
            i.get("id")
            for v in _list(data.get("versions"))
            if isinstance(v, Mapping)
            for i in _list(v.get("interpretations"))
            if isinstance(i, Mapping)
        }
        identity = data.get("identity")
        self.identity: Mapping[str, Any] | None = (
            identity if isinstance(identity, Mapping) else None
        )
        own = self.identity.get("categories") if self.identity else None
        self.categories = set(CATEGORIES) | (set(own) if isinstance(own, Mapping) else set())
        self.fees: dict[tuple[str, str], FeeRow] = {}
        self.remedies: dict[str, RemedyRow] = {}
        self.calendar_names: set[str] = set()

    def declared(self, key: str) -> tuple[str, ...] | None:
        """The ``[identity]`` list ``key``, or ``None`` when the terms give no identity."""
        if self.identity is None:
            return None
        value = self.identity.get(key, [])
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    def attempt(self, read: Callable[..., T], *args: Any) -> T | None:
        """``read(*args)``, or ``None`` with its problem recorded."""
        try:
            return read(*args)
        except Bad as bad:
            self.problems.append(str(bad))
            return None

    # ------------------------------------------------------------------ values

    def table(
        self, path: str, value: Any, keys: Iterable[str] | None, required: Iterable[str] = ()
    ) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise Bad(path, f"expected a table, got {describe(value)}")
        if keys is not None:
            unknown = sorted(set(value) - set(keys))
            if unknown:
                raise Bad(f"{path}.{unknown[0]}", f"unknown key (known: {', '.join(keys)})")
        for key in required:
            if key not in value:
                raise Bad(f"{path}.{key}", "required key is missing")
        return value

    def text(self, path: str, value: Any, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise Bad(path, f"expected a non-empty text, got {describe(value)}")
        return " ".join(value.split())

    def texts(self, path: str, value: Any, *, empty: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise Bad(path, f"expected a list of texts, got {describe(value)}")
        if not value and not empty:
            raise Bad(path, "the list must not be empty")
        return tuple(self.text(f"{path}[{i}]", v) for i, v in enumerate(value))

    def clause_ids(self, path: str, value: Any, *, empty: bool = True) -> tuple[str, ...]:
        ids = self.texts(path, value, empty=empty)
        for i, cid in enumerate(ids):
            if cid not in self.clauses:
                raise Bad(f"{path}[{i}]", f"no clause {cid!r} in the terms")
        return ids

    def setting(self, path: str, value: Any, kinds: Iterable[SettingKind]) -> str:
        key = self.text(path, value)
        spec = self.settings.get(key)
        allowed = tuple(kinds)
        if spec is None:
            raise Bad(path, f"no setting {key!r} in the terms' [[settings]]")
        if spec.kind not in allowed:
            need = " or ".join(str(k) for k in allowed)
            raise Bad(path, f"setting {key!r} is of kind {spec.kind}, not {need}")
        return key

    def optional_setting(self, path: str, value: Any, kinds: Iterable[SettingKind]) -> str | None:
        if value is None or value == "":
            return None
        return self.setting(path, value, kinds)

    def channel(self, path: str, value: Any) -> str:
        name = self.text(path, value)
        if name not in Channel._value2member_map_:
            raise Bad(path, f"unknown channel {name!r} (known: {', '.join(Channel)})")
        return name

    def category(self, path: str, value: Any) -> str:
        name = self.text(path, value)
        if name not in self.categories:
            raise Bad(
                path,
                f"unknown category {name!r}: not in the shared taxonomy nor in "
                "[identity.categories]",
            )
        return name

    def fee_ref(self, path: str, value: Any) -> tuple[str, str]:
        fee_id, _, key = self.text(path, value).partition(":")
        if (fee_id, key) not in self.fees:
            raise Bad(path, f"no [[fees]] row with id {fee_id!r} and key {key!r}")
        return fee_id, key

    def choice_of(self, path: str, key: str, value: Any) -> Any:
        """A value a choice or boolean setting can take (``when`` conditions)."""
        spec = self.settings[key]
        if spec.kind is SettingKind.BOOLEAN:
            if not isinstance(value, bool):
                raise Bad(path, f"setting {key!r} is a boolean: write true or false")
        elif value not in spec.choices:
            raise Bad(path, f"{value!r} is not a choice of {key!r} ({', '.join(spec.choices)})")
        return value

    # ------------------------------------------------------------------ tables

    def rows(self, name: str, value: Any) -> list[tuple[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.append(f"{name}: expected an array of tables ([[{name}]])")
            return []
        return [(f"{name}[{i}]", row) for i, row in enumerate(value)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def after(message: str) -> str:
    """A calendar or money message without its leading ``field: ``."""
    head, sep, rest = message.partition(": ")
    return rest if sep and " " not in head else message
