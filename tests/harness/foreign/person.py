"""The person at the keyboard for ``BANKID_LOGIN=manual`` against the foreign provider: reads what the manual
driver asks (open this URL, log in or press Cancel), answers oidc-provider-mock's own authorization form over
HTTP as a browser would, and follows the provider's redirect to the callback the driver serves on loopback.

A test double with constructor knobs (the subject it logs in as), not a patch of the harness: the harness's
real manual driver and the provider's real form are what is exercised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from harness.rp.forms import parse_forms

ASK = "Open this URL in a browser and "


@dataclass
class Person:
    subject: str = "kari.nordmann@example.no"
    logins: int = 0
    problems: list[str] = field(default_factory=list)

    def follow(self, lines: Iterable[str]) -> threading.Thread:
        """Answer every request the driver prints on ``lines`` (the suite's stderr), in a thread."""
        thread = threading.Thread(target=self._read, args=(lines,), daemon=True)
        thread.start()
        return thread

    def _read(self, lines: Iterable[str]) -> None:
        cancel = False
        for line in lines:
            if line.startswith(ASK):
                cancel = "press Cancel" in line
            elif line.startswith("  http") and "://" in line:
                self._answer(line.strip(), cancel=cancel)

    def _answer(self, url: str, *, cancel: bool) -> None:
        with httpx.Client(timeout=10) as browser:
            try:
                self._walk(browser, url, cancel=cancel)
                self.logins += 1
            except (httpx.HTTPError, LookupError) as problem:
                # The driver then times out and reports the scenario inconclusive, which the test counts.
                self.problems.append(f"{type(problem).__name__}: {problem}")

    def _walk(self, browser: httpx.Client, url: str, *, cancel: bool) -> None:
        page = browser.get(url)
        forms = [f for f in parse_forms(page.text, str(page.url)) if f.method == "POST"]
        if page.status_code != 200 or len(forms) < 2:
            raise LookupError(f"no authorization form (HTTP {page.status_code})")
        # Its first form takes the subject and "Authorize"; the second is "Deny" (a button named action).
        answer = {"action": "deny"} if cancel else {**forms[0].fields, "sub": self.subject}
        reply = browser.post(forms[1 if cancel else 0].action, data=answer)
        if not reply.is_redirect:
            raise LookupError(f"the form answered HTTP {reply.status_code}, not a redirect")
        browser.get(urljoin(str(reply.url), reply.headers["location"]))  # the driver's callback server
