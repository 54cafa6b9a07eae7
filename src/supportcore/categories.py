"""The shared category taxonomy: what kind of problem a request is about.

Several vendors name the same kinds of problem in their own words; the taxonomy gives them one
name so that integrators can file requests once and every vendor can rule on them. A vendor
plugin may add categories of its own (``VendorInfo.categories``). A category that no rule of a
vendor decides yields an *undetermined* coverage, never a silent *covered*.
"""

from __future__ import annotations

__all__ = ["CATEGORIES", "describe"]

#: name → English description. Names are stable identifiers used in case files.
CATEGORIES: dict[str, str] = {
    "installation": "installing the vendor's program",
    "startup": "starting the program up for the first time (puesta en marcha)",
    "usage_question": "a doubt about how the program works, or an incident using it",
    "training": "being taught how to use the program: explanations, courses, training",
    "malfunction": "the program fails, errors, stops or behaves wrongly",
    "data_repair": "repairing or recovering damaged or deleted data files or databases",
    "operating_system": "problems of the operating system itself",
    "os_compatibility": "the program and the operating system / machine do not work together",
    "hardware": "problems of the computer or other hardware",
    "virus_malware": "viruses, spyware or other malware",
    "network": "installing or configuring networks, sharing, users",
    "internet": "problems with the internet connection",
    "third_party_software": "problems of, or installing, other vendors' programs",
    "accounting_tax_advice": "accounting, tax or audit questions",
    "report_design": "designing or customising reports, forms, labels",
    "custom_development": "new development or modification of the program",
    "on_site_visit": "a visit to the customer's premises",
    "reinstallation": "reinstalling the vendor's program",
    "shipping_material": "sending physical material (CDs, printed manuals, boxes)",
    "new_version": "obtaining a new version / upgrade of the program",
    "update_download": "downloading the latest revision or update of the current version",
    "regulatory_filing": "filing with an authority via the program (e-invoice registry, tax forms)",
    "remote_assistance": "a remote assistance session",
    "data_import": "programming a new import from another system",
    "extra_module": "a doubt about an extra module attached to the program",
    "database_password": "asking for the password of the program's database",
    "licence_replacement": "replacing a lost licence",
    "hosting": "keeping the application online (hosting, availability)",
    "other": "none of the above",
}


def describe(category: str) -> str:
    return CATEGORIES.get(category, category)
