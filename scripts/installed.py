"""Exit 0 when every pin of a requirements file (and the files it includes with ``-r``) is
installed at a version it allows, extras' dependencies included; 1 otherwise.

scripts/setup-venv.sh runs it before pip: ``pip install -r`` spends about 2 s resolving
even when there is nothing to do, which was a tenth of the fast test part's time. Any line
it cannot read sends the decision to pip (exit 1).

    python scripts/installed.py requirements-dev.txt && echo "nothing to install"
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement


def _lines(path: Path):
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            yield from _lines(path.parent / line[3:].strip())
            continue
        yield line.split(" --", 1)[0].strip()  # pip options after the requirement


def _satisfied(requirement: Requirement, extras: frozenset[str] = frozenset()) -> bool:
    if requirement.marker is not None and not any(
        requirement.marker.evaluate({"extra": extra}) for extra in (extras or {""})
    ):
        return True  # not meant for this platform or these extras
    try:
        version = metadata.version(requirement.name)
    except metadata.PackageNotFoundError:
        return False
    if not requirement.specifier.contains(version, prereleases=True):
        return False
    for extra in requirement.extras:
        for dependency in metadata.requires(requirement.name) or []:
            needed = Requirement(dependency)
            wanted = needed.marker is not None and needed.marker.evaluate({"extra": extra})
            if wanted and not _satisfied(Requirement(f"{needed.name}{needed.specifier}")):
                return False
    return True


def main(argv: list[str]) -> int:
    try:
        return 0 if all(_satisfied(Requirement(line)) for line in _lines(Path(argv[1]))) else 1
    except (OSError, InvalidRequirement, IndexError):
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
