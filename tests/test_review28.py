"""Review 28: the guard rules of g64 (``git diff 671fe9c -- optimizer/cache``), attacked.

g64 added two rules: canon._glued_place (with canon.PLACE_OF and _TRADE_PARTIES): "in
<country>" right after a business, in a clause with three phrase starts or more, becomes the
business's place and moves with it; and words._TALKED_SIGN / _sign_named: a lone "+", "&",
"#", "@", "*" after an article, or before "sign/symbol/character", becomes a word.

Each near-miss finding gives two requests that a careful cosmetics or consumer-goods expert
answers differently, yet that the cache serves one for the other end to end (``served``,
balanced strategy). Each split finding gives two requests that are one request and are no
longer served. Each fails today: it is marked ``xfail(strict=True)``, so it passes while the
finding stands and turns red when a fix closes it (then drop the mark). Each group also holds
plain tests that pin what the rule gets right. Grouped by cause, most severe first (36
findings: 30 near-misses served, 6 paraphrases split). "Regression" means kept apart
(near-miss) or served (split) at 671fe9c (the commit before g64) and no longer; "gap" means
a case of the kind the new rule set out to cover that it misses (served at 671fe9c too).

Near-misses served:

1. g64, canon._phrases after _glued_place: gluing "in <country>" takes one phrase start
   away, so "to the salon in Italy" + "with complaints" is a run of two, under
   _ATTACHING_RUN, and _noun_phrase's check that keeps a "with" phrase on the noun before it
   is skipped: "a reply to the salon in Italy with complaints" (the salon's complaints) is
   served "a reply with complaints to the salon in Italy" (regressions): 4
2. g64, canon._glued_place and COUNTRIES: the place must be one of COUNTRIES after
   lemmatising, so the US/USA, the EU, Europe, Latin America, the GCC, a state (California),
   a city (Dubai) stay phrases of their own and are sorted away from the business; "the
   Netherlands" and "the Philippines" are in COUNTRIES but arrive lemmatised ("netherland",
   "philippine") and miss too (gaps): 8
3. g64, canon._TRADE_PARTIES: the list of businesses misses co-packers, fragrance houses,
   influencers, dermatologists, sales reps, drugstores, freight forwarders (and, tried but
   not kept as tests, fillers, supermarkets, spas, KOLs, hotels, agencies) (gaps): 7
4. g64, canon._glued_place: only "in" glues; "across", "within" after a business are sorted
   as before (gaps): 2
5. g64, words._TALKED_SIGN: a sign is a word only right after a/an/the/one/no or before
   sign/symbol/character; without an article ("a name with + in it", "use & instead of
   'and'", "replace + with 'plus'"), after "this" or an adjective ("a single &", "a trailing
   +"), glued to a name ("Glow+" / "Glow&") it is still punctuation and the two signs
   collapse; signs outside _SIGN_NAMES ("the ® symbol" / "the © symbol") collapse whatever
   the article (gaps): 9

Paraphrases split (regressions, all served at 671fe9c):

6. g64, _glued_place x rewrites._moves / _repeats / _without_repeats: a glued place is no
   "in" phrase, so rewrites no longer move it into an empty region field nor drop it as a
   repeat of the region; a request with "top retailers in Germany" and one with region
   Germany part, and so do "customers in France" (a consumer, yet "customer" is in
   _TRADE_PARTIES) and "the thickening agent in India" (a chemical, yet "agent" is); even
   the commit's own example of a request's place, "top CMOs in Mexico", glues once a
   category field is set ("top CMOs" is read "top in cmos": three starts): 6

Held up against my attempts (no finding kept): _glued_place with a country in the list, for
distributors, retailers, resellers, stockists, pharmacies, wholesale partners, franchisees,
retail chains, contract manufacturers and the UK; with "the" before the "with" phrase
("with the overdue invoice" stays frozen); with a third phrase after the glued one ("about
the shade with photos"); "based in", "located in", "outside", "throughout" (kept apart by
other reads); coordinated countries ("in Brazil and Mexico"). _TALKED_SIGN after an article
kept "+", "&", "@", "#", "*" apart ("a + in it" / "a & in it", "keep the & / the +", "the * /
the †" before a footnote, "no + / no &"), and it now serves "a + sign" = "a plus sign".
Not kept: "buy one + get one" vs "buy one get one", "the @ symbol" vs "the at sign", "the #
of SKUs" vs "the number of SKUs" are apart, but were apart at 671fe9c too.

Closed at g65: 34 of the 36. The glued place's phrases count as written for the "with" run
(group 1); the places are countries, their lemmatised forms and the regions the aliases write
(group 2); the businesses add co-packers, fragrance houses, influencers, dermatologists,
sales reps, drugstores, forwarders and more, and lose "customer" and "agent" (group 3);
"across" and "within" glue as "in" does (group 4); a sign after any word that cannot be
the left side of a joining sign, ™ ® © before "notice"/"mark", and a sign ending a name are
words (group 5); and a place glues only when the clause also names a matter ("about",
"on", "regarding"), so "top retailers in Germany for sun care" and "margins of
distributors in Mexico" give their region again (group 6). Open: a state or a city
(California, Dubai), which no list here holds.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ================================ near-misses served ================================


# -- 1. a glued place shortens the run and a "with" phrase moves (g64, canon._phrases) ---------
# _phrases glues "in Italy" after "salon" before it counts the run: "to the salon in Italy with
# complaints" had three phrase starts (to, in, with), and a later bare "with" phrase kept the
# order (_noun_phrase: the salon with complaints); glued it has two, under _ATTACHING_RUN, and
# the phrases are sorted: the reply is served one that sends the complaints. At 671fe9c kept
# apart (regressions). "with the ..." stays frozen by another rule.
WITH_RUN = "canon._phrases: the glued place leaves two phrase starts, so _noun_phrase's 'with' check is skipped"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Write a reply to the salon in Italy with complaints",
            "Write a reply with complaints to the salon in Italy",
            id="salon-with-complaints",
        ),
        pytest.param(
            "Send a follow-up to the retailer in Germany with samples",
            "Send a follow-up with samples to the retailer in Germany",
            id="retailer-with-samples",
        ),
        pytest.param(
            "Draft a reply to the customer in France with photos",
            "Draft a reply with photos to the customer in France",
            id="customer-with-photos",
        ),
        pytest.param(
            "Write a reply to the customer in Italy with a refund",
            "Write a reply with a refund to the customer in Italy",
            id="customer-with-a-refund",
        ),
    ],
)
def test_a_with_phrase_after_a_glued_place(served, a, b):
    assert not served("branding", a, b)


def test_a_with_the_phrase_after_a_glued_place(served):
    assert not served(
        "branding",
        "Draft a reply to the retailer in Germany with the damaged shipment",
        "Draft a reply with the damaged shipment to the retailer in Germany",
    )


def test_a_with_phrase_after_three_with_a_glued_place(served):
    assert not served(
        "branding",
        "Reply to the customer in France about the shade with photos",
        "Reply with photos to the customer in France about the shade",
    )


# -- 2. a place that is not in COUNTRIES (g64, canon._glued_place) ------------------------------
# Only "in" + one of COUNTRIES (one or two words, compared after lemmatising) glues. The US
# ("usa" is no member), the EU, Europe, Latin America, the GCC, California, Dubai stay
# phrases of their own and are sorted to the front: a notice to US retailers about a delay is
# served a notice to retailers about a delay in the US. "Netherlands" and "Philippines" are in
# COUNTRIES but reach the check lemmatised ("netherland", "philippine").
NOT_A_COUNTRY = "canon._glued_place: the place is not in COUNTRIES (or only before lemmatising)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Write an apology email to retailers in the US about the shipping delay",
            "Write an apology email to retailers about the shipping delay in the US",
            id="the-us",
        ),
        pytest.param(
            "Draft a letter to our suppliers in the EU about the price increase",
            "Draft a letter to our suppliers about the price increase in the EU",
            id="the-eu",
        ),
        pytest.param(
            "Draft a letter to our distributors in Latin America about the recall",
            "Draft a letter to our distributors about the recall in Latin America",
            id="latin-america",
        ),
        pytest.param(
            "Draft a letter to our distributors in the GCC about the recall",
            "Draft a letter to our distributors about the recall in the GCC",
            id="the-gcc",
        ),
        pytest.param(
            "Draft a letter to our stockists in California about the Prop 65 warning",
            "Draft a letter to our stockists about the Prop 65 warning in California",
            id="california",
            marks=xfail(NOT_A_COUNTRY),
        ),
        pytest.param(
            "Draft a letter to our stockists in Dubai about the recall",
            "Draft a letter to our stockists about the recall in Dubai",
            id="dubai",
            marks=xfail(NOT_A_COUNTRY),
        ),
        pytest.param(
            "Draft a letter to our stockists in the Netherlands about the recall",
            "Draft a letter to our stockists about the recall in the Netherlands",
            id="netherlands-lemmatised",
        ),
        pytest.param(
            "Draft a letter to our stockists in the Philippines about the recall",
            "Draft a letter to our stockists about the recall in the Philippines",
            id="philippines-lemmatised",
        ),
    ],
)
def test_a_place_not_in_countries(served, a, b):
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a notice to distributors in Brazil about the delay",
            "Draft a notice to distributors about the delay in Brazil",
            id="brazil",
        ),
        pytest.param(
            "Draft a notice to retail partners in the UK about the delay",
            "Draft a notice to retail partners about the delay in the UK",
            id="the-uk",
        ),
        pytest.param(
            "Draft a notice to retailers in South Korea about the delay",
            "Draft a notice to retailers about the delay in South Korea",
            id="south-korea",
        ),
    ],
)
def test_a_place_in_countries(served, a, b):
    assert not served("branding", a, b)


def test_a_glued_place_moves_with_its_business():
    assert same(
        "Draft a letter to our distributors in Brazil about the recall",
        "Draft a letter about the recall to our distributors in Brazil",
        generator="branding",
    )


# -- 3. a business missing from _TRADE_PARTIES (g64, canon._TRADE_PARTIES) ----------------------
# Only the 39 words of _TRADE_PARTIES (or their plural in "s") take a place. The parties an
# analyst writes to as often are missing: co-packers, fragrance houses, influencers,
# dermatologists, sales reps, drugstores, freight forwarders.
NOT_A_PARTY = "canon._TRADE_PARTIES: the business is missing, its 'in <country>' is sorted away"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a letter to our co-packer in Poland about the label error",
            "Draft a letter to our co-packer about the label error in Poland",
            id="co-packer",
        ),
        pytest.param(
            "Draft a letter to our fragrance house in France about the IFRA update",
            "Draft a letter to our fragrance house about the IFRA update in France",
            id="fragrance-house",
        ),
        pytest.param(
            "Draft an email to our influencers in Brazil about the launch delay",
            "Draft an email to our influencers about the launch delay in Brazil",
            id="influencers",
        ),
        pytest.param(
            "Draft a brief to the dermatologists in Germany about the new study",
            "Draft a brief to the dermatologists about the new study in Germany",
            id="dermatologists",
        ),
        pytest.param(
            "Draft a brief to our sales reps in Italy about the promotion",
            "Draft a brief to our sales reps about the promotion in Italy",
            id="sales-reps",
        ),
        pytest.param(
            "Draft a brief to the drugstores in Germany about the price change",
            "Draft a brief to the drugstores about the price change in Germany",
            id="drugstores",
        ),
        pytest.param(
            "Draft a brief to the freight forwarder in China about the delay",
            "Draft a brief to the freight forwarder about the delay in China",
            id="freight-forwarder",
        ),
    ],
)
def test_a_business_missing_from_trade_parties(served, a, b):
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a brief to the pharmacies in Spain about the price change",
            "Draft a brief to the pharmacies about the price change in Spain",
            id="pharmacies",
        ),
        pytest.param(
            "Draft a brief to the franchisees in Germany about the delay",
            "Draft a brief to the franchisees about the delay in Germany",
            id="franchisees",
        ),
        pytest.param(
            "Draft a letter to the contract manufacturer in Brazil about the delay",
            "Draft a letter to the contract manufacturer about the delay in Brazil",
            id="contract-manufacturer",
        ),
    ],
)
def test_a_business_in_trade_parties(served, a, b):
    assert not served("branding", a, b)


# -- 4. a place after another preposition (g64, canon._glued_place) -----------------------------
# Only "in" glues: "retailers across Germany", "retailers within Germany" are the business's
# place as much, and their phrase is sorted to the end.
NOT_IN = "canon._glued_place: only 'in' glues; 'across' / 'within' are sorted away"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Draft a letter to our retailers across Germany about the recall",
            "Draft a letter to our retailers about the recall across Germany",
            id="across",
        ),
        pytest.param(
            "Draft a letter to our retailers within Germany about the recall",
            "Draft a letter to our retailers about the recall within Germany",
            id="within",
        ),
    ],
)
def test_a_place_after_another_preposition(served, a, b):
    assert not served("branding", a, b)


def test_a_place_outside_a_country(served):
    assert not served(
        "branding",
        "Draft a letter to our retailers outside Germany about the recall",
        "Draft a letter to our retailers about the recall outside Germany",
    )


# -- 5. a sign the rule does not name (g64, words._TALKED_SIGN) ---------------------------------
# A sign becomes a word only after a/an/the/one/no, or before sign/symbol/character. Without
# the article ("with + in it", "use & instead of", "replace + with"), after "this" or an
# adjective ("a single &", "a trailing +"), or glued to a name ("Glow+"), the sign is still
# punctuation and "+" is "&". "®" and "©" are not in _SIGN_NAMES: "the ® symbol" (only for a
# registered mark; misuse is an offence in several markets) is "the © symbol" (copyright).
SIGN = "words._TALKED_SIGN: a sign without an article before it (or outside _SIGN_NAMES) is punctuation"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Tell me if a name with + in it is hard to trademark in the EU",
            "Tell me if a name with & in it is hard to trademark in the EU",
            id="no-article",
        ),
        pytest.param(
            "Use & instead of 'and' in the brand name?",
            "Use + instead of 'and' in the brand name?",
            id="instead-of-and",
        ),
        pytest.param(
            "Should we replace + with 'plus' in the brand name for Arabic markets?",
            "Should we replace & with 'plus' in the brand name for Arabic markets?",
            id="replace-with",
        ),
        pytest.param(
            "Is this + in our product name a problem for Amazon search?",
            "Is this & in our product name a problem for Amazon search?",
            id="this",
        ),
        pytest.param(
            "Does a trailing + in a product name hurt Amazon search?",
            "Does a trailing & in a product name hurt Amazon search?",
            id="trailing",
        ),
        pytest.param(
            "Is a single & in a brand name hard to register?",
            "Is a single + in a brand name hard to register?",
            id="single",
        ),
        pytest.param(
            "Is Glow+ a good name for a vitamin C serum?",
            "Is Glow& a good name for a vitamin C serum?",
            id="glued-to-a-name",
        ),
        pytest.param(
            "Can we put the ® symbol on the carton before the trademark is registered?",
            "Can we put the © symbol on the carton before the trademark is registered?",
            id="registered-vs-copyright-symbol",
        ),
        pytest.param(
            "Can we put ® after the brand name on the carton before registration?",
            "Can we put © after the brand name on the carton before registration?",
            id="registered-vs-copyright-bare",
        ),
    ],
)
def test_a_sign_the_rule_does_not_name(served, a, b):
    assert not served("branding", a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Is a name with a + in it hard to trademark?", "Is a name with a & in it hard to trademark?", id="a-sign"
        ),
        pytest.param("Keep the & in the new brand name?", "Keep the + in the new brand name?", id="the-sign"),
        pytest.param(
            "Can the claim end with an * instead of a footnote?",
            "Can the claim end with a † instead of a footnote?",
            id="asterisk",
        ),
    ],
)
def test_a_sign_after_an_article(served, a, b):
    assert not served("branding", a, b)


def test_a_sign_named_as_a_sign():
    assert same(
        "Is a name with a + sign in it hard to trademark?",
        "Is a name with a plus sign in it hard to trademark?",
        generator="branding",
    )


def test_a_sign_after_an_article_and_its_name():
    assert same(
        "Is a name with an & in it hard to trademark?",
        "Is a name with an ampersand in it hard to trademark?",
        generator="branding",
    )


# ================================ paraphrases split ================================


# -- 6. a glued place is no region any more (g64, _glued_place x rewrites) ----------------------
# rewrites._moves, _repeats and _without_repeats find a region by its "in" phrase; a glued
# place is "in~of", no phrase head, so it no longer moves into an empty region field nor
# drops as a repeat of the region. For the market generator "top retailers in Germany" is the
# German market; "customers" are consumers (the commit's own reading) and a "thickening agent"
# is a chemical, yet both words are in _TRADE_PARTIES; "Top CMOs in Mexico for hair care" (the
# commit's own two-phrase example) is read "top in cmos in mexico for haircare", three
# starts, and glues. All served at 671fe9c (regressions).
NO_REGION = "canon._glued_place: a glued place is no region for rewrites._moves / _repeats"


@pytest.mark.parametrize(
    ("generator", "a", "b"),
    [
        pytest.param(
            "market",
            {"query": "Top retailers in Germany for sun care by revenue", "context": {"category": "sun care"}},
            {
                "query": "Top retailers for sun care by revenue",
                "context": {"category": "sun care", "region": "Germany"},
            },
            id="move-top-retailers",
        ),
        pytest.param(
            "market",
            {"query": "Margins of distributors in Mexico for hair care", "context": {"region": "Mexico"}},
            {"query": "Margins of distributors for hair care", "context": {"region": "Mexico"}},
            id="repeat-of-the-region",
        ),
        pytest.param(
            "market",
            {
                "query": "Margins of distributors in Mexico for hair care",
                "context": {"region": "Mexico", "category": "hair care"},
            },
            {"query": "Margins of distributors", "context": {"region": "Mexico", "category": "hair care"}},
            id="without-repeats",
        ),
        pytest.param(
            "market",
            {"query": "Complaints of customers in France about the scent of our perfume"},
            {"query": "Complaints of customers about the scent of our perfume", "context": {"region": "France"}},
            id="customers-are-consumers",
        ),
        pytest.param(
            "market",
            {"query": "Top CMOs in Mexico for hair care", "context": {"category": "hair care"}},
            {"query": "Top CMOs for hair care", "context": {"category": "hair care", "region": "Mexico"}},
            id="top-cmos-the-commits-own-example",
        ),
        pytest.param(
            "costing",
            {"query": "Supply risk of the thickening agent in India for our shampoo"},
            {"query": "Supply risk of the thickening agent for our shampoo", "context": {"region": "India"}},
            id="agent-is-a-chemical",
        ),
    ],
)
def test_a_glued_place_is_no_region(served, generator, a, b):
    assert served(generator, a, b)


def test_a_place_in_two_phrases_is_the_region(served):
    assert served(
        "market",
        {"query": "Top retailers in Germany for sun care"},
        {"query": "Top retailers for sun care", "context": {"region": "Germany"}},
    )
