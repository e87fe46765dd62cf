"""Exit 0 when every pin of a requirements file (and the files it includes with ``-r``) is
installed at a version it allows, and so is every dependency they bring, all the way down
(extras included); 1 otherwise.

scripts/setup-venv.sh runs it before pip: ``pip install -r`` spends about 2 s resolving
even when there is nothing to do, which was a tenth of the fast test part's time. Any line
it cannot read sends the decision to pip (exit 1).

    python scripts/installed.py requirements-dev.txt && echo "nothing to install"
"""

from __future__ import annotations

import functools
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name


def _lines(path: Path):
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            yield from _lines(path.parent / line[3:].strip())
            continue
        yield line.split(" --", 1)[0].strip()  # pip options after the requirement


def _applies(requirement: Requirement, extras: frozenset[str]) -> bool:
    """Whether a requirement is meant for this platform and these extras."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in (extras or {""}))


@functools.cache
def _installed(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The installed version of ``name`` and the requirements it declares, or None.

    Its METADATA is parsed once (``metadata.version`` and ``metadata.requires`` parse it
    again on every call: two thirds of this script's time).
    """
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    meta = dist.metadata
    requires = meta.get_all("Requires-Dist")
    if requires is None and dist.read_text("requires.txt") is not None:  # an egg-info's
        requires = dist.requires
    return meta["Version"], tuple(requires or ())


def _satisfied(requirement: Requirement, seen: set[tuple[str, frozenset[str]]]) -> bool:
    """Whether ``requirement`` is installed at an allowed version, and so is every
    dependency it brings (its extras' included), all the way down."""
    name = canonicalize_name(requirement.name)
    installed = _installed(name)
    if installed is None:
        return False
    version, requires = installed
    if not requirement.specifier.contains(version, prereleases=True):
        return False
    key = (name, frozenset(requirement.extras))
    if key in seen:
        return True
    seen.add(key)
    for line in requires:
        dependency = Requirement(line)
        if _applies(dependency, frozenset(requirement.extras)):
            dependency.marker = None
            if not _satisfied(dependency, seen):
                return False
    return True


def main(argv: list[str]) -> int:
    try:
        seen: set[tuple[str, frozenset[str]]] = set()
        wanted = [Requirement(line) for line in _lines(Path(argv[1]))]
        return 0 if all(_satisfied(r, seen) for r in wanted if _applies(r, frozenset())) else 1
    except (OSError, InvalidRequirement, IndexError):
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
