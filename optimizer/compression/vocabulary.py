"""Word lists for the lossy levels: what to protect, what to drop, what to shorten.

Kept as data, apart from the code that applies them, so a domain expert can review
them. Abbreviations are only used where they cost fewer tokens for the target
tokenizer (checked per encoding in ``prose``), never on faith.
"""

from __future__ import annotations

# Ingredient names (INCI and the common names analysts use). Never changed or dropped.
INGREDIENTS = frozenset(
    (
        """
aqua|water|glycerin|glycerine|niacinamide|sodium hyaluronate|hyaluronic acid|retinol|retinal|
retinyl palmitate|bakuchiol|tocopherol|tocopheryl acetate|vitamin e|vitamin c|vitamin a|
vitamin b3|vitamin b5|ascorbic acid|sodium ascorbyl phosphate|ascorbyl glucoside|
squalane|squalene|dimethicone|cyclopentasiloxane|cetearyl alcohol|cetyl alcohol|
stearyl alcohol|behenyl alcohol|phenoxyethanol|ethylhexylglycerin|xanthan gum|
butylene glycol|propylene glycol|pentylene glycol|caprylyl glycol|panthenol|allantoin|
ceramide np|ceramide ap|ceramide eop|ceramides|cholesterol|salicylic acid|glycolic acid|
lactic acid|mandelic acid|azelaic acid|citric acid|zinc oxide|titanium dioxide|
sodium benzoate|potassium sorbate|caprylic/capric triglyceride|shea butter|
butyrospermum parkii butter|cocoa butter|jojoba oil|simmondsia chinensis seed oil|
argan oil|argania spinosa kernel oil|rosehip oil|squalane oil|cocamidopropyl betaine|
sodium laureth sulfate|sodium lauryl sulfate|decyl glucoside|coco-glucoside|carbomer|
sodium hydroxide|triethanolamine|parfum|fragrance|linalool|limonene|bisabolol|
centella asiatica extract|madecassoside|aloe barbadensis leaf juice|aloe vera|
green tea extract|camellia sinensis leaf extract|licorice root extract|arbutin|
alpha arbutin|tranexamic acid|kojic acid|peptides|matrixyl|palmitoyl pentapeptide-4|
copper peptides|adenosine|caffeine|urea|lanolin|beeswax|cera alba|candelilla wax|
carnauba wax|mica|iron oxides|kaolin|bentonite|charcoal|tea tree oil|
melaleuca alternifolia leaf oil|witch hazel|hamamelis virginiana|rose water|
rosa damascena flower water|polysorbate 20|polysorbate 80|glyceryl stearate|
peg-100 stearate|disodium edta|tetrasodium edta|sodium pca|betaine|trehalose|
ectoin|avobenzone|octocrylene|homosalate|octinoxate|oxybenzone|bemotrizinol|
tinosorb s|parabens|methylparaben|propylparaben|silicones|sulfates|mineral oil|
petrolatum|alcohol denat|benzyl alcohol|dehydroacetic acid|sodium chloride|
"""
        + """
prebiotics|probiotics|postbiotics|lysates|ferment|fatty alcohol|fatty alcohols|emulsifier wax|emulsifying wax|
essential oil|essential oils|fragrance oil|perfume|colourant|colorant|colourants|colorants|pigment|pigments|
mica|silica|talc|clay|kaolin clay|zinc|zinc pyrithione|sulfur|sulphur|benzoyl peroxide|adapalene|tretinoin|
hydroquinone|resorcinol|triclosan|formaldehyde|methanol|ethanol|isopropyl alcohol|denatured alcohol|
retinoid|retinoids|retinaldehyde|retinyl acetate|granactive retinoid|hydroxypinacolone retinoate|
ceramide|ceramides|fatty acids|linoleic acid|oleic acid|stearic acid|palmitic acid|lauric acid|
ferulic acid|alpha hydroxy acids|aha|ahas|bha|bhas|pha|gluconolactone|lactobionic acid|malic acid|
tartaric acid|phytic acid|hyaluronan|collagen|hydrolyzed collagen|elastin|keratin|hydrolyzed keratin|
amino acids|arginine|lysine|glycine|proline|peptide|oligopeptides|niacin|nicotinamide|nicotinic acid|
vitamin b12|vitamin d|vitamin f|vitamin k|provitamin b5|dexpanthenol|biotin|coenzyme q10|ubiquinone|
idebenone|resveratrol|astaxanthin|carotene|beta-carotene|lycopene|polyphenols|flavonoids|catechins|
egcg|green tea|white tea|matcha|coffee extract|ginseng|ginkgo|turmeric|curcumin|licorice|liquorice|
chamomile|calendula|lavender|lavender oil|rosemary|rosemary extract|peppermint|peppermint oil|menthol|
eucalyptus|tea tree|neem|aloe|aloe vera gel|cucumber|oat|colloidal oatmeal|avena sativa kernel flour|
rice bran|rice water|honey|manuka honey|propolis|royal jelly|snail mucin|snail secretion filtrate|
centella|cica|madecassic acid|asiaticoside|mugwort|yuzu|ginger|cinnamon|clove|vanilla|cocoa|
shea|shea butter|mango butter|kokum butter|murumuru butter|coconut oil|olive oil|argan|avocado oil|
almond oil|sweet almond oil|sunflower oil|sunflower seed oil|grapeseed oil|castor oil|hemp seed oil|
marula oil|baobab oil|sea buckthorn oil|evening primrose oil|borage oil|camellia oil|moringa oil|
macadamia oil|apricot kernel oil|palm oil|palm kernel oil|soybean oil|canola oil|mineral oils|
paraffin|paraffinum liquidum|vaseline|lanolin alcohol|microcrystalline wax|ozokerite|rice bran wax|
sunflower wax|soy wax|cetyl esters|isopropyl myristate|isopropyl palmitate|isononyl isononanoate|
coco-caprylate|c12-15 alkyl benzoate|dicaprylyl carbonate|squalane|hemisqualane|silicone|
cyclomethicone|dimethiconol|amodimethicone|peg|pegs|peg derivatives|polyethylene|microbeads|
microplastics|nylon-12|polyacrylamide|acrylates copolymer|sodium polyacrylate|hydroxyethylcellulose|
cellulose|carrageenan|guar gum|sclerotium gum|gellan gum|agar|pectin|starch|corn starch|
tapioca starch|sodium laureth sulfate|sles|sls|als|ammonium lauryl sulfate|sodium coco sulfate|
cocamide dea|cocamidopropyl hydroxysultaine|lauryl glucoside|caprylyl/capryl glucoside|
sodium cocoyl isethionate|sodium lauroyl sarcosinate|sodium methyl cocoyl taurate|polyglyceryl-4 caprate|
polysorbates|glyceryl caprylate|sorbitan oleate|cetearyl glucoside|lecithin|glyceryl oleate|
preservative|preservatives|isothiazolinones|methylisothiazolinone|methylchloroisothiazolinone|mit|mci|
phenethyl alcohol|sorbic acid|benzoic acid|salicylates|chlorphenesin|caprylhydroxamic acid|
sodium levulinate|sodium anisate|p-anisic acid|levulinic acid|gluconolactone|edta|tetrasodium glutamate diacetate|
sodium phytate|citrates|sodium citrate|bht|bha|tocopherols|rosemary oleoresin|
uv filters|uv filter|sunscreen filters|zinc oxide nano|titanium dioxide nano|tinosorb m|uvinul a plus|
uvinul t 150|mexoryl sx|mexoryl xl|ensulizole|octisalate|ethylhexyl salicylate|octyl methoxycinnamate|
ethylhexyl methoxycinnamate|bemotrizinol|bisoctrizole|dihydroxyacetone|dha|erythrulose|
fluoride|sodium fluoride|stannous fluoride|sodium monofluorophosphate|hydroxyapatite|nano-hydroxyapatite|
xylitol|sorbitol|calcium carbonate|baking soda|sodium bicarbonate|hydrated silica|charcoal powder|
activated charcoal|aluminium chlorohydrate|aluminum chlorohydrate|aluminium salts|aluminum salts|
aluminium|aluminum|alum|potassium alum|magnesium hydroxide|zinc ricinoleate|triethyl citrate|
parfum allergens|allergens|limonene|linalool|citral|geraniol|eugenol|coumarin|citronellol|
farnesol|benzyl benzoate|benzyl salicylate|benzyl cinnamate|hexyl cinnamal|lilial|lyral|
butylphenyl methylpropional|nitro musks|polycyclic musks|musk|diethyl phthalate|phthalates|
benzene|asbestos|lead|mercury|arsenic|cadmium|nickel|1,4-dioxane|nitrosamines|
"""
    )
    .replace("\n", "")
    .split("|")
) - {"", "lead", "alum", "als", "aha", "ahas", "pha", "mit", "mci", "dha", "peg", "pegs", "bha", "bhas", "zinc"}

# Words that add no meaning in analyst-facing prose. Never negations or quantifiers.
# Hedges ("typically", "generally") and intensifiers that carry science ("highly
# comedogenic", "significantly reduced") are deliberately not here.
FILLERS = (
    "very",
    "really",
    "basically",
    "actually",
    "essentially",
    "quite",
    "rather",
    "simply",
    "just",
    "truly",
    "certainly",
    "definitely",
    "extremely",
    "incredibly",
    "literally",
    "totally",
    "absolutely",
    "obviously",
    "clearly",
    "indeed",
    "particularly",
    "honestly",
    "frankly",
    "simply put",
)

# Longer phrasings with the same meaning, longest first when applied.
REDUNDANT_PHRASES = {
    "it is important to note that": "",
    "it is worth noting that": "",
    "it should be noted that": "",
    "it is important to": "",
    "please note that": "",
    "keep in mind that": "",
    "needless to say,": "",
    "in order to": "to",
    "so as to": "to",
    "due to the fact that": "because",
    "owing to the fact that": "because",
    "in light of the fact that": "because",
    "despite the fact that": "although",
    "in spite of the fact that": "although",
    "for the purpose of": "for",
    "with the aim of": "to",
    "with regard to": "on",
    "with respect to": "on",
    "in relation to": "on",
    "in terms of": "in",
    "in the event that": "if",
    "at this point in time": "now",
    "at the present time": "now",
    "in the near future": "soon",
    "prior to": "before",
    "subsequent to": "after",
    "a wide range of": "many",
    "a wide variety of": "many",
    "a large number of": "many",
    "a significant number of": "many",
    "a variety of": "various",
    "the majority of": "most",
    "has the ability to": "can",
    "have the ability to": "can",
    "is able to": "can",
    "are able to": "can",
    "is capable of": "can",
    "are capable of": "can",
    "as well as": "and",
    "in addition to": "besides",
    "in addition,": "also,",
    "additionally,": "also,",
    "furthermore,": "also,",
    "moreover,": "also,",
    "each and every": "every",
    "first and foremost": "first",
    "on a daily basis": "daily",
    "on a regular basis": "regularly",
    "in a manner that": "so",
    "plays a crucial role in": "drives",
    "plays a key role in": "drives",
    "plays an important role in": "drives",
    "take into consideration": "consider",
    "take into account": "consider",
    "make sure that": "ensure",
    "make sure to": "ensure you",
    "a number of": "several",
    "in conclusion,": "",
    "to summarize,": "",
    "in summary,": "",
    "overall,": "",
}

# Domain abbreviations an analyst reads without a legend.
ABBREVIATIONS = {
    "approximately": "approx.",
    "for example": "e.g.",
    "such as": "e.g.",
    "that is,": "i.e.,",
    "maximum": "max",
    "minimum": "min",
    "temperature": "temp",
    "concentration": "conc.",
    "concentrations": "conc.",
    "formulation": "formula",
    "formulations": "formulas",
    "manufacturing": "mfg",
    "manufacturer": "mfr",
    "information": "info",
    "recommended": "rec.",
    "recommendation": "rec.",
    "recommendations": "recs",
    "ingredient": "ingr.",
    "ingredients": "ingr.",
    "specification": "spec",
    "specifications": "specs",
    "percentage": "pct",
    "quantity": "qty",
    "regulation": "reg.",
    "regulations": "regs",
    "regulatory": "reg.",
    "packaging": "pkg",
    "laboratory": "lab",
    "application": "use",
    "applications": "uses",
    "approximate": "approx.",
    "preservative": "preserv.",
    "dermatologically": "derm.",
    "dermatologist": "derm",
    "dermatologists": "derms",
    "clinical study": "trial",
    "clinical studies": "trials",
    "advertising": "ads",
    "marketing": "mktg",
    "competitors": "rivals",
    "competitive": "rival",
    "cost of goods sold": "COGS",
    "minimum order quantity": "MOQ",
    "research and development": "R&D",
    "year over year": "YoY",
    "year-over-year": "YoY",
    "compound annual growth rate": "CAGR",
    "sun protection factor": "SPF",
    "transepidermal water loss": "TEWL",
    "International Nomenclature of Cosmetic Ingredients": "INCI",
    "and": "&",
    "with": "w/",
    "versus": "vs",
    "including": "incl.",
    "especially": "esp.",
    "however": "but",
    "therefore": "so",
    "utilize": "use",
    "utilizes": "uses",
    "utilization": "use",
    "demonstrate": "show",
    "demonstrates": "shows",
    "demonstrated": "showed",
    "additional": "more",
    "sufficient": "enough",
    "numerous": "many",
    "individuals": "people",
    "purchase": "buy",
    "assistance": "help",
    "commence": "start",
    "facilitate": "ease",
    "optimal": "best",
    "enhance": "boost",
    "enhances": "boosts",
}

# Whole sentences that carry no content: chat pleasantries and sign-offs.
BOILERPLATE = (
    r"^(?:thank you|thanks|many thanks)(?: (?:so much|a lot|again))?(?: for (?:your|the) (?:email|message|mail|reply|note|time|patience|help|feedback|question))?(?: and)?[.!,]?$",
    r"^(?:i )?hope (?:you are|you're|all is|this finds you) (?:well|doing well)[.!,]?$",
    r"^(?:best|kind|warm|many thanks and best)? ?regards,?$",
    r"^(?:looking forward to (?:your|hearing)|i look forward to)\b.*[.!]$",
    r"^(?:sorry for the (?:late|delayed) (?:reply|answer|response))[.!,]?$",
    r"^(?:i hope (?:this|that|these)|let me know|feel free)\b.*",
    r"^(?:certainly|sure|of course|absolutely|great question)[!.,]",
    r"^here (?:is|are) (?:a|an|the|some|your)\b.*:$",
    r"^i hope (?:this|that|these)\b",
    r"^(?:let me know|feel free|please let me know|do not hesitate|don't hesitate)\b",
    r"^(?:if you have any (?:other |further )?questions)\b",
    r"^(?:happy to help|glad to help|good luck)\b",
    r"^(?:as an ai|as a language model)\b",
)

ARTICLES = ("the", "a", "an")

# Medium and up: shorter equivalents of clause patterns LLMs overuse.
CLAUSES = {
    "which is": "",
    "which are": "",
    "who is": "",
    "who are": "",
    "which means that": "so",
    "this means that": "so",
    "and then": "then",
    "demonstrated that": "showed",
    "showed that": "showed",
    "found that": "found",
    "suggests that": "suggests",
    "indicates that": "indicates",
    "means that": "means",
    "ensure that": "ensure",
    "note that": "note",
    "so that": "so",
    "serves as": "is",
    "is designed to be": "is",
    "is expected to": "should",
    "are expected to": "should",
    "also known as": "aka",
    "for individuals with": "for",
    "for individuals who are": "for those",
    "compared to": "vs",
    "compared with": "vs",
    ", and it": ",",
    ", and they": ",",
    "in addition to this,": "also,",
    "in vitro": "in-vitro",
    "in vivo": "in-vivo",
    "in situ": "in-situ",
}

# Aggressive only: telegraphic style, as prompt compressors do. Articles, copulas,
# auxiliaries and pronouns go. Negations, quantities with their qualifiers, prepositions
# ("in EU", "by Friday", "15% of fill": they carry meaning), quantifiers ("some", "any",
# "each"), question words, "and"/"or" and modals stay. An LLM reads "Glycerin humectant,
# draws moisture into skin" as well as the full sentence.
FUNCTION_WORDS = (
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "that",
    "it",
    "its",
    "they",
    "them",
    "their",
    "this",
    "these",
    "those",
    "also",
    "currently",
    "there",
    "then",
    "such",
    "does",
    "has been",
    "have been",
    "will be",
    "you",
    "your",
    "we",
    "our",
    "i",
    "me",
    "my",
    "itself",
)

# Words that negate or exclude, for the guard (multi-word ones match across any spaces).
# Beyond "not"/"no": exclusions ("unless", "except", "rather than"), absences ("absent",
# "lack of") and refusals ("prohibited", "banned", "fails") change a claim as much.
NEGATION_WORDS = frozenset(
    """
not|no|never|none|nor|neither|nothing|nobody|nowhere|without|cannot|can't|don't|doesn't|didn't|
isn't|aren't|wasn't|weren't|won't|wouldn't|shouldn't|mustn't|hasn't|haven't|hadn't|couldn't|
needn't|can’t|don’t|doesn’t|didn’t|isn’t|aren’t|won’t|wouldn’t|shouldn’t|
avoid|avoids|avoided|exclude|excludes|excluded|excluding|free of|free from|unless|except|
rather than|instead of|lack of|lacks|absent|absence of|prohibited|banned|ban|forbidden|
fail|fails|failed|unchanged|no longer|less|fewer|vs|versus|on hold
""".replace("\n", "").split("|")
) - {""}

# Question words: no level removes them (the QQP check counts them).
QUESTION_WORDS = frozenset(["what", "which", "who", "whom", "whose", "when", "where", "why", "how"])

# The model-guided level never drops these, however predictable: they carry the logic of
# a sentence (connectives, conditions, modality, quantity).
MAX_KEEP_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "if",
        "unless",
        "must",
        "should",
        "shall",
        "may",
        "might",
        "can",
        "could",
        "will",
        "would",
        "need",
        "needs",
        "required",
        "only",
        "all",
        "each",
        "every",
        "any",
        "some",
        "most",
        "none",
        "both",
        "either",
        "neither",
        "per",
        "than",
        "more",
        "less",
        "fewer",
        "before",
        "after",
        "until",
        "within",
        "during",
        "since",
        "between",
        "above",
        "below",
        "over",
        "under",
        "up",
        "down",
        "not",
        "no",
        "nor",
        "never",
    ]
)

# Verbs that open an instruction ("Add the chelator first.", "Send the CoA by Friday.").
# Instructions are kept whole by the model-guided level, as questions are.
IMPERATIVE_VERBS = frozenset(
    [
        "add",
        "adjust",
        "apply",
        "approve",
        "ask",
        "avoid",
        "book",
        "call",
        "change",
        "check",
        "choose",
        "clean",
        "confirm",
        "consider",
        "contact",
        "cool",
        "copy",
        "create",
        "decide",
        "define",
        "delete",
        "deliver",
        "do",
        "don't",
        "double-check",
        "email",
        "ensure",
        "escalate",
        "fill",
        "find",
        "fix",
        "follow",
        "forward",
        "get",
        "give",
        "heat",
        "hold",
        "include",
        "inform",
        "keep",
        "label",
        "leave",
        "let",
        "list",
        "make",
        "mark",
        "measure",
        "mix",
        "move",
        "note",
        "order",
        "pick",
        "plan",
        "please",
        "prepare",
        "print",
        "provide",
        "put",
        "quote",
        "raise",
        "re-test",
        "read",
        "record",
        "reduce",
        "refer",
        "remember",
        "remove",
        "replace",
        "reply",
        "report",
        "request",
        "reserve",
        "retest",
        "return",
        "review",
        "run",
        "schedule",
        "see",
        "select",
        "send",
        "set",
        "share",
        "ship",
        "sign",
        "split",
        "start",
        "stir",
        "stop",
        "store",
        "submit",
        "switch",
        "take",
        "tell",
        "test",
        "track",
        "try",
        "update",
        "upload",
        "use",
        "verify",
        "wait",
        "warm",
        "weigh",
        "write",
    ]
)
