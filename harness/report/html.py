"""The Allure 3 single-file HTML report, generated with npm's ``allure`` (no Java, no network).

Allure 3 always injects a Google Tag Manager script; it is stripped so the report never phones home.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from harness.settings import ROOT

NAME = "BankID OIDC conformance"
SKIPPED = "HTML report skipped: run scripts/bootstrap --html (needs npm) to install the Allure generator"
DRIVER = Path(__file__).with_name("allure_awesome.mjs")
_GTM = re.compile(r"<script[^>]*googletagmanager[^>]*>.*?</script>|<script>[^<]*gtag\([^<]*</script>", re.DOTALL)


def _allure() -> Path | None:
    """npm's ``allure``: this checkout's (scripts/bootstrap --html), the working directory's, or on PATH."""
    for candidate in (ROOT / "node_modules" / ".bin" / "allure", Path.cwd() / "node_modules" / ".bin" / "allure"):
        if candidate.exists():
            return candidate
    found = shutil.which("allure")
    return Path(found) if found else None


def render_html(results: Path, output: Path, *, name: str = NAME) -> str:
    allure = _allure()
    if allure is None:
        return SKIPPED
    if not any(results.glob("*-result.json")):
        return f"HTML report skipped: no Allure results in {results}"
    done = subprocess.run(_command(str(allure), results, output, name), capture_output=True, text=True, timeout=300)  # noqa: S603
    return _finished(done.returncode, done.stderr, output)


class PendingHtml:
    """The Allure HTML of a run, its generator started before the run (``start_html``) and run after it.

    The generator (``allure_awesome.mjs``: npm allure's own ``awesome`` command, imported alone) loads its
    modules while the suite runs, ~0.5 s that were otherwise spent after it; without node or the allure package
    this is ``render_html`` at the end, and so is any failure of the early-started one.
    """

    def __init__(self, results: Path, output: Path, name: str = NAME) -> None:
        self.results, self.output, self.name = results, output, name
        self._process: subprocess.Popen[str] | None = None
        node, package = shutil.which("node"), _allure_package()
        if node is not None and package is not None:
            command = [node, str(DRIVER), str(package), *_command(None, results, output, name)]
            try:
                self._process = subprocess.Popen(  # noqa: S603
                    command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            except OSError:
                self._process = None

    def finish(self) -> str:
        """Generate the report now; the message says where it is, or why there is none."""
        if self._process is None:
            return render_html(self.results, self.output, name=self.name)
        if not any(self.results.glob("*-result.json")):
            self.cancel()
            return f"HTML report skipped: no Allure results in {self.results}"
        try:
            _, stderr = self._process.communicate("go\n", timeout=300)
        except subprocess.TimeoutExpired:
            self.cancel()
            return "HTML report failed: the Allure generator took over 300 s"
        message = _finished(self._process.returncode, stderr, self.output)
        self._process = None
        if message.startswith("HTML report:"):
            return message
        return render_html(self.results, self.output, name=self.name)  # the plain command, to say what is wrong

    def cancel(self) -> None:
        """No report after all (nothing ran, or ``--no-html``): the waiting generator exits without one."""
        if self._process is not None:
            process, self._process = self._process, None
            try:
                process.communicate("", timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


def start_html(results: Path, output: Path, *, name: str = NAME) -> PendingHtml:
    return PendingHtml(results, output, name)


def _command(allure: str | None, results: Path, output: Path, name: str) -> list[str]:
    """``allure awesome`` with this harness's arguments (without the executable: the driver's arguments)."""
    arguments = [str(results), "--single-file", "--output", str(output), "--report-name", name]
    return [allure, "awesome", *arguments] if allure is not None else arguments


def _finished(returncode: int, stderr: str, output: Path) -> str:
    index = output / "index.html"
    if returncode != 0 or not index.exists():
        return f"HTML report failed ({returncode}): {stderr.strip()[-500:]}"
    index.write_text(strip_tracking(index.read_text(encoding="utf-8")), encoding="utf-8")
    return f"HTML report: {index}"


def _allure_package() -> Path | None:
    """The directory of the allure package behind the ``allure`` executable, if it has the awesome command."""
    allure = _allure()
    if allure is None:
        return None
    package = allure.resolve().parent
    return package if (package / "dist" / "commands" / "awesome.js").is_file() else None


def strip_tracking(html: str) -> str:
    return _GTM.sub("", html)
