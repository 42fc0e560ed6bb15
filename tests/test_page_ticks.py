"""The page in a real browser (headless Chromium): several rule rows make a union, and the
talks it lists can be ticked into a feed that holds exactly them."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import headless, needs_chromium, press
from .feed_server import Server, running


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running(tmp_path) as srv:
        yield srv


@pytest.fixture
def driver() -> Iterator[Any]:
    with headless() as browser:
        yield browser


def _feed(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


@needs_chromium
def test_two_rule_rows_make_a_union_and_ticked_talks_make_their_own_feed(
        server: Server, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server.url + "/")
    driver.find_elements(By.NAME, "author")[0].send_keys("Lechao Xiao")
    driver.find_elements(By.NAME, "keyword")[1].send_keys("pruning")  # the second row
    press(driver, "Build my feed")
    heading = driver.find_element(By.CSS_SELECTOR, ".feed h2").text
    assert heading == "Your feed: 5 talks"  # 2 by Lechao Xiao + 3 about pruning
    assert "or=" in str(driver.find_element(By.ID, "feed-url").get_attribute("value"))
    # the page lists the same five talks, each with a pick and a hide checkbox
    picks = driver.find_elements(By.CSS_SELECTOR, "form.ticks input[name=pick]")
    assert len(picks) == 5
    ticked = [picks[1].get_attribute("value"), picks[3].get_attribute("value")]
    picks[1].click()
    picks[3].click()
    press(driver, "Only the ticked talks")
    assert driver.find_element(By.CSS_SELECTOR, ".feed h2").text == "Your feed: 2 talks"
    url = str(driver.find_element(By.ID, "feed-url").get_attribute("value"))
    assert url.startswith(server.url + "/calendar.ics?")
    assert sorted(re.findall(r"^UID:(\S+)", _feed(url), re.MULTILINE)) == sorted(ticked)


@needs_chromium
def test_a_hidden_talk_leaves_the_feed(server: Server, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server.url + "/?author=Lechao+Xiao")
    hides = driver.find_elements(By.CSS_SELECTOR, "form.ticks input[name=hide]")
    assert len(hides) == 2
    gone = hides[0].get_attribute("value")
    hides[0].click()
    press(driver, "Apply picks and hides")
    url = str(driver.find_element(By.ID, "feed-url").get_attribute("value"))
    uids = re.findall(r"^UID:(\S+)", _feed(url), re.MULTILINE)
    assert len(uids) == 1 and gone not in uids
