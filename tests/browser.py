"""Headless Chromium for the tests that drive the page in a real browser (.ci/run installs
Debian's chromium and chromium-driver; CI never skips these tests)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


def chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


needs_chromium = pytest.mark.skipif(
    chromium() is None and not os.environ.get("CI"),
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")


@contextmanager
def headless() -> Iterator[Any]:
    """A Chromium driven by selenium, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = chromium()
    assert found is not None, "chromium and chromedriver must be installed"
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1000,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def press(driver: Any, label: str) -> None:
    """Click the button labelled `label` and wait until the page it loads is complete.

    The old page is marked with a script variable and the wait is for a complete document
    without it: waiting for the old element to go stale asks Chromium about a node while
    the document is being replaced, which it sometimes answers with an "unknown error"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.agendaOldPage = true;")
    driver.find_element(By.XPATH, f"//button[text()='{label}']").click()
    WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return !window.agendaOldPage && document.readyState === 'complete';"))
