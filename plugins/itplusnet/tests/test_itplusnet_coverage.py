"""Coverage: the help desk's list, its limits, what is bought separately, and the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

PAID = [{"at": "2026-11-23T10:00:00[America/Santiago]", "kind": "payment"}]

HELP_DESK = [
    "usage_question",  # consultas
    "training",  # capacitación
    "report_corporate_image",  # adaptar imagen corporativa a un documento o reporte
    "report_simple_fields",  # adaptar campos sencillos de una misma tabla a un reporte
    "malfunction",  # depurar errores / indicar solución para saltar un error
    "database_analysis",  # analizar BD
    "startup",  # levantar el programa inicialmente
    "virtual_disk",  # ver disco virtual
    "isbutton",  # problemas con el isButton
    "antivirus_conflict",  # problemas de su antivirus y nuestro software
    "os_compatibility",  # compatibilidad de su equipo / Sistema Operativo y nuestro software
]


@pytest.mark.clause("ITP-DESK-1")
@pytest.mark.parametrize("category", HELP_DESK)
def test_the_help_desks_list_is_covered(itp: Any, category: str) -> None:
    d = itp.evaluate({"request.category": category}, events=PAID)
    assert d.coverage.status == "covered"
    assert d.coverage.reasons[0].code == "help-desk-task"
    assert "ITP-DESK-1" in itp.cited(d.coverage.reasons)


@pytest.mark.clause("ITP-DESK-2")
def test_debugging_the_itplusnet_program_is_its_main_obligation(itp: Any) -> None:
    d = itp.evaluate({"request.category": "malfunction"}, events=PAID)
    assert d.coverage.status == "covered"
    assert {"ITP-DESK-1", "ITP-DESK-2"} <= itp.cited(d.coverage.reasons)


@pytest.mark.clause("ITP-DESK-2")
def test_derivative_products_configured_by_the_integrator_are_served(itp: Any) -> None:
    d = itp.evaluate(
        {"request.product": "ITPLUSNET Restaurant", "request.category": "malfunction"},
        events=PAID,
        settings={"derivative_products": ["ITPLUSNET Restaurant"]},
    )
    assert d.coverage.status == "covered"
    assert d.eligibility.status == "entitled"


@pytest.mark.clause("ITP-RESP-2")
def test_a_remote_assistance_session_is_covered(itp: Any) -> None:
    d = itp.evaluate({"request.category": "remote_assistance"}, events=PAID)
    assert d.coverage.status == "covered"
    assert itp.cited(d.coverage.reasons) == {"ITP-RESP-2"}


EXCLUDED = [
    ("virus_malware", "ITP-LIM-VIRUS", "virus", "buy-technical-service"),
    ("corrupt_os", "ITP-LIM-CORRUPT-OS", "corrupt-os", "buy-technical-service"),
    ("operating_system", "ITP-LIM-CORRUPT-OS", "operating-system-itself", "buy-technical-service"),
    ("windows_files_damage", "ITP-LIM-WINFILES", "windows-files", None),
    ("third_party_software", "ITP-LIM-OTHER-PROGRAMS", "other-programs", None),
    ("deleted_database_recovery", "ITP-LIM-DELETED-DB", "deleted-database", None),
    (
        "recovery_after_format",
        "ITP-LIM-FORMAT-RECOVERY",
        "recovery-after-format",
        "buy-reinstallation",
    ),
    ("formatting", "ITP-LIM-FORMAT", "formatting", "buy-technical-service"),
    (
        "os_reinstallation",
        "ITP-LIM-WINDOWS-REINSTALL",
        "windows-reinstallation",
        "buy-technical-service",
    ),
    ("hardware", "ITP-LIM-HARDWARE", "hardware", "buy-technical-service"),
]


@pytest.mark.clause(
    "ITP-LIM-0",
    "ITP-LIM-VIRUS",
    "ITP-LIM-CORRUPT-OS",
    "ITP-LIM-WINFILES",
    "ITP-LIM-OTHER-PROGRAMS",
    "ITP-LIM-DELETED-DB",
    "ITP-LIM-FORMAT-RECOVERY",
    "ITP-LIM-FORMAT",
    "ITP-LIM-WINDOWS-REINSTALL",
    "ITP-LIM-HARDWARE",
)
@pytest.mark.parametrize(("category", "clause", "code", "remedy"), EXCLUDED)
def test_the_limits_of_the_online_support_are_excluded(
    itp: Any, category: str, clause: str, code: str, remedy: str | None
) -> None:
    d = itp.evaluate({"request.category": category}, events=PAID)
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == code
    assert {"ITP-LIM-0", clause} <= itp.cited(d.coverage.reasons)
    assert [r.code for r in d.coverage.remedies] == ([remedy] if remedy else [])
    assert d.price.status == "not_applicable"


@pytest.mark.clause("ITP-LIM-OTHER-APPS")
def test_problems_of_other_applications_are_excluded(itp: Any) -> None:
    d = itp.evaluate({"request.category": "third_party_software"}, events=PAID)
    assert d.coverage.status == "excluded"
    assert {"ITP-LIM-OTHER-PROGRAMS", "ITP-LIM-OTHER-APPS"} <= itp.cited(d.coverage.reasons)


@pytest.mark.clause("ITP-LIM-HARDWARE", "ITP-SEP-1")
def test_hardware_points_to_the_technical_service_sold_separately_with_its_price(
    itp: Any,
) -> None:
    d = itp.evaluate({"request.category": "hardware"}, events=PAID)
    (remedy,) = d.coverage.remedies
    assert remedy.price.amount == Decimal("30000")
    assert itp.cited(remedy) == {"ITP-SEP-1"}


# --------------------------------------------------------------------------- 32 / 64 bits


@pytest.mark.clause("ITP-LIM-INCOMPAT", "ITP-LIM-0")
def test_a_64_bit_operating_system_is_an_excluded_incompatibility(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "os_compatibility", "request.environment.os_bits": 64}, events=PAID
    )
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == "incompatible-os"
    assert {"ITP-LIM-0", "ITP-LIM-INCOMPAT"} <= itp.cited(d.coverage.reasons)
    assert [r.code for r in d.coverage.remedies] == ["use-32-bit-os"]


@pytest.mark.clause("ITP-DESK-1", "ITP-LIM-INCOMPAT")
def test_compatibility_on_a_32_bit_system_is_covered(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "os_compatibility", "request.environment.os_bits": 32}, events=PAID
    )
    assert d.coverage.status == "covered"
    assert itp.codes(d.coverage.reasons) == ["help-desk-task"]


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_compatibility_without_os_bits_is_covered_with_the_32_bit_requirement(itp: Any) -> None:
    d = itp.evaluate({"request.category": "os_compatibility"}, events=PAID)
    assert d.coverage.status == "covered"
    assert itp.codes(d.coverage.reasons) == ["help-desk-task", "runs-on-32-bit"]


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_other_requests_from_a_64_bit_system_carry_a_warning_by_default(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "usage_question", "request.environment.os_bits": 64}, events=PAID
    )
    assert d.coverage.status == "covered"
    assert "os-not-32-bit" in itp.codes(d.coverage.reasons)


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_every_request_from_a_64_bit_system_can_be_refused_by_setting(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "usage_question", "request.environment.os_bits": 64},
        events=PAID,
        settings={"exclude_all_on_64bit": True},
    )
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == "incompatible-os"


# --------------------------------------------------------------------------- bought separately


@pytest.mark.clause("ITP-LIM-REINSTALL", "ITP-SEP-1", "ITP-LIM-0")
def test_reinstalling_the_itplusnet_software_is_bought_separately(itp: Any) -> None:
    d = itp.evaluate({"request.category": "reinstallation"}, events=PAID)
    assert d.coverage.status == "billable"
    assert {"ITP-LIM-REINSTALL", "ITP-SEP-1"} <= itp.cited(d.coverage.reasons)
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["bought-separately"]
    (remedy,) = d.eligibility.remedies
    assert remedy.code == "buy-reinstallation"
    assert remedy.price.amount == Decimal("40000")


@pytest.mark.clause("ITP-LIM-REINSTALL", "ITP-SEP-1")
def test_a_bought_reinstallation_entitles_to_it(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00", amount="40000", ref="reinstallation")]
    d = itp.evaluate({"request.category": "reinstallation"}, events=events)
    assert d.eligibility.status == "entitled"
    assert itp.codes(d.eligibility.basis) == ["service-bought"]


@pytest.mark.clause("ITP-SEP-1")
@pytest.mark.parametrize("category", ["network", "computer_technical_service"])
def test_technical_services_for_computers_or_network_are_billable(itp: Any, category: str) -> None:
    d = itp.evaluate({"request.category": category})
    assert d.coverage.status == "billable"
    assert itp.cited(d.coverage.reasons) == {"ITP-SEP-1"}
    assert d.price.total.amount == Decimal("30000")


@pytest.mark.clause("ITP-SEP-1")
@pytest.mark.parametrize("location", ["Santiago", "santiago, Región Metropolitana", "Stgo."])
def test_on_site_assistance_in_santiago_is_billable(itp: Any, location: str) -> None:
    d = itp.evaluate(
        {
            "request.channel": "on_site",
            "request.category": "hardware",
            "request.environment.location": location,
        }
    )
    assert d.coverage.status == "billable"
    assert d.price.total.amount == Decimal("50000")
    assert [r.code for r in d.coverage.remedies] == ["buy-on-site"]


@pytest.mark.clause("ITP-SEP-1")
def test_on_site_assistance_outside_santiago_is_not_offered(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "on_site_visit", "request.environment.location": "Concepción"}
    )
    assert d.coverage.status == "excluded"
    assert itp.codes(d.coverage.reasons) == ["on-site-not-offered"]
    assert d.eligibility.status == "not_entitled"
    assert [r.code for r in d.eligibility.remedies] == ["pay-attention"]


@pytest.mark.clause("ITP-SEP-1", "ITP-LIM-HARDWARE")
def test_on_site_assistance_outside_santiago_sells_no_attention_for_an_excluded_problem(
    itp: Any,
) -> None:
    d = itp.evaluate(
        {
            "request.channel": "on_site",
            "request.category": "hardware",
            "request.environment.location": "Concepción",
        }
    )
    assert d.coverage.status == "excluded"
    assert [r.code for r in d.coverage.remedies] == ["buy-technical-service"]
    assert [r.code for r in d.eligibility.remedies] == ["buy-technical-service"]


@pytest.mark.clause("ITP-SEP-1")
def test_on_site_assistance_without_a_location_is_undetermined(itp: Any) -> None:
    d = itp.evaluate({"request.category": "on_site_visit"})
    assert d.coverage.status == "undetermined"
    assert d.eligibility.status == "undetermined"
    assert itp.codes(d.coverage.reasons) == ["on-site-location-unknown"]


@pytest.mark.clause("ITP-SEP-1")
def test_communes_of_greater_santiago_can_be_added_to_the_area(itp: Any) -> None:
    changes = {"request.category": "on_site_visit", "request.environment.location": "Providencia"}
    assert itp.evaluate(changes).coverage.status == "excluded"
    wider = itp.evaluate(changes, settings={"on_site_area": ["Santiago", "Providencia"]})
    assert wider.coverage.status == "billable"


# --------------------------------------------------------------------------- the rest


@pytest.mark.clause("ITP-DESK-1")
@pytest.mark.parametrize(
    "category",
    ["installation", "report_design", "data_repair", "custom_development", "internet", "other"],
)
def test_categories_no_clause_decides_are_undetermined_never_covered(
    itp: Any, category: str
) -> None:
    d = itp.evaluate({"request.category": category}, events=PAID)
    assert d.coverage.status == "undetermined"
    assert itp.codes(d.coverage.reasons) == ["not-in-terms"]
    assert d.price.status == "undetermined"


def test_report_design_points_to_the_two_report_adaptations_the_terms_name(itp: Any) -> None:
    d = itp.evaluate({"request.category": "report_design"}, events=PAID, lang="en")
    message = d.coverage.reasons[0].message
    assert "corporate image" in message and "simple fields of one same table" in message


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_refusing_every_64_bit_request_also_covers_undecided_categories(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "installation", "request.environment.os_bits": 64},
        events=PAID,
        settings={"exclude_all_on_64bit": True},
    )
    assert d.coverage.status == "excluded"
    assert itp.cited(d.coverage.reasons) == {"ITP-LIM-0", "ITP-LIM-INCOMPAT"}
