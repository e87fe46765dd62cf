"""The semantic guard, checked the way the index and the service see requests: ``same``
(one canonical form) and the ``served`` fixture (put one side, get the other, end to end)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest


def same(a: str, b: str, *, generator: str = "formulation") -> bool:
    """Whether two free texts get one canonical form (one index bucket)."""
    from optimizer.cache.canon import canonical_text

    return canonical_text(a, generator=generator) == canonical_text(b, generator=generator)


@pytest.fixture
def served(tmp_path: Path) -> Iterator:
    """``served(generator, a, b, strategy="balanced")``: whether ``b`` gets ``a``'s stored
    answer; a side is free text or a suite side (``{"query", "context"}``)."""
    # Imported here: this module is a plugin of every session, the suite's bench is not.
    from optimizer.bench.semantic import suite_request
    from optimizer.cache import CacheService, DiskBackend
    from optimizer.cache.policy import CachePolicy, Strategy

    services: list[CacheService] = []

    def side(value: str | Mapping[str, Any]) -> Mapping[str, Any]:
        return {"query": value} if isinstance(value, str) else value

    def check(generator: str, a: Any, b: Any, strategy: str = "balanced") -> bool:
        service = CacheService(DiskBackend(tmp_path / f"s{len(services)}"), CachePolicy(Strategy(strategy)))
        services.append(service)
        service.put(suite_request("guard", generator, side(a)), {"answer_for": "a"})
        hit = service.get(suite_request("guard", generator, side(b)))
        return hit is not None and hit.payload == {"answer_for": "a"}

    yield check
    for service in services:
        service.close()
