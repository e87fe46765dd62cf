"""The request set of ``bench parse``: 60 requests per generator (varied products,
regions and free-text requests), split into a tuning half and a reporting half.

Built from the lists below with a fixed seed, so every run sees the same requests.
Even positions are the *tune* half (prompts and schemas were tuned on it), odd
positions the *report* half (measured only for the figures reported).

>>> len(half("formulation", "tune")), len(half("formulation", "report"))
(30, 30)
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from ..errors import ConfigError

PER_GENERATOR = 60
_SEED = 13

_PRODUCTS = (
    "serum", "shampoo", "conditioner", "sunscreen SPF 30", "sunscreen SPF 50", "lip balm", "night cream",
    "face wash", "body lotion", "deodorant", "hair mask", "eye cream", "micellar water", "toner", "hand cream",
    "foot cream", "baby oil", "beard oil", "dry shampoo", "bath bomb", "mascara", "tinted moisturizer",
    "lipstick", "clay face mask", "exfoliating scrub", "shaving cream", "after-sun gel", "hair serum",
    "curl cream", "body wash", "cleansing balm", "sheet mask essence", "anti-dandruff shampoo", "nail cuticle oil",
    "retinol cream", "vitamin C serum", "sensitive skin moisturizer", "solid shampoo bar", "roll-on perfume oil",
    "kids toothpaste",
)  # fmt: skip
_CATEGORIES = ("skincare", "haircare", "suncare", "body care", "lip care", "men's grooming", "baby care", "makeup")
_REQUIREMENTS = (
    "fragrance-free, vegan", "sulfate-free", "water resistant", "for dry skin", "for oily, acne-prone skin",
    "natural origin above 95%", "silicone-free", "preservative-free packaging", "reef-safe", "halal",
    "low cost", "for sensitive skin", "non-comedogenic", "palm-oil free", "", "",
)  # fmt: skip
_REGIONS = ("EU", "US", "Japan", "Brazil", "India", "UK", "Australia", "South Korea", "France", "Nigeria", "", "")
_FORMULATION_QUERIES = (
    "keep it under 10 ingredients",
    "I want a light gel texture that absorbs fast",
    "budget version for a supermarket brand",
    "needs to be stable at 40 degrees for 3 months",
    "make it suitable for pregnant women",
    "with niacinamide as the hero ingredient",
    "a rich texture for very cold winters",
    "something with hyaluronic acid and ceramides",
    "for a premium spa line",
    "",
    "",
    "",
)
_COST_ITEMS = (
    "30 ml niacinamide serum", "250 ml sulfate-free shampoo", "50 ml SPF 50 sunscreen", "4 g lip balm stick",
    "200 ml body lotion", "50 ml night cream in a glass jar", "100 ml beard oil", "150 ml deodorant spray",
    "75 g solid shampoo bar", "15 ml eye cream", "500 ml body wash refill", "10 ml roll-on perfume oil",
    "100 g clay mask", "30 ml vitamin C serum", "200 ml after-sun gel",
)  # fmt: skip
_BATCHES = ("500", "1000", "5000", "10000", "25000", "100000")
_CURRENCIES = ("EUR", "USD", "GBP", "INR", "JPY", "BRL", "")
_COST_REGIONS = ("Germany", "China", "USA", "India", "Poland", "Brazil", "France", "Vietnam", "")
_COST_QUERIES = (
    "include shipping to the warehouse",
    "the packaging is recycled glass",
    "what would change with airless pumps?",
    "we fill by hand in a small lab",
    "contract manufacturer, not our own plant",
    "",
    "",
    "",
)
_MARKET_CATEGORIES = (
    "natural skincare", "men's grooming", "sun care", "baby care", "hair care", "K-beauty", "vegan makeup",
    "anti-aging", "oral care", "fragrances", "clean deodorants", "scalp care", "refillable beauty",
)  # fmt: skip
_MARKET_REGIONS = (
    "India", "Germany", "USA", "Brazil", "Japan", "Nigeria", "France", "Mexico", "Indonesia", "UK", "Gulf states",
)  # fmt: skip
_HORIZONS = ("5 years", "3 years", "10 years", "next year", "")
_MARKET_QUERIES = (
    "focus on Gen Z buyers",
    "online versus pharmacy channels",
    "premium segment only",
    "how big is the opportunity for a new brand?",
    "which segments grow fastest",
    "",
    "",
    "",
)
_BRAND_PRODUCTS = (
    "fragrance-free body lotion", "men's beard oil", "vitamin C serum", "hand cream", "dry shampoo",
    "baby sunscreen", "solid shampoo bar", "sleep mask", "lip oil", "anti-frizz hair serum", "foot cream",
    "tinted SPF moisturizer", "deodorant", "scalp scrub", "eye patches",
)  # fmt: skip
_AUDIENCES = (
    "new parents", "young men", "millennials", "nurses", "students", "retirees", "athletes", "teenagers",
    "busy professionals", "eco-conscious shoppers", "people with eczema", "travellers",
)  # fmt: skip
_TONES = ("warm", "bold", "playful", "caring", "luxurious", "scientific", "minimalist", "")
_BRAND_REGIONS = ("France", "US", "UK", "Germany", "Brazil", "Japan", "India", "Spain", "")
_BRAND_QUERIES = (
    "short names that work in English and French",
    "avoid anything medical sounding",
    "names that suggest nature",
    "one word names please",
    "something fun for social media",
    "",
    "",
    "",
)
_SUBJECTS = (
    "5% niacinamide reduces hyperpigmentation", "retinol reduces fine lines", "hyaluronic acid hydrates skin",
    "vitamin C serum brightens skin", "azelaic acid treats rosacea", "zinc oxide protects against UVA",
    "ceramides repair the skin barrier", "caffeine reduces under-eye puffiness", "salicylic acid clears acne",
    "bakuchiol works like retinol", "peptides firm the skin", "centella asiatica soothes irritation",
    "minoxidil regrows hair", "collagen drinks improve skin elasticity", "tranexamic acid fades melasma",
    "squalane moisturizes oily skin",
)  # fmt: skip
_EVIDENCE = ("clinical studies", "randomized trials", "meta-analyses", "in vitro studies", "", "")
_SCIENCE_QUERIES = (
    "is the evidence strong enough for a marketing claim?",
    "compare with a placebo",
    "what concentration was tested?",
    "",
    "",
    "",
)


def _build() -> dict[str, list[tuple[dict[str, str], str]]]:
    rng = random.Random(_SEED)

    def pick(values: tuple[str, ...]) -> str:
        return rng.choice(values)

    out: dict[str, list[tuple[dict[str, str], str]]] = {g: [] for g in _GENERATORS}
    for i in range(PER_GENERATOR):
        out["formulation"].append(
            (
                {
                    "product_type": _PRODUCTS[i % len(_PRODUCTS)],
                    "category": pick(_CATEGORIES),
                    "requirements": pick(_REQUIREMENTS),
                    "region": pick(_REGIONS),
                },
                pick(_FORMULATION_QUERIES),
            )
        )
        out["costing"].append(
            (
                {
                    "formulation": _COST_ITEMS[i % len(_COST_ITEMS)],
                    "batch_size": pick(_BATCHES),
                    "region": pick(_COST_REGIONS),
                    "currency": pick(_CURRENCIES),
                },
                pick(_COST_QUERIES),
            )
        )
        out["market"].append(
            (
                {
                    "category": _MARKET_CATEGORIES[i % len(_MARKET_CATEGORIES)],
                    "region": pick(_MARKET_REGIONS),
                    "horizon": pick(_HORIZONS),
                },
                pick(_MARKET_QUERIES),
            )
        )
        out["branding"].append(
            (
                {
                    "product": _BRAND_PRODUCTS[i % len(_BRAND_PRODUCTS)],
                    "audience": pick(_AUDIENCES),
                    "tone": pick(_TONES),
                    "region": pick(_BRAND_REGIONS),
                },
                pick(_BRAND_QUERIES),
            )
        )
        out["scientific"].append(
            ({"subject": _SUBJECTS[i % len(_SUBJECTS)], "evidence": pick(_EVIDENCE)}, pick(_SCIENCE_QUERIES))
        )
    # Some analysts type only a request: every 6th request keeps its first field and its words.
    for generator, requests in out.items():
        for i in range(5, PER_GENERATOR, 6):
            fields, query = requests[i]
            first = next(iter(fields))
            requests[i] = ({first: fields[first]}, query or f"please help with this {generator} request")
    built = {g: [({k: v for k, v in f.items() if v}, q) for f, q in r] for g, r in out.items()}
    for requests in built.values():  # every request once: a repeat gets a context phrase
        seen: set[str] = set()
        for i, (fields, query) in enumerate(requests):
            extra = 0
            while repr((fields, query)) in seen:
                query = ", ".join(filter(None, [requests[i][1], _CONTEXTS[extra % len(_CONTEXTS)]]))
                extra += 1
            seen.add(repr((fields, query)))
            requests[i] = (fields, query)
    return built


_CONTEXTS = (
    "for a new brand",
    "for our next launch",
    "for a retailer pitch",
    "keep it short",
    "for export markets",
    "for a small lab",
)


_GENERATORS = ("formulation", "costing", "market", "branding", "scientific")
REQUESTS: Mapping[str, list[tuple[dict[str, str], str]]] = _build()


def half(generator: str, which: str) -> list[tuple[dict[str, str], str]]:
    """The ``tune`` (even positions) or ``report`` (odd positions) half of ``generator``'s requests.

    :raises ConfigError: an unknown half or generator.
    """
    if which not in ("tune", "report"):
        raise ConfigError(f"the half is 'tune' or 'report', not '{which}'")
    if generator not in REQUESTS:
        raise ConfigError(f"no requests for generator '{generator}'")
    return REQUESTS[generator][0 if which == "tune" else 1 :: 2]
