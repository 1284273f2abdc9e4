"""The web UI in headless Chromium (Debian's), driven through chromedriver's W3C WebDriver HTTP API."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from registry_support import Server, free_port, pack, publish, register

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
README = "# greet\n\nSays **hello**.\n\n<script>document.title = 'pwned'</script>\n\n[bad](javascript:alert(1))\n"


class WebDriver:
    """Just enough of the WebDriver protocol: navigate, find, type, click, read."""

    def __init__(self, url: str, user_data_dir: Path) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", f"--user-data-dir={user_data_dir}"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM, "args": args}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        r = self.http.request(method, path, json=body if body is not None else ({} if method == "POST" else None))
        value = r.json()["value"]
        if r.status_code != 200:
            raise AssertionError(f"WebDriver {method} {path}: {value}")
        return value

    def _s(self, path: str) -> str:
        return f"/session/{self.session}{path}"

    def go(self, url: str) -> None:
        self._call("POST", self._s("/url"), {"url": url})

    def find(self, css: str) -> str:
        found = self._call("POST", self._s("/element"), {"using": "css selector", "value": css})
        return next(iter(found.values()))

    def find_all(self, css: str) -> list[str]:
        found = self._call("POST", self._s("/elements"), {"using": "css selector", "value": css})
        return [next(iter(f.values())) for f in found]

    def type(self, element: str, text: str) -> None:
        self._call("POST", self._s(f"/element/{element}/value"), {"text": text})

    def click(self, element: str) -> None:
        self._call("POST", self._s(f"/element/{element}/click"))

    def text(self, element: str) -> str:
        return self._call("GET", self._s(f"/element/{element}/text"))

    def attribute(self, element: str, name: str) -> str | None:
        return self._call("GET", self._s(f"/element/{element}/attribute/{name}"))

    def current_url(self) -> str:
        return self._call("GET", self._s("/url"))

    def url_after_navigation(self, expected: str, timeout: float = 10.0) -> str:
        """The URL once it contains `expected` (a click on a submit button or link navigates
        asynchronously), or the URL at the timeout, for the caller's assertion to report."""
        deadline = time.monotonic() + timeout
        url = self.current_url()
        while expected not in url and time.monotonic() < deadline:
            time.sleep(0.05)
            url = self.current_url()
        return url

    def title(self) -> str:
        return self._call("GET", self._s("/title"))

    def script(self, source: str) -> Any:
        return self._call("POST", self._s("/execute/sync"), {"script": source, "args": []})

    def quit(self) -> None:
        try:
            self._call("DELETE", self._s(""))
        finally:
            self.http.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are required in CI (.ci/prepare-machine installs them)")
        pytest.skip("chromium/chromedriver not installed")
    port = free_port()
    log = (tmp_path / "chromedriver.log").open("wb")
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/status", timeout=2).json()["value"]["ready"]:
                    break
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        web = WebDriver(url, tmp_path / "chrome-profile")
        try:
            yield web
        finally:
            web.quit()
    finally:
        driver.terminate()
        driver.wait(timeout=20)


@pytest.mark.slow
def test_home_search_and_package_page(server: Server, browser: WebDriver, tmp_path: Path) -> None:
    user, auth = register(server)
    assert publish(server, auth, "greet", "1.0.0", pack(tmp_path, "greet", "1.0.0", description="says hello",
                                                        keywords=("greeting",), readme=README)).status_code == 201
    assert publish(server, auth, "other", "0.1.0", pack(tmp_path, "other", "0.1.0")).status_code == 201
    server.client.get("/api/v1/packages/greet/1.0.0/download")

    browser.go(server.url + "/")
    assert browser.title() == "Vais registry"
    browser.type(browser.find("#home-search"), "hello")
    browser.click(browser.find("#home-search-button"))
    assert "/search?q=hello" in browser.url_after_navigation("/search?q=hello")
    results = browser.find_all("ul.packages a.name")
    assert [browser.text(r) for r in results] == ["greet"]
    browser.click(results[0])

    assert browser.url_after_navigation("/packages/greet") == f"{server.url}/packages/greet"
    assert browser.text(browser.find("#package-name")) == "greet"
    assert 'greet = "^1.0.0"' in browser.text(browser.find("#install-snippet"))
    assert browser.text(browser.find("#downloads-total")) == "1"
    assert browser.text(browser.find("ul.owners")) == user
    assert "Says hello." in browser.text(browser.find(".readme"))
    # The README's raw HTML is shown as text, never executed, and javascript: links are not links.
    assert browser.title() != "pwned" and browser.script("return document.querySelectorAll('.readme script').length") == 0
    assert "<script>" in browser.text(browser.find(".readme"))
    hrefs = [browser.attribute(a, "href") or "" for a in browser.find_all(".readme a")]
    assert not any(h.startswith("javascript:") for h in hrefs)
    # A version page, reached without JavaScript by following a link.
    browser.click(browser.find("table.versions a"))
    assert browser.current_url() == f"{server.url}/packages/greet/1.0.0"
