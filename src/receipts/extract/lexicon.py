"""Word lists the rule stages share. Lower-case lemmas unless noted."""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """say tell add claim insist deny state announce warn argue acknowledge admit report confirm
    write note suggest predict estimate allege assert explain reveal declare stress emphasize
    emphasise repeat reply respond answer complain concede contend maintain mention observe point
    remark reiterate testify urge vow pledge promise boast charge accuse assure caution detail
    indicate signal believe think conclude find show disclose ask demand call""".split()
)
# Verbs that take a clause as their content only through "that" or a ccomp.
THINK_VERBS = frozenset("believe think conclude find show indicate".split())

COMMIT_VERBS = frozenset("promise pledge vow agree commit undertake guarantee swear resolve".split())

TITLES = {
    "president": "person", "prime minister": "person", "chancellor": "person", "minister": "person",
    "foreign minister": "person", "defense minister": "person", "defence minister": "person",
    "chairman": "person", "chairwoman": "person", "chair": "person", "leader": "person",
    "secretary": "person", "secretary of state": "person", "spokesman": "person",
    "spokeswoman": "person", "spokesperson": "person", "ambassador": "person", "king": "person",
    "queen": "person", "governor": "person", "senator": "person", "general": "person",
    "colonel": "person", "mayor": "person", "analyst": "person", "lead analyst": "person",
    "director": "person", "envoy": "person", "premier": "person", "vice president": "person",
    "opposition leader": "person", "counterpart": "person", "official": "person",
}
# Single words that, as the head of a description, make it a speaker of that kind.
DESCRIPTION_HEADS = {
    "official": "person", "officials": "group", "spokesman": "person", "spokeswoman": "person",
    "spokesperson": "person", "aide": "person", "diplomat": "person", "diplomats": "group",
    "analyst": "person", "analysts": "group", "source": "person", "sources": "group",
    "officer": "person", "expert": "person", "experts": "group", "adviser": "person",
    "advisor": "person", "negotiator": "person", "minister": "person", "president": "person",
    "chairman": "person", "leader": "person", "lawmaker": "person", "lawmakers": "group",
    "senator": "person", "ambassador": "person", "envoy": "person", "colonel": "person",
    "general": "person", "secretary": "person", "director": "person", "researcher": "person",
    "witness": "person", "resident": "person", "candidate": "person", "treasurer": "person",
    "mayor": "person", "governor": "person", "premier": "person", "chancellor": "person", "judge": "person",
    "prosecutor": "person", "commander": "person", "police chief": "person", "economist": "person", "residents": "group", "families": "group",
    "ministry": "organisation", "administration": "organisation", "government": "organisation",
    "agency": "organisation", "department": "organisation", "office": "organisation",
    "presidency": "organisation", "delegation": "group", "mission": "organisation",
    "military": "organisation", "army": "organisation", "police": "organisation",
    "party": "organisation", "campaign": "organisation", "committee": "organisation",
    "commission": "organisation", "council": "organisation", "group": "group",
    "monitor": "group", "embassy": "organisation", "court": "organisation",
    "white house": "organisation", "kremlin": "organisation", "union": "organisation",
    "company": "organisation", "firm": "organisation", "institute": "organisation",
    "statement": "document", "report": "document", "letter": "document", "pact": "document",
    "agreement": "document", "document": "document", "memo": "document", "declaration": "document",
    "communique": "document", "communiqué": "document", "deal": "document", "treaty": "document",
    "analysis": "document", "study": "document", "survey": "document", "poll": "document",
    "filing": "document", "record": "document", "records": "document", "transcript": "document",
    "news agency": "organisation", "newspaper": "organisation",
}
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "it": "n", "we": "self", "i": "self", "us": "self",
}
WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a": 1, "an": 1,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
APPROX = {
    "at least": "at least", "more than": "more than", "over": "more than", "above": "more than",
    "fewer than": "less than", "less than": "less than", "under": "less than", "below": "less than",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "nearly": "nearly", "almost": "nearly", "some": "about", "up to": "up to", "at most": "up to",
    "exactly": "exactly", "just": "exactly", "only": "exactly", "as many as": "up to",
    "close to": "nearly", "an estimated": "about", "estimated": "about",
}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "dollar": "USD",
              "euros": "EUR", "euro": "EUR", "pounds": "GBP", "yen": "JPY", "yuan": "CNY",
              "won": "KRW", "rubles": "RUB", "roubles": "RUB", "usd": "USD", "eur": "EUR"}
TIME_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
              "month": 30, "year": 365, "decade": 3650}
