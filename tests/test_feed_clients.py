"""Real clients on the feed: a calendar library that downloads a subscription URL, and a real
browser that builds a feed with the page's form."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalevents.icalevents import events

from agenda.ics import summary

from .browser import headless, needs_chromium
from .conftest import ROOT
from .feed_server import Server, running

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running(tmp_path) as srv:
        yield srv


def test_a_calendar_client_subscribes_and_gets_every_talk_at_its_instant(server: Server) -> None:
    """icalevents (a client library no one here wrote) downloads the webcal URL with urllib3,
    parses it and expands it; every selected talk must arrive at its exact instant."""
    url = server.url.replace("http://", "webcal://") + "/calendar.ics?kind=oral&kind=spotlight"
    got = events(url=url, fix_apple=True, start=datetime(2020, 1, 1, tzinfo=UTC),
                 end=datetime(2022, 1, 1, tzinfo=UTC))
    talks = [t for t in server.app.live.current().schedule.talks
             if t.kind.value in ("oral", "spotlight")]
    assert len(talks) == 22
    assert sorted((e.uid, e.start.astimezone(UTC), e.end.astimezone(UTC), e.summary)
                  for e in got) == sorted((t.uid, t.start, t.end, summary(t)) for t in talks)


@needs_chromium
def test_a_browser_builds_a_feed_with_the_form(server: Server) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    with headless() as driver:
        driver.get(server.url + "/")
        assert driver.title == "agenda feeds"
        driver.find_element(By.NAME, "author").send_keys("Lechao Xiao")
        driver.find_element(By.NAME, "tz").send_keys("Europe/Berlin")
        Select(driver.find_element(By.NAME, "kind")).select_by_visible_text("spotlight")
        driver.find_element(By.TAG_NAME, "button").click()
        field = WebDriverWait(driver, 10).until(
            expected_conditions.presence_of_element_located((By.ID, "feed-url")))
        feed_url = field.get_attribute("value")
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "feed-page.png"))
        driver.set_window_size(390, 844)  # a phone: nothing may overflow sideways
        driver.refresh()
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        driver.save_screenshot(str(ARTIFACTS / "feed-page-phone.png"))
    assert feed_url is not None and feed_url.startswith(server.url + "/calendar.ics?")
    with urllib.request.urlopen(feed_url, timeout=10) as response:
        body = response.read().decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "The Surprising Simplicity of the Early-Time Learning Dynamics" in body.replace(
        "\r\n ", "")
    assert "DTSTART;TZID=Europe/Berlin:20201210T163000" in body
    assert (ARTIFACTS / "feed-page.png").stat().st_size > 10_000
    assert overflow <= 0
