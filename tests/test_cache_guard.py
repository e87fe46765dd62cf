"""The cache guard (optimizer/cache/guard.py) and its lexicon: what is and is not the same request."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.each import every

from optimizer.cache import lexicon
from optimizer.cache.guard import GUARD_EXPLANATION, canonical_text, compare, form, guard_parts
from optimizer.cache.rewrites import lookup_keys, rewritten, stored_keys

DATA = Path(__file__).parent / "data"
NEAR_MISSES = DATA / "guard-near-misses.tsv"
PARAPHRASES = DATA / "guard-paraphrases.tsv"


def _side(text: str) -> tuple[str, dict[str, str]]:
    """ "free text || field=value; field=value" (``\\n`` for a line break) -> (text, fields)."""
    query, _, fields = text.partition(" || ")
    context = {}
    for pair in filter(None, (f.strip() for f in fields.split(";"))):
        name, _, value = pair.partition("=")
        context[name.strip()] = value.strip()
    return query.replace("\\n", "\n"), context


def _rows(path: Path, columns: int) -> list[tuple[str, ...]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")[:columns]))
    return rows


def _own_near_misses() -> list[tuple[str, str, str]]:
    return _rows(NEAR_MISSES, 3)


def same(a: str, b: str, *, generator: str = "formulation") -> bool:
    return canonical_text(a, generator=generator) == canonical_text(b, generator=generator)


def served(a: str, b: str, *, generator: str) -> bool:
    """Whether a lookup of ``b`` finds a stored ``a`` in the index: equal forms, or one
    side's one-step rewrite equal to the other as written (as ``SemanticIndex`` decides)."""
    (qa, ca), (qb, cb) = _side(a), _side(b)
    stored = stored_keys(form(qa, ca, generator=generator), rewritten(qa, ca, generator=generator))
    looked = lookup_keys(form(qb, cb, generator=generator), rewritten(qb, cb, generator=generator))
    return bool(set(stored) & set(looked))


def _never_the_same_request(generator: str, a: str, b: str) -> None:
    assert not served(a, b, generator=generator)
    assert not served(b, a, generator=generator)


def test_own_near_misses_are_never_the_same_request():
    """Every reviewed near-miss, in one test (support/each.py)."""
    every(
        _own_near_misses(),
        lambda row: _never_the_same_request(*row),
        name=lambda row: f"{row[0]}: {row[1]!r} / {row[2]!r}",
    )


def test_own_paraphrases_are_mostly_served():
    """Our own paraphrases (other product areas and markets than the suite's tuning half):
    a floor, not every row; the rows not served are the kinds the README says are not."""
    rows = _rows(PARAPHRASES, 4)
    assert len(rows) >= 140 and len({r[1] for r in rows}) == 13
    hits = sum(served(a, b, generator=g) for g, _, a, b in rows)
    # 119 at g52; 118 since g53 ("our shaving gels" / "our shaving gel": after a possessive,
    # one or several is kept apart, as "our bestseller" / "our bestsellers" must be)
    assert hits / len(rows) >= 0.79, f"{hits}/{len(rows)}"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the examples, typed into the free-text box
        ("Face fluid with a matte finish", "Face fluid with a dewy finish"),
        ("rinse-off hair mask", "leave-on hair mask"),
        ("Will sales increase in Spain?", "Will sales decrease in Spain?"),
        ("Serum with 2% azelaic acid and 10% niacinamide", "Serum with 10% azelaic acid and 2% niacinamide"),
        ("A budget body lotion", "A luxury body lotion"),
        ("Brands cheaper than Nivea", "Brands more premium than Nivea"),
        ("Sheet masks in Vietnam", "Sheet masks in Thailand"),
        ("Solid perfume with a vetiver base", "Solid perfume with a sandalwood base"),
        ("Night cream for teenagers", "Night cream for over-50s"),
        ("Raw material cost per batch", "Raw material cost per unit"),
        ("Weekly figures please", "Monthly figures please"),
        ("alcohol-free aftershave", "aftershave with alcohol"),
        ("scented body lotion", "unscented body lotion"),
        ("a few trials found it effective", "few trials found it effective"),
        ("What drove the growth of K-beauty?", "What will drive the growth of K-beauty?"),
        ("How can I become a data scientist?", "How can I become a scientist?"),
        ("Work out the unit cost", "Workout gel unit cost"),
        ("Questions: 2) market size 3) brands", "Questions: market size brands"),
        ("Steps: 1) mix the oil 2) add the water", "Steps: 1) add the water 2) mix the oil"),
        ("Rank shampoo brands by 1) price 2) quality", "Rank shampoo brands by 1) quality 2) price"),
        ("Sweet bread market", "Sweetbread market"),
        ("Black head remover", "Blackhead remover"),
        ("Cheese aged 12 months market", "Cheese 12 months market"),
        ("Check how the market grows", "How the market grows in Chile"),
    ],
)
def test_what_changes_the_answer_is_a_difference(a, b):
    assert not same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Create a serum for sensitive skin", "create a serum for sensitive skin please"),
        ("Could you please formulate a gel for oily skin? Thanks a lot!", "Formulate a gel for oily skin."),
        ("Hello team, can you estimate the cost per unit for us please?", "Estimate the cost per unit."),
        ("Formulating a serum with peptides for wrinkles", "Formulate a serum with peptide for wrinkle"),
        ("Moisturiser with colour-correcting tint", "Moisturizer with color-correcting tint"),
        ("moisturizer for oily skin", "moisturzier for oily skin"),
        ("It shouldn't feel greasy", "It should not feel greasy"),
        ("fragrance-free, vegan", "vegan, free of fragrance"),
        ("Batch of 5,000 units", "batch of 5k units"),
        ("10 percent urea", "10% urea"),
        ("two syllables at most", "2 syllables at most"),
        ("75 ml tube", "75ml tube"),
        ("For sensitive skin, a light serum", "A light serum for sensitive skin"),
        ("Cost per unit and per batch", "cost per batch and per unit"),
        ("How do I learn Python online?", "How can I learn Python online?"),
        ("Region: USA", "Region: United States"),
        ("Evidence from RCTs", "Evidence from randomized controlled trials"),
        ("women 25-40, city dwellers", "city dwellers, women 25 to 40"),
    ],
)
def test_harmless_differences_are_the_same_request(a, b):
    assert same(a, b)


def test_no_strategy_merges_thesaurus_synonyms():
    # WordNet classes were removed (tests/test_cache_guard_attack.py: "older" merged "elderly")
    assert not same("Shampoo for older women", "Shampoo for elderly women")


def test_a_closed_list_of_same_words_in_every_strategy():
    assert same("Big retailers in Poland", "Large retailers in Poland")
    assert same("Name ideas for our kids' sunscreen", "Name ideas for our children's sunscreen")
    assert same("Make a hand soap with glycerin", "Make a hand soap with glycerol")
    assert same("Where do consumers purchase shampoo?", "Where do consumers buy shampoo?")
    assert same("main rivals of the leading toothpaste brand", "main competitors of the leading toothpaste brand")
    # words a thesaurus pairs but an expert does not stay apart
    assert not same("What is the price of soy wax?", "What is the cost of soy wax?")
    assert not same("Apply a 40% margin", "Apply a 40% markup")


def test_fields_are_compared_value_by_value_not_the_template():
    one = form("a light serum", {"region": "Japan", "requirements": "vegan"}, generator="formulation")
    moved = form("a light serum", {"region": "vegan", "requirements": "Japan"}, generator="formulation")
    recased = form("A light serum.", {"region": "japan", "requirements": "Vegan"}, generator="formulation")
    assert one.parts == recased.parts and one.digest == recased.digest
    assert one.parts != moved.parts and one.digest != moved.digest
    verdict = compare(one, moved)
    assert not verdict.same and any("field:region" in d for d in verdict.differences)


def test_a_request_without_a_separate_query_is_guarded_on_its_prompt():
    assert guard_parts(None, {}, prompt="the whole prompt") == (("query", "the whole prompt"),)
    assert guard_parts("typed", {"region": "EU", "tone": ""}, prompt="ignored") == (
        ("query", "typed"),
        ("field:region", "EU"),
    )


def test_compare_says_what_differs():
    a = form("serum for dry skin in Japan", {})
    b = form("serum for oily skin in Japan", {})
    assert compare(a, b).differences == ("query: dry / oily",)
    c = form("2% A and 10% B", {})
    d = form("10% A and 2% B", {})
    assert compare(c, d).differences == ("query: the same words bound differently",)
    assert compare(a, form("Serum for dry skin in JAPAN!", {})).same


def test_typo_repair_is_unique_and_never_touches_known_words_or_names():
    assert lexicon.repair_typo("hydratng") == "hydrating"
    assert lexicon.repair_typo("sensitve") == "sensitive"
    # Short words and slips at an end are left as written: as often a brand or a place.
    assert lexicon.repair_typo("wieght") == "wieght" and lexicon.repair_typo("natura") == "natura"
    assert lexicon.repair_typo("retinal") == "retinal"  # a word of its own, not a slip of "retinol"
    assert lexicon.repair_typo("vetiver") == "vetiver"
    assert lexicon.repair_typo("men") == "men"
    assert canonical_text("Sunscreen for Austria") != canonical_text("Sunscreen for Australia")


def test_inflection_keeps_degree_tense_and_adjectives():
    assert lexicon.fold_inflection("serums") == ("serum", False)
    assert lexicon.fold_inflection("buying") == ("buy", False)
    assert lexicon.fold_inflection("funded") == ("fund", True)
    assert lexicon.fold_inflection("cheaper") == ("cheaper", False)
    assert lexicon.fold_inflection("drying") == ("drying", False)
    assert lexicon.fold_inflection("scented") == ("scented", False)
    assert lexicon.fold_inflection("peptides") == ("peptide", False)


def test_spelling_pairs_are_variants_only():
    assert lexicon.us_spelling("colour") == "color" and lexicon.us_spelling("analyse") == "analyze"
    assert lexicon.us_spelling("four") == "four" and lexicon.us_spelling("timbre") == "timbre"
    assert lexicon.us_spelling("tonne") == "tonne"  # a metric tonne is not a US ton


def test_the_explanation_names_what_is_and_is_not_served():
    text = GUARD_EXPLANATION.lower()
    for phrase in ("casing", "typo", "synonym", "negation", "vietnam", "miss"):
        assert phrase in text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # phrases of a clause in another order, each with its own words
        ("Beard oil for dry skin with argan", "Beard oil with argan for dry skin"),
        (
            "Growth of reed diffusers in Mexico over the next 3 years",
            "Growth over the next 3 years of reed diffusers in Mexico",
        ),
        ("Which sells more: candles or diffusers?", "Which sells more: diffusers or candles?"),
        # lists, lines and labels
        ("Dish soap:\n- lemon scent\n- 500 ml\n- pump bottle", "Dish soap, lemon scent, 500 ml, pump bottle"),
        ("Give me: taglines (3), names (3)", "Give me\n* 3 taglines\n* 3 names"),
        ("Tone: warm\nAudience: new mums", "Tone: warm. Audience: new mums"),
        ("cost per unit?? and per batch??", "Cost per unit and per batch?"),
        ("Cost of the reed sticks/the glass bottle/the cap", "Cost of the reed sticks, the glass bottle, the cap"),
        # politeness, questions, requirements
        (
            "Hello, I would like to know the market size of cat litter in Chile, thanks",
            "Market size of cat litter in Chile",
        ),
        ("Would you be so kind as to suggest names for our attar line?", "Suggest names for our attar line"),
        ("What are the top three pet shampoo brands in Mexico?", "top 3 pet shampoo brands Mexico?"),
        ("Conditioner for curly hair, no silicones", "Conditioner for curly hair, silicone-free"),
        ("Three names for a beard oil, in a serious tone", "3 names for a beard oil, serious tone"),
        # abbreviations, currencies, spelling, typos
        ("Oud demand in KSA", "Oud demand in Saudi Arabia"),
        (
            "Hyaluronic acid (HA) gel: evidence on HA for gums",
            "Hyaluronic acid gel: evidence on hyaluronic acid for gums",
        ),
        ("Cost per unit in R$", "Cost per unit in BRL"),
        ("Price in USD 20", "Price in 20 US$"),
        ("Serum with 2,5% niacinamide", "Serum with 2.5% niacinamide"),
        ("Catalogue copy for our moustache wax", "Catalog copy for our mustache wax"),
        # pauses, greetings, inline lists, compounds, ages
        ("Refills... are they growing in Chile?", "Refills: are they growing in Chile?"),
        ("Nail polish remover -- acetone-free, with glycerin", "Nail polish remover: acetone-free, with glycerin."),
        ("Dear colleague, the unit cost for this candle? Many thanks", "Unit cost for this candle"),
        (
            "Sorry to bother, can you check how the nail care market in Chile is doing?",
            "How is the nail care market in Chile doing?",
        ),
        ("Skin care trends in Korea", "Skincare trends in Korea"),
        ("Beard oil for men aged 25-40", "Beard oil for men between 25 and 40"),
        ("Hair care for women aged 50+", "Haircare for women 50+"),
    ],
)
def test_this_rounds_harmless_differences(a, b):
    assert same(a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "market",
            "Hair oil trends in Indonesia || category=hair oil",
            "Hair oil trends || category=hair oil; region=Indonesia",
        ),
        ("market", "What will happen by 2030? || region=France", "What will happen? || region=France; horizon=2030"),
        (
            "costing",
            "Cost for 5,000 units || formulation=toner",
            "Cost please || formulation=toner; batch_size=5,000 units",
        ),
        (
            "branding",
            "Taglines, tone should be witty || product=deodorant",
            "Taglines || product=deodorant; tone=witty",
        ),
        ("branding", "Names aimed at teenagers || product=strips", "Names || product=strips; audience=teenagers"),
        (
            "scientific",
            "Evidence from RCTs on bakuchiol || subject=bakuchiol",
            "Evidence on bakuchiol || subject=bakuchiol; evidence=RCTs",
        ),
        (
            "formulation",
            "Vegan night cream || product_type=night cream",
            "Night cream || product_type=night cream; requirements=vegan",
        ),
        (
            "formulation",
            "SPF 30 sunscreen for kids || product_type=sunscreen",
            "Sunscreen for kids || product_type=SPF 30 sunscreen",
        ),
        (
            "formulation",
            "Vegan night cream for dry skin || product_type=night cream",
            "Night cream for dry skin, vegan || product_type=night cream",
        ),
        ("market", "Oud trends in Kuwait || region=Kuwait", "Oud trends || region=Kuwait"),
        (
            "market",
            "Men's fragrance, next 5 years || region=Kuwait",
            "Men's fragrance || region=Kuwait; horizon=next 5 years",
        ),
        (
            "costing",
            "Cost for a batch of 15,000 bottles || formulation=conditioner",
            "Cost || formulation=conditioner; batch_size=15,000 bottles",
        ),
        (
            "branding",
            "Tagline for the night cream for women over 50 || product=night cream",
            "Tagline for the night cream || product=night cream; audience=women over 50",
        ),
        (
            "formulation",
            "Lip oil for the Korean market || product_type=lip oil",
            "Lip oil || product_type=lip oil; region=Korea",
        ),
        # the whole text in the field that says what the request is about (g56)
        ("market", "Solid perfume || region=France", " || category=solid perfume; region=France"),
        ("formulation", "tear-free, berry scent, 500 ml", " || requirements=tear-free, berry scent, 500 ml"),
        ("market", "toothpaste market, next 3 years", "toothpaste market || horizon=3 years"),
        # a text that says its fields again (g58): the horizon looking ahead, a one-word tone
        (
            "market",
            "key trends || region=Turkey; horizon=3 years",
            "key trends in Turkey over the next 3 years || region=Turkey; horizon=3 years",
        ),
        (
            "branding",
            "tagline || tone=friendly; audience=parents",
            "friendly tagline for parents || tone=friendly; audience=parents",
        ),
    ],
)
def test_a_detail_moved_between_the_text_and_its_field_is_served(generator, a, b):
    assert served(a, b, generator=generator)
    assert served(b, a, generator=generator)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        (
            "formulation",
            "Toothpaste made in Chile || product_type=toothpaste",
            "Toothpaste || product_type=toothpaste; region=Chile",
        ),
        ("market", "Growth in 2028 || region=Egypt", "Growth || region=Egypt; horizon=2028"),
        ("market", "Trends in Indonesia || region=Malaysia", "Trends || region=Indonesia"),
        (
            "costing",
            "Cost for 10,000 bottles || formulation=mouthwash",
            "Cost || formulation=mouthwash; batch_size=1,000 bottles",
        ),
        (
            "branding",
            "Slogans for new parents || product=baby wash",
            "Slogans || product=baby wash; audience=grandparents",
        ),
        (
            "costing",
            "Cost for a batch of 15,000 bottles || formulation=conditioner",
            "Cost || formulation=conditioner; batch_size=1,500 bottles",
        ),
        (
            "branding",
            "Tagline for women over 50 || product=night cream",
            "Tagline || product=night cream; audience=women under 50",
        ),
        ("market", "Trends in North Korea || category=skin care", "Trends || category=skin care; region=Korea"),
        (
            "market",
            "Market outlook for baby care in Indonesia over the last 3 years",
            "Market outlook || category=baby care; region=Indonesia; horizon=3 years",
        ),
        (
            "market",
            "Market outlook for baby care in Indonesia over the next 3 years",
            "Market outlook || category=baby care; region=Malaysia; horizon=3 years",
        ),
        ("market", "Solid perfume || region=France", " || category=solid perfume; region=Spain"),
        ("market", "Solid perfume || region=France", " || category=perfume; region=France"),
        ("branding", "playful", " || tone=serious"),
        ("branding", "friendly tagline for parents || tone=witty", "tagline for parents || tone=witty"),
        (
            "market",
            "key trends in Turkey over the last 3 years || region=Turkey; horizon=3 years",
            "key trends || region=Turkey; horizon=3 years",
        ),
    ],
)
def test_a_move_never_changes_what_a_detail_is_bound_to(generator, a, b):
    assert not served(a, b, generator=generator)
    assert not served(b, a, generator=generator)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("batch of 2 tonnes", "batch of 2,000 kg"),
        ("1.5 l refill", "1500 ml refill"),
        ("outlook for 36 months", "outlook for 3 years"),
        ("story centred on a garden", "story centered on a garden"),
        ("Dear assistant, does panthenol help?", "does panthenol help?"),
        ("Sorry to bother you, but who are the main players?", "who are the main players?"),
        ("When you get a moment, could you work out the cost per tube?", "cost per tube"),
        ("Could you put together a scalp scrub?", "scalp scrub"),
    ],
)
def test_units_in_another_size_and_more_greetings(a, b):
    assert same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("propanol in the formula", "propenol in the formula"),  # a vowel in a chemical ending names another substance
        ("sulfate-free shampoo", "sulfite-free shampoo"),
        ("lactose-free", "lactase-free"),
        ("2 kg tub", "2 g tub"),
        ("outlook for 18 months", "outlook for 1 year"),
        ("Sorry to bother you, but the cost?", "the cost?"),  # "but" before what is not a question stays
        ("workout gel unit cost", "gel unit cost"),
    ],
)
def test_what_those_rules_still_keep_apart(a, b):
    assert not same(a, b)


def test_trade_words_the_lists_miss_are_not_repaired():
    assert lexicon.repair_typo("vitro") == "vitro"
    # A vowel written for another is no slip the guard repairs: "sephora" (a retailer) would
    # become "sophora" (a plant extract), "propenamide" (acrylamide) "propanamide".
    assert lexicon.repair_typo("lavendar") == "lavendar" and lexicon.repair_typo("sephora") == "sephora"
    assert lexicon.repair_typo("propenol") == "propenol"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # g29: what pasted requests carry besides the ask
        (
            "Which cationic instead of behentrimonium chloride?\n--\nKind regards,\nJana Novak | Product Development",
            "Which cationic instead of behentrimonium chloride?",
        ),
        ("night cream, rich but non-greasy 🙏", "night cream, rich but non-greasy"),
        ("bulk EUR 0,74 per unit", "bulk EUR 0.74 per unit"),
        ("bulk 19,99 € per unit", "bulk 19.99 € per unit"),
        ("oil phase: 20 %\n→ starting formula", "oil phase: 20 %\nstarting formula"),
        (
            "We don't want mineral oil and it's got to rinse clean",
            "We do not want mineral oil and it has got to rinse clean",
        ),
        ("Formula for a gentle cleanser, please.\nMany thanks,\nPaul", "Formula for a gentle cleanser, please."),
        (
            "Hope your week is going well! A formula for a gentle cleanser would be really helpful.",
            "A formula for a gentle cleanser.",
        ),
    ],
)
def test_pasted_requests_match_without_their_trimmings(a, b):
    assert same(a, b, generator="formulation")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ...but never what carries the request: a line after a sign-off that says more,
        # a thousands group, a price's cents
        ("Serum formula please.\nBest,\nPS: must be vegan", "Serum formula please."),
        ("bulk EUR 1,200 per batch", "bulk EUR 1.2 per batch"),
        ("bulk EUR 0,74 per unit", "bulk EUR 0,47 per unit"),
        ("Serum formula, please.\nThanks, Vegan", "Serum formula, please."),
        ("Hi Brenntag, what is your price for shea?", "Hi Cargill, what is your price for shea?"),
    ],
)
def test_the_trimmings_never_take_the_request(a, b):
    assert not same(a, b, generator="formulation")


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        # the seventh session's rewordings (g91): a country's common name and its common misspelling
        ("market", "Organic cosmetics buyers in Holland", "Organic cosmetics buyers in the Netherlands"),
        ("market", "shampoo market in the phillipines", "shampoo market in the Philippines"),
        # a heading's gerund, and "could you" before what the generator does
        ("costing", "Costing the refill pouches, 1L", "Cost the refill pouches, 1L"),
        ("costing", "Could you please cost this sunscreen batch? Thank you", "cost this sunscreen batch"),
        (
            "market",
            "Could you size the children's skincare market in Europe?",
            "Size the children's skincare market in Europe",
        ),
    ],
)
def test_seventh_session_rewordings_are_served(served, generator, a, b):
    assert served(generator, a, b)


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        ("market", "sales in North Holland", "sales in the Netherlands"),  # a province
        ("market", "Holland & Barrett sales in the UK", "Netherlands & Barrett sales in the UK"),  # a retailer
        ("costing", "the costing the team did last year", "the cost the team did last year"),
        ("costing", "Can you source a cheaper carton?", "Source a cheaper carton"),  # whether it can be done
    ],
)
def test_seventh_session_rewordings_stop_where_the_meaning_changes(served, generator, a, b):
    assert not served(generator, a, b)
