"""Every decision says where it comes from: versions and digests, the same every time."""

from __future__ import annotations

import copy
import hashlib
import json

from acme_support import ACME_BASE

from supportcore import Engine, __version__, case_from_dict
from supportcore.convert import case_to_dict, decision_to_dict


def sha256_of(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_a_decision_names_the_core_the_hook_api_and_the_terms(engine):
    p = engine.evaluate(ACME_BASE).provenance
    assert p.core_version == __version__ and p.hook_api == 2
    assert p.terms_version == engine.evaluate(ACME_BASE).terms_version
    assert p.evaluated_at == engine.evaluate(ACME_BASE).evaluated_at


def test_the_input_digest_is_sha256_of_the_canonical_json_of_the_case_as_given(engine):
    assert engine.evaluate(ACME_BASE).provenance.input_digest == sha256_of(ACME_BASE)


def test_a_case_object_is_digested_in_its_json_form(engine):
    case = case_from_dict(ACME_BASE)
    assert engine.evaluate(case).provenance.input_digest == sha256_of(case_to_dict(case))


def test_two_evaluations_of_one_case_have_the_same_provenance(engine):
    assert engine.evaluate(ACME_BASE).provenance == engine.evaluate(ACME_BASE).provenance


def test_a_changed_fact_changes_the_input_digest(engine):
    other = copy.deepcopy(ACME_BASE)
    other["request"]["urgent"] = True
    before = engine.evaluate(ACME_BASE).provenance.input_digest
    assert engine.evaluate(other).provenance.input_digest != before


def test_key_order_does_not_change_the_input_digest(engine):
    reordered = dict(reversed(list(ACME_BASE.items())))
    before = engine.evaluate(ACME_BASE).provenance.input_digest
    assert engine.evaluate(reordered).provenance.input_digest == before


def test_other_settings_give_another_settings_digest():
    import acme_support

    def digest(rate: str) -> str:
        settings = copy.deepcopy(acme_support.ACME_SETTINGS)
        settings["acme"]["hourly_rate"] = rate
        engine = Engine(settings, entry_points=False, extra=[("acme", acme_support)])
        return engine.evaluate(ACME_BASE).provenance.settings_digest

    assert digest("50.00") == digest("50.00") != digest("55.00")


def test_the_instant_given_apart_is_the_evaluation_instant_not_part_of_the_input(engine):
    later = engine.evaluate(ACME_BASE, at="2025-03-04T10:00:00+01:00").provenance
    assert later.input_digest == engine.evaluate(ACME_BASE).provenance.input_digest
    assert later.evaluated_at.isoformat() == "2025-03-04T10:00:00+01:00"


def test_provenance_is_part_of_the_decision_json(engine):
    data = decision_to_dict(engine.evaluate(ACME_BASE))
    assert data["provenance"]["input_digest"].startswith("sha256:")
