"""A council officer's visit, in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, which `make test` installs) against `fundwatch serve` on loopback. Search,
narrow by a filter, open a call, see where it was seen and how it changed; a screenshot of the
call's page is kept under test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from tests.serve_helpers import serving
from tests.web_helpers import build_repository, write_config

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1800",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM or not Path(DRIVER).exists(),
        reason="Chromium could not be installed here: `make test` installs Debian's chromium and "
        "chromium-driver (apt-get) when they are missing",
    ),
]


@pytest.fixture
def server(tmp_path):
    config = write_config(tmp_path / "config")
    db_path = tmp_path / "fundwatch.db"
    ids = build_repository(db_path)
    env = {"PATH": "/usr/bin:/bin", "FUNDWATCH_NOW": "2026-12-04T09:00:00Z"}
    with serving(config, db_path, env) as url:
        yield url, ids


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def save_screenshot(driver, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    driver.save_screenshot(str(shot))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)
    return shot


def test_search_filter_open_a_call_and_see_its_sources_and_history(server, browser, tmp_path):
    url, ids = server
    browser.get(url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Find funding for your council"
    box = browser.find_element(By.ID, "search")
    box.send_keys("heat network")
    box.submit()
    assert (
        "1 funding call matching “heat network”" in browser.find_element(By.ID, "result-count").text
    )

    # Narrow by a filter people think in: can councils apply? Yes.
    panel = browser.find_element(By.ID, "facet-council_eligible")
    panel.find_element(By.PARTIAL_LINK_TEXT, "Yes").click()
    chosen = browser.find_element(By.CLASS_NAME, "fw-chosen").text
    assert "Can councils apply?: Yes" in chosen and "Search: heat network" in chosen
    assert "council_eligible=yes" in browser.current_url

    browser.find_element(By.LINK_TEXT, "Heat network zoning pilot").click()
    heat = ids["Heat network zoning pilot"]
    assert browser.current_url == f"{url}/opportunity/{heat}"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Heat network zoning pilot"
    sources = {
        row.find_element(By.TAG_NAME, "a").text: row.find_element(By.TAG_NAME, "a").get_attribute(
            "href"
        )
        for row in browser.find_elements(By.CSS_SELECTOR, "tr.fw-source")
    }
    assert sources == {
        "UKRI Funding Finder": "https://www.ukri.org/opportunity/heat-network-zoning/",
        "Find a Grant": "https://www.ukri.org/opportunity/heat-network-zoning/",
    }
    history = [li.text for li in browser.find_elements(By.CSS_SELECTOR, ".fw-history li")]
    assert history == [
        "Closing date: 12 Jan 2027, 4:00pm → 26 Jan 2027, 4:00pm, seen on UKRI Funding Finder, "
        "3 Dec 2026",
        "First seen on UKRI Funding Finder, 25 Nov 2026",
    ]
    share = browser.find_element(By.ID, "share").get_attribute("value")
    assert share == f"{url}/opportunity/{heat}"  # the link to send a colleague
    shot = save_screenshot(browser, tmp_path, "serve_browser_opportunity.png")
    assert shot.stat().st_size > 10_000


def test_a_hostile_title_is_text_in_the_browser(server, browser, tmp_path):
    url, _ = server
    browser.get(f"{url}/fundwatch/opportunities?_search=Evil")
    link = browser.find_element(By.CSS_SELECTOR, ".fw-result-title a")
    assert link.text.startswith('<script>alert("x")</script> Evil & "quoted" <b>fund</b>')
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (the script never ran)
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("<script>")
    assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img")
    save_screenshot(browser, tmp_path, "serve_browser_hostile.png")
