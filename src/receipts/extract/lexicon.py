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
    "president": "person",
    "prime minister": "person",
    "chancellor": "person",
    "minister": "person",
    "foreign minister": "person",
    "defense minister": "person",
    "defence minister": "person",
    "chairman": "person",
    "chairwoman": "person",
    "chair": "person",
    "leader": "person",
    "secretary": "person",
    "secretary of state": "person",
    "spokesman": "person",
    "spokeswoman": "person",
    "spokesperson": "person",
    "ambassador": "person",
    "king": "person",
    "queen": "person",
    "governor": "person",
    "senator": "person",
    "general": "person",
    "colonel": "person",
    "mayor": "person",
    "analyst": "person",
    "lead analyst": "person",
    "director": "person",
    "envoy": "person",
    "premier": "person",
    "vice president": "person",
    "opposition leader": "person",
    "counterpart": "person",
    "official": "person",
}
# Single words that, as the head of a description, make it a speaker of that kind.
DESCRIPTION_HEADS = {
    "official": "person",
    "prince": "person",  # "the crown prince said"
    "princess": "person",
    "officials": "group",
    "spokesman": "person",
    "spokeswoman": "person",
    "spokesperson": "person",
    "aide": "person",
    "diplomat": "person",
    "diplomats": "group",
    "analyst": "person",
    "analysts": "group",
    "source": "person",
    "sources": "group",
    "officer": "person",
    "expert": "person",
    "experts": "group",
    "adviser": "person",
    "advisor": "person",
    "negotiator": "person",
    "minister": "person",
    "president": "person",
    "chairman": "person",
    "leader": "person",
    "lawmaker": "person",
    "lawmakers": "group",
    "senator": "person",
    "ambassador": "person",
    "envoy": "person",
    "colonel": "person",
    "general": "person",
    "secretary": "person",
    "director": "person",
    "researcher": "person",
    "witness": "person",
    "resident": "person",
    "candidate": "person",
    "treasurer": "person",
    "mayor": "person",
    "governor": "person",
    "premier": "person",
    "chancellor": "person",
    "judge": "person",
    "prosecutor": "person",
    "commander": "person",
    "police chief": "person",
    "economist": "person",
    # a public person named again by a role or a party ("the South Carolina Republican", "the Empire star")
    "actor": "person",
    "actress": "person",
    "star": "person",
    "founder": "person",
    "co-founder": "person",
    "republican": "person",
    "democrat": "person",
    "residents": "group",
    "families": "group",
    "ministry": "organisation",
    "administration": "organisation",
    "government": "organisation",
    "agency": "organisation",
    "department": "organisation",
    "office": "organisation",
    "presidency": "organisation",
    "delegation": "group",
    "mission": "organisation",
    "military": "organisation",
    "army": "organisation",
    "police": "organisation",
    "party": "organisation",
    "campaign": "organisation",
    "committee": "organisation",
    "commission": "organisation",
    "panel": "organisation",
    "council": "organisation",
    # an organisation named by the head noun of its name: "the association" after "the National
    # Association of Secretaries of State" (resolved only to an organisation whose name holds the word)
    "association": "organisation",
    "foundation": "organisation",
    "federation": "organisation",
    "bureau": "organisation",
    "organization": "organisation",
    "organisation": "organisation",
    "group": "group",
    "monitor": "group",
    "embassy": "organisation",
    # more bodies named again by the head noun of their name ("the service" after "Ukraine's State Border
    # Guard Service", "the consulate" after "the Saudi consulate in Istanbul")
    "service": "organisation",
    "consulate": "organisation",
    "inquiry": "organisation",
    "tribunal": "organisation",
    "broadcaster": "organisation",
    "court": "organisation",
    "white house": "organisation",
    "kremlin": "organisation",
    "union": "organisation",
    "company": "organisation",
    "firm": "organisation",
    "charity": "organisation",
    "institute": "organisation",
    "statement": "document",
    "report": "document",
    "fact sheet": "document",
    "letter": "document",
    "pact": "document",
    "agreement": "document",
    "document": "document",
    "memo": "document",
    "declaration": "document",
    "communique": "document",
    "communiqué": "document",
    "deal": "document",
    "treaty": "document",
    "analysis": "document",
    "study": "document",
    "survey": "document",
    "poll": "document",
    "filing": "document",
    "record": "document",
    "records": "document",
    "transcript": "document",
    "news agency": "organisation",
    "newspaper": "organisation",
    "network": "organisation",  # "the network said" after "Fox issued a statement" (ANAPHORIC_ORG_HEADS)
    "outlet": "organisation",
    # a publication named again by what it is: "The site then asserted" after "Biohackinfo reported"
    "site": "organisation",
    "website": "organisation",
    "blog": "organisation",
    "magazine": "organisation",
    "post": "document",
    "column": "document",
    "article": "document",
    "announcement": "document",
    "ruling": "document",
    "complaint": "document",
    "lawsuit": "document",
    "suit": "document",
    "indictment": "document",
    "summary": "document",
    "release": "document",  # "a police news release said"
    "watchdog": "organisation",
    "regulator": "organisation",
    "authority": "organisation",
}
# Descriptions of an office or a public role, which news writing uses for the person it just named
# ("Starmer said ... the Labour leader said"); not "the source", "the aide" or "the official", who are
# usually someone else.
ROLE_HEADS = frozenset(
    """ambassador candidate chairman chairwoman chancellor commander envoy general governor judge lawmaker
    leader mayor minister negotiator nominee premier president prosecutor secretary senator treasurer
    congressman congresswoman prince princess actor actress star founder co-founder republican democrat""".split()
)
# Nouns of a person's job or tie, for a name in apposition ("Jones's lawyer, Norm Pattis"): such a name is a
# person's, whatever the entity tagger calls it (``actors.role_appositive``).
PERSON_ROLE_NOUNS = ROLE_HEADS | frozenset(
    """lawyer attorney counsel solicitor barrister spokesman spokeswoman spokesperson aide adviser advisor
    director executive founder professor economist scientist researcher reporter journalist correspondent
    editor author doctor physician owner manager partner wife husband son daughter mother father brother
    sister friend actor actress singer coach activist campaigner strategist consultant pollster historian
    commissioner inspector detective sheriff analyst official officer diplomat expert""".split()
)
# A body named by another word than its own name's head: "the panel" after "the House Oversight
# Committee". Read by the resolution of "the <head>" to the organisation the text named before.
ORG_HEAD_SYNONYMS = {
    "panel": ("panel", "committee", "commission", "board", "inquiry"),
    "watchdog": ("watchdog", "commission", "authority", "agency", "office", "board", "organisation", "organization"),
    "regulator": ("regulator", "commission", "authority", "agency", "administration", "board"),
}
# A document named again by another word: "the suit" after "the SEC filed a securities fraud lawsuit".
DOCUMENT_SYNONYMS = {
    "suit": ("suit", "lawsuit", "complaint"),
    "lawsuit": ("lawsuit", "suit", "complaint"),
    "complaint": ("complaint", "lawsuit", "suit"),
}
PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "p",
    "them": "p",
    "it": "n",
    "we": "self",
    "i": "self",
    "us": "self",
}
WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a": 1,
    "an": 1,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
}
APPROX = {
    "at least": "at least",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "fewer than": "less than",
    "less than": "less than",
    "under": "less than",
    "below": "less than",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "some": "about",
    "up to": "up to",
    "at most": "up to",
    "exactly": "exactly",
    "just": "exactly",
    "only": "exactly",
    "as many as": "up to",
    "close to": "nearly",
    "an estimated": "about",
    "estimated": "about",
}
CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "won": "KRW",
    "rubles": "RUB",
    "roubles": "RUB",
    "usd": "USD",
    "eur": "EUR",
}
TIME_UNITS = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "month": 30,
    "year": 365,
    "decade": 3650,
}
# Abbreviated titles before a name ("Gov. Rick Snyder"), as the full title they stand for.
TITLE_ABBREVIATIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "col.": "colonel",
    "lt.": "lieutenant",
    "capt.": "captain",
    "adm.": "admiral",
    "sgt.": "sergeant",
    "pres.": "president",
    "amb.": "ambassador",
    "atty.": "attorney",
    "supt.": "superintendent",
    "sec.": "secretary",
}
# Honorifics and courtesy titles: dropped when matching a name; some tell the holder's gender.
HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "dr": None,
    "dr.": None,
    "prof": None,
    "prof.": None,
    "rev.": None,
}
# "Sir Andrew", "Dame Judi": these honorifics go with the given name, not the surname.
GIVEN_NAME_HONORIFICS = frozenset({"sir", "dame"})
# "Prince Mohammed" after "Crown Prince Mohammed bin Salman": royal titles also go with the given name. Kept
# apart from the honorifics above: they are not stripped from a name ("King Salman" is not "bin Salman").
ROYAL_GIVEN_NAME_TITLES = frozenset({"prince", "princess", "sheikh", "sheikha"})
# Titles and description heads that tell their holder's gender.
GENDERED_WORDS = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "king": "m",
    "queen": "f",
    "congressman": "m",
    "congresswoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "father": "m",
    "mother": "f",
    "husband": "m",
    "wife": "f",
    "son": "m",
    "daughter": "f",
    "prince": "m",
    "princess": "f",
}
# Cues that report no statement: a want, a hope or a plan ("Democrats hope [they will ...]"), how
# something seems ("appeared [to be ...]"), declining to speak ("declined [to comment]"). Chosen on a
# hand-labelled sample of real-news quotes (tests/data/audit/README.md, "cues that report nothing").
UNREPORTING_CUES = frozenset("hope want plan like wish seem appear decline refuse".split())
# Verbs and nouns that report something said, written, found or believed: a paraphrase is listed as a
# quote only with one of these as its cue (``reporting_cue``). Written from what English uses to report
# speech and thought, not from any sample: "discussed", "sought", "supported", "made", "knows", "sees"
# and "released" tell of an act or a topic, not of words.
REPORTING_VERBS = frozenset(
    """say tell add note ask report state write announce declare explain argue claim insist maintain contend
    assert suggest propose recommend urge warn caution predict forecast estimate calculate project find show
    reveal conclude determine discover confirm deny dispute reject acknowledge admit concede agree disagree
    allege accuse charge blame criticize criticise call describe characterize question wonder doubt reply
    respond answer retort counter testify tweet retweet post publish quote cite mention point recall remind
    reiterate repeat stress emphasize emphasise underscore highlight signal indicate hint imply clarify comment
    remark observe shout yell joke quip boast brag complain lament bemoan vow pledge promise swear guarantee
    assure threaten demand advise inform think believe feel fear worry suspect speculate express accord
    disclose tout contradict rebut counter proclaim posit surmise opine concur denounce condemn decry
    deride""".split()
)
REPORTING_NOUNS = frozenset(
    """statement claim assertion contention argument remark comment suggestion allegation accusation belief
    view warning promise pledge vow assurance insistence estimate report finding conclusion message tweet
    announcement declaration prediction forecast testimony admission denial complaint criticism concern
    fear doubt speculation assessment disclosure explanation response reply answer""".split()
)
# Cue words that are not verbs of saying at all ("is", "of", "against", "unclear"): a cue the tagger found
# on a function word or an adjective.
UNREPORTING_CUE_POS = frozenset({"AUX", "ADP", "ADJ", "PART", "DET", "CCONJ", "SCONJ", "PRON"})
# How a title is written before a name, by the head of a description that names the office: "the
# Florida senator" is a person introduced as "Sen. Marco Rubio" or "Senator Marco Rubio".
TITLE_FORMS = {
    "senator": ("sen.", "sens.", "senator"),
    "governor": ("gov.", "governor"),
    "president": ("president", "pres."),
    "secretary": ("secretary", "sec."),
    "mayor": ("mayor",),
    "judge": ("judge",),
    "minister": ("minister",),
    "chancellor": ("chancellor",),
    "premier": ("premier",),
    "ambassador": ("ambassador", "amb."),
    "general": ("gen.", "general"),
    "chairman": ("chairman",),
    "prosecutor": ("prosecutor",),
    "prince": ("prince",),
    "princess": ("princess",),
}
# US states as the AP writes them after a name ("Sen. Marco Rubio (R-Fla.)"), for "the Florida senator".
STATE_ABBREVIATIONS = {
    "alabama": "ala.",
    "arizona": "ariz.",
    "arkansas": "ark.",
    "california": "calif.",
    "colorado": "colo.",
    "connecticut": "conn.",
    "delaware": "del.",
    "florida": "fla.",
    "georgia": "ga.",
    "illinois": "ill.",
    "indiana": "ind.",
    "kansas": "kan.",
    "kentucky": "ky.",
    "louisiana": "la.",
    "maryland": "md.",
    "massachusetts": "mass.",
    "michigan": "mich.",
    "minnesota": "minn.",
    "mississippi": "miss.",
    "missouri": "mo.",
    "montana": "mont.",
    "nebraska": "neb.",
    "nevada": "nev.",
    "oklahoma": "okla.",
    "oregon": "ore.",
    "pennsylvania": "pa.",
    "tennessee": "tenn.",
    "vermont": "vt.",
    "virginia": "va.",
    "washington": "wash.",
    "wisconsin": "wis.",
    "wyoming": "wyo.",
}
# Modifiers of a title that do not tell one holder from another ("the top senator").
TITLE_VAGUE_MODIFIERS = frozenset({"then", "current", "top", "senior", "junior", "new", "longtime", "veteran"})
# Party words before a title ("the Republican governor"): reporters add them to a title the text gave
# without them ("Texas Gov. Greg Abbott"), so a title read without them may still fit one person.
PARTY_MODIFIERS = frozenset(
    {"republican", "democratic", "democrat", "gop", "labour", "conservative", "tory", "liberal", "green"}
)
# Cues that carry on what the previous attribution's speaker was saying.
CONTINUATION_CUES = frozenset("add continue go say write tell insist note explain conclude".split())
# People who speak for someone else: "a spokesman for the ministry" speaks as the ministry.
SPOKES_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "mouthpiece"})
# Verbs whose agent only carried a statement: "a statement carried by the state news agency".
CHANNEL_VERBS = frozenset("carry publish run broadcast relay air distribute circulate post".split())
# Lines of a page that belong to the outlet, not to anyone named in them: photo credits and captions.
CAPTION_MARKERS = (
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "caption:",
    "file photo",
    "(ap photo",
    "(reuters",
    "getty images",
    "/ap)",
    "(afp",
)
# Organisation heads that, with "the", stand for the organisation last in focus ("the company said"
# after "Volkswagen said"); "the government" or "the ministry" do not: they are a country's own.
ANAPHORIC_ORG_HEADS = frozenset(
    "company firm campaign group agency organisation organization watchdog regulator party union institute "
    "commission committee council network outlet newspaper".split()
)


# Short forms of English given names, each under the form it shortens: "Bill Barr" and "William Barr",
# "Jerry Nadler" and "Jerrold Nadler" are one person when the surname is the same. Only a short form and
# its long form match; two short forms of one long form ("Harry" of Harold and of Henry) do not.
_SHORT_GIVEN_NAMES = {
    "abigail": "abby",
    "albert": "al bert",
    "alexander": "alex sandy",
    "alexandra": "alex sandra",
    "alfred": "al alfie fred",
    "alan": "al",
    "allen": "al",
    "andrew": "andy drew",
    "anthony": "tony",
    "barbara": "barb",
    "benjamin": "ben benny",
    "catherine": "cathy kate katie",
    "charles": "charlie chuck",
    "christopher": "chris",
    "daniel": "dan danny",
    "david": "dave",
    "deborah": "deb debbie",
    "donald": "don donnie",
    "douglas": "doug",
    "edward": "ed eddie ted ned",
    "elizabeth": "liz beth betty lizzie",
    "eugene": "gene",
    "frederick": "fred freddie",
    "gerald": "jerry gerry",
    "gregory": "greg",
    "harold": "hal harry",
    "henry": "hank harry",
    "jacob": "jake",
    "james": "jim jimmy jamie",
    "jeffrey": "jeff",
    "jennifer": "jen jenny",
    "jerrold": "jerry",
    "jerome": "jerry",
    "john": "jack johnny",
    "jonathan": "jon",
    "joseph": "joe joey",
    "joshua": "josh",
    "katherine": "kate katie kathy",
    "kathleen": "kathy kate",
    "kenneth": "ken kenny",
    "lawrence": "larry",
    "leonard": "len lenny leo",
    "louis": "lou",
    "margaret": "maggie meg peggy",
    "matthew": "matt",
    "michael": "mike mick mickey",
    "mitchell": "mitch",
    "nathaniel": "nate nat",
    "nicholas": "nick",
    "patricia": "pat patty trish",
    "patrick": "pat paddy",
    "peter": "pete",
    "philip": "phil",
    "raymond": "ray",
    "rebecca": "becky",
    "richard": "dick rick ricky rich",
    "robert": "bob bobby rob robbie bert",
    "ronald": "ron ronnie",
    "samuel": "sam",
    "stephen": "steve",
    "steven": "steve",
    "susan": "sue susie",
    "theodore": "ted teddy",
    "thomas": "tom tommy",
    "timothy": "tim",
    "victoria": "vicky tori",
    "vincent": "vince",
    "william": "bill billy will willie",
    "zachary": "zach",
}
SHORT_GIVEN_NAMES: frozenset[tuple[str, str]] = frozenset(
    (long, short) for long, shorts in _SHORT_GIVEN_NAMES.items() for short in shorts.split()
)


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names (any case) are one: the same, or one the short form of the other."""
    a, b = a.lower(), b.lower()
    return a == b or (a, b) in SHORT_GIVEN_NAMES or (b, a) in SHORT_GIVEN_NAMES
