"""The page to try a case, in a real headless browser (Debian's Chromium driven by selenium):
a support agent picks a vendor and an example, evaluates it, and reads the eligibility and the
vendor's own words."""

from __future__ import annotations

import json
import shutil
import tempfile

import pytest

webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT_S = 20
#: an example whose price is computed (the first year of SMART after the free period)
PRICED = "02-upgrade-from-v4-free-period-lapsed"
#: how the text read to the customer starts, by language
HEARD = {"es": "PARA EL CLIENTE", "nl": "VOOR DE KLANT", "en": "FOR THE CUSTOMER"}


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip(
            "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
        )
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="supportcore-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def options_of(browser, select_id: str) -> list[str]:
    return [
        o.get_attribute("value") for o in Select(browser.find_element(By.ID, select_id)).options
    ]


def open_example(live, browser, name: str | None = None) -> WebDriverWait:
    """Open the page, pick binarema and its example ``name`` (default: the first), and wait
    until the case is in the editor."""
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(live.url + "/")
    wait.until(lambda b: "binarema" in options_of(b, "vendor"))
    Select(browser.find_element(By.ID, "vendor")).select_by_value("binarema")
    wait.until(lambda b: len(options_of(b, "example")) > 1)
    name = name or options_of(browser, "example")[1]
    Select(browser.find_element(By.ID, "example")).select_by_value(name)
    wait.until(lambda b: b.find_element(By.ID, "case").get_property("value").strip())
    return wait


def test_an_agent_evaluates_an_example_and_reads_the_vendors_words(live, browser):
    wait = open_example(live, browser)
    browser.find_element(By.ID, "evaluate").click()
    status = wait.until(ec.visibility_of_element_located((By.ID, "status-eligibility")))
    assert status.text in {"entitled", "not entitled", "undetermined"}
    quotes = browser.find_elements(By.CSS_SELECTOR, "#explanation blockquote.citation")
    assert quotes, "no clause was cited"
    assert quotes[0].get_attribute("data-clause") and len(quotes[0].text) > 20
    assert browser.find_elements(By.CSS_SELECTOR, "#clauses li")


def test_the_agent_chooses_the_language_of_the_explanation(live, browser):
    wait = open_example(live, browser, PRICED)
    seen, prices = {}, {}
    for lang in ("", "nl", "en"):  # "": the vendor's own (Spanish), not the browser's
        Select(browser.find_element(By.ID, "lang")).select_by_value(lang)
        browser.execute_script(
            "document.getElementById('raw').textContent = '';"
            "document.getElementById('aloud').textContent = ''"
        )
        browser.find_element(By.ID, "evaluate").click()
        wait.until(lambda b: b.find_element(By.ID, "raw").get_property("textContent"))
        decision = json.loads(browser.find_element(By.ID, "raw").get_property("textContent"))
        seen[lang] = decision["lang"]
        assert browser.find_element(By.ID, "explanation").get_attribute("lang") == decision["lang"]
        # the words to read aloud, as supportcore evaluate prints them, in that language
        wait.until(lambda b: b.find_element(By.ID, "aloud").get_property("textContent"))
        aloud = browser.find_element(By.ID, "aloud").get_property("textContent")
        assert aloud.startswith(HEARD[decision["lang"]]), aloud[:80]
        price = browser.find_element(By.ID, "status-price").text
        prices[decision["lang"]] = price
    assert seen == {"": "es", "nl": "nl", "en": "en"}
    # money as the decision's locale writes it (es_ES "136,72 €", nl_BE-style "€ 136,72", …)
    assert "€" in prices["es"] and "," in prices["es"] and "EUR" not in prices["es"]
    Select(browser.find_element(By.ID, "lang")).select_by_value("")


def test_a_vendor_is_listed_by_its_title_and_name_once(live, browser):
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(live.url + "/")
    wait.until(lambda b: "binarema" in options_of(b, "vendor"))
    options = Select(browser.find_element(By.ID, "vendor")).options
    labels = {o.get_attribute("value"): o.text for o in options}
    assert labels["informapuntcom"] == "Visual System Data Software (informapuntcom)"
    assert all(label.count(f"({name})") == 1 for name, label in labels.items()), labels


def test_text_of_a_case_is_shown_as_text_never_as_markup(live, browser):
    wait = open_example(live, browser)
    case = json.loads(browser.find_element(By.ID, "case").get_property("value"))
    case["id"] = '<img src=x onerror="document.title=1"><b>bold</b>'
    browser.execute_script("document.getElementById('case').value = arguments[0]", json.dumps(case))
    browser.find_element(By.ID, "evaluate").click()
    wait.until(lambda b: b.find_element(By.ID, "case-id").text)
    assert "<b>bold</b>" in browser.find_element(By.ID, "case-id").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#answer img, #answer b")
    assert browser.title != "1"


def test_a_refused_case_shows_each_problem_with_its_field(live, browser):
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(live.url + "/")
    wait.until(lambda b: "binarema" in options_of(b, "vendor"))
    case = {
        "vendor": "binarema",
        "at": "2026-03-10T10:15:00+01:00",
        "request": {"channel": "pigeon"},
    }
    browser.execute_script("document.getElementById('case').value = arguments[0]", json.dumps(case))
    browser.find_element(By.ID, "evaluate").click()
    errors = wait.until(ec.visibility_of_element_located((By.ID, "error-list")))
    assert "request.channel" in errors.text
