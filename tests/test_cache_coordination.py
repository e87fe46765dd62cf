"""The guard's coordination, country and request-phrase rules (optimizer/cache/canon.py,
aliases.py, rewrites.py): lists in any order, never a binding changed."""

from __future__ import annotations

import pytest

from optimizer.cache import lexicon
from optimizer.cache.canon import AND_JOIN, canonical_text
from optimizer.cache.guard import form
from optimizer.cache.rewrites import lookup_keys, rewritten, stored_keys


def same(a: str, b: str, *, generator: str = "formulation") -> bool:
    return canonical_text(a, generator=generator) == canonical_text(b, generator=generator)


def served(a: tuple[str, dict], b: tuple[str, dict], *, generator: str) -> bool:
    """Whether a lookup of ``b`` finds a stored ``a`` (plain forms or one-step rewrites)."""
    stored = stored_keys(form(*a, generator=generator), rewritten(*a, generator=generator))
    looked = lookup_keys(form(*b, generator=generator), rewritten(*b, generator=generator))
    return bool(set(stored) & set(looked))


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "Who are the leading competitors in Spain and Portugal?",
            "Who are the leading competitors in Portugal and Spain?",
        ),
        ("market", "competitors in Spain, Portugal and Italy", "competitors in Italy, Spain and Portugal"),
        ("formulation", "a vegan, fragrance-free lip balm with shea", "a fragrance-free, vegan lip balm with shea"),
        ("costing", "Give me the labour and packaging cost per unit.", "the packaging and labour cost per unit"),
        (
            "costing",
            "What would be the filling and packing cost per bottle?",
            "What would be the packing and filling cost per bottle?",
        ),
        (
            "formulation",
            "Serum with 5% niacinamide and 2% tranexamic acid, for melasma-prone skin",
            "Serum with 2% tranexamic acid and 5% niacinamide, for melasma-prone skin",
        ),
        (
            "market",
            "Market size for men's fragrance in Mexico and women's fragrance in Chile.",
            "Market size for women's fragrance in Chile and men's fragrance in Mexico.",
        ),
        (
            "scientific",
            "For rosacea and for acne, what's the efficacy of 15% azelaic acid?",
            "Efficacy of 15% azelaic acid for acne and for rosacea",
        ),
        (
            "market",
            "For attars and perfumes, how big is the market?",
            "How big is the market for attars and perfumes?",
        ),
    ],
)
def test_coordinated_items_in_any_order_are_the_same_request(generator, a, b):
    assert same(a, b, generator=generator), (
        canonical_text(a, generator=generator),
        canonical_text(b, generator=generator),
    )


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # each number stays with its own active
        (
            "formulation",
            "serum with 2% azelaic acid and 10% niacinamide",
            "serum with 10% azelaic acid and 2% niacinamide",
        ),
        ("formulation", "serum with 2% zinc and niacinamide", "serum with 2% niacinamide and zinc"),
        ("formulation", "2% zinc and niacinamide", "2% niacinamide and zinc"),
        # a list after a comma is separate things, not modifiers of what follows
        (
            "branding",
            "Product names: English for the shampoo, French for the conditioner.",
            "Product names: French for the shampoo, English for the conditioner.",
        ),
        ("market", "market size, growth, main players", "market size of growth, main players"),
        ("costing", "unit cost, incl. tube, cap and carton", "cost per cap, incl. tube, unit and carton"),
        # which item a phrase is bound to
        (
            "market",
            "Market size for men's fragrance in Mexico and women's fragrance in Chile.",
            "Market size for men's fragrance in Chile and women's fragrance in Mexico.",
        ),
        ("market", "competitors in Spain and Portugal", "competitors in Spain and Italy"),
        # two lists map onto each other in order; a ratio, "respectively" or steps keep order
        ("formulation", "niacinamide and zinc at 5% and 2%", "niacinamide and zinc at 2% and 5%"),
        ("market", "growth of 5% and 3% in Spain and Portugal", "growth of 5% and 3% in Portugal and Spain"),
        (
            "formulation",
            "a 70:30 blend of shea butter and cocoa butter",
            "a 70:30 blend of cocoa butter and shea butter",
        ),
        (
            "formulation",
            "a 70/30 blend of shea butter and cocoa butter",
            "a 70/30 blend of cocoa butter and shea butter",
        ),
        (
            "formulation",
            "serum with niacinamide and zinc, 5% and 2% respectively",
            "serum with zinc and niacinamide, 5% and 2% respectively",
        ),
        (
            "formulation",
            "apply the toner first, then the serum and the cream",
            "apply the toner first, then the cream and the serum",
        ),
        # a prefix written apart is no typo of another word
        ("formulation", "pre-wash conditioner", "per wash conditioner"),
        ("costing", "cost of the pre-order", "cost per order"),
        # a lone "for" is no region unless it names a country
        ("formulation", "cleanser for dry skin", "cleanser for dry skin in Poland"),
        # "can we have" asks whether; "can we get" asks for
        ("formulation", "Can we have 5% retinol in a serum?", "5% retinol serum"),
    ],
)
def test_what_a_list_binds_is_never_changed(generator, a, b):
    assert not same(a, b, generator=generator)


def test_a_coordinated_list_is_one_token_of_sorted_items():
    (clause,) = canonical_text("competitors in Spain and Portugal", generator="market")
    assert clause[-1] == AND_JOIN.join(["portugal", "spain"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Viet Nam", "Vietnam"),
        ("Czech Republic", "Czechia"),
        ("Türkiye", "Turkey"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Gen-Z", "Generation Z"),
        ("Gen Z", "gen z"),
        ("brightening serum with vit C", "brightening serum with vitamin C"),
        ("hand-made candles", "handmade candles"),
        ("e-commerce share", "ecommerce share"),
        ("smudge-proof liner", "smudgeproof liner"),
        ("Unit cost", "cost per unit"),
        ("per-unit cost", "cost per unit"),
        ("a decade", "10 years"),
        ("€", "EUR"),
        ("a 30-second radio spot", "a 30 sec radio spot"),
        ("IG captions", "Instagram captions"),
        ("for the Polish market", "for Poland market"),
        ("Cleansing balm for the Japanese market", "Cleansing balm in Japan"),
    ],
)
def test_one_thing_written_two_ways(a, b):
    assert same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("for the nail polish market", "in nail"),  # "polish" in lower case is the product
        ("Korean skincare", "Korea skincare"),  # an adjective outside "<Adjective> market" is a style
        ("Gen Z", "Gen X"),
        ("vitamin C serum", "vitamin E serum"),
        ("a decade", "2 decades"),
        ("€", "GBP"),
    ],
)
def test_another_thing_is_still_another_thing(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "growth of whitening body lotions",
            "Hello! could you tell me about the growth of whitening body lotions please?",
        ),
        ("branding", "5 taglines", "could I please get 5 taglines? thanks!"),
        (
            "branding",
            "product description for the website, 80 words",
            "Would you mind writing the product description for the website? 80 words please",
        ),
        (
            "branding",
            "Name ideas for the clay mask",
            "Hey, would you mind giving me some name ideas for the clay mask? Much appreciated",
        ),
        ("scientific", "does it help eczema", "could you please tell me whether it helps eczema? thanks"),
        (
            "market",
            "Size of miswak toothpaste segment",
            "Hello, may I ask you for the size of the miswak toothpaste segment?",
        ),
        (
            "market",
            "Main trends in vegan nail polish?",
            "Could you tell me what the main trends in vegan nail polish are?",
        ),
        (
            "costing",
            "Cost per bar incl. paper wrapper",
            "Hi there, please give me the cost per bar incl. paper wrapper, cheers",
        ),
        (
            "formulation",
            "Pre-shave oil for men with sensitive skin, ideally with castor and sunflower.",
            "Hey team, quick one: we need a pre-shave oil for men with sensitive skin, ideally with castor and sunflower. Cheers",
        ),
    ],
)
def test_ways_of_asking_are_the_same_request(generator, a, b):
    assert same(a, b, generator=generator), (
        canonical_text(a, generator=generator),
        canonical_text(b, generator=generator),
    )


def test_a_reference_alone_is_kept_when_it_is_the_whole_request():
    assert canonical_text("Could you draft it?") == (("it",),)


def test_prefixes_are_not_repaired_as_typos():
    assert lexicon.repair_typo("pre") == "pre"
    assert lexicon.repair_typo("anti") == "anti"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "scientific",
            ("Evidence on tranexamic acid for melasma", {}),
            ("Evidence for melasma", {"subject": "tranexamic acid"}),
        ),
        (
            "formulation",
            ("a men's body spray with vetiver, for Poland", {}),
            ("a men's body spray with vetiver", {"region": "Poland"}),
        ),
        ("formulation", ("Cleansing balm for the Japanese market", {}), ("Cleansing balm", {"region": "Japan"})),
    ],
)
def test_a_detail_moved_to_its_field(generator, a, b):
    assert served(a, b, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("branding", ("brand name for a rose face oil", {}), ("brand name", {"product": "rose face oil"})),
        ("market", ("market outlook for baby care", {}), ("market outlook", {"category": "baby care"})),
        (
            "costing",
            ("cost per unit of a 75 ml hand cream", {}),
            ("cost per unit", {"formulation": "75 ml hand cream"}),
        ),
    ],
)
def test_what_the_request_is_for_moves_to_its_field(generator, a, b):
    assert served(a, b, generator=generator)


def test_for_moves_to_the_region_only_before_a_country():
    stored = ("a cleanser for teens", {})
    assert not served(stored, ("a cleanser", {"region": "teens"}), generator="formulation")


# Found by a reviewer who had not written the rules (each was a wrong hit of a first
# version of this round's rules): order and binding that lists, "who", asking verbs,
# aliases and prefixes must keep.
REVIEWED_NEAR_MISSES = [
    (
        "formulation",
        "Formulate a cleanser and a serum with 1% retinol",
        "Formulate a serum and a cleanser with 1% retinol",
    ),
    ("costing", "cost of a cleanser and a serum with 1% retinol", "cost of a serum and a cleanser with 1% retinol"),
    (
        "formulation",
        "a routine with a cleanser and a serum with 1% retinol",
        "a routine with a serum and a cleanser with 1% retinol",
    ),
    ("branding", "names for a shampoo and a conditioner for kids", "names for a conditioner and a shampoo for kids"),
    (
        "market",
        "Who is growing fastest in clean deodorant in the US?",
        "What is growing fastest in clean deodorant in the US?",
    ),
    ("branding", "Who is this lip oil for?", "What is this lip oil for?"),
    ("formulation", "a 60-40 blend of shea butter and cocoa butter", "a 60-40 blend of cocoa butter and shea butter"),
    ("formulation", "a 2 to 1 blend of shea butter and cocoa butter", "a 2 to 1 blend of cocoa butter and shea butter"),
    ("formulation", "serum with niacinamide and zinc PCA (10%, 1%)", "serum with zinc PCA and niacinamide (10%, 1%)"),
    ("market", "market shares of Nivea and Dove: 30%, 20%", "market shares of Dove and Nivea: 30%, 20%"),
    ("market", "growth in Spain and Portugal (5%, 3%)", "growth in Portugal and Spain (5%, 3%)"),
    (
        "market",
        "Launch plan for Spain and Portugal (primary, secondary)",
        "Launch plan for Portugal and Spain (primary, secondary)",
    ),
    (
        "costing",
        "unit cost in Spain and Portugal, 1.20 EUR / 1.50 EUR",
        "unit cost in Portugal and Spain, 1.20 EUR / 1.50 EUR",
    ),
    (
        "formulation",
        "a cleansing oil with jojoba and sunflower, the former at 30%",
        "a cleansing oil with sunflower and jojoba, the former at 30%",
    ),
    ("market", "Compare Spain and Portugal; focus on the former.", "Compare Portugal and Spain; focus on the former."),
    ("scientific", "Retinol thins the skin. Explain this.", "Retinol thins the skin."),
    ("scientific", "Retinol thins the skin. Explain this.", "Retinol thins the skin. Summarize this."),
    ("formulation", "Can we get a clear gel with 5% benzoyl peroxide?", "a clear gel with 5% benzoyl peroxide"),
    ("costing", "Can we get the cost under 2 EUR per unit?", "the cost under 2 EUR per unit"),
    ("scientific", "May we have 1% retinol in a face cream in the EU?", "1% retinol in a face cream in the EU"),
    ("costing", "business unit costs", "business costs per unit"),
    ("costing", "display unit cost", "display cost per unit"),
    ("formulation", "a quick one-minute mask", "a minute mask"),
    ("formulation", "with niacinamide and 2% zinc", "with 2% zinc and niacinamide"),
    ("formulation", "for dry skin and hair", "for hair and dry skin"),
    ("market", "SEC filings of Coty", "second filings of Coty"),
    ("formulation", "Heat the oils and add the waxes", "Heat the waxes and add the oils"),
    ("formulation", "a rich and non-sticky cream", "a sticky and non-rich cream"),
    ("market", "trends in the American market", "trends in the USA"),
]


@pytest.mark.parametrize(("generator", "a", "b"), REVIEWED_NEAR_MISSES)
def test_reviewed_near_misses_stay_apart(generator, a, b):
    assert not same(a, b, generator=generator), canonical_text(a, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("costing", ("cost for 5,000 units", {}), ("cost", {"formulation": "5,000 units"})),
        ("branding", ("names for a serum for teens", {}), ("names for a serum", {"product": "teens"})),
    ],
)
def test_a_move_to_what_the_request_is_about_needs_one_clear_phrase(generator, a, b):
    assert not served(a, b, generator=generator)
