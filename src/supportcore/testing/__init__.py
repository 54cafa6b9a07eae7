"""supportcore's testing helpers.

``supportcore.testing.cases`` holds readable case builders. The conformance kit (an opt-in pytest
plugin: ``pytest -p supportcore.testing``) lives in this package as well.
"""
