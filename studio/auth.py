"""Who is using the studio, and what they may do.

Two ways the studio runs:

* **No sign-in** (no ``[auth]`` section in secrets.toml): one person on their own
  machine, :data:`optimizer.auth.LOCAL_USER`, who is also the operator (every action).
* **A team** (``[auth]`` configured): every visitor signs in with the company's OpenID
  Connect provider through Streamlit's own :func:`st.login`; until then they see only the
  sign-in page. Their role comes from configuration (:class:`RolePolicy`): an admin by
  email or by a group claim, everyone else an analyst.

What each role may do is decided in one place, :func:`optimizer.auth.allowed`; the pages
call :func:`can` / :func:`require` before they act, not only before they draw a button.
The identity comes from Streamlit's signed cookie (``st.user``) on every run, never from
session state a browser could set.

>>> policy = RolePolicy(admins=frozenset({"lee@example.com"}), admin_groups=frozenset({"admins"}))
>>> principal_from_claims({"email": "Lee@Example.com", "email_verified": True, "name": "Lee"}, policy).role
<Role.ADMIN: 'admin'>
>>> principal_from_claims({"email": "ana@example.com", "groups": ["rnd"]}, policy).role
<Role.ANALYST: 'analyst'>
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from optimizer.auth import LOCAL_USER, Action, Principal, Role, allowed
from optimizer.errors import ConfigError, OptimizerError

from .render import safe_markdown, shown

ADMINS_ENV = "OPTIMIZER_ADMINS"  # comma-separated admin emails
ADMIN_GROUPS_ENV = "OPTIMIZER_ADMIN_GROUPS"  # comma-separated group names
GROUP_CLAIM_ENV = "OPTIMIZER_GROUP_CLAIM"  # the ID token claim that lists groups (default "groups")
ROLES_SECTION = "roles"


class NotAllowed(OptimizerError):
    """The signed-in person's role does not permit the action (the message says which)."""


def _names(value: Any) -> frozenset[str]:
    """A list, or a comma/space separated string, as a set of lower-case names."""
    if value is None:
        return frozenset()
    items: Iterable[Any] = value.replace(",", " ").split() if isinstance(value, str) else value
    return frozenset(str(v).strip().lower() for v in items if str(v).strip())


@dataclass(frozen=True)
class RolePolicy:
    """Who is an admin: a listed email (verified, when the provider says) or a member of
    a listed group (read from ``group_claim`` in the ID token). Everyone else who signs
    in is an analyst.

    :ivar admins: lower-case emails.
    :ivar admin_groups: lower-case group names.
    :ivar group_claim: the claim that lists a person's groups ("groups", "roles", ...).
    """

    admins: frozenset[str] = frozenset()
    admin_groups: frozenset[str] = frozenset()
    group_claim: str = "groups"

    @classmethod
    def from_config(cls, secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> RolePolicy:
        """The policy from secrets.toml's ``[roles]`` section (``admins``,
        ``admin_groups``, ``group_claim``), else the environment
        (:data:`ADMINS_ENV`, :data:`ADMIN_GROUPS_ENV`, :data:`GROUP_CLAIM_ENV`).

        :raises ConfigError: ``[roles]`` is not a table.
        """
        env = os.environ if env is None else env
        section = (secrets or {}).get(ROLES_SECTION) or {}
        if not isinstance(section, Mapping):
            raise ConfigError("secrets.toml: [roles] must be a table with admins, admin_groups and group_claim")

        def pick(key: str, env_name: str) -> Any:
            value = section.get(key)
            return value if value not in (None, "", []) else env.get(env_name)

        claim = str(pick("group_claim", GROUP_CLAIM_ENV) or "groups").strip() or "groups"
        return cls(_names(pick("admins", ADMINS_ENV)), _names(pick("admin_groups", ADMIN_GROUPS_ENV)), claim)

    def role_for(self, claims: Mapping[str, Any]) -> Role:
        """The role of the person these ID-token claims describe."""
        email = trusted_email(claims)
        if email and email in self.admins:
            return Role.ADMIN
        if self.admin_groups & _names(claims.get(self.group_claim)):
            return Role.ADMIN
        return Role.ANALYST


def trusted_email(claims: Mapping[str, Any]) -> str:
    """The claims' email in lower case, or "" when there is none or the identity provider
    marks it unverified (``email_verified`` false, as a boolean or the string some
    providers send): an unverified email proves nothing, anyone can type one."""
    email = str(claims.get("email") or "").strip().lower()
    verified = claims.get("email_verified")
    if verified is False or (isinstance(verified, str) and verified.strip().lower() == "false"):
        return ""
    return email


def principal_from_claims(claims: Mapping[str, Any], policy: RolePolicy) -> Principal:
    """The :class:`Principal` for a signed-in person: ``user`` is the email (lower case),
    else the preferred user name, else the subject; the ledger records it.

    An email the provider marks unverified is not used: the person is then
    ``sub:<subject>@<issuer>`` (the subject is the provider's own, unforgeable name), so
    registering someone else's address unverified does not open their runs.

    :raises NotAllowed: the claims name nobody (no email, user name or subject).

    >>> principal_from_claims({"sub": "7f3a", "email": "ana@example.com", "email_verified": False,
    ...                        "iss": "https://id.example.com"}, RolePolicy()).user
    'sub:7f3a@https://id.example.com'
    """
    email = trusted_email(claims)
    subject = str(claims.get("sub") or "").strip()
    if not email and claims.get("email"):
        # Never the address itself: a name no verified email can be ("sub:...", "unverified:...").
        unverified = str(claims.get("email")).strip()
        user = (
            f"sub:{subject}@{str(claims.get('iss') or '').strip()}" if subject else f"unverified:{unverified}"
        ).lower()
    else:
        user = str(email or claims.get("preferred_username") or subject).strip().lower()
    if not user:
        raise NotAllowed("your sign-in did not say who you are (no email or subject): ask the operator")
    name = str(claims.get("name") or claims.get("preferred_username") or user)
    return Principal(user, policy.role_for(claims), "oidc", name)


# -- Streamlit side ------------------------------------------------------------------------


def secrets() -> dict[str, Any]:
    """secrets.toml as a dict ({} when there is none)."""
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        return {}


def sign_in_configured(values: Mapping[str, Any] | None = None) -> bool:
    """True when secrets.toml has an ``[auth]`` section: the studio is a team's, and
    everyone signs in."""
    section = (secrets() if values is None else values).get("auth")
    return isinstance(section, Mapping) and bool(section)


def providers(values: Mapping[str, Any] | None = None) -> list[str]:
    """The identity providers configured in ``[auth]``: ``["default"]`` when the section
    itself names a client, else its named sub-sections (``[auth.company]``)."""
    section = (secrets() if values is None else values).get("auth") or {}
    if "client_id" in section:
        return ["default"]
    return [name for name, value in section.items() if isinstance(value, Mapping)]


def current() -> Principal | None:
    """Who is using this session: :data:`LOCAL_USER` without sign-in; the signed-in
    person with sign-in; ``None`` when sign-in is configured and nobody signed in."""
    values = secrets()
    if not sign_in_configured(values):
        return LOCAL_USER
    if not st.user.is_logged_in:
        return None
    return principal_from_claims(st.user.to_dict(), RolePolicy.from_config(values))


def principal() -> Principal:
    """The current principal; raises :class:`NotAllowed` when nobody is signed in (the
    gate in app.py never lets a page run then)."""
    who = current()
    if who is None:
        raise NotAllowed("sign in first")
    return who


def can(action: Action, who: Principal | None = None) -> bool:
    """Whether the current person (or ``who``) may do ``action``."""
    who = who or current()
    return who is not None and allowed(who, action)


_WHAT = {
    Action.GENERATE: "generate",
    Action.SEE_ALL_RUNS: "see everyone's runs",
    Action.INVALIDATE_CACHE: "invalidate cache entries",
    Action.CLEAR_CACHE: "clear the cache",
    Action.CHANGE_TEAM_SETTINGS: "change the team's settings",
}


def require(action: Action, who: Principal | None = None) -> Principal:
    """The current principal if it may do ``action``.

    :raises NotAllowed: it may not (one sentence naming the action and who can).
    """
    who = who or principal()
    if not allowed(who, action):
        raise NotAllowed(f"only an admin may {_WHAT.get(action, action.value)}; you are signed in as an {who.role}")
    return who


def run_filter(who: Principal | None = None) -> dict[str, str]:
    """Ledger filters for the runs ``who`` may see: their own (``{"user": ...}``) unless
    they may see everyone's (``{}``). Pages pass it to ``Ledger.runs/iter_runs/to_csv``."""
    who = who or principal()
    return {} if allowed(who, Action.SEE_ALL_RUNS) else {"user": who.user}


def _sign_in_page() -> None:
    st.title("Optimizer Studio")
    st.write("This studio is shared by a team. Sign in with your company account to use it.")
    names = providers()
    for name in names:
        label = "Sign in" if len(names) == 1 else f"Sign in with {name}"
        if st.button(label, type="primary", key=f"sign_in_{name}"):
            st.login() if name == "default" else st.login(name)
    st.caption(
        "Your role (analyst or admin) comes from the team's configuration. Your own API key, "
        "if you enter one, stays in your browser session."
    )


def gate() -> Principal:
    """The principal of this run, or the sign-in page (and nothing else) followed by
    ``st.stop()`` when sign-in is configured and nobody is signed in."""
    try:
        who = current()
    except NotAllowed as exc:
        st.error(shown(f"{exc}."))
        st.button("Sign out", on_click=st.logout)
        st.stop()
    if who is None:
        st.navigation([st.Page(_sign_in_page, title="Sign in", default=True)], position="hidden").run()
        st.stop()
    return who


def sidebar_identity(who: Principal) -> None:
    """Who is signed in, their role, and a Sign out button (in the sidebar)."""
    if who.source != "oidc":
        st.caption(":material/person: Single-user local studio: no sign-in configured.")
        return
    st.caption(f":material/person: Signed in as **{safe_markdown(who.name)}** ({safe_markdown(who.user)}) · {who.role}")
    st.button("Sign out", key="sign_out", on_click=st.logout)
