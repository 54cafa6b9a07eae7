"""Money, tax and quotes.

Amounts are :class:`decimal.Decimal` with an explicit ISO 4217 currency; never ``float``.

Rounding rule (the only one in supportcore): every *line item* and every *tax line* is
rounded to the currency's minor unit with ``ROUND_HALF_UP`` (commercial rounding, as on a
Spanish, Belgian, Mexican or Chilean invoice); totals are sums of rounded amounts, so a
quote always adds up exactly as printed. Tax is computed per rate on the rounded sum of the
taxable lines it applies to.

Taxes are *added* by default: ``base`` is the taxable lines' sum, ``amount = round(base ×
rate)``, and ``total = subtotal + taxes``. A tax *included* in the prices (``tax(...,
included=True)``; Chilean prices are quoted IVA included) is extracted instead: the lines carry
the gross prices, the tax line's ``base`` is the net ``round(gross / (1 + rate))`` and its
``amount`` is ``gross − net`` — never ``round(net × rate)``, which can be a cent (a peso) off —
so the total equals the subtotal, the published price: an included tax is not added again.
A quote has at most one included tax, and no added tax beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import attrs

from .reasons import Citation, MissingFact, MissingSetting, Reason

__all__ = [
    "MAX_AMOUNT_DIGITS",
    "MINOR_UNITS",
    "LineItem",
    "Money",
    "Quote",
    "QuoteBuilder",
    "QuoteStatus",
    "TaxLine",
    "to_decimal",
]

#: The most digits an amount read from a case or a settings file may have before the decimal
#: point: up to a quadrillion less one in any currency, far from the 28 significant digits
#: that decimal arithmetic keeps exactly.
MAX_AMOUNT_DIGITS = 15

#: The minor units met so far, by currency code (the quick lookup of every Money).
_UNITS: dict[str, int] = {}
_ALL_UNITS: dict[str, int] = {}


#: ISO 4217 codes that are not money: "no currency" and "for testing".
_NOT_MONEY = frozenset({"XXX", "XTS"})


def _all_units() -> dict[str, int]:
    """Every ISO 4217 currency Babel knows (CLDR data), with its minor unit."""
    if not _ALL_UNITS:
        from babel.numbers import get_currency_precision, list_currencies

        codes = sorted(set(list_currencies()) - _NOT_MONEY)
        _ALL_UNITS.update({c: get_currency_precision(c) for c in codes})
    return _ALL_UNITS


def _known(code: object) -> bool:
    """Whether ``code`` is a currency; remembers its minor unit for the quick lookup."""
    if code.__class__ is not str:
        return False
    units = _all_units().get(code)
    if units is None:
        return False
    _UNITS[code] = units
    return True


class _MinorUnits(Mapping[str, int]):
    """Currency code → decimal places of its minor unit, for every ISO 4217 currency, from
    Babel's CLDR data (loaded on first use). Chilean pesos (CLP) have none."""

    def __getitem__(self, code: str) -> int:
        if code in _UNITS or _known(code):
            return _UNITS[code]
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return code in _UNITS or _known(code)

    def __iter__(self) -> Iterator[str]:
        return iter(_all_units())

    def __len__(self) -> int:
        return len(_all_units())


#: Decimal places of each ISO 4217 currency's minor unit (Babel's CLDR data): ``EUR`` 2,
#: ``CLP`` 0, ``JPY`` 0, ``KWD`` 3, ``CLF`` 4.
MINOR_UNITS: Mapping[str, int] = _MinorUnits()

_QUANTA: dict[int, Decimal] = {n: Decimal(1).scaleb(-n) for n in range(0, 7)}


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Convert a string, int or Decimal to Decimal; refuse floats and junk with a clear error."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{field}: must be a finite number, got {value}")
        return value
    if isinstance(value, bool):
        raise ValueError(f"{field}: must be a decimal number, not a boolean")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise ValueError(
            f'{field}: must be a decimal string such as "92.99", not a float ({value!r})'
        )
    if isinstance(value, str):
        try:
            d = Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            raise ValueError(f"{field}: {_describe(value)} is not a decimal number") from None
        if not d.is_finite():
            raise ValueError(f"{field}: must be a finite number, got {_describe(value)}")
        return d
    raise ValueError(f"{field}: expected a decimal number, got {_describe(value)}")


def _check_currency(_inst: object, _attr: object, value: str) -> None:
    if value not in _UNITS and not _known(value):
        raise ValueError(f"unknown currency {_describe(value)} (an ISO 4217 code such as EUR)")


def _describe(value: object) -> str:
    from .documents import describe

    return describe(value)


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round *amount* to *currency*'s minor unit, half up."""
    units = _UNITS.get(currency)
    if units is None:
        units = MINOR_UNITS[currency]
    return amount.quantize(_QUANTA[units], rounding=ROUND_HALF_UP)


@attrs.frozen(order=False)
class Money:
    """An amount of money in one currency. Arithmetic never mixes currencies."""

    amount: Decimal = attrs.field(converter=to_decimal)  #: exact, never a float
    currency: str = attrs.field(validator=_check_currency)  #: ISO 4217 code ("EUR", "CLP")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def _exact(cls, amount: Decimal, currency: str) -> Money:
        """For the quote builder's own sums: ``amount`` is already a finite Decimal and
        ``currency`` already checked, so skip the converter and the validator."""
        money = object.__new__(cls)
        object.__setattr__(money, "amount", amount)
        object.__setattr__(money, "currency", currency)
        return money

    def rounded(self) -> Money:
        """This amount rounded to the currency's minor unit (half up)."""
        return Money(quantize(self.amount, self.currency), self.currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise TypeError("multiply Money by Decimal or int, not float")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    def __str__(self) -> str:
        places = MINOR_UNITS[self.currency]  # (a Money's currency is known)
        q = quantize(self.amount, self.currency)
        return f"{q:,.{places}f} {self.currency}"


@attrs.frozen
class LineItem:
    """One priced line of a quote. ``amount`` is ``unit_price × quantity`` rounded."""

    description: str  #: what is charged, in the decision's language
    quantity: Decimal  #: how many units (hours to 4 decimals for time)
    unit: str  #: "unit", "hour"…
    unit_price: Money  #: the price of one unit
    amount: Money  #: ``unit_price × quantity``, rounded to the currency's minor unit
    taxable: bool = True  #: whether the taxes apply to it
    citations: tuple[Citation, ...] = ()  #: the clauses (or fees) it is charged by


@attrs.frozen
class TaxLine:
    """A tax on the taxable lines.

    Added (``included=False``): ``base`` is the taxable lines' sum and ``amount = round(base ×
    rate)``, added to the total. Included: the taxable lines' sum is the gross price, ``base``
    is the net ``round(gross / (1 + rate))`` and ``amount = gross − net``, already in the total.
    """

    name: str  #: the tax's name ("IVA", "BTW")
    rate: Decimal  #: a fraction (0.21 for 21 %)
    base: Money  #: what it is computed on (the net when included)
    amount: Money  #: the tax
    citations: tuple[Citation, ...] = ()  #: the clauses that charge it
    included: bool = False  #: already in the lines' prices


class QuoteStatus:
    """String constants for :attr:`Quote.status`."""

    COMPLETE = "complete"  #: every tariff was known; total is the price
    INCOMPLETE = "incomplete"  #: a tariff is missing; see ``missing``; total is a lower bound
    FREE = "free"  #: nothing to charge
    NOT_APPLICABLE = "not_applicable"  #: no service will be given, so nothing is priced
    UNDETERMINED = "undetermined"  #: no rule priced this case


@attrs.frozen
class Quote:
    """What a case costs: lines, tax lines and total in one currency.

    ``missing`` lists the settings (tariffs) that the terms do not give and the integrator did
    not supply; when it is non-empty the status is ``incomplete`` and the total covers only the
    lines that could be priced. It is never guessed.
    """

    currency: str  #: ISO 4217 code of every amount in the quote
    status: str  #: a :class:`QuoteStatus` value
    lines: tuple[LineItem, ...] = ()  #: what is charged, line by line
    taxes: tuple[TaxLine, ...] = ()  #: the taxes on the taxable lines
    subtotal: Money | None = None  #: the lines' sum
    total: Money | None = None  #: what the customer pays (a lower bound when incomplete)
    missing: tuple[MissingSetting, ...] = ()  #: tariffs needed and not supplied
    reasons: tuple[Reason, ...] = ()  #: why this price, citing the clauses
    #: facts of the case the price needed and the case does not give (field paths)
    missing_facts: tuple[MissingFact, ...] = ()

    @classmethod
    def unpriced(
        cls,
        currency: str,
        status: str | None = None,
        reasons: Iterable[Reason] = (),
        missing: Iterable[MissingSetting] = (),
        missing_facts: Iterable[MissingFact] = (),
    ) -> Quote:
        """A quote with no lines (free, not applicable, undetermined, or incomplete for want
        of a tariff): what ``QuoteBuilder`` builds with these reasons and missing settings and
        nothing priced, without the builder."""
        if currency not in _UNITS and not _known(currency):
            raise ValueError(f"unknown currency {currency!r}")
        missing = tuple(missing)
        if status is None:
            status = QuoteStatus.INCOMPLETE if missing else QuoteStatus.FREE
        zero = Money(Decimal(0), currency)
        return cls(
            currency, status, (), (), zero, zero, missing, tuple(reasons), tuple(missing_facts)
        )


class QuoteBuilder:
    """Accumulates lines and taxes, then builds a :class:`Quote` that adds up exactly."""

    def __init__(self, currency: str) -> None:
        if currency not in _UNITS and not _known(currency):
            raise ValueError(f"unknown currency {currency!r}")
        self.currency = currency
        self._lines: list[LineItem] = []
        self._taxes: list[tuple[str, Decimal, tuple[Citation, ...], bool]] = []
        self._missing: list[MissingSetting] = []
        self._reasons: list[Reason] = []

    @classmethod
    def from_quote(cls, quote: Quote) -> QuoteBuilder:
        """A builder holding ``quote``'s lines, taxes, missing tariffs and reasons, to extend it
        (an overlay adding a line, for instance). Taxes are recomputed on build."""
        builder = cls(quote.currency)
        builder._lines = list(quote.lines)
        builder._taxes = [(t.name, t.rate, t.citations, t.included) for t in quote.taxes]
        builder._missing = list(quote.missing)
        builder._reasons = list(quote.reasons)
        return builder

    def line(
        self,
        description: str,
        unit_price: Money,
        quantity: Decimal | int = 1,
        *,
        unit: str = "unit",
        taxable: bool = True,
        citations: Iterable[Citation] = (),
    ) -> QuoteBuilder:
        if unit_price.currency != self.currency:
            raise ValueError(
                f"line {description!r} is in {unit_price.currency}, quote is in {self.currency}"
            )
        qty = to_decimal(quantity, field="quantity")
        if qty < 0 or unit_price.amount < 0:
            raise ValueError(f"line {description!r}: quantities and prices must not be negative")
        amount = Money._exact(quantize(unit_price.amount * qty, self.currency), self.currency)
        self._lines.append(
            LineItem(description, qty, unit, unit_price, amount, taxable, tuple(citations))
        )
        return self

    def time_line(
        self,
        description: str,
        hourly_rate: Money,
        minutes: int,
        *,
        taxable: bool = True,
        citations: Iterable[Citation] = (),
    ) -> QuoteBuilder:
        """A line for ``minutes`` of work at ``hourly_rate``: the quantity is shown in hours
        (to 4 decimals), the amount is ``rate × minutes / 60`` rounded once, half up."""
        if minutes < 0:
            raise ValueError(f"line {description!r}: minutes must not be negative")
        if hourly_rate.currency != self.currency:
            raise ValueError(
                f"line {description!r} is in {hourly_rate.currency}, quote is in {self.currency}"
            )
        if hourly_rate.amount < 0:
            raise ValueError(f"line {description!r}: the rate must not be negative")
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        amount = quantize(hourly_rate.amount * minutes / 60, self.currency)
        self._lines.append(
            LineItem(
                description,
                hours.normalize(),
                "hour",
                hourly_rate,
                Money._exact(amount, self.currency),
                taxable,
                tuple(citations),
            )
        )
        return self

    def tax(
        self,
        name: str,
        rate: Decimal,
        citations: Iterable[Citation] = (),
        *,
        included: bool = False,
    ) -> QuoteBuilder:
        """A tax at ``rate`` on the taxable lines: added to them, or ``included`` in their
        prices (then extracted: net = round(gross / (1 + rate)), tax = gross − net)."""
        rate = to_decimal(rate, field=f"tax rate {name}")
        if rate < 0:
            raise ValueError(f"tax {name}: rate must not be negative")
        if self._taxes and (included or any(inc for *_, inc in self._taxes)):
            raise ValueError(
                f"tax {name}: a tax included in the prices cannot be combined with another tax"
            )
        self._taxes.append((name, rate, tuple(citations), included))
        return self

    def missing(self, item: MissingSetting) -> QuoteBuilder:
        """Record a tariff that is needed but was not supplied (a ``MissingSetting``)."""
        if item not in self._missing:
            self._missing.append(item)
        return self

    def reason(self, reason: Reason) -> QuoteBuilder:
        self._reasons.append(reason)
        return self

    @property
    def has_lines(self) -> bool:
        return bool(self._lines)

    def _tax_line(
        self,
        name: str,
        rate: Decimal,
        taxable: Money,
        citations: tuple[Citation, ...],
        included: bool,
    ) -> TaxLine:
        cur = self.currency
        if not included:
            amount = quantize(taxable.amount * rate, cur)
            return TaxLine(name, rate, taxable, Money._exact(amount, cur), citations)
        net = quantize(taxable.amount / (1 + rate), cur)
        return TaxLine(
            name,
            rate,
            Money._exact(net, cur),
            Money._exact(taxable.amount - net, cur),
            citations,
            True,
        )

    def build(self, status: str | None = None) -> Quote:
        cur = self.currency
        if not self._lines:  # nothing priced: no taxes, zero totals
            return Quote.unpriced(cur, status, self._reasons, self._missing)
        subtotal = Money._exact(sum([li.amount.amount for li in self._lines], Decimal(0)), cur)
        base = Money._exact(
            sum([li.amount.amount for li in self._lines if li.taxable], Decimal(0)), cur
        )
        taxes = tuple(
            [
                self._tax_line(name, rate, base, cites, included)
                for name, rate, cites, included in self._taxes
            ]
        )
        added = sum([t.amount.amount for t in taxes if not t.included], Decimal(0))
        total = Money._exact(subtotal.amount + added, cur)
        if status is None:
            if self._missing:
                status = QuoteStatus.INCOMPLETE
            elif not self._lines or total.amount == 0:
                status = QuoteStatus.FREE
            else:
                status = QuoteStatus.COMPLETE
        return Quote(
            currency=cur,
            status=status,
            lines=tuple(self._lines),
            taxes=taxes,
            subtotal=subtotal,
            total=total,
            missing=tuple(self._missing),
            reasons=tuple(self._reasons),
        )
