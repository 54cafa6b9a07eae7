"""What SMART covers and what it does not, by category."""

from __future__ import annotations

import pytest

LAPSED = "2027-01-12T10:00:00[Europe/Madrid]"  # free period over, no contract


@pytest.mark.parametrize(
    ("category", "clause"),
    [
        pytest.param("usage_question", "BIN-COVER-1", marks=pytest.mark.clause("BIN-COVER-1")),
        pytest.param("update_download", "BIN-COVER-2", marks=pytest.mark.clause("BIN-COVER-2")),
        pytest.param("regulatory_filing", "BIN-COVER-3", marks=pytest.mark.clause("BIN-COVER-3")),
        pytest.param("remote_assistance", "BIN-COVER-4", marks=pytest.mark.clause("BIN-COVER-4")),
        pytest.param("extra_module", "BIN-COVER-7", marks=pytest.mark.clause("BIN-COVER-7")),
        pytest.param("installation", "BIN-REG-1", marks=pytest.mark.clause("BIN-REG-1")),
        pytest.param("startup", "BIN-REG-1", marks=pytest.mark.clause("BIN-REG-1")),
    ],
)
def test_smart_covers_the_listed_services(bina, category, clause):
    d = bina.decide({"request.category": category})
    assert d.coverage.status == "covered"
    assert clause in bina.cites(d.coverage.reasons)
    assert d.price.status == "free"


@pytest.mark.clause("BIN-COVER-1")
def test_an_error_in_the_program_is_a_covered_doubt(bina):
    d = bina.decide({"request.category": "malfunction"})
    assert d.coverage.status == "covered"
    assert "BIN-COVER-1" in bina.cites(d.coverage.reasons)


@pytest.mark.clause("BIN-COVER-1", "BIN-FREE-2")
def test_covered_doubt_after_the_free_period_needs_smart(bina):
    d = bina.decide(at=LAPSED)
    assert d.coverage.status == "covered"
    assert d.eligibility.status == "not_entitled"
    assert bina.reason(d.price.reasons, "smart-needed")


@pytest.mark.clause("BIN-COVER-5", "BIN-COVER-6")
@pytest.mark.parametrize(
    ("product", "model", "status"),
    [
        ("FactuCont", "111", "covered"),
        ("FactuCont", "390", "covered"),
        ("EuroConta", "303", "covered"),
        ("EuroConta", "111", "excluded"),
        ("EuroConta", "347", "excluded"),
        ("FactuCont", "200", "excluded"),
    ],
)
def test_tax_form_modules_are_included_per_program(bina, product, model, status):
    changes = {
        "licences[0].product": product,
        "request.product": product,
        "request.category": "regulatory_filing",
        "request.facts": {"tax_model": model},
    }
    d = bina.decide(changes)
    assert d.coverage.status == status
    assert {"BIN-COVER-5", "BIN-COVER-6"} <= bina.cites(d.coverage.reasons)
    if status == "excluded":
        assert d.price.status == "not_applicable"


@pytest.mark.clause("BIN-COVER-6")
def test_euroconta_modelo_347_module_is_not_included(bina):
    """The list is complete per program: "modelo 303 en el caso de EuroConta"."""
    changes = {
        "licences[0].product": "EuroConta",
        "request.product": "EuroConta",
        "request.category": "regulatory_filing",
        "request.facts": {"tax_model": "347"},
    }
    d = bina.decide(changes)
    assert d.coverage.status == "excluded"
    r = bina.reason(d.coverage.reasons, "tax-model-not-included")
    assert (r.params["listed"], r.params["model"]) == (["303"], "347")
    assert d.price.status == "not_applicable"


@pytest.mark.clause("BIN-COVER-5", "BIN-COVER-6")
def test_the_tax_form_is_read_whatever_the_category(bina):
    """Downloading the modelo 347 module for EuroConta is not an included download."""
    changes = {
        "licences[0].product": "EuroConta",
        "request.product": "EuroConta",
        "request.category": "update_download",
        "request.facts": {"tax_model": "347"},
    }
    d = bina.decide(changes)
    assert d.coverage.status == "excluded"
    assert bina.reason(d.coverage.reasons, "tax-model-not-included")
    listed = bina.decide({**changes, "request.facts": {"tax_model": "303"}})
    assert listed.coverage.status == "covered"
    assert bina.reason(listed.coverage.reasons, "tax-model-included")


@pytest.mark.clause("BIN-EXCL-5")
def test_a_tax_question_about_an_included_module_is_still_not_answered(bina):
    changes = {"request.category": "accounting_tax_advice", "request.facts": {"tax_model": "303"}}
    d = bina.decide(changes)
    assert d.coverage.status == "excluded"
    assert "BIN-EXCL-5" in bina.cites(d.coverage.reasons)


@pytest.mark.clause("BIN-EXCL-1")
def test_explaining_how_the_program_works_is_not_covered_use_f1(bina):
    d = bina.decide({"request.category": "training"})
    assert d.coverage.status == "excluded"
    assert "BIN-EXCL-1" in bina.cites(d.coverage.reasons)
    assert d.coverage.remedies[0].code == "use-f1-help"
    assert "F1" in d.coverage.remedies[0].description
    assert "BIN-EXCL-1-HELP" in bina.cites(d.coverage.remedies)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("BIN-EXCL-3", "BIN-EXCL-3-BACKUP")
def test_damaged_files_are_not_repaired_restore_your_backups(bina):
    d = bina.decide({"request.category": "data_repair"})
    assert d.coverage.status == "excluded"
    assert {"BIN-EXCL-3", "BIN-EXCL-3-BACKUP"} <= bina.cites(d.coverage.reasons)
    assert d.coverage.remedies[0].code == "restore-backup"
    assert "BIN-EXCL-3-BACKUP" in bina.cites(d.coverage.remedies)


@pytest.mark.clause("BIN-EXCL-5")
def test_accounting_and_tax_questions_are_not_answered(bina):
    d = bina.decide({"request.category": "accounting_tax_advice"})
    assert d.coverage.status == "excluded"
    assert "BIN-EXCL-5" in bina.cites(d.coverage.reasons)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("BIN-EXCL-2")
def test_new_versions_are_not_free_unregistered_pay_the_list_price(bina):
    d = bina.decide({"request.category": "new_version", "customer.registered": False})
    assert d.coverage.status == "billable"
    assert "BIN-EXCL-2" in bina.cites(d.coverage.reasons)
    assert [str(li.amount) for li in d.price.lines] == ["180.00 EUR"]
    assert "BIN-EXCL-2" in bina.cites(d.price.lines)
    assert str(d.price.total) == "217.80 EUR"  # + 21 % IVA


@pytest.mark.clause("BIN-EXCL-2-DISCOUNT")
def test_registered_users_get_the_discount_with_or_without_smart(bina):
    d = bina.decide({"request.category": "new_version"}, at=LAPSED)
    assert d.eligibility.status == "not_entitled"  # no SMART in force
    assert d.coverage.status == "billable"
    assert [str(li.amount) for li in d.price.lines] == ["120.00 EUR"]
    assert "BIN-EXCL-2-DISCOUNT" in bina.cites(d.price.lines)
    assert d.coverage.remedies[0].code == "buy-new-version"
    assert str(d.coverage.remedies[0].price) == "120.00 EUR"


@pytest.mark.clause("BIN-EXCL-2")
def test_new_version_price_missing_is_named_not_guessed(bina):
    d = bina.decide({"request.category": "new_version"}, engine=bina.bare)
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["new_version_price_registered"]
    assert d.coverage.remedies[0].price is None


@pytest.mark.clause("BIN-EXCL-4-WARRANTY")
def test_resending_material_within_30_days_is_covered_by_the_warranty(bina):
    changes = {
        "request.category": "shipping_material",
        "customer.registered": False,
        "licences[0].acquired_on": "2026-02-09",
    }
    d = bina.decide(changes, at="2026-03-11T10:00:00[Europe/Madrid]")  # day 30 is 2026-03-11
    assert d.coverage.status == "covered"
    assert "BIN-EXCL-4-WARRANTY" in bina.cites(d.coverage.reasons)
    assert d.eligibility.status == "entitled"
    assert bina.reason(d.eligibility.basis, "material-warranty")
    assert d.price.status == "free"


@pytest.mark.clause("BIN-EXCL-4", "BIN-EXCL-4-WARRANTY")
def test_resending_material_after_30_days_is_not_free(bina):
    changes = {"request.category": "shipping_material", "licences[0].acquired_on": "2026-02-07"}
    d = bina.decide(changes, at="2026-03-10T10:00:00[Europe/Madrid]")  # day 31
    assert d.coverage.status == "billable"
    r = bina.reason(d.coverage.reasons, "material-not-free")
    assert r.params["last_day"] == "2026-03-09"
    assert {"BIN-EXCL-4", "BIN-EXCL-4-WARRANTY"} <= bina.cites(r)
    assert [str(li.amount) for li in d.price.lines] == ["15.00 EUR"]
    assert "BIN-EXCL-4" in bina.cites(d.price.lines)


@pytest.mark.parametrize("category", ["hardware", "network", "operating_system", "other"])
def test_categories_the_terms_do_not_mention_are_undetermined(bina, category):
    d = bina.decide({"request.category": category})
    assert d.coverage.status == "undetermined"
    assert bina.reason(d.coverage.reasons, "not-ruled")
    assert d.price.status == "undetermined"


def test_reinstallation_is_an_installation_question(bina):
    d = bina.decide({"request.category": "reinstallation"}, at=LAPSED)
    assert d.coverage.status == "covered"
    assert d.eligibility.status == "entitled"


@pytest.mark.clause("BIN-EXCL-4-WARRANTY")
def test_material_warranty_does_not_count_the_purchase_day(bina):
    """Código Civil art. 5.1 (interpretation BIN-I-MATERIAL): 30 days from a purchase on
    2026-03-02 include 2026-04-01."""
    changes = {"request.category": "shipping_material", "licences[0].acquired_on": "2026-03-02"}
    last = bina.decide(changes, at="2026-04-01T10:00:00[Europe/Madrid]")
    assert last.coverage.status == "covered"
    assert last.coverage.reasons[0].params["period"] == {"start": "2026-03-02", "end": "2026-04-02"}
    after = bina.decide(changes, at="2026-04-02T10:00:00[Europe/Madrid]")
    assert after.coverage.status == "billable"


@pytest.mark.clause("BIN-EXCL-4-WARRANTY")
def test_period_count_end_exclusive_ends_the_warranty_on_the_29th_day_after(bina):
    engine = bina.engine_with(period_count="end_exclusive")
    changes = {"request.category": "shipping_material", "licences[0].acquired_on": "2026-03-02"}
    d = bina.decide(changes, at="2026-04-01T10:00:00[Europe/Madrid]", engine=engine)
    assert d.coverage.status == "billable"
    assert d.coverage.reasons[0].params["last_day"] == "2026-03-31"


@pytest.mark.clause("BIN-EXCL-1", "BIN-EXCL-2", "BIN-EXCL-3", "BIN-EXCL-5", "BIN-COVER-6")
@pytest.mark.parametrize(
    "changes",
    [
        {"request.category": "data_repair"},
        {"request.category": "accounting_tax_advice"},
        {"request.category": "training"},
        {"request.category": "new_version"},
        {"request.category": "update_download", "request.facts": {"tax_model": "200"}},
    ],
    ids=["data_repair", "accounting_tax_advice", "training", "new_version", "unlisted-module"],
)
def test_a_request_smart_does_not_cover_is_not_offered_smart(bina, changes):
    """A remedy must help with the request it is offered for: SMART does not."""
    d = bina.decide(changes, at=LAPSED)
    assert d.eligibility.status == "not_entitled"
    assert "contract-smart" not in bina.codes(d.eligibility.remedies)
    assert d.coverage.status in ("excluded", "billable")


@pytest.mark.clause("BIN-EXCL-3")
def test_an_unregistered_user_with_damaged_files_is_not_told_to_register_for_smart(bina):
    d = bina.decide({"request.category": "data_repair", "customer.registered": False})
    assert "send-registration-card" not in bina.codes(d.eligibility.remedies)
    assert [r.code for r in d.coverage.remedies] == ["restore-backup"]
