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
            "Leading competitors in Portugal and Spain?",
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
            "For attars and deodorant sprays, how big is the market?",
            "How big is the market for attars and deodorant sprays?",
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
            "scientific",
            "mechanism of avenanthramides for itch",
            "Hi, could you please explain the mechanism of avenanthramides for itch?",
        ),
        (
            "market",
            "Size of miswak toothpaste segment",
            "Hello, may I ask you for the size of the miswak toothpaste segment?",
        ),
        (
            "market",
            "Main competitors in vegan nail polish?",
            "Could you tell me who the main competitors in vegan nail polish are?",
        ),
        (
            "costing",
            "Cost per bar incl. paper wrapper",
            "Hi there, please give me the cost per bar incl. paper wrapper, cheers",
        ),
        (
            "formulation",
            "Pre-shave oil for men with sensitive skin, ideally with castor and sunflower.",
            "Hey team, quick one: we need a pre-shave oil for men with sensitive skin, ideally with castor and sunflower. Could you draft it? Cheers",
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
