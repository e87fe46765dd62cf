"""Shared fixtures. Every test runs against a temporary data directory: nothing a test
writes (tiktoken cache copy, price overrides, caches) touches a real user's folder."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# One module of fixtures per area, so that each area's fixtures have one home. They import
# the core in their fixtures and helpers, not at their top: the xdist controller loads them
# too (before it starts the workers) and runs none of them.
pytest_plugins = [
    "support.postgres",  # a real PostgreSQL server started by the tests
    "support.redis_servers",  # real redis-server variants: killed, full, password, ACL
    "support.oidc",  # a real local OIDC provider for sign-in tests
    "support.endpoints",  # misbehaving OpenAI-compatible endpoints on loopback
    "support.gateway",  # `python -m optimizer serve` processes
    "support.studio",  # `streamlit run app.py` processes and the browser
    "support.faults",  # the fault-injection harness: read-only / full folders, one-line error checks
    "support.cli",  # the CLI in this process (`cli`), beside conftest's subprocess `run_cli`
    "support.suite",  # the adversarial suite's halves, run once per module that checks them
    "support.once",  # work a library repeats per object, made once per session (suite speed)
    "support.guard",  # the semantic guard: `same` forms and the `served` end-to-end fixture
]
TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

# Set before the core is imported anywhere, so even import-time paths are temporary.
_SESSION_DATA = tempfile.mkdtemp(prefix="optimizer-test-data-")
os.environ["OPTIMIZER_DATA_DIR"] = _SESSION_DATA
os.environ.pop("OPTIMIZER_PRICES", None)
# prometheus_client reads this once, at import: set in a shell, it would make every gateway
# app of a test share one count (serve --workers sets it for its own workers only).
os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data directory for one test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run ``python -m optimizer`` in a subprocess with a private data dir."""
    import subprocess

    def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
        full_env = {
            **os.environ,
            "OPTIMIZER_DATA_DIR": str(tmp_path / "cli-data"),
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "optimizer", *args],
            input=stdin,
            capture_output=True,
            env=full_env,
            cwd=ROOT,
            timeout=300,
        )

    return run


# Which real part a test starts, read from the fixtures it uses, so that the marks cannot
# drift from what a test does: `-m "not model and not browser and not server ..."` is the
# fast part (no process of its own started; see the README's test commands).
_MARKS_BY_FIXTURE = {
    "redis": {
        "redis_url",
        "clean_redis",
        "redis_factory",
        "redis_password",
        "redis_full",
        "redis_acl",
        "redis_replica",
    },
    "postgres": {"postgres_server", "postgres_url"},
    "oidc": {"oidc_provider", "team_studio"},
    "browser": {"chromium", "studio", "team_studio"},
    "server": {
        "studio_factory",
        "studio",
        "team_studio",
        "shared_gateway",
        "fake_upstream",
        "gateway_env",
        "llama_server",
        "run_cli",
        "stats_cli",
    },
    "model": {"llama_server"},
}
_MARKS_BY_PARAM = {("backend_name", "redis"): "redis", ("ledger_target", "postgres"): "postgres"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        marks = {mark for mark, fixtures in _MARKS_BY_FIXTURE.items() if names & fixtures}
        marks |= {mark for (name, value), mark in _MARKS_BY_PARAM.items() if params.get(name) == value}
        if marks & {"redis", "postgres", "oidc", "browser"}:
            marks.add("server")
        for mark in sorted(marks - {m.name for m in item.iter_markers()}):
            item.add_marker(mark)


# What one worker runs as a whole under ``--dist loadfile`` (scripts/test.sh): each test file,
# so that a module's studio or gateway starts once, except the browser files, which go in
# two groups of about equal length. So at most two files drive a Chromium, a studio and
# its model at once, whatever the number of workers, and a third worker takes the other
# files meanwhile (three walks at once starved each other's studios). xdist's own
# ``loadgroup`` cannot do this here: it renames items through an attribute that pytest 9
# no longer reads. The scheduler sees test ids only (workers collect, not it): a new
# browser file is listed here, or named test_browser_*.py (then it joins "browser-b").
_BROWSER_GROUPS = {
    "test_browser_studio.py": "browser-a",
    "test_team_stack.py": "browser-a",
    "test_browser_dark.py": "browser-b",
    "test_browser_render.py": "browser-b",
    "test_browser_team.py": "browser-b",
}
# The files that import Streamlit (AppTest, studio/) or the official ``openai`` client in
# the test process, 0.6 s each to import, run on one worker as one unit: the other
# worker(s) never import them (the test modules import them on use: tests/support/once.py),
# and Streamlit's first page runs are paid once. A new such file is listed here (else it
# runs alone, only slower).
_IN_PROCESS_CLIENTS = dict.fromkeys(
    (
        "test_studio_auth.py",
        "test_app.py",
        "test_generation_view.py",
        "test_studio_lab_trust.py",
        "test_studio_trust.py",
        "test_studio_config.py",
        "test_endpoints_faults.py",
        "test_providers.py",
        "test_generate.py",
        "test_gateway_cancel.py",
        "test_gateway_cancel_queued.py",
        "test_gateway_streams.py",
        "test_gateway_trust.py",
        "test_redact.py",
        "test_server_api.py",
        "test_server_upstream.py",
    ),
    "streamlit-openai",
)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: unknown when run without it
def pytest_xdist_make_scheduler(config, log):
    """Files (and the groups above) as xdist's units of work, handed out in collection
    order (see ``_longest_first``)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            name = path.rsplit("/", 1)[-1]
            if name in _IN_PROCESS_CLIENTS:
                return _IN_PROCESS_CLIENTS[name]
            return _BROWSER_GROUPS.get(name, "browser-b" if name.startswith("test_browser_") else path)

    return FileGroupScheduling(config, log)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_order(items):
    """After ``-m`` has deselected (so the fast part is ordered by its own files' costs)."""
    _longest_first(items)


# Whole files (or browser groups, above) go to the workers in collection order
# (scripts/test.sh: --dist loadfile), so a long file collected last would run alone at the end: files of browser tests first,
# then those of slow ones, then those starting servers or the model, then the rest. Each
# file stays whole and in its own order.
_FIRST = ("browser", "slow", "model", "server")
# Among the rest (the fast part), the files that took longest (CPU and waits, measured with
# both workers busy), longest first: the last file handed out sets when the run ends.
_LONG_FAST = (
    "test_studio_auth.py",
    "test_app.py",
    "test_tokens.py",
    "test_endpoints_faults.py",
    "test_ledger_migrations.py",
    "test_providers.py",
    "test_lossless.py",
    "test_faults_limits.py",
    "test_studio_render.py",
    "test_cache_guard.py",
    "test_generate.py",
    "test_cache_faults.py",
)


def _longest_first(items) -> None:
    rank: dict[str, int] = {}
    for item in items:
        names = {m.name for m in item.iter_markers()}
        here = next((i for i, mark in enumerate(_FIRST) if mark in names), len(_FIRST))
        path = item.nodeid.split("::")[0]
        rank[path] = min(here, rank.get(path, len(_FIRST)))

    def key(item):
        path = item.nodeid.split("::")[0]
        name = path.rsplit("/", 1)[-1]
        return rank[path], _LONG_FAST.index(name) if name in _LONG_FAST else len(_LONG_FAST)

    items.sort(key=key)


def pytest_sessionfinish(session, exitstatus):
    import shutil

    shutil.rmtree(_SESSION_DATA, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free loopback port for the whole session."""
    from optimizer.cache.local_redis import redis_server, redis_server_binary

    if redis_server_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture
def clean_redis(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield redis_url
    client.flushdb()
    client.close()


@pytest.fixture(params=["disk", "redis"])
def backend_name(request):
    return request.param


@pytest.fixture
def make_service(backend_name, tmp_path, request):
    """CacheService factory on the parametrized backend; closes what it made."""
    from optimizer.cache import CachePolicy, CacheService, DiskBackend, RedisBackend, Strategy

    made = []
    url = request.getfixturevalue("clean_redis") if backend_name == "redis" else None

    def make(strategy=Strategy.BALANCED, **policy_args):
        backend = DiskBackend(tmp_path / "cache") if backend_name == "disk" else RedisBackend(url)
        service = CacheService(backend, CachePolicy(strategy, **policy_args))
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


@contextmanager
def http_server(
    command: list[str],
    health_url: str,
    log: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
):
    """Start a server process, wait until ``health_url`` answers, stop it afterwards."""
    from optimizer.procs import running

    with running(command, log, health_url=health_url, env=env, cwd=cwd, timeout=timeout, what=command[2]) as proc:
        yield proc


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory):
    """llama-cpp-python's own OpenAI-compatible server serving SmolLM2 on a free port."""
    from optimizer.cache.local_redis import free_port
    from optimizer.providers.model_file import runtime_model_path

    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(runtime_model_path()),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "1024",
        "--verbose",
        "false",
    ]
    with http_server(command, url + "/models", tmp_path_factory.mktemp("llama-server") / "server.log"):
        yield url


# Whether the running test is marked ``model``: set before each test's fixtures, read by
# the session's guard below (one patch per session instead of a monkeypatch per test).
_MODEL_ALLOWED = [False]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _MODEL_ALLOWED[0] = item.get_closest_marker("model") is not None


@pytest.fixture(scope="session", autouse=True)
def _model_only_when_marked():
    """A test that loads the embedded model must say so (``@pytest.mark.model``): the fast
    part of the suite deselects those, and a test that loads it unmarked fails here."""
    from optimizer.providers import local

    original = local.load_model

    def guarded(*args, **kwargs):
        if not _MODEL_ALLOWED[0]:
            pytest.fail("this test loads the embedded model: mark it @pytest.mark.model", pytrace=False)
        return original(*args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(local, "load_model", guarded)
    yield
    patch.undo()
