"""Work that a library repeats for every new object although its answer cannot change
while the tests run, made once per test session, and library waits that poll where they
could wait for the event (registered in conftest.py through pytest_plugins). They make
the suite faster and change no answer: the fixtures are autouse, the Streamlit patches are
applied with the first ``app_test``.

* ``app_test``: ``AppTest.from_file``, with Streamlit imported on first use. Importing it
  costs 0.6 s, and every xdist worker imports every test module while collecting: a test
  module that imported it at its top (or a session fixture that did) made both workers
  pay, although only one runs the Streamlit files. The three patches below are applied
  by the first ``app_test`` (or after collection, if a test module imported it anyway).
* ``_one_component_scan``: every new ``AppTest`` scans the metadata of every installed
  package for Streamlit v2 components (0.2-0.5 s each; the fast part makes dozens). The
  installed packages do not change during a session, so the first scan's answer is reused.
* ``_one_compile_per_script``: every ``AppTest`` run compiles app.py and the page it
  draws again (parse, Streamlit's "magic" rewrite, compile) in a fresh ``ScriptCache``;
  the compiled code is kept per (path, modification time, size), so a script rewritten
  on disk is compiled again.
* ``_one_ssl_context``: every ``httpx2`` transport builds a default TLS context and loads
  the system's CA bundle into it (30-60 ms each; every provider, every studio rerun and
  every gateway client makes one). The same default context is reused, per ``trust_env``
  value; nothing in the project loads a client certificate into it (which would change it).
  The product could do the same (one context passed as ``verify=`` in
  ``optimizer.providers.http``); until then, the tests do not pay for it thousands of times.
* ``_quick_server_stop``: Werkzeug's test servers (pytest-httpserver's) look for a stop
  request every 0.5 s, so every ``stop()`` waited up to half a second; they look every
  0.05 s here. What they serve is unchanged.
* ``_joined_script_runs``: ``AppTest.run`` waits for its script by polling from the test's
  thread every millisecond, so the script's thread gives up the GIL up to a thousand times
  a second (0.5-0.8 s of the AppTest files' CPU). Each run has a thread of its own that
  ends once the script stopped; it is joined instead, with the same timeout and error.
* ``pytest_collection_finish``: once the tests are collected, every object alive then
  (the imported libraries, tokenizer tables, lexicons) is moved out of the garbage
  collector's sight (``gc.freeze``) and young objects are collected less often: the full
  collections that rescanned them cost a fast-part worker 1-2 s. Nothing a test makes is
  kept longer than a collection later. Streamlit, imported later by the first ``app_test``,
  is frozen then.
* ``_worker_exit``: an xdist worker that has reported its last test and run every exit
  handler leaves at once, skipping the interpreter's teardown of every module it imported
  (1-2 s per worker, which the main process waited for before printing its summary).
  Outside xdist workers nothing changes.
"""

from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest


def _worker_exit() -> None:
    """The last exit handler of an xdist worker (registered before the tests import the
    libraries whose handlers run first): flush, then leave without the module teardown."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    atexit.register(_worker_exit)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection left alive; collect the young generation every 10,000
    allocations instead of 700 (see above). A test module that imported Streamlit's
    ``AppTest`` itself gets the Streamlit patches now."""
    if "streamlit.testing.v1" in sys.modules:
        _streamlit_once()
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


@pytest.fixture(scope="session", autouse=True)
def _one_ssl_context() -> Iterator[None]:
    """``httpcore2.default_ssl_context`` built once per ``_trust_env`` value per session."""
    try:
        import httpcore2
    except ImportError:
        yield
        return
    original = httpcore2.default_ssl_context
    once = functools.cache(lambda trust_env: original(_trust_env=trust_env))
    patch = pytest.MonkeyPatch()
    patch.setattr(httpcore2, "default_ssl_context", lambda *, _trust_env=True: once(_trust_env))
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _quick_server_stop() -> Iterator[None]:
    """Werkzeug servers started in this session stop within 0.05 s (see above)."""
    try:
        from werkzeug.serving import BaseWSGIServer
    except ImportError:
        yield
        return
    original = BaseWSGIServer.serve_forever

    def serve_forever(self, poll_interval: float = 0.05) -> None:
        original(self, poll_interval=min(poll_interval, 0.05))

    patch = pytest.MonkeyPatch()
    patch.setattr(BaseWSGIServer, "serve_forever", serve_forever)
    yield
    patch.undo()


def app_test(script: str, **kwargs: Any) -> AppTest:
    """``AppTest.from_file(script, **kwargs)``, importing Streamlit on first use (see above).

    :param script: the path of the script (``app.py``).
    :param kwargs: passed on, e.g. ``default_timeout=120``.
    :returns: a new, not yet run, ``AppTest``.
    """
    from streamlit.testing.v1 import AppTest

    _streamlit_once()
    return AppTest.from_file(script, **kwargs)


def app_test_class() -> type[AppTest]:
    """Streamlit's ``AppTest`` class (for ``AppTest.from_function``), imported and patched
    on first use, as :func:`app_test` does."""
    from streamlit.testing.v1 import AppTest

    _streamlit_once()
    return AppTest


# Applied once per process and kept to its end: they change how fast AppTest runs, not what
# it draws (see above).
_STREAMLIT_PATCH = pytest.MonkeyPatch()


@functools.cache
def _streamlit_once() -> None:
    """The three Streamlit patches of this module, applied once."""
    _one_component_scan(_STREAMLIT_PATCH)
    _one_compile_per_script(_STREAMLIT_PATCH)
    _joined_script_runs(_STREAMLIT_PATCH)
    gc.freeze()  # Streamlit, imported after collection: out of the full collections' sight too


def _one_component_scan(patch: pytest.MonkeyPatch) -> None:
    """Streamlit's scan for installed v2 components, made once per session."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # another Streamlit: nothing to share
        return
    original = manifest_scanner.scan_component_manifests
    once = functools.cache(lambda: tuple(original()))
    patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(once()))


def _one_compile_per_script(patch: pytest.MonkeyPatch) -> None:
    """AppTest runs share compiled scripts (see above)."""
    try:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import app_test
    except ImportError:
        return
    compiled: dict[tuple[str, int, int], object] = {}

    class SharedScriptCache(ScriptCache):
        def get_bytecode(self, script_path: str):
            stat = os.stat(script_path)
            key = (script_path, stat.st_mtime_ns, stat.st_size)
            if key not in compiled:
                compiled[key] = super().get_bytecode(script_path)
            return compiled[key]

    patch.setattr(app_test, "ScriptCache", SharedScriptCache)


def _joined_script_runs(patch: pytest.MonkeyPatch) -> None:
    """AppTest waits for its script run by joining the script's thread (see above)."""
    try:
        from streamlit.testing.v1 import local_script_runner
    except ImportError:
        return

    def require_widgets_deltas(runner, timeout: float = 3) -> None:
        thread = getattr(runner, "_script_thread", None)
        if thread is not None:
            thread.join(timeout)
        if runner.script_stopped():
            return
        # Not stopped in time: what Streamlit's own wait does then.
        runner.request_stop()
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    patch.setattr(local_script_runner, "require_widgets_deltas", require_widgets_deltas)
