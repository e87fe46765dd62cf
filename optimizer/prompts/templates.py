"""One template per generator: its context fields, the naive prompt a user would type,
and the optimized prompt with output steering (compact, parseable answers).

Each template has two output formats: ``json_format`` with its JSON ``schema`` (rows as
short arrays, to keep output tokens low), used when the provider can constrain its output
to the schema (llama.cpp's grammar, an endpoint's ``response_format``), and the older
``output_format`` (``a | b | c`` lines) for endpoints that refuse structured output.
:func:`optimizer.parsing.parse_answer` reads both.

The schemas (t3) are written so that a 135M-parameter model constrained by them always
writes a table: every text cell is a bounded number of bounded words (the string always
closes), a column's own name cannot be its first word, closed columns are choices
(formulation's function, a study's design), and numbers are bounded (a percentage is
0..100). The embedded model also writes no more rows than fit its token cap
(:func:`optimizer.providers.grammar.fit_rows`).

Bump a template's ``version`` when its wording or output format changes: the cache key
includes it, so old answers in the old format retire by themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


def _text(pattern: str, max_length: int) -> dict[str, Any]:
    """A string cell closed by a word-level ``pattern``; ``maxLength`` says its size to
    endpoints and to :func:`fit_rows` (llama.cpp's converter reads the pattern and ignores
    ``maxLength`` beside it: a grammar for ``maxLength`` alone samples about 30x slower)."""
    return {"type": "string", "pattern": pattern, "maxLength": max_length}


def _number(minimum: float, maximum: float) -> dict[str, Any]:
    """A number cell within ``[minimum, maximum]`` (the embedded model's grammar enforces it)."""
    return {"type": "number", "minimum": minimum, "maximum": maximum}


def _choice(*values: str) -> dict[str, Any]:
    """A closed column: one of ``values``."""
    return {"type": "string", "enum": list(values)}


_LOWER = "abcdefghijklmnopqrstuvwxyz"


def _char_class(chars: str) -> str:
    """``"abcxyz"`` → ``"[a-cx-z]"``: a regex class of ``chars`` in runs."""
    codes = sorted({ord(c) for c in chars})
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs) + "]"


def capitalized_except(excluded: tuple[str, ...], *, longest: int = 15, capital: bool = True) -> str:
    """A regex (no anchors) for one capitalized word of 2..``longest`` letters, ``[A-Z][a-z]+``,
    that is none of ``excluded`` (an entry ending in ``*`` excludes every word it starts):
    a grammar cannot say "not", so the words that share a prefix with an excluded one are
    spelled out letter by letter. ``capital=False``: a lowercase word, ``[a-z]+``.

    >>> import re
    >>> word = capitalized_except(("Name", "Total*"))
    >>> [bool(re.fullmatch(word, w)) for w in ("Name", "Names", "Nam", "Total", "Totalcost", "Tota", "Douceur", "N")]
    [False, True, True, False, False, True, True, False]
    """
    trie: dict[str, Any] = {}
    for word in excluded:
        node = trie
        for ch in word.rstrip("*"):
            node = node.setdefault(ch, {})
        node["*" if word.endswith("*") else ""] = {}

    def branch(node: dict[str, Any], depth: int) -> str | None:
        """The regex of what may follow this prefix ("" for: it ends here), None for nothing."""
        if "*" in node:
            return None
        universe = _LOWER if depth or not capital else _LOWER.upper()
        others = "".join(c for c in universe if c not in node)
        left = longest - depth - 1  # letters still allowed after this one
        parts = []
        low = 1 if depth == 0 else 0  # two letters at least in all
        if others and left >= max(low, 0):
            parts.append(_char_class(others) + (f"[a-z]{{{low},{left}}}" if left else ""))
        for ch, child in sorted(node.items()):
            rest = branch(child, depth + 1) if ch and left >= 0 else None
            if rest is not None:
                parts.append(ch + rest)
        can_end = depth >= 2 and "" not in node
        if not parts:
            return "" if can_end else None
        body = "|".join(parts)
        return f"({body})?" if can_end else f"({body})"

    return branch(trie, 0) or ""


def _words(first: str, rest: str, most: int, *, least: int = 0, end: str = "") -> str:
    """An anchored pattern: ``first``, then ``least``..``most`` words of ``rest`` after a space,
    then ``end``; every word is bounded, so the string always closes."""
    return f"^{first}( {rest}){{{least},{most}}}{end}$"


# Cells a weak model can always finish: words, not characters, are counted and each word
# is 15 letters at most (a pattern with {m,n} words closes the string: "vegan, vegan…" or
# "ireroireire…" to the token cap cannot happen); a first capital letter and no column name
# as the first word (the header is not written as data); no quotes.
_INCI = _text(
    _words(
        capitalized_except(("Ingredient*", "Inci*", "Name", "Names", "Row*", "Formula*", "Function*", "Percent*")),
        "[A-Z][A-Za-z0-9/-]{1,15}",
        3,
    ),
    40,
)
_FUNCTION = _choice(
    "solvent",
    "humectant",
    "emollient",
    "occlusive",
    "emulsifier",
    "thickener",
    "surfactant",
    "conditioning agent",
    "active",
    "antioxidant",
    "soothing agent",
    "exfoliant",
    "UV filter",
    "preservative",
    "chelating agent",
    "pH adjuster",
    "film former",
    "colorant",
    "fragrance",
)
_SENTENCE = _text(_words("[A-Z][a-z]{0,14}", "[A-Za-z0-9][A-Za-z0-9%,/-]{0,14}", 11, least=1, end="[.]?"), 80)
_COST_ITEM = _text(
    _words(capitalized_except(("Item*", "Cost*", "Amount*", "Total*", "Row*", "Quantity*")), "[a-z][a-z&-]{0,14}", 3),
    32,
)
_SEGMENT = _text(
    _words(
        capitalized_except(("Segment*", "Share*", "Growth*", "Market*", "Sales*", "Trend*", "Row*")),
        "[A-Za-z0-9][A-Za-z0-9+-]{0,14}",
        3,
    ),
    32,
)
_TREND = _text(_words("[A-Z][a-z-]{1,14}", "[A-Za-z0-9][A-Za-z0-9+-]{0,14}", 5, least=1), 40)
_BRAND = _text(
    _words(
        capitalized_except(("Name*", "Brand*", "Tagline*", "Tone*", "Why", "Idea", "Ideas", "Product", "Row*")),
        "[A-Z][a-z]{1,14}",
        1,
    ),
    24,
)
_TAGLINE = _text(_words("[A-Z][a-z']{0,14}", "[a-z][a-z']{0,14}", 6, least=1, end="[.!]?"), 48)
_WHY = _text(_words("[a-z][a-z,']{0,14}", "[a-z][a-z,']{0,14}", 7, least=1), 48)
_REFERENCE = _text(
    _words(
        capitalized_except(
            ("Reference*", "Author*", "Study", "Evidence*", "Verdict*", "Title*", "Description*", "Row*")
        ),
        "(et al[.] )?(19[89][0-9]|20[0-2][0-9])",
        1,
        least=1,
    ),
    24,
)
_DESIGN = _text(
    r"^(RCT|Randomized trial|Open-label trial|Split-face trial|Cohort study|Case series|In vitro study"
    r"|Meta-analysis|Systematic review)(, n=[1-9][0-9]{0,3})?$",
    28,
)
_FINDING = _text(
    _words(capitalized_except(("http*", "www*"), longest=12, capital=False), "[a-z0-9][a-z0-9%]{0,11},?", 4, least=1),
    56,
)
_VERDICT = _text(
    _words("(Strong|Moderate|Limited|Weak|Mixed|Insufficient) evidence", "[a-z0-9][a-z0-9%,-]{0,14}", 8, end="[.]?"), 64
)
_PERCENT = _number(0, 100)


def rows_schema(
    cells: tuple[Mapping[str, Any], ...],
    *,
    max_rows: int,
    min_rows: int = 1,
    extras: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A compact answer schema: ``{"rows": [[cell, ...], ...], **extras}``, every key required.

    >>> rows_schema(({"type": "string"}, {"type": "number"}), max_rows=3)["properties"]["rows"]["maxItems"]
    3
    """
    row = {"type": "array", "prefixItems": [dict(c) for c in cells], "minItems": len(cells), "maxItems": len(cells)}
    properties: dict[str, Any] = {
        "rows": {"type": "array", "items": row, "minItems": min(min_rows, max_rows), "maxItems": max_rows}
    }
    properties.update(extras or {})
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


@dataclass(frozen=True)
class Field:
    """One input of a generator: its name, label, whether it is required, an example value."""

    name: str
    label: str
    required: bool = True
    example: str = ""
    help: str = ""


@dataclass(frozen=True)
class Template:
    """A generator's prompt: the role, the optimized task with ``{field}`` placeholders, output
    steering, and the naive prompt an analyst would type (the baseline).
    """

    generator: str
    title: str
    version: str
    description: str  # what the generator is for; the query is compared with it (fit)
    fields: tuple[Field, ...]
    role: str  # the system line
    task: str  # the optimized instruction: {field} placeholders, [optional segments|fallback]
    output_format: str  # output steering as text lines, for endpoints without structured output
    naive: str  # what an analyst would type without the studio, written like ``task``
    json_format: str = ""  # output steering as JSON, paired with ``schema``
    schema: Mapping[str, Any] = field(default_factory=dict)  # the JSON schema the answer must follow

    @property
    def id(self) -> str:
        """The template's id: generator and version.

        >>> template_for("costing").id
        'costing-t3'
        """
        return f"{self.generator}-{self.version}"

    def steering(self, *, structured: bool) -> str:
        """The output instruction: the JSON one when the provider constrains its output to
        ``schema``, else the text-lines one."""
        return self.json_format if structured and self.json_format else self.output_format


TEMPLATES: Mapping[str, Template] = MappingProxyType(
    {
        t.generator: t
        for t in (
            Template(
                "formulation",
                "Formulation",
                "t3",
                "create a cosmetic product formulation with ingredients, percentages and functions",
                (
                    Field("product_type", "Product type", True, "serum"),
                    Field("category", "Category", True, "skincare"),
                    Field("requirements", "Requirements", False, "fragrance-free, vegan, for sensitive skin"),
                    Field("region", "Region", False, "EU"),
                ),
                "You are a cosmetic formulation chemist.",
                "Formulate [a {product_type}|a product][ ({category})][ for {region}].[ Requirements: {requirements}.]",
                "Answer only with lines `INCI name | % w/w | function`, percentages summing to 100, "
                "then one line `Notes: ` with at most 2 short sentences.",
                "Hi! Could you please help me create a complete and detailed formulation for [a {product_type}|a product]"
                "[ in the {category} category][ for the {region} market]?[ It should meet these requirements: "
                "{requirements}.] Please list all of the ingredients with their percentages, explain in detail "
                "what each ingredient does and why you chose it, and describe the manufacturing process step by "
                "step. Thank you so much!",
                'JSON: "rows" [INCI name, % w/w, function] like ["Glycerin", 5, "humectant"] (3-8, % sum to 100), "notes".',
                rows_schema((_INCI, _PERCENT, _FUNCTION), max_rows=8, min_rows=3, extras={"notes": _SENTENCE}),
            ),
            Template(
                "costing",
                "Costing",
                "t3",
                "estimate the cost of producing a batch of a cosmetic product: raw materials, packaging, labour, testing",
                (
                    Field("formulation", "Formulation (or product)", True, "30 ml niacinamide serum"),
                    Field("batch_size", "Batch size (units)", True, "5000"),
                    Field("region", "Region", False, "Germany"),
                    Field("currency", "Currency", False, "EUR"),
                ),
                "You are a cosmetics cost analyst.",
                "Estimate the per-unit cost of [{formulation}|a cosmetic product][, batch of {batch_size} units][, made in {region}]"
                "[, in {currency}].",
                "Answer only with lines `cost item | amount per unit`, then a line `Total | amount per unit`.",
                "Hello, I need a detailed cost estimate for manufacturing [{formulation}|a cosmetic product][ in a batch of "
                "{batch_size} units][ produced in {region}][, and I would like all the figures in {currency}]. "
                "Could you please break down the costs of raw materials, packaging, labour, testing and overheads, "
                "explain your assumptions for each item, and give me the total cost per unit? Thanks a lot!",
                'JSON: "rows" [cost item, amount per unit] (3-6), "total".',
                rows_schema((_COST_ITEM, _number(0, 1000)), max_rows=6, min_rows=3, extras={"total": _number(0, 5000)}),
            ),
            Template(
                "market",
                "Market Research",
                "t3",
                "analyse a consumer market: size, growth, segments, competitors, trends in a region",
                (
                    Field("category", "Category", True, "natural skincare"),
                    Field("region", "Region", True, "India"),
                    Field("horizon", "Horizon", False, "5 years"),
                ),
                "You are a consumer-goods market analyst.",
                "Market outlook[ for {category}][ in {region}][ over {horizon}].",
                "Answer only with lines `segment | share % | growth % per year`, then at most 3 lines `Trend: `.",
                "Hi there! I'm working on a market research project and I would really appreciate a comprehensive "
                "overview of the[ {category}] market[ in {region}][ over the next {horizon}]. Could you please describe "
                "the market size and growth, the main consumer segments with their shares and growth rates, the "
                "key competitors and the most important trends, with as much detail as possible? Thank you!",
                'JSON: "rows" [segment, share %, growth % per year] (3-5), "trends".',
                rows_schema(
                    (_SEGMENT, _PERCENT, _number(-50, 100)),
                    max_rows=5,
                    min_rows=3,
                    extras={"trends": {"type": "array", "items": _TREND, "minItems": 1, "maxItems": 3}},
                ),
            ),
            Template(
                "branding",
                "Branding",
                "t3",
                "propose brand or product names, taglines and positioning for an audience and tone",
                (
                    Field("product", "Product", True, "fragrance-free body lotion"),
                    Field("audience", "Audience", True, "new parents"),
                    Field("tone", "Tone", False, "warm"),
                    Field("region", "Region", False, "France"),
                ),
                "You are a brand strategist.",
                "Name ideas for [{product}|a product][ for {audience}][ in {region}][, tone: {tone}].",
                "Answer only with 5 lines `name | tagline | why (max 8 words)`.",
                "Hello! We are launching a new [{product}|product][ aimed at {audience}][ in {region}], and we need help with "
                "branding. Could you please come up with some creative brand name ideas with taglines, explain the "
                "reasoning and positioning behind each name in detail[, and make sure the tone of voice is {tone}]? "
                "Thank you very much in advance!",
                'JSON: "rows" [brand name, tagline, why it fits] (3-5), a new name in each row.',
                rows_schema((_BRAND, _TAGLINE, _WHY), max_rows=5, min_rows=3),
            ),
            Template(
                "scientific",
                "Scientific",
                "t3",
                "summarise the scientific evidence for a cosmetic ingredient or claim with references",
                (
                    Field("subject", "Ingredient or claim", True, "5% niacinamide reduces hyperpigmentation"),
                    Field("evidence", "Evidence wanted", False, "clinical studies"),
                ),
                "You are a cosmetic scientist who cites sources.",
                "Evidence on: [{subject}|the claim].[ Focus: {evidence}.]",
                "Answer only with lines `reference (author, year) | design, n | finding`, then one line `Verdict: `.",
                "Hi! Could you please give me a thorough summary of the scientific evidence regarding "
                "[{subject}|a cosmetic ingredient]? [I am especially interested in {evidence}. ]Please explain the mechanism of action, describe the "
                "relevant studies in detail with their references, and discuss any limitations of the evidence. "
                "Thanks so much for your help!",
                'JSON: "rows" [reference (author, year), design and n, finding] (2-5), "verdict".',
                rows_schema((_REFERENCE, _DESIGN, _FINDING), max_rows=5, min_rows=2, extras={"verdict": _VERDICT}),
            ),
        )
    }
)

GENERATORS = tuple(TEMPLATES)


def template_for(generator: str) -> Template:
    """The template of ``generator``.

    :raises InputError: an unknown generator (the message lists them).
    """
    try:
        return TEMPLATES[generator]
    except KeyError:
        from ..errors import InputError

        raise InputError(f"unknown generator '{generator}'; choose one of {', '.join(GENERATORS)}") from None
