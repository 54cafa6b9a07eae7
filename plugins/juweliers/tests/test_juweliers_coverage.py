"""Coverage: the agreement's services, its exclusions, and everything without it."""

from __future__ import annotations

import pytest


@pytest.mark.clause("JUW-PHONE")
def test_phone_question_about_the_package_is_covered_and_free(jw):
    d = jw.decide()
    assert d.coverage.status == "covered"
    assert "JUW-PHONE" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)
    assert d.price.status == "free"
    assert jw.reason(d.price.reasons, "included-in-agreement")


@pytest.mark.clause("JUW-UPGRADES")
@pytest.mark.parametrize("category", ["new_version", "update_download"])
def test_upgrades_are_free_under_the_agreement(jw, category):
    d = jw.decide({"request.category": category})
    assert d.coverage.status == "covered"
    assert "JUW-UPGRADES" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)
    assert d.price.status == "free"


@pytest.mark.clause("JUW-TRAINING")
def test_further_training_after_the_first_pack_is_included(jw):
    d = jw.decide({"request.category": "training"})
    assert d.coverage.status == "covered"
    assert "JUW-TRAINING" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)
    assert d.price.status == "free"


@pytest.mark.clause("JUW-TRAINING")
def test_the_first_training_pack_is_not_part_of_the_agreement(jw):
    d = jw.decide(
        {"request.category": "training", "request.facts": {"first_training_pack": "not_done"}}
    )
    assert d.coverage.status == "undetermined"
    r = jw.reason(d.coverage.reasons, "first-training-pack")
    assert "JUW-TRAINING" in jw.ids(r.citations)
    assert d.price.status == "undetermined"


@pytest.mark.clause("JUW-ONLINE")
def test_keeping_the_application_online_is_covered(jw):
    d = jw.decide({"request.category": "hosting"})
    assert d.coverage.status == "covered"
    assert "JUW-ONLINE" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)


@pytest.mark.clause("JUW-LINK")
def test_help_over_the_internet_link_with_the_communication_pack_is_covered(jw):
    d = jw.decide(
        {
            "request.channel": "remote",
            "licences[0].modules": ["herstellingen", "communicatiepakket"],
        }
    )
    assert d.eligibility.status == "entitled"
    assert d.coverage.status == "covered"
    # a usage question over the link is help by the link, not phone help
    assert jw.ids(jw.reason(d.coverage.reasons, "covered").citations) == {"JUW-LINK"}


@pytest.mark.clause("JUW-ONE-WHOLE")
def test_help_on_a_module_is_help_on_the_package(jw):
    d = jw.decide({"request.category": "extra_module"})
    assert d.coverage.status == "covered"
    assert "JUW-ONE-WHOLE" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)


@pytest.mark.clause("JUW-NEW-OS")
def test_adapting_the_package_to_a_new_operating_system_is_covered(jw):
    d = jw.decide({"request.category": "os_compatibility", "request.needs_adaptation": True})
    assert d.coverage.status == "covered"
    assert "JUW-NEW-OS" in jw.ids(jw.reason(d.coverage.reasons, "covered").citations)
    assert jw.reason(d.coverage.reasons, "adaptation-in-free-upgrade")
    assert d.price.status == "free"
    vendor_actions = [a for a in d.closure.actions if a.party == "vendor"]
    assert vendor_actions and "JUW-UPGRADES" in jw.ids(vendor_actions[0].citations)


@pytest.mark.clause("JUW-EXCLUDED")
@pytest.mark.parametrize(
    "category",
    [
        "hardware",
        "operating_system",
        "virus_malware",
        "internet",
        "network",
        "third_party_software",
    ],
)
def test_problems_with_an_external_cause_are_not_covered(jw, category):
    d = jw.decide({"request.category": category})
    assert d.coverage.status == "billable"
    r = jw.reason(d.coverage.reasons, "external-cause-not-covered")
    assert {"JUW-EXCLUDED", "JUW-EXCLUDED-REGIE"} <= jw.ids(r.citations)
    assert d.coverage.remedies[0].code == "regie-help"


@pytest.mark.clause("JUW-EXCLUDED")
def test_reinstalling_the_package_is_not_covered(jw):
    d = jw.decide({"request.category": "reinstallation"})
    assert d.coverage.status == "billable"
    r = jw.reason(d.coverage.reasons, "reinstallation-not-covered")
    assert "JUW-EXCLUDED" in jw.ids(r.citations)


@pytest.mark.clause("JUW-EXCLUDED")
@pytest.mark.parametrize("cause", ["pc", "virus", "spyware", "internet", "external"])
def test_a_malfunction_with_an_external_cause_is_not_covered(jw, cause):
    d = jw.decide({"request.category": "malfunction", "request.facts": {"cause": cause}})
    assert d.coverage.status == "billable"
    assert "JUW-EXCLUDED" in jw.ids(
        jw.reason(d.coverage.reasons, "external-cause-not-covered").citations
    )


@pytest.mark.clause("JUW-PHONE", "JUW-UPGRADES")
def test_a_malfunction_of_the_package_itself_is_covered(jw):
    d = jw.decide({"request.category": "malfunction"})
    assert d.coverage.status == "covered"
    data = jw.decide({"request.category": "data_repair", "request.facts": {"cause": "package"}})
    assert data.coverage.status == "covered"


@pytest.mark.clause("JUW-FEE")
@pytest.mark.parametrize(
    "category", ["accounting_tax_advice", "on_site_visit", "installation", "data_repair", "other"]
)
def test_a_category_no_clause_rules_on_is_undetermined(jw, category):
    d = jw.decide({"request.category": category})
    assert d.coverage.status == "undetermined"
    assert "JUW-FEE" in jw.ids(jw.reason(d.coverage.reasons, "not-ruled").citations)
    assert d.price.status == "undetermined"


def test_custom_development_is_undetermined_with_the_parameters_guidance(jw):
    d = jw.decide({"request.category": "custom_development"})
    assert d.coverage.status == "undetermined"
    assert "JUW-PARAMETERS" in jw.ids(jw.reason(d.coverage.reasons, "not-ruled").citations)


@pytest.mark.clause("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS")
@pytest.mark.parametrize("category", ["usage_question", "training", "hosting", "virus_malware"])
def test_without_the_agreement_every_service_is_billable_at_regie(jw, category):
    d = jw.decide({"contracts": [], "request.category": category})
    assert d.coverage.status == "billable"
    r = jw.reason(d.coverage.reasons, "regie-without-agreement")
    assert {"JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS"} <= jw.ids(r.citations)
