"""Small closed-class word lists per language: determiners with their case, prepositions,
pronouns, clause words. Grammar, not world knowledge, so it lives in code."""

from __future__ import annotations

DET_CASE = {
    "de": {
        "der": None, "die": None, "das": None, "des": "gen", "dem": "dat", "den": "obj",
        "ein": None, "eine": None, "einer": None, "eines": "gen", "einem": "dat",
        "einen": "obj", "dieser": None, "diese": None, "dieses": None, "diesem": "dat",
        "diesen": "obj", "jener": None, "seine": None, "seinen": "obj", "seinem": "dat",
        "ihre": None, "ihren": "obj", "ihrem": "dat", "beide": None, "beiden": None,
        "alle": None, "allen": "dat", "mehrere": None, "zwei": None, "drei": None,
    },
    "en": {"the": None, "a": None, "an": None, "this": None, "these": None, "its": None,
           "their": None, "his": None, "her": None, "both": None, "two": None, "all": None},
}

PREPOSITIONS = {
    "de": {
        "an": "an", "am": "an", "ans": "an", "auf": "auf", "aufs": "auf", "aus": "aus",
        "bei": "bei", "beim": "bei", "durch": "durch", "für": "für", "gegen": "gegen",
        "in": "in", "im": "in", "ins": "in", "mit": "mit", "nach": "nach", "seit": "seit",
        "von": "von", "vom": "von", "vor": "vor", "zu": "zu", "zum": "zu", "zur": "zu",
        "zwischen": "zwischen", "über": "über", "unter": "unter", "um": "um", "ohne": "ohne",
        "gegenüber": "gegenüber", "wegen": "wegen", "trotz": "trotz", "laut": "laut",
        "hinter": "hinter", "neben": "neben", "innerhalb": "innerhalb", "seitens": "seitens",
        "außer": "außer", "samt": "samt", "nahe": "nahe", "ab": "ab", "bis": "bis",
    },
    "en": {w: w for w in ("to", "against", "with", "on", "from", "in", "by", "of", "at",
                          "for", "into", "toward", "towards", "over", "upon", "about",
                          "between", "among", "after", "before", "under", "near", "across",
                          "within", "without", "through", "despite", "during", "amid")},
}

PREP_CASE_DE = {"an": "dat", "auf": "dat", "aus": "dat", "bei": "dat", "mit": "dat",
                "nach": "dat", "von": "dat", "zu": "dat", "durch": "obj", "für": "obj",
                "gegen": "obj", "um": "obj"}

PRONOUNS = {
    "de": {"er": "sg", "sie": "sg|pl", "es": "sg"},
    "en": {"he": "sg", "she": "sg", "they": "pl", "it": "sg"},
}

COORDINATORS = {"de": {"und", "sowie", "oder", "bzw."}, "en": {"and", "or", "&", "but"}}

# words that open a subordinate clause: the verb of such a clause stands at its end
SUBORDINATORS = {
    "de": {"dass", "weil", "da", "ob", "wenn", "als", "nachdem", "obwohl", "damit", "während",
           "bevor", "sodass", "falls", "sofern", "indem", "wie", "um", "seit", "seitdem"},
    "en": {"that", "because", "if", "when", "after", "before", "while", "although",
           "whether", "since", "as", "which", "who", "unless", "until"},
}

RELATIVE_DE = {"der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welche",
               "welcher", "welches", "was", "wo"}

AUXILIARIES = {
    "de": {"haben", "sein", "werden", "können", "müssen", "sollen", "wollen", "dürfen",
           "mögen", "lassen"},
    "en": {"have", "be", "do", "will", "would", "can", "could", "shall", "should", "may",
           "might", "must"},
}

PASSIVE_AUX = {"de": {"wurde", "wurden", "worden", "werden", "wird", "würde", "würden"},
               "en": {"was", "were", "been", "be", "being", "is", "are"}}

AGENT_PREPS = {"de": ("von", "durch"), "en": ("by",)}

MONTHS = {
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
}
WEEKDAYS = {
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}

# adjectives that group states without naming one: "westliche Beamte" has no country
GENERIC_ADJ = {
    "de": {"westlich", "ausländisch", "international", "arabisch", "europäisch", "östlich",
           "ausländischen", "westlichen", "westliche", "westlicher", "internationale",
           "internationalen", "europäische", "europäischen", "arabische", "arabischen",
           "östliche", "östlichen", "ausländische"},
    "en": {"western", "foreign", "international", "arab", "european"},
}

NAME_STOP = {
    "de": {"Am", "Im", "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Und", "In",
           "Nach", "Bei", "Mit", "Von", "Auch", "Als", "Es", "Er", "Sie", "Wir", "Ich",
           "Man", "Doch", "Aber", "So", "Wie", "Laut", "Zudem", "Damit", "Dies", "Diese"},
    "en": {"The", "A", "An", "And", "In", "On", "At", "By", "He", "She", "They", "It", "We",
           "I", "But", "As", "According", "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms."},
}


def is_capitalised(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha()

GROUP_NOUNS_EN = {"group", "groups", "number", "members", "delegation", "team", "leaders",
                  "representatives", "dozens", "hundreds", "thousands", "unit", "units",
                  "deployment", "contingent", "batch", "patch", "some", "most", "many"}
# capitalised words of English titles that stand before the role noun
TITLE_WORDS_EN = {"vice", "deputy", "foreign", "defence", "defense", "prime", "interior",
                  "finance", "trade", "chief", "senior", "acting", "former", "first",
                  "supreme", "national", "security", "state", "economy", "economic", "justice",
                  "health", "home", "energy", "oil", "agriculture", "education", "information",
                  "culture", "labour", "labor", "environment", "transport", "treasury",
                  "assistant", "under", "permanent", "special", "top", "junior", "federal",
                  "parliamentary", "planning", "investment", "army", "military", "police",
                  "white", "house", "press", "crown", "grand", "lord", "high"}
# endings of German common nouns; a capitalised word ending so is no unknown name
NOUN_SUFFIXES_DE = ("ung", "ion", "heit", "keit", "schaft", "tät", "ismus", "nis", "tum",
                    "ment", "enz", "anz", "ei", "ie", "ik", "ur", "or", "eur", "ist", "ent",
                    "ant", "ungen", "ionen", "heiten", "keiten", "schaften", "täten", "nisse",
                    "oren", "isten", "enten", "anten", "ien", "iken", "uren")
