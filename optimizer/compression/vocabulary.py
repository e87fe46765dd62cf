"""Word lists for the lossy levels: what to protect.

Kept as data, apart from the code that applies them, so a domain expert can review
them. What the levels may remove or shorten is in ``phrases``.
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

# Words that negate or exclude, for the guard (multi-word ones match across any spaces).
# Beyond "not"/"no": exclusions ("unless", "except", "rather than"), absences ("absent",
# "lack of") and refusals ("prohibited", "banned", "fails") change a claim as much.
NEGATION_WORDS = frozenset(
    """
not|no|never|none|nor|neither|nothing|nobody|nowhere|without|cannot|can't|don't|doesn't|didn't|
isn't|aren't|wasn't|weren't|won't|wouldn't|shouldn't|mustn't|hasn't|haven't|hadn't|couldn't|
needn't|can’t|don’t|doesn’t|didn’t|isn’t|aren’t|won’t|wouldn’t|shouldn’t|
avoid|avoids|avoided|avoiding|exclude|excludes|excluded|excluding|free of|free from|unless|except|
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
        # scale words: "EUR million" is a unit of the figures after it
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "mn",
        "bn",
        "dozen",
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
        "substitute",
        "swap",
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
