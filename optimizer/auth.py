"""Who is asking and what they may do: one home for the studio's and the gateway's rules.

A :class:`Principal` is a signed-in person (the studio, through OIDC), an API key's owner
(the gateway), or the single local user when no sign-in is configured. Roles are
configured by the operator; :func:`allowed` is the only place that says which role may do
what.

>>> allowed(Principal("ana@example.com", Role.ANALYST), Action.CLEAR_CACHE)
False
>>> allowed(LOCAL_USER, Action.CLEAR_CACHE)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Role(StrEnum):
    """What a principal is allowed to do (see :data:`PERMISSIONS`)."""

    ANALYST = "analyst"
    ADMIN = "admin"

    def __str__(self) -> str:
        return self.value


class Action(StrEnum):
    """Everything a role check guards."""

    GENERATE = "generate"  # run a generation (studio page, gateway completion)
    SEE_OWN_RUNS = "see_own_runs"  # their own rows on Stats/History, and export them
    SEE_TEAM_TOTALS = "see_team_totals"  # aggregate figures of the whole team
    SEE_ALL_RUNS = "see_all_runs"  # everyone's rows, filter by person
    READ_CACHE = "read_cache"  # cache statistics, keys
    INVALIDATE_CACHE = "invalidate_cache"  # delete entries by pattern
    CLEAR_CACHE = "clear_cache"  # delete every entry
    CHANGE_TEAM_SETTINGS = "change_team_settings"  # cache backend, strategy, endpoint policy


PERMISSIONS: Mapping[Role, frozenset[Action]] = MappingProxyType(
    {
        Role.ANALYST: frozenset({Action.GENERATE, Action.SEE_OWN_RUNS, Action.SEE_TEAM_TOTALS, Action.READ_CACHE}),
        Role.ADMIN: frozenset(Action),
    }
)


@dataclass(frozen=True)
class Principal:
    """Someone making a request: ``user`` is what the ledger records (an email, a key's name)."""

    user: str
    role: Role
    source: str = "local"  # "local" (no sign-in configured), "oidc" or "api-key"
    name: str = ""  # a display name, when the identity provider gives one

    @property
    def is_admin(self) -> bool:
        """Whether this principal has the admin role (may clear caches, manage keys, read every user's runs)."""
        return self.role is Role.ADMIN


# No sign-in configured: one person on their own machine, who is also the operator.
LOCAL_USER = Principal("local", Role.ADMIN, "local", "you (no sign-in configured)")


def allowed(principal: Principal, action: Action) -> bool:
    """True when ``principal``'s role permits ``action``.

    >>> allowed(Principal("k1", Role.ANALYST, "api-key"), Action.GENERATE)
    True
    """
    return action in PERMISSIONS[principal.role]


def visible_runs(principal: Principal, filters: Mapping[str, Any]) -> dict[str, Any]:
    """``filters`` narrowed to the runs ``principal`` may look into.

    Who may see everyone's runs (admins) keeps the filters as given. Anyone else sees the
    team's totals only unfiltered: as soon as a filter is set (a text search, a generator,
    a time window...), the figures are of their own runs, because a count over other
    people's runs under a chosen filter reads them ("search=Zanzibar" -> 1 run, "Zanzibaz"
    -> 0 spells out someone else's request).

    :raises ValueError: never; another user's name as ``user`` is the caller's to refuse
        (``Action.SEE_ALL_RUNS``) before this is called.

    >>> visible_runs(Principal("ana", Role.ANALYST), {"search": "serum"})
    {'search': 'serum', 'user': 'ana'}
    >>> visible_runs(Principal("ana", Role.ANALYST), {})
    {}
    """
    chosen = {k: v for k, v in filters.items() if v}
    if allowed(principal, Action.SEE_ALL_RUNS) or not chosen:
        return chosen
    return {**chosen, "user": principal.user}
