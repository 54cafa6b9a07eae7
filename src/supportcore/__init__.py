"""supportcore: software vendors' support terms as executable, explainable policy.

The public API is re-exported here; see ``docs/integrators.md`` (using supportcore) and
``docs/plugin-authors.md`` (writing a vendor plugin).
"""

from __future__ import annotations

from typing import Any

from .categories import CATEGORIES
from .context import Context
from .convert import (
    InputError,
    case_from_dict,
    case_to_dict,
    converter,
    decision_from_dict,
    decision_to_dict,
    load_case_file,
)
from .decision import (
    Action,
    Closure,
    ClosureStatus,
    Coverage,
    CoverageStatus,
    Decision,
    Eligibility,
    EligibilityStatus,
    PluginFailure,
    Problem,
    Remedy,
    Service,
)
from .engine import Engine, PluginError, VendorUnavailable
from .hookspecs import HOOK_API_VERSION, SUPPORTED_HOOK_APIS, hookimpl
from .model import (
    Acquisition,
    AcquisitionKind,
    Case,
    Channel,
    Contact,
    Contract,
    Customer,
    Edition,
    Environment,
    Event,
    EventKind,
    Licence,
    Party,
    PaymentState,
    Request,
    TaxId,
    Ticket,
    UsageEntry,
    UsageKind,
)
from .money import LineItem, Money, Quote, QuoteBuilder, QuoteStatus, TaxLine
from .plugins import PluginLoadError, PluginSet, load_plugins
from .reasons import Citation, MissingFact, MissingSetting, Reason
from .settings import Settings, SettingsError, SettingsSection, VendorSettings, load_settings
from .terms import (
    Clause,
    ClauseKind,
    Interpretation,
    SettingKind,
    SettingSpec,
    TermsCatalogue,
    TermsVersion,
    load_terms,
)
from .vendor import VendorInfo

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "HOOK_API_VERSION",
    "SUPPORTED_HOOK_APIS",
    "Acquisition",
    "AcquisitionKind",
    "Action",
    "Case",
    "Channel",
    "Citation",
    "Clause",
    "ClauseKind",
    "Closure",
    "ClosureStatus",
    "Contact",
    "Context",
    "Contract",
    "Coverage",
    "CoverageStatus",
    "Customer",
    "Decision",
    "Edition",
    "Eligibility",
    "EligibilityStatus",
    "Engine",
    "Environment",
    "Event",
    "EventKind",
    "InputError",
    "Interpretation",
    "Licence",
    "LineItem",
    "MissingFact",
    "MissingSetting",
    "Money",
    "Party",
    "PaymentState",
    "PluginError",
    "PluginFailure",
    "PluginLoadError",
    "PluginSet",
    "Problem",
    "Quote",
    "QuoteBuilder",
    "QuoteStatus",
    "Reason",
    "Remedy",
    "Request",
    "Service",
    "SettingKind",
    "SettingSpec",
    "Settings",
    "SettingsError",
    "SettingsSection",
    "TaxId",
    "TaxLine",
    "TermsCatalogue",
    "TermsVersion",
    "Ticket",
    "UsageEntry",
    "UsageKind",
    "VendorInfo",
    "VendorSettings",
    "VendorUnavailable",
    "case_from_dict",
    "case_to_dict",
    "converter",
    "decision_from_dict",
    "decision_to_dict",
    "evaluate",
    "hookimpl",
    "load_case_file",
    "load_plugins",
    "load_settings",
    "load_terms",
]

_default: Engine | None = None


def evaluate(case: Case | dict[str, Any], settings: Any = None) -> Decision:
    """Evaluate one case with the installed plugins (an engine is built once and reused
    when no settings are given)."""
    global _default
    if settings is not None:
        return Engine(settings).evaluate(case)
    if _default is None:
        _default = Engine()
    return _default.evaluate(case)
