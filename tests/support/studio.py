"""Shared fixtures of the studio's area: real ``streamlit run`` processes and a real
Chromium (registered in conftest.py through pytest_plugins).

* :func:`run_studio` starts ``streamlit run app.py`` (or another script) on a free
  loopback port with a private data folder, a given environment and a given secrets.toml
  (written to a temporary file and passed with ``--secrets.files``, so a developer's own
  ``.streamlit/secrets.toml`` never leaks in), waits until ``/_stcore/health`` answers and
  stops the process afterwards. The project's ``.streamlit/config.toml`` applies (the
  server is started from the project root), so tests see the hardened defaults.
* ``studio_factory`` (per test) starts as many as a test needs; ``chromium`` (per module) is
  Debian's Chromium through Playwright (never ``playwright install``); skipped with the
  reason when either is missing.
* :func:`new_page` opens a 1280x800 page whose requests to any host off loopback are
  refused and recorded (``page.offsite``): the studio must never need one.
* :func:`idle`, :func:`open_page`, :func:`shot` are the small steps every browser test
  repeats.

>>> toml_text({"A": "x", "auth": {"client_id": "c", "admins": ["a@x.org"]}})
'A = "x"\\n\\n[auth]\\nclient_id = "c"\\nadmins = ["a@x.org"]\\n'
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "screenshots"
STARTUP_TIMEOUT_S = 90.0

# The operator's settings that must not leak from the developer's shell into a test studio.
_OPERATOR_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "OPTIMIZER_PROVIDER",
    "OPTIMIZER_ALLOW_USER_ENDPOINTS",
    "OPTIMIZER_DATABASE_URL",
    "OPTIMIZER_TEAM_SECRET",
    "OPTIMIZER_CACHE_BACKEND",
    "OPTIMIZER_ADMINS",
    "OPTIMIZER_ADMIN_GROUP",
    "REDIS_URL",
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def toml_text(data: Mapping[str, Any], _prefix: str = "") -> str:
    """``data`` as TOML: scalars and lists as keys, nested dicts as ``[tables]``.

    Enough for secrets.toml (strings, numbers, booleans, lists, nested sections).
    """
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)]
    out = "\n".join(lines) + ("\n" if lines else "")
    for key, value in data.items():
        if isinstance(value, Mapping):
            name = f"{_prefix}{key}"
            out += f"\n[{name}]\n" + toml_text(value, name + ".").lstrip("\n")
    return out


@dataclass(frozen=True)
class Studio:
    """A running studio process.

    :ivar url: its base URL, ``http://127.0.0.1:<port>``.
    :ivar data_dir: its ``OPTIMIZER_DATA_DIR``.
    :ivar log: the file that gets its stdout and stderr (server-side logs).
    """

    url: str
    port: int
    data_dir: Path
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        """What the server logged so far."""
        return self.log.read_text(errors="replace")


def studio_env(data_dir: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a test studio: this one without the operator's settings, a
    private data folder, a short embedded answer, then ``env`` on top (a value of
    ``None`` removes a variable)."""
    full = {k: v for k, v in os.environ.items() if k not in _OPERATOR_ENV}
    full.update(
        {
            "OPTIMIZER_DATA_DIR": str(data_dir),
            "OPTIMIZER_LOCAL_MAX_TOKENS": "120",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    return full


# Streamlit's own options for every test studio (a test's ``options`` win), for CPU only:
# no file watcher (it walked every imported module's path after each script run: nobody
# edits the sources during a test), and no full garbage collection after each script run
# (a gc.collect(2) over the model, tokenizer and lexicons on every rerun: 40% of the dark
# walk's studio CPU). What a page draws and does is unchanged.
_TEST_OPTIONS = {"server.fileWatcherType": "none", "runner.postScriptGC": "false"}


@contextmanager
def run_studio(
    workdir: Path,
    *,
    env: Mapping[str, str | None] | None = None,
    secrets: Mapping[str, Any] | str | None = None,
    script: str | Path = "app.py",
    data_dir: Path | None = None,
    port: int | None = None,
    options: Mapping[str, str] | None = None,
    timeout: float = STARTUP_TIMEOUT_S,
) -> Iterator[Studio]:
    """Start ``streamlit run <script>`` from the project root; stop it on exit.

    :param workdir: a folder of the test's own (logs, secrets file, default data folder).
    :param env: variables on top of :func:`studio_env` (``None`` removes one).
    :param secrets: secrets.toml as a dict (see :func:`toml_text`) or as TOML text;
        ``None``: an empty secrets file (no sign-in, no operator key).
    :param script: the script to run, relative to the project root or absolute.
    :param data_dir: the ``OPTIMIZER_DATA_DIR`` (default ``workdir/data``); two studios
        given the same one share a disk cache and SQLite ledger.
    :param port: default a free one. ``{port}`` in a secrets ``redirect_uri`` is filled
        in by Streamlit itself.
    :param options: more ``--section.option value`` pairs (e.g. ``{"client.showErrorDetails": "full"}``).
    :raises RuntimeError: the server did not answer its health check in ``timeout`` s
        (the message ends with the server's log).
    """
    from optimizer.cache.local_redis import free_port
    from optimizer.procs import running, streamlit_command

    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    data = data_dir or workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    secrets_file = workdir / f"secrets-{port}.toml"
    text = secrets if isinstance(secrets, str) else toml_text(secrets or {})
    secrets_file.write_text(text)
    secrets_file.chmod(0o600)
    log = workdir / f"streamlit-{port}.log"
    command = streamlit_command(script, port, "--secrets.files", str(secrets_file))
    for name, value in {**_TEST_OPTIONS, **(options or {})}.items():
        command += [f"--{name}", str(value)]
    url = f"http://127.0.0.1:{port}"
    health = url + "/_stcore/health"
    with running(
        command, log, health_url=health, env=studio_env(data, env), cwd=ROOT, timeout=timeout, what="streamlit"
    ) as proc:
        yield Studio(url, port, data, log, proc)


@pytest.fixture
def studio_factory(tmp_path: Path) -> Iterator[Callable[..., Studio]]:
    """``start(**run_studio_args)`` -> a running :class:`Studio`; every one is stopped
    after the test. Each gets ``tmp_path/studio-N`` as its workdir unless given one."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        count = 0

        def start(*, workdir: Path | None = None, **kwargs: Any) -> Studio:
            nonlocal count
            count += 1
            return stack.enter_context(run_studio(workdir or tmp_path / f"studio-{count}", **kwargs))

        yield start


@contextmanager
def loopback_server() -> Iterator[Any]:
    """A pytest-httpserver on loopback of the caller's own (its request log is nobody
    else's), stopped on exit."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements-dev.txt)"
    return None


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, through Playwright, for one test module.

    Not for the session: Playwright's sync API keeps an asyncio loop running in the main
    thread while it is started, and every later test of the same worker that calls
    ``asyncio.run`` would fail ("cannot be called from a running event loop"). Browser
    files run first (tests/conftest.py), so the loop ends with each of them."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def new_page(browser, *, width: int = 1280, height: int = 800, color_scheme: str = "light", **context_args: Any):
    """A page in a fresh context (no cookies). Requests to hosts off loopback are aborted
    and their URLs appended to ``page.offsite`` (the studio must never need one; a
    sign-in page's CDN stylesheet is one). Close it with ``page.context.close()``."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=color_scheme, accept_downloads=True, **context_args
    )
    page = context.new_page()
    page.offsite = []

    def guard(route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and host not in _LOOPBACK:
            page.offsite.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    context.add_init_script(script=_WATCH_RUNS)
    return page


# Installed in every page of new_page: when the page last sent the server a message (a
# widget change, a page switch and the first connection each send one, which starts a
# run) and when the app's script state last changed, and whether it went to "running".
_WATCH_RUNS = """(() => {
  const runs = window.__runs = {sent: -1e9, started: -1e9, changed: -1e9};
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    runs.sent = performance.now();
    return send.call(this, data);
  };
  new MutationObserver(records => {
    for (const r of records) {
      runs.changed = performance.now();
      if (r.oldValue === 'running' || r.target.getAttribute('data-test-script-state') === 'running') {
        runs.started = runs.changed;
      }
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
})()"""

# Idle: the app's script state (set as soon as a run starts; the running indicator only
# shows after a delay, so a short run never shows it) and the running indicator both say
# so; no message sent in the last second is still waiting for its run to start (a click's
# rerun starts within 300 ms on a quiet machine; with three walks at once a read once came
# before the run the last field's change started, so the watch waits longer: a run that
# starts ends the wait at once); and the state has not changed for 100 ms (a run that ends
# with st.rerun is followed by the next one).
_SCRIPT_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') === 'running'
      || document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const runs = window.__runs, now = performance.now();
  if (!runs) return true;
  const waiting = runs.sent > runs.started && now - runs.sent < 1000;
  return !waiting && now - runs.changed >= 100;
}"""


def idle(page, timeout: float = 60_000) -> None:
    """Wait until the script run finished (see ``_SCRIPT_IDLE``): as soon as the run an
    action started has ended, instead of a fixed 300 ms for it to start (a page not made
    by :func:`new_page` has no watch, and gets the fixed wait)."""
    page.wait_for_timeout(30)  # the action's message leaves in its own event handler
    if not page.evaluate("() => Boolean(window.__runs)"):
        page.wait_for_timeout(270)  # a click's rerun starts within 300 ms
    page.wait_for_function(_SCRIPT_IDLE, timeout=timeout, polling=50)


def open_page(page, title: str, *, timeout: float = 60_000) -> None:
    """Click the navigation link ``title`` and wait for the page's heading and an idle script."""
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=timeout)
    idle(page)


def download(page, label, target: Path, *, timeout: float = 60_000) -> Path:
    """Click the download button whose name matches ``label`` (text or regex) once the
    script is idle, and save the file to ``target``. A click that lands while a rerun
    replaces the button starts no download: it is clicked once more, after the rerun.

    A click whose deferred download never comes (seen with two studios walking at once on
    two cores) leaves the button disabled for good: the page is reloaded before the
    second click, so that click is a fresh one."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        idle(page)
        button = page.get_by_role("button", name=label)
        if attempt and button.count() and button.first.is_disabled():
            page.reload()
            button.first.wait_for(timeout=timeout)
            idle(page)
        try:
            with page.expect_download(timeout=timeout) as download:
                button.click(timeout=timeout)
            download.value.save_as(target)
            return target
        except PlaywrightTimeout:
            if attempt:
                raise
    return target


def shot(page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/screenshots/<name>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def main_text(page) -> str:
    """The text of the page's main area (without the sidebar)."""
    return page.locator("[data-testid='stMain']").inner_text()


__all__ = [
    "CHROMIUM",
    "FIGURES_LINE",
    "ROOT",
    "SHOTS",
    "Studio",
    "chromium",
    "chromium_missing",
    "generate_formulation",
    "idle",
    "loopback_server",
    "main_text",
    "new_page",
    "open_page",
    "run_studio",
    "shot",
    "studio_env",
    "studio_factory",
    "toml_text",
]


# The result's figures line (optimizer.answer.figures_line): shown once the answer is complete.
FIGURES_LINE = re.compile(r"^Run \d+ · ")


def generate_formulation(
    page: Any, fields: tuple[tuple[str, str], ...] = (("Product type", "serum"), ("Category", "skincare"))
) -> None:
    """Open Formulation, fill ``fields`` (label, value), click Generate and wait for the
    result's figures line."""
    open_page(page, "Formulation")
    for label, value in fields:
        field = page.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Enter")
        idle(page)
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text(FIGURES_LINE).first.wait_for(timeout=120_000)
    idle(page)
