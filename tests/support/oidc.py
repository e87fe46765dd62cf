"""Shared fixtures of sign-in: a real local OpenID Connect provider (registered in
conftest.py through pytest_plugins).

``oidc_provider`` (session) runs ``python -m oidc_provider_mock`` (the ``oidc-provider-mock``
package, MIT) on a free loopback port, with client registration required (a wrong client
secret is refused, as a company's provider would) and the people of :data:`PEOPLE`
predefined with their claims (email, name, groups). :meth:`OIDCProvider.auth_section`
registers a client for one studio port and returns the ``[auth]`` section of its
secrets.toml. :func:`sign_in` walks the real redirect flow in a browser page.

Skipped, with the reason, when the package is not installed.
"""

from __future__ import annotations

import json
import secrets as random
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Who can sign in at the test provider: an analyst, an admin by group claim, an admin by
# email (listed in the studio's roles), and an analyst whose email is not verified.
ANALYST = {"sub": "ana", "email": "ana@example.com", "email_verified": True, "name": "Ana Analyst", "groups": ["rnd"]}
GROUP_ADMIN = {
    "sub": "ada",
    "email": "ada@example.com",
    "email_verified": True,
    "name": "Ada Admin",
    "groups": ["rnd", "optimizer-admins"],
}
EMAIL_ADMIN = {"sub": "lee", "email": "lee@example.com", "email_verified": True, "name": "Lee Lead", "groups": []}
PEOPLE = (ANALYST, GROUP_ADMIN, EMAIL_ADMIN)


def roles_section() -> dict[str, Any]:
    """The ``[roles]`` section matching :data:`PEOPLE`: Lee by email, Ada by group."""
    return {"admins": [EMAIL_ADMIN["email"]], "admin_groups": ["optimizer-admins"], "group_claim": "groups"}


@dataclass(frozen=True)
class OIDCProvider:
    """A running provider at ``url`` (its issuer)."""

    url: str
    log: Path

    @property
    def metadata_url(self) -> str:
        return self.url + "/.well-known/openid-configuration"

    def register(self, redirect_uri: str) -> tuple[str, str]:
        """Register a client (RFC 7591) for ``redirect_uri``: (client_id, client_secret)."""
        body = json.dumps({"redirect_uris": [redirect_uri]}).encode()
        request = urllib.request.Request(
            self.url + "/oauth2/clients", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            client = json.load(response)
        return client["client_id"], client["client_secret"]

    def auth_section(self, port: int, *, host: str = "127.0.0.1") -> dict[str, Any]:
        """The ``[auth]`` section of secrets.toml for a studio on ``port``, with a client
        registered for its callback and a fresh cookie secret."""
        redirect_uri = f"http://{host}:{port}/oauth2callback"
        client_id, client_secret = self.register(redirect_uri)
        return {
            "redirect_uri": redirect_uri,
            "cookie_secret": random.token_urlsafe(32),
            "client_id": client_id,
            "client_secret": client_secret,
            "server_metadata_url": self.metadata_url,
        }


def run_provider(workdir: Path, people=PEOPLE, *, timeout: float = 30.0):
    """Start the provider; a context manager yielding :class:`OIDCProvider`."""
    from contextlib import contextmanager

    from optimizer.cache.local_redis import free_port
    from optimizer.procs import running

    @contextmanager
    def _run() -> Iterator[OIDCProvider]:
        workdir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        log = workdir / f"oidc-{port}.log"
        command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--require-registration", "true"]
        for person in people:
            command += ["--user-claims", json.dumps(person)]
        url = f"http://127.0.0.1:{port}"
        health = url + "/.well-known/openid-configuration"
        with running(command, log, health_url=health, timeout=timeout, what="the OIDC provider", grace=10):
            yield OIDCProvider(url, log)

    return _run()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Iterator[OIDCProvider]:
    """The local OIDC provider for the whole session (see the module docstring)."""
    try:
        import oidc_provider_mock  # noqa: F401
    except ImportError:
        pytest.skip("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    with run_provider(tmp_path_factory.mktemp("oidc")) as provider:
        yield provider


def sign_in(page, studio_url: str, sub: str, *, timeout: float = 60_000) -> None:
    """Open the studio, click "Sign in", pick ``sub`` on the provider's form and come back
    signed in (waits for the signed-in caption in the sidebar)."""
    page.goto(studio_url)
    page.get_by_role("button", name="Sign in").first.click(timeout=timeout)
    page.wait_for_url("**/oauth2/authorize**", timeout=timeout)
    page.locator(f"button[name='sub'][value='{sub}']").click()
    page.wait_for_url(studio_url + "/**", timeout=timeout)
    page.get_by_text("Signed in as").first.wait_for(timeout=timeout)


__all__ = [
    "ANALYST",
    "EMAIL_ADMIN",
    "GROUP_ADMIN",
    "PEOPLE",
    "OIDCProvider",
    "oidc_provider",
    "roles_section",
    "run_provider",
    "sign_in",
]
