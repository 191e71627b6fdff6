"""Resolve the source of an attribution to a Speaker: names, pronouns, titles, descriptions."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import (
    ANAPHORIC_ORG_HEADS,
    DESCRIPTION_HEADS,
    DOCUMENT_SYNONYMS,
    GENDERED_WORDS,
    HONORIFICS,
    ORG_HEAD_SYNONYMS,
    PARTY_MODIFIERS,
    PRONOUNS,
    ROLE_HEADS,
    SPEECH_VERBS,
    SPOKES_HEADS,
    STATE_ABBREVIATIONS,
    TITLE_FORMS,
    TITLE_VAGUE_MODIFIERS,
)
from receipts.types import Mention, Span, Speaker

_PHRASE_DROP = {"relcl", "acl", "punct", "cc", "advcl", "appos", "prep_exclude"}
_GROUP_KINDS = ("organisation", "group", "country", "document")


def speaker_tokens(tok: Token) -> tuple[int, int]:
    """Return the token range ``[start, end)`` that names a speaker, without relative clauses.

    "A senior official who spoke with the Wire" -> "A senior official".
    """
    keep = [tok.i]
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj"):
            continue
        if child.dep_ == "appos" and child.i > tok.i:
            # "Ruth Adeyemi, the group's lead analyst": the name suffices.
            continue
        if child.dep_ == "prep" and child.lower_ not in ("for", "of", "at", "in"):
            # "officials on both sides", "diplomats from both countries" name who speaks; "on Wednesday" does not
            dated = any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
            if child.lower_ not in ("on", "from") or dated or tok.pos_ != "NOUN":
                continue
        sub = [t.i for t in child.subtree if t.dep_ not in ("relcl", "punct") or t.i == child.i]
        keep.extend(sub)
    start, end = min(keep), max(keep) + 1
    doc = tok.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:  # the head itself is punctuation: keep it rather than return an empty span
        return tok.i, tok.i + 1
    return start, end


_COPIES = {"copy", "draft", "version"}  # stand for the document they copy
_ISSUING_VERBS = frozenset({"issue", "release", "publish", "put", "send", "post", "make", "file", "bring", "lodge"})
# "a report released / written / prepared by X": the verbs whose agent wrote the document
_AUTHORING_VERBS = _ISSUING_VERBS | frozenset(
    {"write", "prepare", "produce", "compile", "draft", "file", "submit", "sign"}
)
_RELATIVES = {"who", "that", "which", "whom"}
_OWNER_PRONOUNS = frozenset({"his", "her"})
# Members of a body, and the words that name such a body: "the judges" of the one court a text names.
_MEMBERS = {
    "judges": ("court", "tribunal"),
    "justices": ("court",),
    "investigators": ("investigation", "investigative", "inquiry"),
    "inspectors": ("inspectorate", "inspection"),
}  # "its" and "their" are not told apart from "it" and "they" here
_NAME_LINKS = {"compound", "flat", "conj", "appos"}  # "emissary and ... Gov. Bill Richardson"
# Offices "lead_person" gives to the person a report is about: one holder, named as the office alone
# ("the prime minister", not "the opposition leader" or "the minister", of whom a text names several).
_LEAD_OFFICES = frozenset({"prime minister", "president", "premier", "chancellor", "governor", "mayor", "crown prince"})
_ANAPHOR_REACH = 800  # characters back that "the company" looks for the company in focus
# What a publication is called when the text names it again: "the website Biohackinfo", "WTOE 5 News, a
# satirical website" ... "The site then asserted".
_PUBLICATION_HEADS = frozenset({"site", "website", "blog", "magazine"})
# Where a post or an article appears, whose owner it speaks for: "a post on the website Biohackinfo",
# "a Facebook post on the page of Elizabeth Hesse".
_POSTED = frozenset({"post", "posts", "article", "column"})  # "a Facebook post" is not Facebook's words
_PLACES_OF_POSTS = frozenset({"page", "account", "feed", "channel", "timeline", "profile"})


def _hyphen_head(tok: Token) -> Token:
    """``hyphen_head``: a word the tokenizer split at a hyphen ("the Microsoft co-founder said" gives "co",
    "-" and "founder", and the parser may make "co" or "-" the subject) is named by its last part."""
    doc = tok.doc
    i = tok.i
    if tok.text in ("-", "\u2010") and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_:
        i += 1
    elif i + 2 < len(doc) and not tok.whitespace_ and doc[i + 1].text in ("-", "\u2010") and not doc[i + 1].whitespace_:
        i += 2
    else:
        return tok
    while (
        i + 2 < len(doc)
        and not doc[i].whitespace_
        and doc[i + 1].text in ("-", "\u2010")
        and not doc[i + 1].whitespace_
    ):
        i += 2  # "editor-in-chief"
    return doc[i] if i < len(doc) and doc[i].is_alpha else tok


def _main_clause(verb: Token) -> bool:
    """Whether a verb heads its sentence, or is joined to the verb that does ("said ... and added")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _according_to(tok: Token) -> bool:
    """Whether a token is the object of "according to" (the source of a report)."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according"


class SpeakerResolver:
    """Map a source token to a Speaker using the document's actor mentions.

    Example::

        resolver = SpeakerResolver(doc, doc._.mentions)
        resolver.resolve(doc[5])  # Speaker(name="Marta Kessler", kind="person", ...)
    """

    def __init__(self, doc: Doc, mentions: tuple[Mention, ...] | list[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self.mentions]
        self._described: list[tuple[int, str, Speaker]] = []  # (char, head, speaker) of described persons
        self._genders: dict[str, str] | None = None  # canonical person -> "m" / "f", where the text tells it
        self._quoted: list[tuple[int, int]] | None = None  # direct quotes: what they name is not an antecedent
        self._sent_starts: list[int] | None = None

    def mention_at(self, start: int, end: int, root_char: int | None = None) -> Mention | None:
        """Return the mention inside ``[start, end)`` that covers root_char (or any, if None)."""
        i = bisect_left(self._starts, start)
        best = None
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            m = self.mentions[i]
            if m.span.end <= end and (root_char is None or m.span.start <= root_char < m.span.end):
                if best is None or m.kind == "person":
                    best = m
            i += 1
        return best

    def resolve(self, tok: Token, *, exclude: str | None = None, self_speaker: Speaker | None = None) -> Speaker | None:
        """Resolve the speaker named by tok (the head of a subject or an ``according to`` object).

        :param tok: Head token of the source phrase.
        :param exclude: A canonical name a pronoun must not resolve to (the enclosing speaker).
        :param self_speaker: Who "I"/"we" refers to (the speaker of an enclosing quote).
        :returns: The speaker, or None when the token names nobody.
        """
        doc = self.doc
        part, tok = tok, _hyphen_head(tok)
        s, e = speaker_tokens(tok)
        if part.i != tok.i:  # the whole hyphenated word, with what the parser hung on its other parts
            while part.i > 0 and not doc[part.i - 1].whitespace_ and "-" in (part.text, doc[part.i - 1].text):
                part = doc[part.i - 1]
            ps, pe = speaker_tokens(part)
            s, e = min(s, ps, part.i), max(e, pe)
        span = Span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), doc[s:e].text)
        low = tok.lower_
        relative = low in _RELATIVES and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl"
        if relative and tok.head.head.i != tok.i:
            # "Rui Castell, who said ...": the speaker is the antecedent; the mention stays "who"
            named = self.resolve(tok.head.head, exclude=exclude, self_speaker=self_speaker)
            if named is None or named.kind == "unknown":
                return None  # "... would obey the law, which fuelled speculation": a thing, not a speaker
            return replace(named, span=span)
        if low in PRONOUNS and tok.pos_ == "PRON":
            if PRONOUNS[low] == "self":
                if self_speaker is not None:
                    return Speaker(self_speaker.name, self_speaker.kind, span, via="pronoun")
                return None
            return self._pronoun(tok, span, exclude)
        if (family := self._family(tok)) is not None:
            return Speaker(family, "group", span, via="name")
        # A name that covers the head: "Kessler", "President Marta Kessler", "agency spokesman Aaron Tamsin".
        mention = self.mention_at(span.start, span.end, tok.idx)
        if mention is None:
            persons = [m for m in self._inside(span.start, span.end) if m.kind == "person"]
            mention = (
                persons[-1]
                if persons and tok.lower_ in DESCRIPTION_HEADS and DESCRIPTION_HEADS[tok.lower_] == "person"
                else None
            )
        if mention is None and tok.pos_ == "NOUN":
            mention = self._named_in_description(tok)
        if mention is not None:
            return Speaker(
                mention.canonical,
                mention.kind,
                span,
                via="name" if mention.via in ("name", "alias", "surname") else mention.via,
            )
        if low in SPOKES_HEADS and tok.pos_ == "NOUN":
            principal = self._principal(tok)
            if principal is not None:
                # "a spokesman for the foreign ministry said": the ministry speaks
                speaker = Speaker(principal.name, principal.kind, span, via="description")
                self._described.append((tok.idx, low, speaker))
                return speaker
        if low in _COPIES and tok.pos_ == "NOUN":
            original = self._copied(tok)
            if original is not None:
                return self.resolve(original, exclude=exclude, self_speaker=self_speaker)
        if low == "police" and tok.pos_ in ("NOUN", "PROPN") and (force := self._local_police(tok)) is not None:
            return Speaker(force.canonical, "organisation", span, via="description")
        if low in _MEMBERS and tok.tag_ == "NNS" and (body := self._members_body(tok)) is not None:
            return Speaker(body.canonical, body.kind, span, via="description")
        head = low if low in DESCRIPTION_HEADS else None
        if head is None and tok.i > 0 and f"{doc[tok.i - 1].lower_} {low}" in DESCRIPTION_HEADS:
            head = f"{doc[tok.i - 1].lower_} {low}"
        if head is not None:
            kind = DESCRIPTION_HEADS[head]
            appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if kind == "person" and appos is not None:
                # "The transport minister, Lena Orsk, said": the name in apposition is the speaker
                named = self.resolve(appos)
                if named is not None and named.kind == "person":
                    return Speaker(named.name, named.kind, span, via="name")
            if head in _PUBLICATION_HEADS and (site := self._publication(tok)) is not None:
                return Speaker(site.name, site.kind, span, via="description")
            named = self._definite(tok, head, kind)
            if named is None and kind == "person":
                named = self._titled(tok, head) or self._recent_subject(tok) or self._lead_person(tok)
            if named is not None:
                return Speaker(named.canonical, named.kind, span, via="description")
            name = span.text
            for det in ("the ", "The "):
                if name.startswith(det):
                    name = name[len(det) :]
            for mark in ("'s", "\u2019s"):  # "the public inquiry's report": the inquiry
                if name.endswith(mark) and len(name) > len(mark):
                    name = name[: -len(mark)]
            if kind in ("person", "group"):
                name = self._owned(tok, name, exclude)
            if kind == "document":
                author = self._author(tok) or self._issuer(tok, head)
                if author is not None:
                    return Speaker(author.name, author.kind, span, via="document")
            if kind == "person" and (named := self.appositive_name(span, tok)) is not None:
                return Speaker(named.canonical, named.kind, span, via="name")
            via = "document" if kind == "document" else "description"
            speaker = Speaker(name, kind, span, via=via)
            return self._same_person(tok, head, speaker) if kind == "person" else speaker
        if tok.ent_type_ in ("ORG", "NORP", "GPE"):
            return Speaker(span.text, "organisation" if tok.ent_type_ == "ORG" else "group", span, via="name")
        if tok.pos_ == "PROPN":
            if (named := self.titled_appositive(tok)) is not None:
                return Speaker(named.canonical, named.kind, span, via="name")
            # The small model often misses names ("Ivo Brandt" as WORK_OF_ART); a proper-noun
            # speaker that no table calls an organisation is most likely a person, unless the text
            # describes it as a body ("Care4Calais, a charity supporting migrants,").
            described = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            if described is not None and DESCRIPTION_HEADS.get(described.lower_) in ("organisation", "group"):
                return Speaker(span.text, DESCRIPTION_HEADS[described.lower_], span, via="name")
            return Speaker(span.text, "person", span, via="name")
        if tok.pos_ in ("NOUN", "NUM") and (named := self.appositive_name(span, tok)) is not None:
            return Speaker(named.canonical, named.kind, span, via="name")
        if tok.pos_ == "NOUN":
            return Speaker(self._owned(tok, span.text, exclude), "unknown", span, via="description")
        return None

    def appositive_name(self, span: Span, tok: Token) -> Mention | None:
        """``appositive_name``: a source that is a description and one person's name set off by a comma
        names that person: "One of his advisers, Tad Devine," and "Hany Farid, chairman of the computer
        science department ..., who co-developed ..." are Devine and Farid. Not a plural description
        ("Democratic leaders, in particular Harry Reid") and not one that names two people."""
        if tok.tag_ in ("NNS", "NNPS"):
            return None
        persons = [m for m in self._inside(span.start, span.end) if m.kind == "person"]
        if len(persons) != 1:
            return None
        m = persons[0]
        text = doc_text(self.doc)
        before = text[span.start : m.span.start].strip()
        after = text[m.span.end : span.end].lstrip()
        if before.endswith(",") or (before in ("", "the", "The") and after.startswith(",")):
            return m
        return None

    def titled_appositive(self, tok: Token) -> Mention | None:
        """``titled_appositive``: an office named as a proper noun, with its holder's name set beside it,
        is that person: "The Bishop of Salisbury, the Rt Revd Nicholas Holtam, told ...", "The Mayor of
        London, Sadiq Khan, said". The one person named in the apposition, or None."""
        for child in tok.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN":
                continue
            sub = list(child.subtree)
            persons = [
                m
                for m in self._inside(sub[0].idx, sub[-1].idx + len(sub[-1]))
                if m.kind == "person" and m.span.start <= child.idx < m.span.end  # the name the apposition ends on
            ]
            if len(persons) == 1:
                return persons[0]
        return None

    def _named_in_description(self, tok: Token) -> Mention | None:
        """The person a description names: "former emissary and New Mexico Gov. Bill Richardson",
        "the group's analyst, Ruth Adeyemi" - a name joined to the head by compound, conjunction or
        apposition, never one under a preposition ("a spokesman for Bill Richardson")."""
        sub = list(tok.subtree)
        found = None
        for m in self._inside(sub[0].idx, sub[-1].idx + len(sub[-1])):
            if m.kind != "person":
                continue
            mtok = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            node = mtok.root if mtok is not None else None
            while node is not None and node.i != tok.i and node.dep_ in _NAME_LINKS and node.head.i != node.i:
                node = node.head
            if node is not None and node.i == tok.i:
                found = m
        return found

    def _principal(self, tok: Token) -> Speaker | None:
        """Whom a spokesperson speaks for, when that is an institution: "a spokesman for the
        ministry", "the ministry's spokeswoman", "foreign ministry spokesman"."""
        for child in tok.children:
            target = None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ in ("poss", "compound") and child.i < tok.i:
                target = child
            if target is None or target.lower_ in SPOKES_HEADS:
                continue
            who = self.resolve(target)
            if who is not None and who.kind in ("organisation", "country", "group"):
                return who
        return None

    def gender(self, canonical: str) -> str | None:
        """The gender the text gives a person: an honorific or a gendered title before one of their
        mentions ("Mr. Lamb", "Sir Andrew", "spokeswoman Ana Veld"), else "he" or "she" as the subject
        of the sentence after one that names only them, else the actor table's for a public person it
        knows; None when none tells it."""
        if self._genders is None:
            self._genders = {}
            for m in self.mentions:
                if m.kind != "person":
                    continue
                mtok = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
                if mtok is None or mtok.start == 0:
                    continue
                words = [mtok[0].lower_, self.doc[mtok.start - 1].lower_]
                told = [HONORIFICS.get(w) or GENDERED_WORDS.get(w) for w in words]
                g = next((x for x in told if x), None)
                if g is not None:
                    self._genders.setdefault(m.canonical, g)
            for name, g in self._genders_from_pronouns().items():
                self._genders.setdefault(name, g)
        told = self._genders.get(canonical)
        if told is None and self.doc.has_extension("aliases") and self.doc._.aliases is not None:
            told = self.doc._.aliases.gender(canonical)  # a public person the actor table knows
        return told

    def _genders_from_pronouns(self) -> dict[str, str]:
        """Genders the narration tells by pronoun: in "Ana Veld took questions. She said ...", a sentence
        naming one person outside quotes is followed by one whose subject is "she". A person given both
        "he" and "she" this way keeps neither."""
        told: dict[str, set[str]] = {}
        sents = list(self.doc.sents)
        for prev, nxt in zip(sents, sents[1:]):
            subj = next((c for c in nxt.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            g = PRONOUNS.get(subj.lower_) if subj is not None and subj.pos_ == "PRON" else None
            if g not in ("m", "f") or self._in_quote(subj.idx):
                continue
            i = bisect_left(self._starts, prev.start_char)
            named = set()
            while i < len(self.mentions) and self.mentions[i].span.start < prev.end_char:
                m = self.mentions[i]
                i += 1
                if m.kind == "person" and not self._in_quote(m.span.start):
                    named.add(m.canonical)
            if len(named) == 1:
                told.setdefault(named.pop(), set()).add(g)
        return {name: gs.pop() for name, gs in told.items() if len(gs) == 1}

    def in_quote(self, char: int) -> bool:
        """Whether a character lies inside a direct quote."""
        return self._in_quote(char)

    def _in_quote(self, char: int) -> bool:
        """Whether a character lies inside a direct quote (a name there is quoted, not in focus)."""
        if self._quoted is None:
            from receipts.extract.doctext import doc_text
            from receipts.extract.quotes import find_quote_marks

            self._quoted = [(r.start, r.end) for r in find_quote_marks(doc_text(self.doc)) if not r.nested]
        return any(a < char < b for a, b in self._quoted)

    def _copied(self, tok: Token) -> Token | None:
        """The document a copy stands for: "a copy of the pact"; or, in "The pact details ...,
        according to a copy seen by the Wire", the document named earlier in the sentence."""
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return pobj
        earlier = [
            t for t in tok.sent if t.i < tok.i and t.pos_ == "NOUN" and DESCRIPTION_HEADS.get(t.lower_) == "document"
        ]
        return earlier[-1] if earlier else None

    def _same_person(self, tok: Token, head: str, speaker: Speaker) -> Speaker:
        """ "The official" after "a senior Ostravian official" is that official; a fuller
        description is remembered for the bare ones after it."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "prep", "acl", "relcl", "nmod")]
        if dets and dets[0].lower_ == "the" and not mods:
            for char, seen_head, earlier in reversed(self._described):
                if seen_head == head and char < tok.idx:
                    return Speaker(earlier.name, earlier.kind, speaker.span, via="description")
            return speaker
        self._described.append((tok.idx, head, speaker))
        return speaker

    def _author(self, tok: Token) -> Speaker | None:
        """Who a document speaks for: "an analysis by Northstar Monitor", "a report from the agency",
        "the ministry's statement", "a report released on Monday by the House Oversight Committee", "a
        police news release"."""
        compounds = [c for c in tok.subtree if c.dep_ == "compound" and c.i < tok.i and c.head.i <= tok.i]
        for child in [*tok.children, *(c for c in compounds if c.head.i != tok.i)]:
            target = None
            if child.dep_ == "poss":
                target = child
            elif child.dep_ == "prep" and child.lower_ == "on" and tok.lower_ in _POSTED:
                place = next((c for c in child.children if c.dep_ == "pobj"), None)
                if place is not None and place.lower_ in _PUBLICATION_HEADS:
                    named = self._name_of_publication(place)
                    if named is not None:
                        return named
                elif place is not None and place.lemma_.lower() in _PLACES_OF_POSTS:
                    # "on the page of Elizabeth Hesse", "on Hesse's page"
                    owner = next((c for c in place.children if c.dep_ == "poss"), None)
                    of = next((c for c in place.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    target = owner or (next((c for c in of.children if c.dep_ == "pobj"), None) if of else None)
                elif place is not None and place.pos_ == "PROPN":
                    target = place  # "a post on Biohackinfo"
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
                if child.lower_ == "of" and target is not None and target.pos_ != "PROPN":
                    target = None  # "the report of the inquiry" names its author; "a report of abuse" does not
            elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _AUTHORING_VERBS:
                by = next((c for c in child.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
                target = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            elif (
                child.dep_ == "compound"
                and child.i < tok.i
                and (child.pos_ == "PROPN" or child.lower_ == "police")
                and tok.lower_ not in _POSTED
            ):
                target = child  # ``compound_author``: "a police news release", "a Kremlin statement"
            if target is None:
                continue
            who = self.resolve(target)
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and who is not None
                and (who.kind not in ("organisation", "group") or target.ent_type_ in ("GPE", "LOC", "NORP", "FAC"))
            ):
                continue  # "a poll of South Carolina": a place is what the document is about, not its author
            if who is not None and who.kind == "document" and child.dep_ == "poss" and target.pos_ == "NOUN":
                # "the report's executive summary" speaks for whoever issued the report
                who = self._author(target) or self._issuer(target, target.lemma_.lower())
            if who is not None and who.kind not in ("document", "unknown"):
                return who
        return None

    def _name_of_publication(self, tok: Token) -> Speaker | None:
        """The name a site noun stands beside: "the website Biohackinfo", "WTOE 5 News, a satirical website"."""
        name = next((c for c in tok.children if c.dep_ in ("appos", "npadvmod") and c.pos_ == "PROPN"), None)
        if name is None and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            name = tok.head
        if name is None:
            return None
        s, e = speaker_tokens(name)
        span = Span(self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1]), self.doc[s:e].text)
        mention = self.mention_at(span.start, span.end, name.idx)
        if mention is not None and mention.kind in ("organisation", "group"):
            return Speaker(mention.canonical, mention.kind, span, via="name")
        # the name the text gives the site, whatever the entity tagger made of it ("Quillwatch" as a person)
        return Speaker(span.text.removeprefix("the ").removeprefix("The "), "organisation", span, via="name")

    def _publication(self, tok: Token) -> Speaker | None:
        """Resolve "the site" / "the website" to the publication the text last called one, else None."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or any(c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            return None
        for earlier in reversed(self.doc[: tok.i]):
            if earlier.lower_ in _PUBLICATION_HEADS and not self._in_quote(earlier.idx):
                named = self._name_of_publication(earlier)
                if named is not None:
                    return Speaker(named.name, "organisation", named.span, via=named.via)
        return None

    def _issuer(self, tok: Token, head: str) -> Speaker | None:
        """Who issued "the statement": the subject of an earlier "issued / released a statement"
        in the same document ("A spokesperson ... issued a statement ... The statement said")."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            return None
        for earlier in reversed(self.doc[: tok.i]):
            # "fact sheet": its head noun; "the suit": the lawsuit filed before
            if earlier.lemma_.lower() not in DOCUMENT_SYNONYMS.get(head, (head.split()[-1],)):
                continue
            subj = None
            if (
                earlier.dep_ == "pobj"
                and earlier.head.lower_ == "in"
                and earlier.head.head.lemma_.lower() in SPEECH_VERBS | {"respond", "reply"}
            ):
                # "Apandi said in a statement", "the government responded in a statement": who spoke in it
                verb = earlier.head.head
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None:
                    continue
            elif earlier.dep_ == "dobj":
                verb = earlier.head  # "NOAA released a statement"
            else:  # "the statement that the ministry issued", "a statement NOAA released"
                verb = next((c for c in earlier.children if c.dep_ in ("relcl", "acl") and c.i > earlier.i), None)
                nxt = self.doc[earlier.i + 1] if earlier.i + 1 < len(self.doc) else None
                if (
                    verb is None
                    and nxt is not None
                    and (nxt.pos_ == "PROPN" or nxt.ent_type_ in ("ORG", "PERSON", "GPE"))
                ):
                    # the small parser hangs the reduced relative on the name: "statement [NOAA <-acl- released]"
                    name_head = nxt.head if nxt.dep_ in ("compound", "flat") else nxt
                    verb = next((c for c in name_head.children if c.dep_ in ("relcl", "acl")), None)
                    subj = name_head if verb is not None else None
                if verb is None:
                    continue
            if verb.lemma_.lower() not in _ISSUING_VERBS and not (earlier.dep_ == "pobj" and subj is not None):
                continue
            subj = subj or next((c for c in verb.children if c.dep_ == "nsubj"), None)
            climb = verb
            for _ in range(3):
                if subj is not None or climb.dep_ not in ("advcl", "xcomp", "conj", "acomp"):
                    break
                if climb.dep_ != "acomp" and climb.tag_ not in ("VBG", "VBN", "VB"):
                    break
                # "Theranos answered within hours, releasing a statement", "The committee is due to issue
                # its report": the subject is that of the verb the participle or infinitive hangs on
                climb = climb.head
                subj = next((c for c in climb.children if c.dep_ == "nsubj"), None)
            who = (
                self.resolve(subj) if subj is not None and subj.lower_ not in ("it", "they", "which", "that") else None
            )
            if who is not None and head in DOCUMENT_SYNONYMS and who.kind == "person":
                continue  # a lawyer files a suit for a client: the suit is not the lawyer's words
            if who is not None and who.kind not in ("document", "unknown"):
                return who
        # "an analysis by Northstar Monitor ... The report contradicts ...": the nearest earlier
        # document whose author the text names, when that is the only author named
        authors = {}
        for earlier in self.doc[: tok.i]:
            if DESCRIPTION_HEADS.get(earlier.lower_) == "document" and earlier.pos_ == "NOUN":
                who = self._author(earlier)
                if who is not None:
                    authors[who.name] = who
        return next(iter(authors.values())) if len(authors) == 1 else None

    def _definite(self, tok: Token, head: str, kind: str) -> Mention | None:
        """Resolve "the agency" / "the group" to the nearest earlier actor it names."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        others = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "prep")]
        if not dets or dets[0].lower_ != "the" or others or kind in ("person", "document"):
            return None
        described = self._described_as(tok)
        if described is not None:
            return described
        i = bisect_left(self._starts, tok.idx) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            words = ORG_HEAD_SYNONYMS.get(head, (head,))
            if m.kind in ("organisation", "group") and (
                any(w in m.canonical.lower() for w in words) or m.kind == kind == "group"
            ):
                return m
        if head not in ANAPHORIC_ORG_HEADS:
            return None
        # "Volkswagen said ... the company said": the organisation last in focus as a subject, or as the
        # source of an "according to" ("according to the National Golf Foundation. ... the group says")
        i = bisect_left(self._starts, tok.idx) - 1
        while i >= 0 and self.mentions[i].span.start >= tok.idx - _ANAPHOR_REACH:
            m = self.mentions[i]
            i -= 1
            mtok = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if (
                m.kind == "organisation"
                and mtok is not None
                and (mtok.root.dep_ in ("nsubj", "nsubjpass") or _according_to(mtok.root))
                and not self._in_quote(m.span.start)
            ):
                return m
        return self._untagged_subject(tok)

    def _family(self, tok: Token) -> str | None:
        """``family``: "the Sackler family said" and "the Sacklers said" are the Sackler family, not the person
        a surname alone would be read as. A plural surname counts only with "the" and when the text names
        someone by that surname."""
        if tok.lower_ in ("family", "families"):
            names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            return f"{' '.join(c.text for c in names)} family" if names else None
        if tok.tag_ != "NNPS" or not tok.text.endswith("s") or len(tok.text) < 4:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        stem = tok.text[:-1]
        if not any(m.kind == "person" and m.canonical.split()[-1] == stem for m in self.mentions):
            return None
        return f"{stem} family"

    def _owned(self, tok: Token, name: str, exclude: str | None) -> str:
        """``owned_description``: "her lawyers" names whose lawyers: "Sidney Powell's lawyers", with the
        possessive pronoun read as the person or body it stands for (as "she" would be). The description
        as written when the pronoun resolves to no one."""
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS), None)
        if poss is None or not name.lower().startswith(poss.lower_ + " "):
            return name
        owner = self._pronoun(poss, Span(poss.idx, poss.idx + len(poss), poss.text), exclude)
        if owner is None or owner.kind not in ("person", "organisation", "group", "country"):
            return name
        return f"{owner.name}'s {name[len(poss.text) + 1 :]}"

    def _members_body(self, tok: Token) -> Mention | None:
        """``members_body``: "the investigators said", "the judges wrote", in a text that names one body of
        that kind ("the Joint Investigation Team", "the International Court of Justice"), is that body. Not
        when a name or a place is set on the description ("Dutch investigators", "two judges"), or when the
        text names no such body or more than one."""
        if any(c.dep_ in ("compound", "amod", "poss", "nummod", "nmod") for c in tok.children):
            return None
        words = _MEMBERS[tok.lower_]
        bodies: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind in ("organisation", "group") and any(w in m.canonical.lower().split() for w in words):
                bodies.setdefault(m.canonical, m)
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _local_police(self, tok: Token) -> Mention | None:
        """``local_police``: "police said" or "the police said", in a text that names one police force, is
        that force: "Chicago police said ... Police said they were treating it as a hate crime". The force
        is a named body with "police" in its name ("Toronto Police Service"), or "police" with a place set
        before it ("Chicago police"). None when the text names no force or more than one, or when this
        "police" carries its own place ("Chicago police" resolves as it stands)."""
        if any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i for c in tok.children):
            return None
        forces: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind in ("organisation", "group") and "police" in m.canonical.lower().split():
                forces.setdefault(m.canonical.lower(), m)
        for t in self.doc:
            if t.lower_ != "police" or t.i == tok.i or self._in_quote(t.idx):
                continue
            places = [c for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i and c.pos_ == "PROPN"]
            if not places and t.i > 0 and self.doc[t.i - 1].pos_ == "PROPN" and self.doc[t.i - 1].ent_type_ == "GPE":
                places = [self.doc[t.i - 1]]  # "Toronto Police Chief Bill Blair": the parse hangs both on "Chief"
            if not places or any(m.span.start <= t.idx < m.span.end for m in self.mentions):
                continue
            start = min(c.left_edge.idx if c.head.i == t.i else c.idx for c in places)
            text = self.doc.text[start : t.idx + len(t.text)]
            forces.setdefault(text.lower(), Mention(Span(start, start + len(text), text), text, "organisation"))
        return next(iter(forces.values())) if len(forces) == 1 else None

    def _untagged_subject(self, tok: Token) -> Mention | None:
        """``untagged_subject``: "Arconic, the maker of the cladding, said ... The company said": a proper
        noun the small model left untagged, the subject of a verb of saying just before "the company",
        with no other organisation named in between."""
        for t in reversed(self.doc[: tok.i]):
            if t.idx < tok.idx - _ANAPHOR_REACH:
                return None
            if t.ent_type_ == "ORG" and not self._in_quote(t.idx):
                return None  # an organisation the model did tag: the mention search above passed it by
            if t.dep_ != "nsubj" or t.pos_ != "PROPN" or t.ent_type_ or self._in_quote(t.idx):
                continue
            if any(m.span.start <= t.idx < m.span.end for m in self.mentions):
                continue
            if t.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            words = [w for w in t.lefts if w.dep_ in ("compound", "flat") and w.pos_ == "PROPN"] + [t]
            start, end = words[0].idx, t.idx + len(t.text)
            return Mention(Span(start, end, self.doc.text[start:end]), self.doc.text[start:end], "organisation")
        return None

    def _described_as(self, tok: Token) -> Mention | None:
        """``described_as``: "the charity" is the body the text last set that word beside, "Care4Calais,
        a charity supporting migrants, said ... the charity said"."""
        for earlier in reversed(self.doc[: tok.i]):
            if earlier.lemma_.lower() != tok.lemma_.lower() or earlier.dep_ != "appos":
                continue
            named = [m for m in self.mentions if m.span.start <= earlier.head.idx < m.span.end]
            if named:
                # the description is the better guide to what kind of actor it is: the small model calls
                # many a body's name a person's
                kind = DESCRIPTION_HEADS.get(tok.lower_, "organisation")
                return named[0] if named[0].kind in ("organisation", "group") else replace(named[0], kind=kind)
            name = earlier.head
            if name.pos_ == "PROPN" and not name.ent_type_:  # a name the small model did not mark
                words = [t for t in name.subtree if t.i <= name.i and t.dep_ in ("compound", "flat")] + [name]
                start, end = words[0].idx, name.idx + len(name.text)
                text = self.doc.text[start:end]
                return Mention(Span(start, end, text), text, "organisation", via="name")
        return None

    def _titled(self, tok: Token, head: str) -> Mention | None:
        """ "The Florida senator said": the one person named earlier with that title ("Sen. Marco
        Rubio", "Rubio, the Florida senator") whose surroundings also carry the description's modifiers
        ("Florida", "former"). None when no one, or more than one person, fits: "the senator" after two
        senators is left as it is."""
        forms = TITLE_FORMS.get(head)
        dets = [c for c in tok.children if c.dep_ == "det"]
        if forms is None or not dets or dets[0].lower_ != "the":
            return None
        mods = [
            c.lower_
            for c in tok.children
            if c.dep_ in ("amod", "compound", "nmod") and c.lower_ not in TITLE_VAGUE_MODIFIERS and c.is_alpha
        ]
        fitting = self._title_holders(tok, forms, head, mods)
        if not fitting and any(mod in PARTY_MODIFIERS for mod in mods):
            # ``party_title``: "the Republican governor" after "Texas Gov. Greg Abbott", whose own title
            # phrase does not name his party: the title without its party words, when it fits one person
            fitting = self._title_holders(tok, forms, head, [mod for mod in mods if mod not in PARTY_MODIFIERS])
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def _title_holders(self, tok: Token, forms: tuple[str, ...], head: str, mods: list[str]) -> dict[str, Mention]:
        """The people named before ``tok`` with the title in their own phrase, whose surroundings carry
        each of ``mods``."""
        text = doc_text(self.doc)
        fitting: dict[str, Mention] = {}
        i = bisect_left(self._starts, tok.idx) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            if m.kind != "person" or m.canonical in fitting or self._in_quote(m.span.start):
                continue
            mspan = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if mspan is None:
                continue
            sent = mspan.sent
            before = self.doc[max(mspan.start - 4, sent.start) : mspan.end]
            appos = [c for c in mspan.root.children if c.dep_ == "appos" and c.lower_ == head]
            if mspan.root.dep_ == "appos" and mspan.root.head.lower_ in forms:
                appos.append(mspan.root.head)  # "Russia's ambassador to the EU, Vladimir Chizhov,"
            # the title is part of the name's own phrase ("Sen. Marco Rubio", "Secretary of State John
            # Kerry"), not a word near it ("the judge asked Brafman")
            in_phrase = [t for t in before if t.lower_ in forms and (t in mspan or mspan.root in (t.head, t.head.head))]
            if not (in_phrase or appos):
                continue
            # the modifiers are read in the person's own title phrase, not anywhere near: "former Secretary
            # of State Hillary Clinton", "Sen. Marco Rubio (R-Fla.)", "Rubio, the Florida senator,"
            local = self.doc[max(mspan.start - 6, sent.start) : min(mspan.end + 8, sent.end)]
            own = text[local.start_char : local.end_char].lower()
            if all(mod in own or STATE_ABBREVIATIONS.get(mod, "\0") in own for mod in mods):
                fitting[m.canonical] = m
        return fitting

    def _recent_subject(self, tok: Token) -> Mention | None:
        """``recent_subject``: "the Labour leader" or "the prime minister" that no title in the text ties
        to a name is the person who was last the subject of a main clause, in this sentence or the two
        before (sentences inside quotation marks not counted): "Starmer said the situation was clear.
        '...,' the Labour leader said". Only for an office or a public role (not "the source" or "the
        aide", who are usually someone else); "he" and "she" pass the search on; a main-clause subject
        that is no named person ends it unresolved ("Rubio responded that Trump had ..., and the senator
        felt" is Rubio, the subject of the main clause, not Trump)."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or tok.tag_ in ("NNS", "NNPS") or tok.lower_ not in ROLE_HEADS:
            return None
        forms = TITLE_FORMS.get(tok.lower_)
        if forms is not None and self._title_holders(tok, forms, tok.lower_, []):
            return (
                None  # the text gives this title to people, none of whom fits: "the Vermont senator" after two others
            )
        if self._sent_starts is None:  # sentences of the narration: one inside a quotation does not count
            # (a sentence all of whose words are quoted; '"...," Sunak said.' is narration too)
            self._sent_starts = [
                s.start_char for s in self.doc.sents if not all(self._in_quote(t.idx) for t in s if t.is_alpha)
            ]
        first = max(0, bisect_left(self._sent_starts, tok.idx + 1) - 3)
        floor = self._sent_starts[first] if self._sent_starts else 0
        for t in reversed(self.doc[: tok.i]):
            if t.idx < floor:
                return None
            if t.dep_ not in ("nsubj", "nsubjpass") or self._in_quote(t.idx):
                continue
            if not _main_clause(t.head) and t.head.dep_ != "parataxis":  # '"...," Sunak said': a main clause
                continue
            if t.lower_ in ("he", "she") or t.lemma_.lower() == tok.lemma_.lower():
                continue  # "the prime minister said ... The prime minister resisted": the same person
            covering = [m for m in self.mentions if m.span.start <= t.idx < m.span.end and m.kind == "person"]
            return max(covering, key=lambda m: m.span.end - m.span.start) if covering else None
        return None

    def _lead_person(self, tok: Token) -> Mention | None:
        """``lead_person``: "the prime minister" that neither a title nor a recent subject ties to anyone is
        the person the report is about: the subject of its first sentence, when that person is also named
        more often than anyone else ("Boris Johnson said he would rather be dead in a ditch ... The prime
        minister acknowledged the departure"). Only for a head-of-government office (``_LEAD_OFFICES``), singular,
        with "the"; never when the text gives that title to someone."""
        dets = [c for c in tok.children if c.dep_ == "det"]
        mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss", "prep")]
        office = " ".join([*mods, tok.lower_])
        if not dets or dets[0].lower_ != "the" or tok.tag_ in ("NNS", "NNPS") or office not in _LEAD_OFFICES:
            return None
        forms = TITLE_FORMS.get(tok.lower_)
        if forms is not None and self._title_holders(tok, forms, tok.lower_, []):
            return None
        first = next(iter(self.doc.sents), None)
        if first is None or first.start_char > tok.idx:
            return None
        subjects = [t for t in first if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == first.root.i]
        lead = None
        for t in subjects:
            covering = [m for m in self.mentions if m.span.start <= t.idx < m.span.end and m.kind == "person"]
            if covering:
                lead = covering[0]
        if lead is None:
            return None
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.kind == "person" and m.span.start < tok.idx:
                counts[m.canonical] = counts.get(m.canonical, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        if counts.get(lead.canonical, 0) != ranked[0] or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        return lead

    def _inside(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            if self.mentions[i].span.end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _pronoun(self, tok: Token, span: Span, exclude: str | None) -> Speaker | None:
        """Resolve he/she/they/it to the nearest fitting earlier mention, preferring subjects."""
        gender = PRONOUNS[tok.lower_]
        wanted = (
            ("person",)
            if gender in ("m", "f")
            else _GROUP_KINDS
            if gender == "n"
            else ("group", "organisation", "country", "person")
        )
        i = bisect_left(self._starts, tok.idx) - 1
        fallback = None
        steps = 0
        sent = tok.sent
        prev_start = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        while i >= 0 and steps < 40:
            m = self.mentions[i]
            i -= 1
            steps += 1
            if m.kind not in wanted or m.canonical == exclude:
                continue
            if gender in ("m", "f") and self.gender(m.canonical) not in (None, gender):
                continue  # "she" is not Mr. Lamb
            if self._in_quote(m.span.start) and not self._in_quote(tok.idx):
                continue  # a name inside someone's quote is not who "he" is outside it
            mtok = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            is_subject = mtok is not None and mtok.root.dep_ in ("nsubj", "nsubjpass")
            near = m.span.start >= prev_start
            if is_subject or (near and fallback is None and steps > 0 and exclude is not None):
                return Speaker(m.canonical, m.kind, span, via="pronoun")
            if fallback is None:
                fallback = m
        if fallback is not None:
            return Speaker(fallback.canonical, fallback.kind, span, via="pronoun")
        if gender in ("m", "f"):
            return self._untagged_person(tok, span, prev_start)
        return None

    def _untagged_person(self, tok: Token, span: Span, floor: int) -> Speaker | None:
        """``untagged_person``: "he" after a name the small model left untagged ("Elon Musk on Monday
        published ... Musk wrote that ... '...,' he wrote"): the proper-noun subject of a verb of saying in
        this sentence or the one before, when no named person is there to take it."""
        for t in reversed(self.doc[: tok.i]):
            if t.idx < floor:
                return None
            if t.dep_ != "nsubj" or t.pos_ != "PROPN" or t.ent_type_ not in ("", "PERSON") or self._in_quote(t.idx):
                continue
            if t.head.lemma_.lower() not in SPEECH_VERBS or any(
                m.span.start <= t.idx < m.span.end for m in self.mentions
            ):
                continue
            words = [w for w in t.lefts if w.dep_ in ("compound", "flat") and w.pos_ == "PROPN"] + [t]
            name = self.doc.text[words[0].idx : t.idx + len(t.text)]
            return Speaker(name, "person", span, via="pronoun")
        return None
