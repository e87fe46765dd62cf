"""One template per generator: its context fields, the naive prompt a user would type,
and the optimized prompt with output steering (compact, parseable answers).

Bump a template's ``version`` when its wording or output format changes: the cache key
includes it, so old answers in the old format retire by themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = True
    example: str = ""
    help: str = ""


@dataclass(frozen=True)
class Template:
    generator: str
    title: str
    version: str
    description: str  # what the generator is for; the query is compared with it (fit)
    fields: tuple[Field, ...]
    role: str  # the system line
    task: str  # the optimized instruction, with {field} placeholders
    output_format: str  # output steering: a compact format the parser reads
    naive: str  # what an analyst would type without the studio, with {field} placeholders

    @property
    def id(self) -> str:
        return f"{self.generator}-{self.version}"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


TEMPLATES: Mapping[str, Template] = MappingProxyType(
    {
        t.generator: t
        for t in (
            Template(
                "formulation",
                "Formulation",
                "t1",
                "create a cosmetic product formulation with ingredients, percentages and functions",
                (
                    Field("product_type", "Product type", True, "serum"),
                    Field("category", "Category", True, "skincare"),
                    Field("requirements", "Requirements", False, "fragrance-free, vegan, for sensitive skin"),
                    Field("region", "Region", False, "EU"),
                ),
                "You are a cosmetic formulation chemist.",
                "Formulate a {product_type} ({category}) for {region}. Requirements: {requirements}.",
                "Answer only with lines `INCI name | % w/w | function`, percentages summing to 100, "
                "then one line `Notes: ` with at most 2 short sentences.",
                "Hi! Could you please help me create a complete and detailed formulation for a {product_type} "
                "in the {category} category for the {region} market? It should meet these requirements: "
                "{requirements}. Please list all of the ingredients with their percentages, explain in detail "
                "what each ingredient does and why you chose it, and describe the manufacturing process step by "
                "step. Thank you so much!",
            ),
            Template(
                "costing",
                "Costing",
                "t1",
                "estimate the cost of producing a batch of a cosmetic product: raw materials, packaging, labour, testing",
                (
                    Field("formulation", "Formulation (or product)", True, "30 ml niacinamide serum"),
                    Field("batch_size", "Batch size (units)", True, "5000"),
                    Field("region", "Region", False, "Germany"),
                    Field("currency", "Currency", False, "EUR"),
                ),
                "You are a cosmetics cost analyst.",
                "Estimate the per-unit cost of {formulation}, batch of {batch_size} units, made in {region}, in {currency}.",
                "Answer only with lines `cost item | amount per unit`, then a line `Total | amount per unit`.",
                "Hello, I need a detailed cost estimate for manufacturing {formulation}. We are planning a batch "
                "of {batch_size} units produced in {region}, and I would like all the figures in {currency}. "
                "Could you please break down the costs of raw materials, packaging, labour, testing and overheads, "
                "explain your assumptions for each item, and give me the total cost per unit? Thanks a lot!",
            ),
            Template(
                "market",
                "Market Research",
                "t1",
                "analyse a consumer market: size, growth, segments, competitors, trends in a region",
                (
                    Field("category", "Category", True, "natural skincare"),
                    Field("region", "Region", True, "India"),
                    Field("horizon", "Horizon", False, "5 years"),
                ),
                "You are a consumer-goods market analyst.",
                "Market outlook for {category} in {region} over {horizon}.",
                "Answer only with lines `segment | share % | growth % per year`, then at most 3 lines `Trend: `.",
                "Hi there! I'm working on a market research project and I would really appreciate a comprehensive "
                "overview of the {category} market in {region} over the next {horizon}. Could you please describe "
                "the market size and growth, the main consumer segments with their shares and growth rates, the "
                "key competitors and the most important trends, with as much detail as possible? Thank you!",
            ),
            Template(
                "branding",
                "Branding",
                "t1",
                "propose brand or product names, taglines and positioning for an audience and tone",
                (
                    Field("product", "Product", True, "fragrance-free body lotion"),
                    Field("audience", "Audience", True, "new parents"),
                    Field("tone", "Tone", False, "warm"),
                    Field("region", "Region", False, "France"),
                ),
                "You are a brand strategist.",
                "Name ideas for {product} for {audience} in {region}, tone: {tone}.",
                "Answer only with 5 lines `name | tagline | why (max 8 words)`.",
                "Hello! We are launching a new {product} aimed at {audience} in {region}, and we need help with "
                "branding. Could you please come up with some creative brand name ideas with taglines, explain the "
                "reasoning and positioning behind each name in detail, and make sure the tone of voice is {tone}? "
                "Thank you very much in advance!",
            ),
            Template(
                "scientific",
                "Scientific",
                "t1",
                "summarise the scientific evidence for a cosmetic ingredient or claim with references",
                (
                    Field("subject", "Ingredient or claim", True, "5% niacinamide reduces hyperpigmentation"),
                    Field("evidence", "Evidence wanted", False, "clinical studies"),
                ),
                "You are a cosmetic scientist who cites sources.",
                "Evidence on: {subject}. Focus: {evidence}.",
                "Answer only with lines `reference (author, year) | design, n | finding`, then one line `Verdict: `.",
                "Hi! Could you please give me a thorough summary of the scientific evidence regarding {subject}? "
                "I am especially interested in {evidence}. Please explain the mechanism of action, describe the "
                "relevant studies in detail with their references, and discuss any limitations of the evidence. "
                "Thanks so much for your help!",
            ),
        )
    }
)

GENERATORS = tuple(TEMPLATES)


def template_for(generator: str) -> Template:
    try:
        return TEMPLATES[generator]
    except KeyError:
        from ..errors import InputError

        raise InputError(f"unknown generator '{generator}'; choose one of {', '.join(GENERATORS)}") from None
