"""Review 52: the guard at g96 on long requests: two to five sentences, bullet lists of
requirements, a pasted line of context, the ask at the start, middle or end.

Each finding is a test that fails today, marked ``xfail(strict=True)``: it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also
holds plain tests of paraphrases the guard rightly serves (or near-misses it rightly keeps
apart). No finding rests on a bare singular against a bare plural
(fixtures/semantic/relabelled.json): every pair below has the same words, only placed
differently.

Served across requests (worst failure, 27 pairs in 29 tests):

1. canon._canonical_clauses / canonical_text, the final sort of sentences: when every
   sentence holds one clause the text is "a flat list" and its sentences are sorted, so a
   short instruction sentence ("Add tea tree oil.", "Use an airless pump.", "Focus on
   pharmacies.", "Keep it bold.", "Use RCTs only.") is no longer bound to the product,
   market or study the sentence before it names: swapping two such sentences between two
   products serves, in all five generators and in a field (requirements, formulation): 8
   (one also end to end)
2. The same sort, for a sentence that points back: "it", "this one", "that one", "there",
   "them", "for it", "Only if ..., though" refer to what the sentence before names, and
   moving the sentence changes the referent ("The hand wash stays as it is. Make it vegan
   too." vs "Make it vegan too. The hand wash stays as it is."): 8 (one also end to end)
3. Repeated labels in sentences: ``canon._labelled_lines`` pairs "label: value" lines by
   order when a label repeats, but only lines split by newlines; the same spec typed as
   sentences ("Product 1: cleanser. Skin type: oily. Product 2: toner. Skin type: dry.") is
   sorted, so the two values of the repeated label swap products: 3
4. ``words._plain_lines`` = 0 for a list of bullets (or numbered items): "a list is a list",
   so a bullet that qualifies the one above it ("- Day cream / - SPF 30 / - Night cream / -
   Retinol 0.3%") moves to the other product when two bullets swap: 5
5. ``canon._coordinated`` sorts "and" items even when another sentence points at one by its
   place ("Keep the first one witty.", "For the first country, ..."); OPTION_BY_PLACE only
   freezes "or"/"vs" options. Also when the items are a field's comma list: 3 (one through
   ``guard.form``)

Closed at g97 (canon._binding / canon._units, canon._repeated_labels, canon._ORDER_WORDS):
groups 1 and 2 (a sentence that points back stays with the one before it; once a text
opens a second thing with "also", "and", "what about" or a closing "too", every sentence
stays with the thing it follows), group 3 (a repeated label pairs by order in sentences as
on lines) and group 5's two sentences ("the first <thing>" keeps an "and" list's order):
20 of the 29 near-miss tests. Still open: a detail sentence in a field, "This one" in a
sentence that opens with a thing of its own, group 4 (bullets), group 5's field list.

Paraphrases split (misses, 11):

6. canon._canonical_clauses, "a line or sentence that lists several things keeps them
   together": the same clauses as two sentences, or as one sentence joined by "and" or a
   comma, get two forms ("We are a Brazilian indie brand. We sell mostly online." vs "... and
   we sell mostly online."): 5
7. Headings (words._headed_lines and canon._groups): a plain line after a bulleted list is read as one more
   item under the heading ("Requirements:\n- SPF 15\n- no beeswax\nTarget cost under EUR 1
   ..."), and a heading that opens the text does not group its bullets the way it does
   after the ask, so moving the ask splits: 2
8. The four-line rule (``_ORDERED_LINES`` with ``_labelled_lines``): a spec of "label:
   value" lines after one plain line of ask keeps its order (not every line is labelled),
   so reordering the labels splits: 2
9. The grouping rule of 6, for bullets: bullets under the ask against the same items after
   a comma or colon on the ask's line: 2

Held up (probed, not findings): sentences with two clauses or more stay together ("We need
a shampoo for oily hair with tea tree oil." keeps its oil); headings with bullets
("Shampoo:\n- citrus\nConditioner:\n- mint") and one-line labels with a comma ("Product:
lipstick, tone: bold.") bind; "Then" between sentences keeps their order (costing, market,
branding); "Include pharmacies. Exclude online." keeps its verbs; "the latter" and "the
second one" keep an "and" list's order; a context sentence moved before or after the ask,
"Tone: ... Audience: ..." sentences reordered, and "Requirements:" bullets against the
same items inline are served, as they should be.
"""

from __future__ import annotations

import pytest

from optimizer.cache.guard import form
from tests.support.guard import same, served  # noqa: F401  (fixture)

XF = pytest.mark.xfail
# g98 (second read of g97): three statements or more of running text keep their order, since
# nothing tells a thing from its detail ("Make a shampoo. Use argan oil. Make a conditioner.
# Use tea tree oil."); the price is these paraphrases, missed on purpose.
_IN_ORDER = "canon._sentences_in_order: three statements keep their order, so reordering them misses (g98, on purpose)"

# ---------------------------------------------------------------------------------------
# 1. canon._canonical_clauses: one-clause sentences are a flat, sorted list
# ---------------------------------------------------------------------------------------

_FLAT = (
    "canon._canonical_clauses/canonical_text: one-clause sentences are sorted as a flat list, "
    "so an instruction sentence leaves the product the sentence before it names"
)

_DETAIL_SWAPS = [
    (
        "formulation",
        "We need a shampoo for oily hair. Add tea tree oil. We also need a conditioner for dry hair. Add argan oil.",
        "We need a shampoo for oily hair. Add argan oil. We also need a conditioner for dry hair. Add tea tree oil.",
    ),
    (
        "costing",
        "Cost a 30 ml serum. Use a glass dropper bottle. Also cost a 50 ml cream. Use an airless pump.",
        "Cost a 30 ml serum. Use an airless pump. Also cost a 50 ml cream. Use a glass dropper bottle.",
    ),
    (
        "scientific",
        "Summarize the evidence on retinol for photoaging. Use RCTs only. Also summarize bakuchiol for acne. "
        "Include observational studies.",
        "Summarize the evidence on retinol for photoaging. Include observational studies. Also summarize "
        "bakuchiol for acne. Use RCTs only.",
    ),
    (
        "branding",
        "Write a tagline for our red lipstick. Keep it bold. Also write one for our lip balm. Keep it soft and calm.",
        "Write a tagline for our red lipstick. Keep it soft and calm. Also write one for our lip balm. Keep it bold.",
    ),
    (
        "market",
        "Size the serum market in France. Focus on pharmacies. Also size the serum market in Spain. "
        "Focus on e-commerce.",
        "Size the serum market in France. Focus on e-commerce. Also size the serum market in Spain. "
        "Focus on pharmacies.",
    ),
    (
        "formulation",
        "Formulate a night serum. Add 1% retinol. Add bakuchiol. Only if the budget allows, though.",
        "Formulate a night serum. Add bakuchiol. Add 1% retinol. Only if the budget allows, though.",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _DETAIL_SWAPS)
def test_detail_sentence_swapped_between_products_is_kept_apart(generator: str, a: str, b: str) -> None:
    assert not same(a, b, generator=generator)


def test_detail_sentence_swapped_is_not_served(served) -> None:  # noqa: F811
    a, b = _DETAIL_SWAPS[0][1:]
    assert not served("formulation", a, b)


@pytest.mark.parametrize(
    ("generator", "query", "field", "a", "b", "rest"),
    [
        (
            "formulation",
            "Formulate a cleanser and a toner.",
            "requirements",
            "Cleanser for oily skin. Add zinc. Toner for dry skin. Add glycerin.",
            "Cleanser for oily skin. Add glycerin. Toner for dry skin. Add zinc.",
            {"region": "EU"},
        ),
        (
            "costing",
            "Cost two SKUs.",
            "formulation",
            "30 ml serum. Glass dropper. 50 ml cream. Airless pump.",
            "30 ml serum. Airless pump. 50 ml cream. Glass dropper.",
            {"batch_size": "5000", "currency": "EUR"},
        ),
    ],
)
def test_detail_sentence_swapped_in_a_field_is_kept_apart(generator, query, field, a, b, rest) -> None:
    assert form(query, {field: a, **rest}, generator=generator) != form(query, {field: b, **rest}, generator=generator)


def test_two_clause_sentences_keep_their_details() -> None:
    # held up: a sentence of two clauses stays one group
    assert not same(
        "We need a shampoo for oily hair with tea tree oil. We also need a conditioner for dry hair with argan oil.",
        "We need a shampoo for oily hair with argan oil. We also need a conditioner for dry hair with tea tree oil.",
    )


def test_whole_sentences_reordered_are_served() -> None:
    assert same(
        "We need a shampoo for oily hair with tea tree oil. We also need a conditioner for dry hair with argan oil.",
        "We also need a conditioner for dry hair with argan oil. We need a shampoo for oily hair with tea tree oil.",
    )


# ---------------------------------------------------------------------------------------
# 2. The same sort: a sentence that points back ("it", "this one", "there") moves
# ---------------------------------------------------------------------------------------

_BACK = (
    "canon._canonical_clauses/canonical_text: sentences are sorted, so a sentence that points back "
    "('it', 'this one', 'that one', 'there', 'them') changes its referent when it moves"
)

_POINTING_BACK = [
    (
        "formulation",
        "We are reformulating our best-selling body wash for the EU market. Retailers have asked for a "
        "sulfate-free version. Keep the citrus scent. The hand wash stays as it is. Make it vegan too.",
        "We are reformulating our best-selling body wash for the EU market. Retailers have asked for a "
        "sulfate-free version. Keep the citrus scent. Make it vegan too. The hand wash stays as it is.",
    ),
    pytest.param(
        "formulation",
        "We are launching a lip balm and a body butter. Start with the lip balm. This one needs to be vegan. "
        "The body butter can use beeswax.",
        "We are launching a lip balm and a body butter. Start with the lip balm. The body butter can use "
        "beeswax. This one needs to be vegan.",
        marks=pytest.mark.xfail(
            strict=True,
            reason=_BACK + " (still open at g97: the moved sentence opens with a thing of its own, so it "
            "binds to nothing; 'This one' points back from the sentence after it)",
        ),
    ),
    (
        "formulation",
        "Make a shampoo with argan oil. Make a conditioner too. It should be sulfate-free.",
        "Make a shampoo with argan oil. It should be sulfate-free. Make a conditioner too.",
    ),
    (
        "scientific",
        "Review the evidence on niacinamide for acne. Also review azelaic acid for rosacea. Only include RCTs for it.",
        "Review the evidence on niacinamide for acne. Only include RCTs for it. Also review azelaic acid for rosacea.",
    ),
    (
        "scientific",
        "Does niacinamide reduce acne? What about zinc? Leave out studies under 8 weeks for that one.",
        "Does niacinamide reduce acne? Leave out studies under 8 weeks for that one. What about zinc?",
    ),
    (
        "market",
        "What is the market size for dry shampoo in the UK? And the growth rate in Germany? Exclude private "
        "label there.",
        "What is the market size for dry shampoo in the UK? Exclude private label there. And the growth rate "
        "in Germany?",
    ),
    (
        "costing",
        "Cost a 30 ml serum in Poland. Also a 50 ml cream in Italy. Quote that one in USD.",
        "Cost a 30 ml serum in Poland. Quote that one in USD. Also a 50 ml cream in Italy.",
    ),
    (
        "branding",
        "Suggest names for a men's shaving gel. Make them sound premium. We also need names for a kids' shampoo.",
        "Suggest names for a men's shaving gel. We also need names for a kids' shampoo. Make them sound premium.",
    ),
]


@pytest.mark.parametrize(("generator", "a", "b"), _POINTING_BACK)
def test_sentence_pointing_back_moved_is_kept_apart(generator: str, a: str, b: str) -> None:
    assert not same(a, b, generator=generator)


def test_sentence_pointing_back_moved_is_not_served(served) -> None:  # noqa: F811
    a, b = _POINTING_BACK[0][1:]
    assert not served("formulation", a, b)


def test_then_between_sentences_keeps_their_order() -> None:
    # held up: "Then" makes the sentences a sequence
    assert not same(
        "Our retail partner in Germany wants a category review. Look at sunscreen first. Exclude kids' "
        "products. Then look at after-sun.",
        "Our retail partner in Germany wants a category review. Look at sunscreen first. Then look at "
        "after-sun. Exclude kids' products.",
        generator="market",
    )


def test_context_sentences_before_or_after_the_ask_are_served() -> None:
    assert same(
        "We are a Brazilian indie brand. We sell mostly online. What are the top hair care trends in Brazil for 2025?",
        "What are the top hair care trends in Brazil for 2025? We are a Brazilian indie brand. We sell mostly online.",
        generator="market",
    )


@pytest.mark.xfail(strict=True, reason=_IN_ORDER)
def test_independent_instructions_reordered_are_served() -> None:
    assert same(
        "Summarize the evidence on bakuchiol vs retinol. Include RCTs only. Mention side effects.",
        "Summarize the evidence on bakuchiol vs retinol. Mention side effects. Include RCTs only.",
        generator="scientific",
    )


# ---------------------------------------------------------------------------------------
# 3. canon._labelled_lines: a repeated label pairs by order only on lines, not in sentences
# ---------------------------------------------------------------------------------------

_LABELS = (
    "canon._labelled_lines pairs a repeated label by order only on separate lines; as sentences "
    "the 'label: value' clauses are sorted and a repeated label's values swap products"
)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Product 1: cleanser. Skin type: oily. Product 2: toner. Skin type: dry.",
            "Product 1: cleanser. Skin type: dry. Product 2: toner. Skin type: oily.",
        ),
        (
            "branding",
            "Product: lipstick. Tone: bold. Product: lip balm. Tone: soft.",
            "Product: lipstick. Tone: soft. Product: lip balm. Tone: bold.",
        ),
        (
            "costing",
            "SKU: 30 ml serum. Pack: glass dropper. SKU: 50 ml cream. Pack: airless pump.",
            "SKU: 30 ml serum. Pack: airless pump. SKU: 50 ml cream. Pack: glass dropper.",
        ),
    ],
)
def test_repeated_label_sentences_swapped_are_kept_apart(generator: str, a: str, b: str) -> None:
    assert not same(a, b, generator=generator)


def test_repeated_labels_on_lines_keep_their_order() -> None:
    assert not same(
        "Product: cleanser\nSkin type: oily\nProduct: toner\nSkin type: dry",
        "Product: cleanser\nSkin type: dry\nProduct: toner\nSkin type: oily",
    )


def test_label_pairs_on_one_line_are_served_reordered() -> None:
    assert same(
        "Product: lipstick, tone: bold. Product: lip balm, tone: soft.",
        "Product: lip balm, tone: soft. Product: lipstick, tone: bold.",
        generator="branding",
    )


@pytest.mark.xfail(strict=True, reason=_IN_ORDER)
def test_distinct_label_sentences_reordered_are_served() -> None:
    assert same(
        "Write taglines for our new vitamin C serum. Tone: playful. Audience: Gen Z.",
        "Tone: playful. Audience: Gen Z. Write taglines for our new vitamin C serum.",
        generator="branding",
    )


# ---------------------------------------------------------------------------------------
# 4. words._plain_lines: a list of bullets is a list, even when a bullet qualifies the last
# ---------------------------------------------------------------------------------------

_BULLETS = (
    "words._plain_lines returns 0 for a list of bullets or numbered items, so the items are sorted "
    "and a bullet that qualifies the one above it moves to another product"
)


@pytest.mark.xfail(strict=True, reason=_BULLETS)
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Products:\n- Day cream\n- SPF 30\n- Night cream\n- Retinol 0.3%",
            "Products:\n- Day cream\n- Retinol 0.3%\n- Night cream\n- SPF 30",
        ),
        (
            "formulation",
            "Products:\n1. Day cream\n2. SPF 30\n3. Night cream\n4. Retinol 0.3%",
            "Products:\n1. Day cream\n2. Retinol 0.3%\n3. Night cream\n4. SPF 30",
        ),
        (
            "market",
            "Markets to compare:\n- France\n- pharmacies only\n- Spain\n- e-commerce only",
            "Markets to compare:\n- France\n- e-commerce only\n- Spain\n- pharmacies only",
        ),
        (
            "scientific",
            "Evidence review.\n- Niacinamide for acne\n- RCTs only\n- Zinc for acne\n- any study design",
            "Evidence review.\n- Niacinamide for acne\n- any study design\n- Zinc for acne\n- RCTs only",
        ),
        (
            "branding",
            "Taglines needed:\n- lipstick\n- tone: bold\n- lip balm\n- tone: soft",
            "Taglines needed:\n- lipstick\n- tone: soft\n- lip balm\n- tone: bold",
        ),
    ],
)
def test_qualifying_bullets_swapped_are_kept_apart(generator: str, a: str, b: str) -> None:
    assert not same(a, b, generator=generator)


def test_whole_bullets_reordered_are_served() -> None:
    assert same(
        "Products:\n- Day cream with SPF 30\n- Night cream with 0.3% retinol",
        "Products:\n- Night cream with 0.3% retinol\n- Day cream with SPF 30",
    )


def test_headed_bullets_stay_under_their_heading() -> None:
    assert same("Shampoo:\n- citrus\nConditioner:\n- mint", "Conditioner:\n- mint\nShampoo:\n- citrus")
    assert not same("Shampoo:\n- citrus\nConditioner:\n- mint", "Shampoo:\n- mint\nConditioner:\n- citrus")


# ---------------------------------------------------------------------------------------
# 5. canon._coordinated: "and" items sorted although a sentence points at one by place
# ---------------------------------------------------------------------------------------

_PLACE = (
    "canon._coordinated sorts 'and' items even when another sentence points at one by its place "
    "('the first one', 'the first country'); OPTION_BY_PLACE only freezes 'or'/'vs' options"
)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "branding",
            "Write taglines for our lipstick and our lip balm. Keep the first one witty.",
            "Write taglines for our lip balm and our lipstick. Keep the first one witty.",
        ),
        (
            "market",
            "Compare the serum market in France and Spain. For the first country, focus on pharmacies.",
            "Compare the serum market in Spain and France. For the first country, focus on pharmacies.",
        ),
    ],
)
def test_and_items_pointed_at_by_place_are_kept_apart(generator: str, a: str, b: str) -> None:
    assert not same(a, b, generator=generator)


@pytest.mark.xfail(strict=True, reason=_PLACE + " (a field's comma list, guard.form)")
def test_field_items_pointed_at_by_place_are_kept_apart() -> None:
    query = "Write taglines for two products. Keep the first one witty."
    rest = {"audience": "Gen Z", "tone": "playful"}
    a = form(query, {"product": "lipstick, lip balm", **rest}, generator="branding")
    b = form(query, {"product": "lip balm, lipstick", **rest}, generator="branding")
    assert a != b


def test_latter_keeps_and_items_in_order() -> None:
    assert not same(
        "We sell a lipstick and a lip balm. Write taglines for the latter.",
        "We sell a lip balm and a lipstick. Write taglines for the latter.",
        generator="branding",
    )


def test_and_items_alone_are_served_in_any_order() -> None:
    assert same(
        "Write taglines for our lipstick and our lip balm.",
        "Write taglines for our lip balm and our lipstick.",
        generator="branding",
    )


# ---------------------------------------------------------------------------------------
# 6-9. Paraphrases split (misses)
# ---------------------------------------------------------------------------------------

_GROUPED = (
    "canon._canonical_clauses: a sentence listing several clauses is one group, the same clauses "
    "as separate sentences are not, so joining or splitting sentences splits the request"
)


@pytest.mark.xfail(strict=True, reason=_GROUPED)
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "We are a Brazilian indie brand. We sell mostly online. What are the top hair care trends in Brazil "
            "for 2025?",
            "We are a Brazilian indie brand and we sell mostly online. What are the top hair care trends in "
            "Brazil for 2025?",
        ),
        (
            "costing",
            "Cost a 50 ml serum in a glass dropper. Batch of 5,000 units. Quote in EUR.",
            "Cost a 50 ml serum in a glass dropper, batch of 5,000 units. Quote in EUR.",
        ),
        (
            "scientific",
            "Is bakuchiol as effective as retinol for wrinkles? Use RCTs only. Mention irritation.",
            "Is bakuchiol as effective as retinol for wrinkles? Use RCTs only and mention irritation.",
        ),
        (
            "branding",
            "Write taglines for our vitamin C serum. Keep them short. Avoid the word glow.",
            "Write taglines for our vitamin C serum. Keep them short and avoid the word glow.",
        ),
        (
            "formulation",
            "Formulate a body lotion for dry skin. It must be vegan. It must be fragrance-free.",
            "Formulate a body lotion for dry skin. It must be vegan and fragrance-free.",
        ),
    ],
)
def test_sentences_joined_or_split_are_served(generator: str, a: str, b: str) -> None:
    assert same(a, b, generator=generator)


_BULLETS_INLINE = (
    "canon._canonical_clauses grouping: bullets under the ask are one group, the same items after "
    "a comma or colon on the ask's line are not"
)


@pytest.mark.xfail(strict=True, reason=_BULLETS_INLINE)
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Formulate a body lotion for dry skin.\n- vegan\n- fragrance-free\n- pump bottle",
            "Formulate a body lotion for dry skin, vegan, fragrance-free, pump bottle.",
        ),
        (
            "market",
            "Trends in the Korean sheet mask market.\n- focus on Gen Z\n- online only\n- next 3 years",
            "Trends in the Korean sheet mask market: focus on Gen Z, online only, next 3 years.",
        ),
    ],
)
def test_bullets_against_inline_items_are_served(generator: str, a: str, b: str) -> None:
    assert same(a, b, generator=generator)


_HEADING = (
    "words._headed_lines/canon._groups: a plain line after a bulleted list joins the heading's group, and a "
    "heading that opens the text does not group its bullets, so moving the ask splits"
)


@pytest.mark.xfail(strict=True, reason=_HEADING)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Formulate a vegan lip balm.\nRequirements:\n- SPF 15\n- no beeswax\n- stick format\n"
            "Target cost under EUR 1 per unit.",
            "Formulate a vegan lip balm.\nTarget cost under EUR 1 per unit.\nRequirements:\n- SPF 15\n"
            "- no beeswax\n- stick format",
        ),
        (
            "Requirements:\n- vegan\n- fragrance-free\n- pump bottle\nFormulate a body lotion for dry skin.",
            "Formulate a body lotion for dry skin.\nRequirements:\n- vegan\n- fragrance-free\n- pump bottle",
        ),
    ],
)
def test_ask_moved_around_a_headed_list_is_served(a: str, b: str) -> None:
    assert same(a, b)


_SPEC_LINES = (
    "canon._ORDERED_LINES with _labelled_lines: four lines or more keep their order unless every "
    "line is 'label: value', so a spec of distinct labels under one line of ask splits when reordered"
)


@pytest.mark.xfail(strict=True, reason=_SPEC_LINES)
@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "costing",
            "Estimate the cost of a 50 ml cream.\nPackaging: airless pump\nBatch: 5,000 units\nCurrency: EUR",
            "Estimate the cost of a 50 ml cream.\nBatch: 5,000 units\nPackaging: airless pump\nCurrency: EUR",
        ),
        (
            "branding",
            "Write taglines for our vitamin C serum.\nTone: playful\nAudience: Gen Z\nLength: under 8 words",
            "Write taglines for our vitamin C serum.\nAudience: Gen Z\nTone: playful\nLength: under 8 words",
        ),
    ],
)
def test_spec_lines_reordered_under_an_ask_are_served(generator: str, a: str, b: str) -> None:
    assert same(a, b, generator=generator)


def test_requirements_bullets_against_inline_are_served() -> None:
    assert same(
        "Formulate a body lotion for dry skin. Requirements:\n- vegan\n- fragrance-free\n- pump bottle",
        "Formulate a body lotion for dry skin. Requirements: vegan, fragrance-free, pump bottle.",
    )


@pytest.mark.xfail(strict=True, reason=_IN_ORDER)
def test_spec_sentences_reordered_are_served() -> None:
    assert same(
        "Estimate the cost of a 50 ml cream. Packaging: airless pump. Batch: 5,000 units. Quote in EUR.",
        "Estimate the cost of a 50 ml cream. Batch: 5,000 units. Packaging: airless pump. Quote in EUR.",
        generator="costing",
    )


def test_one_thing_a_line_keeps_its_order_when_a_sentence_points_back() -> None:
    """Second read (g97): the binding rules ran before the one-thing-a-line rule, so a
    closing "Make it vegan." let two lines' qualifiers swap products."""
    a = "Day cream\nSPF 30\nNight cream\nretinol\nSerum\nniacinamide\nMake it vegan."
    b = "Day cream\nretinol\nNight cream\nSPF 30\nSerum\nniacinamide\nMake it vegan."
    assert not same(a, b, generator="formulation")
    assert not same(
        a.replace("Make it vegan.", "Also cost a serum."), b.replace("Make it vegan.", "Also cost a serum.")
    )
