"""The compression levels (an enum with no dependencies: the CLI builds its options from it
without loading the engine)."""

from __future__ import annotations

from enum import StrEnum

from ..errors import parse_choice


class CompressionLevel(StrEnum):
    """The levels, from exact to most compact.

    ``lossless`` re-encodes JSON exactly; ``light``, ``medium`` and ``aggressive`` are
    rules (milliseconds); ``max`` is model-guided: the aggressive rules, then the
    embedded SmolLM2 drops the sentences and clauses it finds least informative and the
    words it could have guessed (about a second, needs the embedded model). No level changes a number, negation or ingredient name.
    """

    LOSSLESS = "lossless"
    LIGHT = "light"
    MEDIUM = "medium"
    AGGRESSIVE = "aggressive"
    MAX = "max"

    @classmethod
    def parse(cls, value: str | CompressionLevel) -> CompressionLevel:
        """The level named ``value``; InputError listing the levels otherwise."""
        return parse_choice(cls, value, "level")

    @property
    def label(self) -> str:
        """How the studio names the level."""
        return "max (model-guided)" if self is CompressionLevel.MAX else self.value

    @property
    def needs_model(self) -> bool:
        """Whether the level runs the embedded model (slow, one user at a time)."""
        return self is CompressionLevel.MAX


RULE_LEVELS = (CompressionLevel.LIGHT, CompressionLevel.MEDIUM, CompressionLevel.AGGRESSIVE)
