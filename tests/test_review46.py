"""Review 46: the guard at g90, on ordinary traffic in all five generators.

Near-miss findings: two requests an expert answers differently that the cache serves one for
the other end to end (``served``, balanced). Split findings: one request worded two ways that
gets two canonical forms (``same``). Each finding fails today and is ``xfail(strict=True)``;
each group also holds plain tests of what the rule gets right. Cases of reviews 11 to 45 and
test_cache_guard_attack.py are not repeated; none rests on bare singular/plural alone.

Near-misses served (13):

1. lexicon.repair_typo (through canon's word repair), with fold_inflection: a real agent
   noun's plural that the lexicon does not know ("massagers", "perfumers", "bottlers",
   "packagers", "sourcers", "balancers", "bronzers", "influencers") is one missed letter
   from a known plural of another word ("massages", "perfumes", "bottles", "packages",
   "sources", "balances", "bronzes", "influences"), so it is "repaired" into that word and
   then folded to its lemma: the device is the service ("facial massagers" = "facial
   massage"), the people are the products ("perfumers" = "perfumes"), the supplier is the
   part ("bottlers" = "bottles"). The same repair turns the adjective "shoppable" into
   "stoppable". The repair's own guards (eight letters, first and last letters kept, no
   vowel for a vowel, no chemical names) do not ask whether the unknown word is a regular
   derivation (-er/-ers, -able) of a known word: 13

Paraphrases split (7):

2. the same repair: "diffusers" and "plumpers" are repaired ("diffuse", "pumper") while
   their singulars are known, so "reed diffusers" / "reed diffuser" and "lip plumpers" /
   "lip plumper" (inflection, served on purpose elsewhere) are kept apart: 2
3. words._numbers_and_units / aliases: "5m" and "£20bn" are not millions and billions
   (``_MULTIPLIERS`` knows "mn", not "m" or "bn"), "Jan" is not "January", "autumn" is not
   "fall", "2,50 kg" (a decimal comma with two digits, no price beside it) is not "2.5 kg": 5

Held up (probed and kept apart): unit sizes against batch sizes swapped ("per 100 ml of a
500 ml shampoo"), 12 x 30 ml against 30 x 12 ml, "€2/kg" against "€2", "per kg" against
"per unit", "$2.50 each" against "$2.50", "2-3%" against either end, "8 fl oz" against "8
oz", "0,75 l" against "75 l", "2,50 kg" against "250 kg", "by 10%" against "to 10%",
"up to"/"at least"/"under"/"≤"/"5%+"/"or less" against a bare 5%; dates and periods (Q1/Q4,
H1/H2, FY24/FY25, 2024/25, the 1990s, by/since/until, YTD/MTD, YoY/MoM, quarterly/yearly,
biannual/biennial, early/late, spring/fall, Jan-Mar/Mar-Jan, 2020 to 2025 reversed); the
options rules of g90 on options bound to a phrase ("retinol for sensitive skin vs
bakuchiol", "PET at 10,000 units vs glass") and directional pairs (instead of, rather than,
over, switch ... to, replace ... with, outselling, beat). A scan of the system's English word
lists found no dictionary word that the repair turns into another: every finding above is a
domain word the lexicon lacks.

Closed at g91: all 13 near-misses and the 2 splits of group 2. A word that is a known word
with a regular ending ("-er", "-ers", "-able"/"-ible", a doubled consonant dropped:
"shoppable") is never repaired (``lexicon._derived``). Group 3's 5 splits are open: "5m"
may be five metres, "Jan" a name, "fall" a verb; "2,50 kg" is left as written, as "1.500
kg" is.
"""

from __future__ import annotations

import pytest

from tests.support.guard import same

# --- 1. lexicon.repair_typo: an unknown agent noun "repaired" into another word -----------

_AGENT_NOUN_REPAIRED = [
    ("market", "market for facial massagers in Germany", "market for facial massages in Germany"),
    ("scientific", "evidence on facial massagers for puffiness", "evidence on facial massage for puffiness"),
    ("costing", "cost of 5,000 facial massagers", "cost of 5,000 facial massages"),
    (
        "market",
        "what are the main influencers on Gen Z skincare purchases",
        "what are the main influences on Gen Z skincare purchases",
    ),
    ("market", "top skincare influencers in Brazil", "top skincare influences in Brazil"),
    ("market", "number of independent perfumers in France", "number of independent perfumes in France"),
    ("market", "niche perfumers in Grasse", "niche perfumes in Grasse"),
    (
        "costing",
        "compare bottlers for 10,000 units of a 50 ml serum",
        "compare bottles for 10,000 units of a 50 ml serum",
    ),
    ("costing", "compare packagers for 10,000 jars", "compare packages for 10,000 jars"),
    ("market", "ingredient sourcers in India", "ingredient sources in India"),
    ("formulation", "a toner with pH balancers", "a toner with pH balance"),
    ("branding", "a tagline for a range of bronzers", "a tagline for a range of bronzes"),
    ("branding", "a tagline for shoppable videos", "a tagline for stoppable videos"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _AGENT_NOUN_REPAIRED)
def test_agent_noun_repaired_into_another_word(served, generator, a, b):
    assert not served(generator, a, b)


def test_spelling_and_units_served(served):
    assert served("market", "market for moisturisers in Spain", "market for moisturizers in Spain")
    assert served("costing", "cost of 1.5 l of toner", "cost of 1500 ml of toner")
    assert served("market", "sales of 10 per cent", "sales of 10%")


def test_real_typo_still_repaired():
    assert same("a moisturzier for sensitve skin", "a moisturizer for sensitive skin")


def test_known_agent_nouns_kept_apart(served):
    assert not served("market", "market for hair straighteners in Spain", "market for hair straightening in Spain")
    # (a bare plural against its singular is served on purpose as inflection, relabelled.json)
    assert served("market", "facial massagers in Germany", "facial massager in Germany")


# --- 2./3. broken paraphrases --------------------------------------------------------------


def test_agent_noun_plurals_are_their_singulars():
    assert same("sales of reed diffusers in the UK", "sales of reed diffuser in the UK", generator="market")
    assert same("lip plumpers with peptides", "lip plumper with peptides", generator="formulation")


_SPLIT = [
    ("costing", "cost for 5m units", "cost for 5 million units"),
    ("market", "a £20bn market in the UK", "a £20 billion market in the UK"),
    ("market", "sales in Jan 2024", "sales in January 2024"),
    ("market", "sales in autumn 2024", "sales in fall 2024"),
    ("costing", "a 2,50 kg tub", "a 2.5 kg tub"),
]


@pytest.mark.parametrize(("generator", "a", "b"), _SPLIT)
@pytest.mark.xfail(strict=True, reason="still open at g91: one request worded two ways gets two canonical forms")
def test_paraphrase_split(generator, a, b):
    assert same(a, b, generator=generator)
