"""Actor mentions: canonical names from an alias table, surnames and titles.

Within one document a surname resolves to the full name seen earlier or later
("Kessler" -> "Marta Kessler") and a title to its holder ("the president" ->
the person named "President ..." in the same document). Across documents only
the canonical name and the alias table merge actors, never a bare surname.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from receipts.errors import ConfigError
from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import (
    GIVEN_NAME_HONORIFICS,
    HONORIFICS,
    PERSON_ROLE_NOUNS,
    ROYAL_GIVEN_NAME_TITLES,
    TITLE_ABBREVIATIONS,
    TITLES,
)
from receipts.types import Actor, Mention, Span

# Nouns that end the name of a place or a building, never a person's ("Kajang Prison", "Heathrow Airport").
PLACE_HEADS = frozenset(
    "prison jail gaol hospital clinic airport airfield station university college school academy hotel street "
    "road avenue square bridge tower church cathedral mosque temple synagogue palace stadium museum base camp "
    "barracks harbour harbor port".split()
)
_ENT_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}
_STRIP = ("the ", "The ")
_INITIAL = re.compile(r"(?:[a-z]\.)+")  # "d.", "h.w.": a middle initial, lower-cased
_HEADING_SMALL = frozenset("a an the of for and or nor but to in on at by as with from vs via is are".split())
SHIPPED_TABLES = ("aliases.yaml", "actors.yaml")  # in receipts.data; an extra file merges over them


@dataclass
class AliasTable:
    """Map surface forms to canonical actors.

    Example::

        table = AliasTable.load()
        table.lookup("Pyongyang")  # ("North Korea", "country")
    """

    by_alias: dict[str, tuple[str, str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)  # of the people the table knows: typing only, never merging
    genders: dict[str, str] = field(default_factory=dict)  # canonical person -> "m" / "f", where the table gives it
    bearers: dict[str, set[str]] = field(default_factory=dict)  # surname -> the people the table knows by it

    @classmethod
    def load(cls, *extra: Path | str | None) -> "AliasTable":
        """Load the shipped tables (countries and bodies, then real public actors), then merge each
        extra YAML/JSON file over them.

        :raises ConfigError: When an extra file is missing or malformed.
        """
        table = cls()
        for name in SHIPPED_TABLES:
            shipped = resources.files("receipts.data").joinpath(name).read_text("utf-8")
            table.merge(yaml.safe_load(shipped), name)
        for path in extra:
            if path is None:
                continue
            p = Path(path)
            try:
                raw = p.read_text("utf-8")
                data = json.loads(raw) if p.suffix == ".json" else yaml.safe_load(raw)
            except (OSError, ValueError, yaml.YAMLError) as exc:
                raise ConfigError(f"{p}: cannot read alias table: {exc}") from exc
            table.merge(data, str(p))
        return table

    def merge(self, data: object, origin: str) -> None:
        """Add the actors of one parsed table ``{"actors": [{name, kind, aliases, demonyms, surname, gender}]}``.

        :raises ConfigError: When the table is malformed, or a gender is not ``m`` or ``f``.
        """
        if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
            raise ConfigError(f"{origin}: alias table needs a top-level 'actors' list")
        for row in data["actors"]:
            if not isinstance(row, dict) or not row.get("name"):
                raise ConfigError(f"{origin}: every actor needs a 'name'")
            name, kind = str(row["name"]), str(row.get("kind", "unknown"))
            for alias in [name, *row.get("aliases", [])]:
                self.by_alias[_key(str(alias))] = (name, kind)
            for dem in row.get("demonyms", []) or []:
                self.demonyms[_key(str(dem))] = name
            if kind == "person" and (row.get("surname") or len(name.split()) >= 2):
                self.surnames.add(_key(str(row.get("surname") or name.split()[-1])))
                self.bearers.setdefault(_key(str(row.get("surname") or name.split()[-1])), set()).add(name)
            if row.get("gender") is not None:
                if kind != "person" or str(row["gender"]) not in ("m", "f"):
                    raise ConfigError(f"{origin}: {name}: 'gender' is m or f, and only for a person")
                self.genders[name] = str(row["gender"])

    def lookup(self, text: str) -> tuple[str, str] | None:
        """Return ``(canonical, kind)`` for a surface form, or None."""
        key = _key(text)
        if key in self.by_alias:
            return self.by_alias[key]
        if key.endswith("'s") and key[:-2] in self.by_alias:
            return self.by_alias[key[:-2]]
        return self._without_initials(key)

    def _without_initials(self, key: str) -> tuple[str, str] | None:
        """``middle_initial``: "Paul D. Ryan" and "Vladimir V. Putin" are the people the table knows as
        "Paul Ryan" and "Vladimir Putin". Only for a person whose own name has no initial: "George H.W.
        Bush" is not whoever the table calls "George Bush"."""
        parts = key.split()
        kept = [p for p in parts[1:-1] if not _INITIAL.fullmatch(p)]
        if len(parts) < 3 or len(kept) == len(parts) - 2:
            return None
        hit = self.by_alias.get(" ".join([parts[0], *kept, parts[-1]]))
        if hit is None or hit[1] != "person" or any(_INITIAL.fullmatch(p) for p in hit[0].lower().split()):
            return None
        return hit

    def names_of(self, text: str) -> frozenset[str]:
        """Every surface form (lower case) of the actor a text names: "the DPRK" -> "north korea",
        "pyongyang", "dprk", ...; just the text itself when the table does not know it."""
        hit = self.lookup(text)
        if hit is None:
            return frozenset({_key(text)}) if text.strip() else frozenset()
        return frozenset(alias for alias, value in self.by_alias.items() if value == hit)

    def gender(self, canonical: str) -> str | None:
        """The gender the table gives a person it knows ("m" / "f"), else None."""
        return self.genders.get(canonical)

    def is_known_surname(self, word: str) -> bool:
        """Whether a word is the surname of a person the table knows ("Trump"): it names a person,
        though not necessarily that one, so it types a mention without merging it."""
        return _key(word) in self.surnames

    def only_bearer(self, surname: str) -> str | None:
        """The one person the table knows by this surname, or None when it knows none or several."""
        people = self.bearers.get(_key(surname), set())
        return next(iter(people)) if len(people) == 1 else None

    def demonym(self, word: str) -> str | None:
        """Return the country a demonym belongs to ("Ostravian" -> "Ostravia")."""
        return self.demonyms.get(_key(word))


def _key(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _title_before(ent: SpacySpan) -> str | None:
    """Return the title right before a PERSON entity ("Foreign Minister" Tomas Ferro)."""
    doc = ent.doc
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and len(words) < 3 and doc[i].is_title and doc[i].pos_ in ("PROPN", "NOUN"):
        words.insert(0, doc[i].text.lower())
        i -= 1
    words = [TITLE_ABBREVIATIONS.get(w, w) for w in words]  # "Gov. Rick Snyder" holds "governor"
    for n in range(len(words)):
        cand = " ".join(words[n:])
        if cand in TITLES:
            return cand
    return None


def _given_name_honorific(doc: Doc, i: int) -> bool:
    """Whether token i follows "Sir" or "Dame", which go with a given name ("Sir Andrew")."""
    return i > 0 and doc[i - 1].lower_ in GIVEN_NAME_HONORIFICS


def _title_after(ent: SpacySpan) -> str | None:
    """Return the appositive title after a name ("Ruth Adeyemi, the group's lead analyst")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    for tok in doc[ent.end + 1 : min(len(doc), ent.end + 7)]:
        if tok.text in (",", "."):
            break
        low = tok.lower_
        if low in TITLES and tok.head.i == ent.root.i or (low in TITLES and tok.dep_ == "appos"):
            prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
            return f"{prev} {low}" if f"{prev} {low}" in TITLES else low
    return None


# Words after a surname that say which of a family's namesakes is meant: "John J. Ray III", "Martin Luther King Jr."
GENERATIONAL_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surname_of(parts: list[str], aliases: AliasTable) -> str:
    """``generational_suffix``: the surname of a full name, read past "Jr." or "III" ("Ray" of "John J. Ray
    III"). A surname the actor table knows stays with the table's person: "Trump" beside "Donald Trump
    Jr." is not read as the son."""
    last = parts[-1]
    if len(parts) >= 3 and last.lower().strip(",") in GENERATIONAL_SUFFIXES:
        surname = parts[-2].rstrip(",")
        if not aliases.is_known_surname(surname):
            return surname
    return last


_INITIALISM_SKIP = frozenset({"of", "and", "for", "the", "&", "on", "in", "to"})


def _initials(name: str) -> str:
    """The capitals an organisation's name is shortened to: "CFTC" for the Commodity Futures Trading
    Commission (small words such as "of" and "for" skipped)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _INITIALISM_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 and all(w[0].isupper() for w in words) else ""


def extract_mentions(doc: Doc, aliases: AliasTable) -> tuple[list[Mention], list[Actor]]:
    """Find actor mentions and resolve them to canonical actors within the document.

    Needs entities. Pure: no I/O.

    :param doc: A parsed article.
    :param aliases: The alias table for countries, capitals and organisations.
    :returns: Mentions in document order and the document's canonical actors.
    """
    ents = [
        _as_place_by_head(_as_body_by_appositive(_as_person_by_role(_trimmed(ent, aliases), aliases), aliases))
        for ent in doc.ents
    ]
    strong: dict[str, list[tuple[int, str]]] = {}  # surname -> (token, full name) of each full name in the text
    weak: dict[str, list[tuple[int, str]]] = {}  # the same, for unknown names in a heading ("Derelict Obama")
    given_names: dict[str, str] = {}  # given name -> full name, for "Sir Andrew" after "Sir Andrew Dilnot"
    titles: dict[str, str] = {}  # title -> holder
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        name = _clean_name(ent)
        parts = name.split()
        if len(parts) == 2 and parts[0].lower() in ROYAL_GIVEN_NAME_TITLES:
            continue  # "Prince Mohammed" is a title and a given name, not a surname to look for
        if len(parts) >= 2:
            hit = aliases.lookup(name)
            name = hit[0] if hit is not None and hit[1] == "person" else name  # "Paul D. Ryan" seeds "Paul Ryan"
            junk = hit is None and _in_heading(ent)  # a heading's capitalised word taken into a name
            (weak if junk else strong).setdefault(_surname_of(parts, aliases), []).append((ent.start, name))
            if _given_name_honorific(doc, ent.start) or ent[0].lower_ in GIVEN_NAME_HONORIFICS:
                given_names.setdefault(parts[0], name)
            title = _title_before(ent) or _title_after(ent)
            if title:
                titles.setdefault(title, name)
                titles.setdefault(title.split()[-1], name)
    full_names = {surname: seen[0][1] for surname, seen in {**weak, **strong}.items()}
    # ``name_part``: a lone word of one full name that is not its surname stands for that person when no
    # other person of the text has it: "Najib" after "Najib Razak", "Apandi" after "Mohamed Apandi Ali",
    # "Mahathir" after "Mahathir Mohamad" (names whose short form is not the last word)
    parts: dict[str, set[str]] = {}
    for seen in strong.values():
        for _, name in seen:
            for word in name.split()[:-1]:
                if _name_part_word(word) and not word.endswith(".") and word.lower() not in TITLES:
                    parts.setdefault(word, set()).add(name)
    name_parts = {w: next(iter(names)) for w, names in parts.items() if len(names) == 1 and w not in full_names}
    # ``initialism``: "CFTC" is the Commodity Futures Trading Commission when the text names it in full
    # and no other organisation of the text has those initials
    shortened: dict[str, set[str]] = {}
    for ent in ents:
        if ent.label_ == "ORG":
            name = _clean_name(ent)
            hit = aliases.lookup(name)
            if initials := _initials(name):
                shortened.setdefault(initials, set()).add(hit[0] if hit is not None else name)
    initialisms = {short: next(iter(names)) for short, names in shortened.items() if len(names) == 1}
    # ``org_short``: "Purdue" after "Purdue Pharma", "Arconic" after "Arconic Architectural Products": the
    # first word of exactly one longer organisation name of the text, when the table knows no body by it
    leading: dict[str, set[str]] = {}
    for ent in ents:
        if (
            ent.label_ == "ORG"
            and len(name := _clean_name(ent).split()) >= 2
            and name[0][:1].isupper()
            and not _in_heading(ent)  # "FDIC Accused Of Covering Up China Hacking" is a headline
        ):
            leading.setdefault(name[0], set()).add(" ".join(name))
    org_short = {w: next(iter(names)) for w, names in leading.items() if len(names) == 1}
    introduced = set(titles.values())

    def bearer(surname: str) -> str:
        """``shared_surname``: which of the people a text names in full a lone surname stands for. When
        the table knows one of them ("Donald Trump" beside "Eric Trump"), that one; otherwise the first
        named, as before."""
        names = list(dict.fromkeys(name for _, name in strong.get(surname) or weak[surname]))
        known = [n for n in names if aliases.lookup(n) is not None]
        return known[0] if len(known) == 1 else names[0]

    def holder(surname: str, first: int) -> str:
        """``office_surname``: the person a lone surname names. "President Obama" in an article that
        named only "Michelle Obama" in full is the office holder the table knows by that surname, not
        her; a surname after an office title goes to the text's full name only when that person was
        introduced with a title of their own (a former governor Gary Johnson is "Gov. Johnson")."""
        found = bearer(surname)
        if first == 0 or found in introduced or aliases.lookup(found) is not None:
            return found
        prev = doc[first - 1].lower_
        office = TITLE_ABBREVIATIONS.get(prev, prev)
        if office not in TITLES or office in HONORIFICS:
            return found
        return aliases.only_bearer(surname) or found

    mentions: list[Mention] = []
    seen: dict[str, Actor] = {}
    surface: dict[str, set[str]] = {}

    def add(span: Span, canonical: str, kind: str, via: str) -> None:
        if kind == "place":
            return  # places are where things happen, not who acts
        mentions.append(Mention(span=span, canonical=canonical, kind=kind, via=via))
        surface.setdefault(canonical, set()).add(span.text)
        seen.setdefault(canonical, Actor(name=canonical, kind=kind))

    for ent in ents:
        kind = _ENT_KINDS.get(ent.label_)
        if kind is None:
            continue
        text = _clean_name(ent)
        if not text:
            continue
        span = Span(ent.start_char, ent.end_char, ent.text)
        hit = aliases.lookup(text)
        surname = text.split()[-1]
        if hit:
            add(span, hit[0], hit[1], "alias" if _key(text) != _key(hit[0]) else "name")
        elif (
            ent.label_ == "PERSON"
            and _in_heading(ent)
            and surname in strong
            and text not in dict(strong[surname]).values()
        ):
            add(span, bearer(surname), "person", "surname")  # heading_name: "Derelict Obama" is the text's Obama
        elif text in full_names and ent.label_ in ("ORG", "PERSON", "GPE", "NORP"):
            add(span, holder(text, ent.start), "person", "surname")  # NER often tags a lone surname as ORG
        elif (
            text in name_parts
            and aliases.lookup(text) is None
            and (ent.label_ == "PERSON" or ent.label_ in ("ORG", "GPE") and name_parts[text] in introduced)
        ):
            # a lone "Najib" the small model tags ORG is the person only when the text gave that person a
            # title ("Prime Minister Najib Razak"); "EgyptAir" beside a heading's "EgyptAir Crash" is not
            add(span, name_parts[text], "person", "surname")
        elif ent.label_ == "NORP" and aliases.demonym(text):
            continue  # adjectives like "Ostravian" qualify other mentions
        elif len(text.split()) == 1 and text in given_names and _given_name_honorific(doc, ent.start):
            add(span, given_names[text], "person", "surname")  # "Sir Andrew" is Sir Andrew Dilnot
        elif ent.label_ == "PERSON":
            parts = text.split()
            if len(parts) == 2 and parts[0].lower() in ROYAL_GIVEN_NAME_TITLES and parts[1] in name_parts:
                # ``royal_given_name``: "Prince Mohammed" after "Crown Prince Mohammed bin Salman"
                add(span, name_parts[parts[1]], "person", "surname")
            elif len(parts) == 1 and parts[0] in full_names:
                add(span, holder(parts[0], ent.start), "person", "surname")
            else:
                add(span, text, "person", "name")
        elif len(text.split()) == 1 and aliases.is_known_surname(text) and ent.label_ in ("ORG", "GPE"):
            add(span, text, "person", "name")  # "Trump" tagged ORG: a person, whoever it is
        elif ent.label_ == "ORG" and text.isupper() and 2 <= len(text) <= 6 and text in initialisms:
            add(span, initialisms[text], "organisation", "alias")
        elif (
            ent.label_ == "ORG"
            and text in org_short
            and aliases.lookup(text) is None
            and not aliases.is_known_surname(text)  # "Trump" beside "the Trump Organization" is the man
        ):
            add(span, org_short[text], "organisation", "alias")
        elif ent.label_ == "ORG":
            add(span, text, "organisation", "name")
        elif ent.label_ == "GPE" and ent.root.dep_ in ("nsubj", "nsubjpass", "poss"):
            add(span, text, "country", "name")
    # ``table_body``: bodies the NER missed that the table knows by a descriptive name ("Russia's foreign
    # ministry said"): the phrase is one mention of the body, not a mention of the country inside it.
    if doc.has_annotation("DEP"):
        for chunk in doc.noun_chunks:
            words = chunk[1:] if chunk[0].lower_ in ("the", "a", "an") else chunk
            if len(words) < 2 or any(
                m.kind in ("organisation", "person") and chunk.start_char <= m.span.start < chunk.end_char
                for m in mentions
            ):
                continue
            hit = aliases.lookup(words.text)
            if hit is None or hit[1] != "organisation":
                continue
            mentions[:] = [m for m in mentions if not (chunk.start_char <= m.span.start < chunk.end_char)]
            add(Span(words.start_char, words.end_char, words.text), hit[0], "organisation", "alias")
    # Surnames the NER missed ("Brandt told reporters").
    covered = {m.span.start for m in mentions}
    for tok in doc:
        # the small model tags a capitalised surname opening a sentence as a common noun ("Trump pushed
        # back."): as the subject of a verb it is the surname all the same (``noun_surname``)
        named = tok.pos_ == "PROPN" or (
            tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and not _quoted(doc, tok.idx)
        )
        if (
            named
            and tok.text[:1].isupper()
            and (tok.text in full_names or tok.text in name_parts)
            and tok.idx not in covered
            and not any(m.span.start <= tok.idx < m.span.end for m in mentions)
        ):
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                continue
            who = holder(tok.text, tok.i) if tok.text in full_names else name_parts[tok.text]
            add(Span(tok.idx, tok.idx + len(tok), tok.text), who, "person", "surname")
    # Titles used alone: "the president said" -> the president named in this doc.
    for tok in doc:
        if (
            tok.lower_ in titles
            and tok.ent_type_ == ""
            and tok.i > 0
            and doc[tok.i - 1].lower_ in ("the", "our", "their")
        ):
            start = doc[tok.i - 1]
            add(
                Span(start.idx, tok.idx + len(tok), doc_text(doc)[start.idx : tok.idx + len(tok)]),
                titles[tok.lower_],
                "person",
                "title",
            )
    mentions.sort(key=lambda m: m.span.start)
    actors = [Actor(name=a.name, kind=a.kind, aliases=tuple(sorted(surface[a.name] - {a.name}))) for a in seen.values()]
    return mentions, actors


def _trimmed(ent: SpacySpan, aliases: AliasTable) -> SpacySpan:
    """``name_start``: the tagger sometimes takes the word before a name into it ("Top Clinton adviser",
    "Will Sanders come down", "like a Donald Trump", "Billionaire Donald Trump"). A word that is no proper
    noun (or is a plural one: "Floridians Jeb Bush") is dropped from the front when what follows ends in a
    surname the table knows; "Berhanu Nega" and "Will Doyle" stay whole."""
    last = ent[-2] if len(ent) > 1 and ent[-1].tag_ == "POS" else ent[-1]
    if ent.label_ != "PERSON" or not aliases.is_known_surname(last.text):
        return ent
    start = ent.start
    while start < ent.end - 1 and (ent.doc[start].pos_ != "PROPN" or ent.doc[start].tag_ == "NNPS"):
        start += 1
    return ent if start == ent.start else SpacySpan(ent.doc, start, ent.end, label=ent.label_)


def _as_person_by_role(ent: SpacySpan, aliases: AliasTable) -> SpacySpan:
    """``role_appositive``: a name the small model tags as a place or a body is a person when a person's
    role stands in apposition to it ("Jones's lawyer, Norm Pattis, said", "Norm Pattis, Jones's lawyer,
    said") or right before it as its modifier ("Ministry spokesman Major-General Igor Konashenkov"),
    unless the table knows it as something else. Only names of two or more proper nouns."""
    if ent.label_ not in ("GPE", "ORG") or any(t.pos_ != "PROPN" and t.text != "-" for t in ent):
        return ent
    if ent.label_ == "ORG" and _described_by_who(ent):
        hit = aliases.lookup(_clean_name(ent))
        return ent if hit is not None and hit[1] != "person" else SpacySpan(ent.doc, ent.start, ent.end, label="PERSON")
    start = ent.start
    while (
        start > 0
        and ent.doc[start - 1].pos_ == "PROPN"
        and ent.doc[start - 1].ent_type_ == ""
        and ent.doc[start - 1].dep_ == "compound"
        and ent.doc[start - 1].head.i in range(start, ent.end)
        and ent.doc[start - 1].text[:1].isupper()
    ):
        start -= 1  # ``untagged_given_name``: "Irineo Mujica" of which the model tagged only "Mujica" (GPE)
    if ent.end - start < 2:
        return ent
    root = ent.root
    roles = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        roles.append(root.head)
    if start > 0 and ent.doc[start - 1].pos_ == "NOUN" and ent.doc[start - 1].i in {c.i for c in root.children}:
        roles.append(ent.doc[start - 1])  # ``role_before``: "Ministry spokesman Major-General Igor Konashenkov"
    if not any(r.pos_ == "NOUN" and r.lower_ in PERSON_ROLE_NOUNS for r in roles):
        return ent
    hit = aliases.lookup(_clean_name(ent))
    if hit is not None and hit[1] != "person":
        return ent
    return SpacySpan(ent.doc, start, ent.end, label="PERSON")


# Nouns that describe a business or a body, set in apposition to its name ("Reckitt Benckiser, the British
# maker of Lysol").
_BODY_APPOSITIVES = frozenset(
    """maker manufacturer company firm producer retailer chain bank lender insurer airline carrier utility
    conglomerate startup publisher broadcaster website charity""".split()
)


def _as_body_by_appositive(ent: SpacySpan, aliases: AliasTable) -> SpacySpan:
    """``body_appositive``: a name the small model tags as a person is a body when the text sets a business's
    or a body's description in apposition to it ("Reckitt Benckiser, the British maker of Lysol and Dettol,
    warned"), unless the table knows it as a person."""
    if ent.label_ != "PERSON":
        return ent
    root = ent.root
    described = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if not any(c.lemma_.lower() in _BODY_APPOSITIVES for c in described):
        return ent
    hit = aliases.lookup(_clean_name(ent))
    if hit is not None and hit[1] == "person":
        return ent
    return SpacySpan(ent.doc, ent.start, ent.end, label="ORG")


def _quoted(doc: Doc, at: int) -> bool:
    """Whether a character offset lies inside quotation marks (straight or curly) of its paragraph."""
    start = doc_text(doc).rfind("\n", 0, at) + 1
    before = doc_text(doc)[start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _described_by_who(ent: SpacySpan) -> bool:
    """``who_relative``: "Najib, who has complained that his trial was unfair": English takes "who" for
    people, so a name the small model tags as a body is a person when a relative clause on it opens with
    "who" (bodies take "which" or "that")."""
    root = ent.root
    return any(
        c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" for g in c.children)
        for c in root.children
    )


def _as_place_by_head(ent: SpacySpan) -> SpacySpan:
    """``place_head``: a name the small model tags as a person but that ends in the noun of a place or a
    building ("Kajang Prison", "Walter Reed Hospital", "Heathrow Airport") is that place: no one to quote,
    and no antecedent for "he"."""
    if ent.label_ != "PERSON" or len(ent) < 2 or ent[-1].lower_ not in PLACE_HEADS:
        return ent
    return SpacySpan(ent.doc, ent.start, ent.end, label="FAC")


def _in_heading(ent: SpacySpan) -> bool:
    """Whether an entity stands in a line that is a title-case heading, where the tagger cannot tell a name from the
    capitalised word beside it ("Derelict Obama and Clinton", "Double Standard Clinton And Trump Face")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < 4 or len(words) > 25:
        return False
    return all(t.text[0].isupper() or t.lower_ in _HEADING_SMALL for t in words)


# Two-letter words that open Western names without being one ("De Niro", "La Russa", "Al Gore" is a
# given name but too short to stand for him alone).
_NAME_PARTICLES = frozenset({"de", "da", "di", "du", "la", "le", "al", "el", "st", "mc"})


def _name_part_word(word: str) -> bool:
    """A word of a full name that may stand alone for its bearer: three letters or more, or a two-letter
    family name written first ("Ji" of "Ji Seong-ho", "Xi" of "Xi Jinping")."""
    if not word[:1].isupper():
        return False
    if len(word) > 2:
        return True
    return len(word) == 2 and word[1].islower() and word.lower() not in _NAME_PARTICLES


def _clean_name(ent: SpacySpan) -> str:
    text = " ".join(ent.text.split())
    for prefix in _STRIP:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.startswith(("Crown Prince ", "Crown Princess ")):
        text = text[len("Crown ") :]
    first, _, rest = text.partition(" ")
    if first.lower() in ROYAL_GIVEN_NAME_TITLES and len(rest.split()) >= 2:
        text = rest  # "Crown Prince Khalid bin Faris" is Khalid bin Faris; "Prince Khalid" keeps its title
        first, _, rest = text.partition(" ")
    if rest and first.lower() in HONORIFICS:
        text = rest  # "Sir Andrew Dilnot" and "Andrew Dilnot" are one person
    if text.endswith("'s") or text.endswith("\u2019s"):
        text = text[:-2]
    return text.strip(" ,.;:")


@Language.factory(
    "receipts_actors",
    requires=["doc.ents"],
    assigns=["doc._.mentions", "doc._.actors"],
    default_config={"aliases_file": None},
)
def make_actors(nlp: Language, name: str, aliases_file: str | None):
    table = AliasTable.load(aliases_file)

    def actors(doc: Doc) -> Doc:
        if doc._.aliases is None:
            doc._.aliases = table  # later stages read demonyms from the same table
        mentions, found = extract_mentions(doc, doc._.aliases)
        doc._.mentions = tuple(mentions)
        doc._.actors = tuple(found)
        return doc

    return actors
