"""Group tagged SOURCE / CUE / CONTENT spans into attributions and resolve their speakers.

The tagger (``classify.tagger``) marks spans; this module decides which source and which
content belong to which cue: a source to the nearest cue in its sentence, a content to the
nearest cue in its paragraph. Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import CHANNEL_VERBS, HONORIFICS, SPEECH_VERBS, TITLE_ABBREVIATIONS, TITLES
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Quote, Span, Speaker

MAX_CONTENT_GAP = 400  # characters between a content fragment and its cue
MAX_SOURCE_GAP = 120
MAX_BRIDGE = 60  # characters of untagged words a content may span between two of its fragments
MAX_SOURCE_BRIDGE = 40  # the same for the pieces of one source ("Ms. Boxer, who was in Nevada ... anger,")
_QUOTE_MARKS = "\"\u201c\u201d'\u2018\u2019"
# "KORVI — ", "WASHINGTON (AP) — ", "New York (AFP) – "
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .,'()/-]*|[A-Z][\w.' -]*\([A-Z]{2,}\))\s*[\u2014\u2013-]+\s*")


def _trim_source(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop a dateline ("KORVI — ") the tagger swept into a source at the start of a line; a source
    that is only a dateline's place ("New York" of "New York (AFP) –") is no source."""
    if a > 0 and text[a - 1] != "\n":
        return a, b
    m = _DATELINE.match(text[a : b + 12])
    if not m:
        return a, b
    return (a + m.end(), b) if a + m.end() < b else (b, b)


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|St)\.\s*$")
_SOURCE_EDGE = " \t,.;:\u201c\u201d\u2018\u2019\"'"
_SOURCE_TAIL = frozenset("on in at of to and".split())


def _clean_source(text: str, layout: _Layout, a: int, b: int) -> tuple[int, int]:
    """Tidy a tagged source's edges: punctuation off, a cut honorific back on, one sentence only.

    ", the campaign chief" -> "the campaign chief"; ". Manafort" -> "Mr. Manafort";
    "Donald Trump on" -> "Donald Trump"; "is Trump. Ana Veld" -> "Ana Veld".
    """
    while a < b and text[a] in _SOURCE_EDGE:
        a += 1
    while b > a and text[b - 1] in " \t.;:":
        b -= 1
    if a >= b:
        return a, b
    m = _HONORIFIC.search(text, max(0, a - 6), a)
    if m:
        a = m.start()
    first, last = layout.sentence(a), layout.sentence(b - 1)
    if first != last:
        start = layout.sent_starts[last - 1]
        if start < b and text[start:b].strip():
            a = start
            while a < b and text[a] in _SOURCE_EDGE:
                a += 1
    words = text[a:b].split(" ")
    if len(words) > 1 and words[-1].lower() in _SOURCE_TAIL:
        b = a + len(" ".join(words[:-1]))
    return a, b


def _snap(text: str, a: int, b: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a word to the whole word.

    The tagger labels word pieces, so a span can start at "##ad" of "Assad".
    """
    while a > 0 and text[a].isalnum():
        if text[a - 1].isalnum():
            a -= 1
        elif a > 1 and text[a - 1] == "-" and text[a - 2].isalnum():
            a -= 2  # a hyphenated word is one word: "good-faith", never "faith"
        else:
            break
    while b < len(text) and text[b - 1].isalnum():
        if text[b].isalnum():
            b += 1
        elif b + 1 < len(text) and text[b] == "-" and text[b + 1].isalnum():
            b += 2
        else:
            break
    return a, b


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a span at line breaks, trimming the whitespace around each piece.

    In PolNeAR a content fragment never crosses a line (1 of 23,289 in train does); the tagger's
    sometimes run from one paragraph's quote into the next one's.
    """
    out, start = [], a
    for piece in text[a:b].split("\n"):
        end = start + len(piece)
        x, y = start, end
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1].isspace():
            y -= 1
        if y > x:
            out.append((x, y))
        start = end + 1
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


class _Layout:
    """Sentence and paragraph numbers of character offsets."""

    def __init__(self, doc: Doc) -> None:
        self.sent_starts = [s.start_char for s in doc.sents]
        text = doc_text(doc)
        self.para_starts = [0]
        i = text.find("\n\n")
        while i != -1:
            self.para_starts.append(i + 2)
            i = text.find("\n\n", i + 2)

    def sentence(self, char: int) -> int:
        return bisect_right(self.sent_starts, char)

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char)


def _source_head(chars) -> Token:
    """The head of a source phrase. When the parse splits one phrase into several pieces that each hang
    outside it ("PolitiFact | editor Angie Drobnic Holan wrote", both subjects), the last piece is the
    head, as in an English noun phrase: the editor wrote, not her outlet."""
    roots = [t for t in chars if t.head.i == t.i or not chars.start <= t.head.i < chars.end]
    # a pronoun under a noun piece is that noun's phrase cut short: in "[Care4Calais, a charity supporting
    # migrants who had been told they] said", "they" belongs to the charity's relative clause
    roots = [
        t
        for t in roots
        if not (
            t.pos_ == "PRON"
            and t.head.lemma_.lower() not in SPEECH_VERBS  # "His speech, in which he said": he speaks
            and any(r.pos_ in ("NOUN", "PROPN") and r.is_ancestor(t) for r in roots)
        )
    ]
    # a piece that names no one ("[Elon Musk on Monday] published": "on Monday" hangs on the verb) is not
    # the head when a piece that can name someone is there
    idle = [t for t in roots if t.pos_ == "ADP" and _dated(t)]
    if len(idle) < len(roots) and not any(t.pos_ in ("VERB", "AUX") for t in roots):
        roots = [t for t in roots if t not in idle]
    return roots[-1] if len(roots) > 1 else roots[0] if roots else chars.root


def _dated(prep: Token) -> bool:
    """Whether a preposition only says when: "on Monday", "at the time"."""
    return any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("time", "moment") for t in prep.subtree if t.i != prep.i)


# Words a tagged source may start with that are not part of who speaks: "[of GOP primary voters] saying".
_SOURCE_LEAD_PREPOSITIONS = frozenset({"of", "by", "from", "among", "for"})


_RELATIVE_WORDS = frozenset({"who", "whose", "which", "whom"})


def _relative_start(tok: Token) -> bool:
    return tok.lower_ in _RELATIVE_WORDS and tok.tag_ in ("WP", "WP$", "WDT")


def _without_relative_clause(doc: Doc, chars: Span) -> Span:
    """``relative_source``: a relative clause is not who speaks. The tagger sometimes ends a source inside
    one ("[Connecticut Attorney General William Tong, whose office] had sued ... said") or starts it there
    ("Sinbad, [who backs Barack Obama,] told the column"); the source is the noun phrase the clause
    describes: what comes before the clause, or, for a source that starts at it, its antecedent."""
    first = chars[0]
    if _relative_start(first):
        tok = first
        while tok.dep_ != "relcl" and tok.head.i != tok.i:
            tok = tok.head
        antecedent = tok.head if tok.dep_ == "relcl" and tok.head.i < chars.start else None
        if antecedent is None:  # the parse did not hang the clause on a noun: the word before its comma
            j = chars.start - 1
            while j >= 0 and doc[j].is_punct:
                j -= 1
            antecedent = doc[j] if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN") else None
        if antecedent is None or antecedent.pos_ not in ("NOUN", "PROPN"):
            return chars
        start = antecedent.i
        for child in reversed(list(antecedent.lefts)):  # its determiner, adjectives and compound words
            if child.right_edge.i != start - 1 or any(t.is_punct for t in doc[child.left_edge.i : start]):
                break  # not an apposition before a comma
            start = child.left_edge.i
        return doc[start : antecedent.i + 1]
    for tok in chars[1:]:
        if _relative_start(tok) and doc[tok.i - 1].text == "," and tok.i - 1 > chars.start:
            return doc[chars.start : tok.i - 1]
    return chars


def _speaker(doc: Doc, resolver: SpeakerResolver, span: tuple[int, int]) -> Speaker | None:
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chars is not None and len(chars) > 1 and chars[0].pos_ == "ADP" and chars[0].lower_ in _SOURCE_LEAD_PREPOSITIONS:
        chars = chars[1:]
        span = (chars.start_char, span[1])
    text = doc_text(doc)[span[0] : span[1]]
    where = Span(span[0], span[1], text)  # the source as tagged, relative clause and all
    if chars is not None and len(chars) and (cut := _without_relative_clause(doc, chars)) is not chars:
        chars = cut  # who it names is read without the clause
        text = cut.text
    resolved = resolver.resolve(_source_head(chars)) if chars is not None and len(chars) else None
    if resolved is None and chars is not None and len(chars):
        named = resolver.appositive_name(where, _source_head(chars))  # "One of his advisers, Tad Devine,"
        if named is not None:
            return Speaker(named.canonical, named.kind, where, via="name")
    if resolved is None:
        return Speaker(text, "unknown", where, via="description")
    name = resolved.name
    if resolved.kind == "person" and resolved.via == "name" and chars is not None:
        # The small parser sometimes drops a first name ("Ana Veld" -> "Veld"): take the whole
        # run of proper nouns the resolved name ends (the source's head, or its last words).
        run = []
        end = chars.root if chars.root.pos_ == "PROPN" else chars[-1]
        for tok in reversed(list(chars[: end.i - chars.start + 1])):
            if (
                tok.pos_ != "PROPN"
                or tok.lower_.rstrip(".") in TITLES
                or tok.lower_ in TITLE_ABBREVIATIONS
                or tok.lower_ in HONORIFICS
            ):
                break
            run.insert(0, tok)
        full = doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1])] if run else ""
        if full.endswith(name) and len(full) > len(name):
            name = full
    return Speaker(name, resolved.kind, where, via=resolved.via)


_RELATIVE = ("who", "that", "which")
_NAMED_KINDS = frozenset({"person", "organisation", "group", "country"})
MAX_HEAD_GAP = 80  # characters of a sentence's head a content before its cue may leave out


def _sentence_head(
    doc: Doc, layout: _Layout, frag: tuple[int, int], cue: tuple[int, int], marked: list[tuple[int, int]]
) -> tuple[int, int]:
    """Start a content that precedes its cue at the start of its sentence.

    "Images taken on July 4 and July 11 show that ..., according to Northstar" is one attributed
    clause; the tagger sometimes starts it a few words in. When nothing but those words (no source,
    no cue) lies between the sentence start and the content, the content takes them.
    """
    a, b = frag
    if cue[0] < b:
        return frag
    text = doc_text(doc)
    i = layout.sentence(a)
    start = layout.sent_starts[i - 1] if i > 0 else 0
    m = _DATELINE.match(text[start:a])
    if m:
        start += m.end()
    start = max(start, text.rfind("\n", start, a) + 1)  # a line break ends what came before
    while start < a and text[start].isspace():
        start += 1
    if start >= a or a - start > MAX_HEAD_GAP:
        return frag
    if any(x < a and start < y for x, y in marked):
        return frag
    return start, b


def _bridge(
    doc: Doc,
    layout: _Layout,
    frags: list[tuple[int, int]],
    marked: list[tuple[int, int]],
    *,
    limit: int = MAX_BRIDGE,
    words_only: bool = False,
) -> list[tuple[int, int]]:
    """Join a cue's content fragments (or a source's pieces) across short untagged stretches of a sentence.

    The tagger leaves holes inside a content ("The people | of Scranton | and towns like it
    deserve ..."). A hole is filled when it is at most MAX_BRIDGE characters, holds no tagged
    source or cue, and no verb of saying (which would mark a second, untagged attribution).
    ``words_only``: fill only holes with words in them; a lone comma between two sources is the
    tagger's own split ("The head of the union, Rui Castell").
    """
    text = doc_text(doc)
    out = [frags[0]]
    for a, b in frags[1:]:
        pa, pb = out[-1]
        hole = doc.char_span(pb, a, alignment_mode="expand") if a > pb else None
        if (
            a - pb <= limit
            and "\n" not in text[pb:a]
            and (not words_only or any(ch.isalnum() for ch in text[pb:a]))
            and layout.sentence(pb - 1) == layout.sentence(a)
            and not any(x < a and pb < y for x, y in marked)
            and not (hole is not None and any(t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS for t in hole))
        ):
            out[-1] = (pa, max(pb, b))
        else:
            out.append((a, b))
    return out


def _is_dateline(text: str, span: tuple[int, int]) -> bool:
    """A line-initial place name in capitals ("KORVI", "TALLIN BAY —"): never what anyone said."""
    letters = [ch for ch in text[span[0] : span[1]] if ch.isalpha()]
    capitals = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    return (capitals or bool(_DATELINE.match(text[span[0] : span[1] + 4]))) and (
        span[0] == 0 or text[span[0] - 1] == "\n"
    )


def _has_content_word(doc: Doc, span: tuple[int, int]) -> bool:
    """False for a fragment of only function words or punctuation ("the", "what", a lone quote mark)."""
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chars is not None and any((t.is_alpha and not t.is_stop) or t.like_num for t in chars)


_PHRASE_LEFT = frozenset("det poss compound amod nummod predet aux auxpass neg nsubj nsubjpass".split())


def _content_start(doc: Doc, frag: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """Fix where a content after its cue starts, from the parse.

    Leading punctuation goes ("According to Sperry, G4S ..."); the person told, asked or urged goes
    ("told FBI agents that ...", "asked Pence whether ..."); and words the first word's phrase hangs
    on come back ("retweeted the message" when the tagger started at "message"; "He has directed" when it
    started at "directed").
    """
    text = doc_text(doc)
    a, b = frag
    while a < b and text[a] in " ,;:\u2014\u2013-":
        a += 1
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return a, b
    first = span[0]
    if cue[1] <= a:
        verb = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        told = verb is not None and any(
            t.lemma_
            in ("tell", "inform", "assure", "remind", "ask", "urge", "warn", "press", "encourage", "beg", "implore")
            for t in verb
        )
        noun = first
        while noun.dep_ in ("compound", "amod", "det", "poss", "nummod") and noun.head.i > noun.i and noun.head.idx < b:
            noun = noun.head
        if told and noun.dep_ in ("dobj", "dative", "iobj") and noun.head.idx < a:
            rest = [t for t in span if t.i > max(x.i for x in noun.subtree)]
            if rest and not rest[0].is_punct:
                return rest[0].idx, b
    i = first.i
    while i > 0 and doc[i - 1].dep_ in _PHRASE_LEFT and a <= doc[i - 1].head.idx < b and doc[i - 1].idx >= cue[1]:
        i -= 1
    return doc[i].idx if i < first.i else a, b


_CLOSE_MARKS = "\"\u201d'\u2019"
_OPEN_MARKS = '"\u201c'
_CLAUSE_MARKS = frozenset({"that", "whether", "if"})
MAX_OWN_GAP = 3  # characters between a cue and the start of what it reports ("responded [that ...]")


def _content_end(doc: Doc, frag: tuple[int, int], marked: list[tuple[int, int]]) -> tuple[int, int]:
    """Fix where a content ends, from the parse and PolNeAR's punctuation convention.

    Words the content's own words govern come in, up to punctuation, a line break, a tagged
    source or cue, or a verb of saying ("reboot" -> "reboot his campaign"). A paraphrase leaves
    its sentence's full stop out; a quotation keeps its closing mark ('rights."').
    """
    text = doc_text(doc)
    a, b = frag
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return frag
    inside = {t.i for t in span}
    sent_end = span[-1].sent.end
    j = span[-1].i + 1
    while j < sent_end:
        t = doc[j]
        if _joins_word(text, t) and j + 1 < sent_end:
            inside.update((j, j + 1))  # a hyphen inside a word ("self-defense"): the word goes on
            b = doc[j + 1].idx + len(doc[j + 1])
            j += 2
            continue
        if (
            t.is_punct
            or t.is_space
            or "\n" in text[b : t.idx]
            or t.lemma_ in SPEECH_VERBS
            or any(x <= t.idx < y for x, y in marked)
            or not any(anc.i in inside for anc in t.ancestors)
        ):
            break
        inside.add(j)
        b = t.idx + len(t)
        j += 1
    if text[b - 1] == "." and text[a] not in _QUOTE_MARKS and doc.char_span(b - 1, b) is not None:
        b -= 1  # the full stop is its own token: not an abbreviation's
    elif text[b - 1] in ".!?," and b < len(text) and text[b] in _CLOSE_MARKS:
        while b < len(text) and text[b] in _CLOSE_MARKS:
            b += 1
    return a, b


def _joins_word(text: str, t: Token) -> bool:
    """Whether a token is a hyphen that joins two parts of one word, with no space on either side."""
    a, b = t.idx, t.idx + len(t)
    return t.text == "-" and 0 < a and b < len(text) and text[a - 1].isalnum() and text[b].isalnum()


def _balance_quotes(text: str, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content with an odd number of double quotation marks takes the one just outside it
    ('called the summit ["a new beginning" for the region]')."""
    n = sum(text[x:y].count('"') + text[x:y].count("\u201c") + text[x:y].count("\u201d") for x, y in frags)
    if n % 2 == 0:
        return frags
    (a, _), (_, b) = frags[0], frags[-1]
    if a > 0 and text[a - 1] in '"\u201c':
        frags = [(a - 1, frags[0][1])] + frags[1:]
    elif b < len(text) and text[b] in '"\u201d':
        frags = frags[:-1] + [(frags[-1][0], b + 1)]
    return frags


def _cue_verb(doc: Doc, cue: tuple[int, int]) -> tuple[int, int]:
    """Give a cue the tagger cut off its verb that verb back ("[on]" of "called on", "[back at]")."""
    chars = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if chars is None or not len(chars) or chars.start == 0:
        return cue
    verb = doc[chars.start - 1]
    if verb.pos_ == "VERB" and all(
        t.pos_ in ("ADP", "PART", "ADV") and (t.head == verb or t.head in chars) for t in chars
    ):
        return verb.idx, cue[1]
    return cue


def _past_dateline(doc: Doc, subj: Token | None) -> Token | None:
    """The parser makes a dateline's place the subject ("New York (AFP) – Vice President Joe Biden
    on Monday hit ..."): the speaker is the name in apposition after it."""
    if subj is None:
        return None
    text = doc_text(doc)
    line = text.rfind("\n", 0, subj.idx) + 1
    m = _DATELINE.match(text[line : line + 80])
    if not m or subj.idx >= line + m.end():
        return subj
    return next((c for c in reversed(list(subj.children)) if c.dep_ == "appos" and c.idx >= line + m.end()), None)


def _unresolved(subj: Token) -> Speaker | None:
    """A pronoun subject that names nobody the text has mentioned ("someone told", "We rarely
    find out", "nobody asked") is still the source, as a tagged source would be; it stays unknown."""
    if subj.pos_ != "PRON" or subj.lower_ in _RELATIVE:
        return None
    return Speaker(subj.text, "unknown", Span(subj.idx, subj.idx + len(subj), subj.text), via="pronoun")


# How a cue word that is not a verb hangs on the clause whose subject spoke: "released a statement
# [saying]" (acl), "fired [back at]" (prep), "are not overly [sanguine about]" (acomp), "will be the
# [obvious]:" (attr), "makes that [clear]" (oprd), "He continued[:]" (punct), "shows little [inclination]".
_CUE_CLIMB = frozenset("dobj pobj prep prt advmod agent acomp attr oprd punct conj pcomp".split())
# How a verb without a subject hangs on one that has it: "went on to say", "mocked Trump, noting",
# "pivoted to [talking about]" (pcomp), "a note on the story [saying]" (acl).
_VERB_CLIMB = frozenset("xcomp conj ccomp advcl acl pcomp".split())
MAX_CUE_CLIMB = 8  # steps up the parse from a cue word to a subject


def _possessor(chars) -> Token | None:
    """The possessor of a cue that is a noun with no verb in it: "his" of "his recent call"."""
    if any(t.pos_ in ("VERB", "AUX") for t in chars):
        return None
    nouns = [t for t in chars if t.pos_ == "NOUN"]
    if not nouns:
        return None
    noun = nouns[0]
    return next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)


def coordinated_report(verb: Token) -> Token | None:
    """The verb of saying a second one is really coordinated with, when the parse hangs it on the
    first one's reported clause: in "He said his attacks have worked and said ...", the second
    "said" is parsed as conj of "worked"; its subject is the first "said"'s, not "his attacks". Not when
    that clause comes before its verb of saying and its subject is a person: in "[Rob Ford used his show
    ... but vowed to ...], the Sun reported" the one who vowed is Ford."""
    if verb.dep_ != "conj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    clause = verb.head
    if clause.dep_ != "ccomp" or clause.head is clause or clause.lemma_.lower() in SPEECH_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    report = clause.head
    if clause.i < report.i and any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she"))
        for c in clause.children
    ):
        return None  # "[Rob Ford used his show ... but vowed to ...], the Toronto Sun reported": Ford vowed
    return report if report.lemma_.lower() in SPEECH_VERBS and report.pos_ in ("VERB", "AUX") else None


def cue_speaker(doc: Doc, resolver: SpeakerResolver, cue: tuple[int, int]) -> Speaker | None:
    """The speaker the parse gives a tagged cue whose source the tagger missed.

    The subject of the cue verb ("Rubio told reporters"; "he added"), through a relative pronoun
    ("Smith, who said"), up a verb chain ("went on to say", "mocked Trump, noting that") or from a
    statement to its verb ("released a statement saying"); the owner of a noun cue ("Bolton's
    view"); or the object of "according to".
    """
    chars = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    for tok in chars:
        if tok.lower_ == "to" and tok.i > 0 and doc[tok.i - 1].lower_ == "according":
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            return resolver.resolve(pobj) if pobj is not None else None
    owner = _possessor(chars)
    climbed = _climb_to_subject(doc, resolver, chars)
    if owner is None:
        return climbed
    # "Bolton's view", "his recent call for": the owner of the words spoke them, "Bolton's" the source;
    # but "he reserved his passion for" is the subject's, when the two are one person
    speaker = resolver.resolve(owner) or _unresolved(owner)
    if speaker is None or (climbed is not None and climbed.name == speaker.name):
        return climbed
    case = next((c for c in owner.children if c.dep_ == "case"), None)
    if speaker.span is not None and case is not None and case.idx < cue[0]:
        a, b = speaker.span.start, case.idx + len(case)
        speaker = replace(speaker, span=Span(a, b, doc_text(doc)[a:b]))
    return speaker


def _climb_to_subject(doc: Doc, resolver: SpeakerResolver, chars) -> Speaker | None:
    """The subject of a cue's verb, up the verb chain (see ``cue_speaker``)."""
    verb = (
        chars.root if chars.root.pos_ in ("VERB", "AUX") else next((t for t in chars if t.pos_ == "VERB"), chars.root)
    )
    for _ in range(MAX_CUE_CLIMB):
        if verb is None:
            return None
        if verb.pos_ not in ("VERB", "AUX"):
            climb = verb.dep_ in _CUE_CLIMB and verb.head is not verb
            verb = verb.head if climb and verb.head.pos_ in ("VERB", "AUX", "ADP", "NOUN", "ADJ") else None
            continue
        verb = coordinated_report(verb) or verb
        subj = _past_dateline(doc, next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None))
        if subj is not None and resolver.in_quote(subj.idx) and not resolver.in_quote(chars.start_char):
            # '"Yeah, I was a bully," adding: ...' parsed with the cue under the quoted verb: the "I" is
            # the quotation's own word, not who added it; the speaker is further up
            subj = None
        if subj is not None:
            if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
                # "Rui Castell, who said ...": the name is the antecedent's; the mention is "who"
                speaker = resolver.resolve(verb.head)
                where = Span(subj.idx, subj.idx + len(subj), subj.text)
                return replace(speaker, span=where) if speaker is not None else None
            return resolver.resolve(subj) or _unresolved(subj)
        if verb.dep_ not in _VERB_CLIMB or verb.head is verb:
            return _spliced_subject(doc, resolver, verb)
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBG"
            and verb.lemma_.lower() in SPEECH_VERBS
            and verb.head.dep_ == "ccomp"
            and verb.head.head.lemma_.lower() in SPEECH_VERBS
        ):
            # ``reporter_participle``: "He said Georgia would carry out a recount, describing it as ...": the
            # participle of saying goes with who said, not with the subject of what he said
            verb = verb.head.head
            continue
        verb = verb.head
    return None


def _spliced_subject(doc: Doc, resolver: SpeakerResolver, verb) -> Speaker | None:
    """``spliced_report``: "Trump asserted that ..., called the affair "a major spy scandal" and ...": the small
    parser makes the first verb of saying a clause under the later one, which is left without a subject; the
    later verb's speaker is the subject of that earlier verb of saying, when it has one and it is no quote's."""
    for left in verb.children:
        if left.i >= verb.i or left.dep_ not in ("ccomp", "conj") or left.lemma_.lower() not in SPEECH_VERBS:
            continue
        subj = next((c for c in left.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and not resolver.in_quote(subj.idx) and subj.lower_ not in _RELATIVE:
            return resolver.resolve(subj) or _unresolved(subj)
    return None


def _cue_main_verb(doc: Doc, a: int, b: int, spans: list[tuple[int, int, str]]) -> tuple[int, int]:
    """Give a cue the tagger cut to its auxiliaries the verb they belong to ("[was] rejected",
    "[will] brand", "[had] basically said"), when no other tagged span holds that verb."""
    chars = doc.char_span(a, b, alignment_mode="expand")
    if chars is None or not len(chars) or not all(t.pos_ in ("AUX", "PART") for t in chars):
        return a, b
    verb = chars[-1].head
    if verb.pos_ != "VERB" or verb.i <= chars[-1].i or verb.sent != chars[-1].sent:
        return a, b
    between = doc[chars.end : verb.i]
    if any(t.pos_ not in ("ADV", "PART", "AUX") for t in between):
        return a, b
    end = verb.idx + len(verb)
    if any(x < end and b < y for x, y, _ in spans):
        return a, b
    return a, end


MAX_CUE_HOLE = 30  # characters of adverbs between two pieces of one cue ("has waffled [of late] as to")


def _join_cue_pieces(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join two tagged cue pieces with only adverbs between them ("was [slightly] more likely to
    support", "does [not] make"): the tagger's holes in one cue, not two cues."""
    text = doc_text(doc)
    cues = sorted((a, b) for a, b, label in spans if label == "CUE")
    others = [(a, b) for a, b, label in spans if label != "CUE"]
    joined: list[tuple[int, int]] = []
    for a, b in cues:
        if joined:
            pa, pb = joined[-1]
            hole = doc.char_span(pb, a, alignment_mode="contract") if a > pb else None
            if (
                hole is not None
                and len(hole)
                and a - pb <= MAX_CUE_HOLE
                and "\n" not in text[pb:a]
                and all(t.pos_ in ("ADV", "PART") and not t.is_punct for t in hole)
                and not any(x < a and pb < y for x, y in others)
            ):
                joined[-1] = (pa, b)
                continue
        joined.append((a, b))
    return [(a, b, "CUE") for a, b in joined] + [(a, b, label) for a, b, label in spans if label != "CUE"]


_CHANNEL_PREPS = {"through", "via"}


def _trim_cue(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """A cue loses a date or time the tagger began it with ("on Wednesday [Wednesday about] the
    talks" -> "about"); a cue of nothing else becomes empty. Only the start: PolNeAR's cues do end in
    dates ("said Wednesday"), and trimming those cost cue F1 0.653 -> 0.646 on held-out articles."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return a, b
    toks = list(span)

    def timely(t) -> bool:
        return t.ent_type_ in ("DATE", "TIME") or (
            t.pos_ == "ADP" and t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.children)
        )

    while toks and timely(toks[0]):
        toks.pop(0)
    if not toks:
        return a, a
    if len(toks) == len(span):
        return a, b
    return max(a, toks[0].idx), min(b, toks[-1].idx + len(toks[-1].text))


def _names_someone(doc: Doc, a: int, b: int) -> bool:
    """False for a tagged source of only articles, conjunctions, prepositions or a bare honorific
    ("the", "and", "per", "Mr"): the tagger's slip, which would hide the subject the parse gives
    the cue. "Some", "others", "both" do name someone."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return False
    return not all(
        t.is_punct
        or t.pos_ in ("CCONJ", "ADP", "PART")
        or t.lower_ in ("the", "a", "an", "s")
        or t.lower_ in HONORIFICS
        or f"{t.lower_}." in TITLE_ABBREVIATIONS
        for t in span
    )


def _not_a_part(doc: Doc, a: int, b: int, label: str) -> bool:
    """Tagged spans that cannot be what they are tagged as.

    A source that is the channel of a statement ("issued a statement through the state news
    agency", "a statement carried by KCNA") did not say it. A cue that is only a possessive ending
    ("Trump's") reports nothing.
    """
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if label == "SOURCE":
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in _CHANNEL_PREPS and root.head.i < span.start:
            return True
        # "a statement carried by KCNA": the agency carried it; whoever issued it said it
        agent = root.head if root.dep_ == "pobj" and root.head.lower_ == "by" else None
        return agent is not None and agent.head.lemma_.lower() in CHANNEL_VERBS and agent.i < span.start
    if label == "CUE":
        # "Trump's": a possessive ending reports nothing (a lone colon does: "Pence: ...")
        possessive = {t.i for t in span if t.tag_ == "POS" or t.lower_ in ("s", "'s", "\u2019s")}
        return bool(possessive) and all(t.i in possessive or t.is_punct for t in span)
    return False


PARSED_CONTENT = "+parsed_content"  # method suffix: the tagger marked the cue and source, the parse the content
_OBJECT_DEPS = frozenset("dobj ccomp xcomp attr oprd".split())
_NOT_CONTENT = frozenset("punct cc conj advcl parataxis relcl mark".split())
_ADDRESSED = frozenset("tell inform assure remind ask urge warn email call".split())


def _parsed_content(doc: Doc, cue: tuple[int, int], marked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """What a tagged cue with a tagged source reports when the tagger marked no content: the
    object or clause after the cue in the parse and the rest of its verb phrase ("Kasich [says]
    he'll welcome advice", "[slammed] Obama as elitist"). A cue with no object reports nothing
    ("said [in New York]"), nor does one whose object another tagged span holds."""
    chars = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    kids = sorted(
        (c for t in chars for c in t.children if c.i >= chars.end and c.dep_ in _OBJECT_DEPS and c.sent == t.sent),
        key=lambda c: c.i,
    )
    # "told [the AP] that ...": the person told is not what was said
    kids = [c for c in kids if not (c.dep_ in ("dobj", "dative") and c.head.lemma_ in _ADDRESSED)]
    if not kids:
        return None
    # the complement and what follows it in the verb phrase: "slammed [Obama as elitist]", "mentioned [CNN five times]"
    text = doc_text(doc)
    line_end = text.find("\n", cue[1])
    line_end = len(text) if line_end == -1 else line_end
    rest = [
        c
        for t in chars
        for c in t.children
        if c.i > kids[0].i
        and c.dep_ not in _NOT_CONTENT
        and not (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))
        and c.right_edge.idx < line_end  # the parser runs on over line breaks ("___.")
    ]
    start = kids[0].left_edge.i
    end = max([kids[0].right_edge.i] + [c.right_edge.i for c in rest]) + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ".", ";", ":")):
        end -= 1
    if end <= start:
        return None
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    opening = text[:a].rstrip(" ")
    if opening and opening[-1] in _OPEN_MARKS:
        # 'says: "Well, ..."': the quotation, marks and all
        close = re.search(r"[\"\u201d]", text[a : text.find("\n", a) if "\n" in text[a:] else len(text)])
        a = len(opening) - 1
        if close is not None:
            b = max(b, a + 1 + close.end())
    # another tagged span after a comma ends the content: "[would release it on Friday], [calling] them"
    cut = min([b] + [x for x, y in marked if a < x < b and (x, y) != cue])
    head = text[a:cut].rstrip()
    if cut < b and head.endswith((",", ";", "\u2014")):
        b = a + len(head.rstrip(",;\u2014 "))
    if b <= a or "\n" in text[a:b] or any(x < b and a < y for x, y in marked if (x, y) != cue):
        return None
    return a, b


def _closes(text: str, a: int, i: int) -> bool:
    """Whether the double quotation mark at i closes the one at a: the marks between pair up."""
    inner = text[a + 1 : i]
    return inner.count("\u201c") == inner.count("\u201d") and inner.count('"') % 2 == 0


def _quotation_ends(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a content after a quotation that closes its own sentence when more text follows it:
    '"We will not extend them." In Oregon, where 140,000 face cancellations,' is the end of one
    speaker's words and the start of another sentence, which the tagger sometimes runs together."""
    out, start = [], a
    if text[a] not in _OPEN_MARKS:
        return [(a, b)]
    i = a + 1
    while i < b - 1:
        # a double quotation mark that closes the one the content opened with (a single mark closes
        # a quotation inside it: "People say, 'It doesn't matter.' Turnout does.")
        if text[i] in '"\u201d' and text[i - 1] in ".!?" and text[i + 1].isspace() and _closes(text, start, i):
            rest = i + 1
            while rest < b and text[rest].isspace():
                rest += 1
            if rest < b and (text[rest].isupper() or text[rest] in _OPEN_MARKS):
                out.append((start, i + 1))
                start = rest
                i = rest
                continue
        i += 1
    out.append((start, b))
    return out


def group_attributions(
    doc: Doc, spans: list[tuple[int, int, str]], resolver: SpeakerResolver, method: str = "quotes.tagger.v1"
) -> list[Quote]:
    """Turn tagged spans into quotes: each cue with its source and content fragments.

    :param spans: (start, end, label) with labels SOURCE, CUE, CONTENT, in any order.
    :returns: Quotes in document order; a direct quote no cue claims becomes a quote without cue or speaker.
    """
    layout = _Layout(doc)
    text = doc_text(doc)
    spans = [(x, y, label) for a, b, label in spans for x, y in _lines(text, *_snap(text, a, b))]
    spans = [
        (x, y, label)
        for a, b, label in spans
        for x, y in (_quotation_ends(text, a, b) if label == "CONTENT" else [(a, b)])
    ]
    spans = [
        (*_clean_source(text, layout, *_trim_source(text, a, b)), label) if label == "SOURCE" else (a, b, label)
        for a, b, label in spans
    ]
    spans = [(*_trim_cue(doc, a, b), label) if label == "CUE" else (a, b, label) for a, b, label in spans]
    spans = [(a, b, label) for a, b, label in spans if b > a and not _not_a_part(doc, a, b, label)]
    spans = [(a, b, label) for a, b, label in spans if label != "SOURCE" or _names_someone(doc, a, b)]
    spans = [(*_cue_main_verb(doc, a, b, spans), label) if label == "CUE" else (a, b, label) for a, b, label in spans]
    spans = _join_cue_pieces(doc, spans)
    cues = sorted((a, b) for a, b, label in spans if label == "CUE")
    groups: list[dict] = [{"cue": c, "sources": [], "contents": []} for c in cues]

    def nearest(span: tuple[int, int], same, limit: int, taken=None) -> int | None:
        best, best_gap = None, limit + 1
        for i, g in enumerate(groups):
            if taken is not None and taken(g):
                continue
            if not same(span, g["cue"]):
                continue
            gap = _gap(span, g["cue"])
            if gap < best_gap:
                best, best_gap = i, gap
        return best

    def same_paragraph(s: tuple[int, int], c: tuple[int, int]) -> bool:
        return layout.paragraph(s[0]) <= layout.paragraph(c[0]) <= layout.paragraph(max(s[0], s[1] - 1))

    def same_sentence(s: tuple[int, int], c: tuple[int, int]) -> bool:
        # The parser sometimes runs a sentence over a paragraph break; a paragraph still separates.
        return same_paragraph(s, c) and (
            layout.sentence(s[0]) == layout.sentence(c[0]) or layout.sentence(s[1] - 1) == layout.sentence(c[0])
        )

    def same_line(x: tuple[int, int], c: tuple[int, int]) -> bool:
        # A paraphrase sits on its cue's line (all but 97 of 17,467 in PolNeAR train); a headline
        # above "KORVI — A spokesperson ... issued a statement" is not what the statement said.
        if text[x[0]] in _QUOTE_MARKS:
            return True
        lo, hi = (x[1], c[0]) if x[1] <= c[0] else (c[1], x[0])
        return "\n" not in text[lo:hi]

    # Sources pair with cues closest first: "The head of the Super PAC, Mike Murphy, praised" gives
    # "praised" the nearer "Mike Murphy"; a source no cue of its sentence takes may go to its paragraph.
    others = sorted((a, b) for a, b, label in spans if label != "SOURCE")
    sources = (
        _bridge(
            doc,
            layout,
            sorted((a, b) for a, b, label in spans if label == "SOURCE"),
            others,
            limit=MAX_SOURCE_BRIDGE,
            words_only=True,
        )
        if any(label == "SOURCE" for _, _, label in spans)
        else []
    )
    pairs = sorted(
        (_gap(src, g["cue"]), k, i)
        for k, src in enumerate(sources)
        for i, g in enumerate(groups)
        if same_sentence(src, g["cue"]) and _gap(src, g["cue"]) <= MAX_SOURCE_GAP
    )
    placed: set[int] = set()
    for _, k, i in pairs:
        if k not in placed and not groups[i]["sources"]:
            groups[i]["sources"].append(sources[k])
            placed.add(k)
    for k, src in enumerate(sources):
        if k not in placed:
            i = nearest(src, same_paragraph, MAX_SOURCE_GAP, taken=lambda g: bool(g["sources"]))
            if i is not None:
                groups[i]["sources"].append(src)
    content_starts = sorted(a for a, b, label in spans if label == "CONTENT")
    cue_starts = [a for a, _ in cues]

    def closed_off(x: tuple[int, int], c: tuple[int, int]) -> bool:
        # '"It is a misuse." Johnson responded that ...': a quotation that ends its own sentence
        # before the cue is not that cue's when the cue reports words of its own after it, or when
        # another cue lies between the two.
        if x[1] > c[0] or text[x[0]] not in _OPEN_MARKS:
            return False
        inner = text[x[0] : x[1]].rstrip(_CLOSE_MARKS)
        if not inner or inner[-1] not in ".!?":
            return False
        if bisect_left(cue_starts, c[0]) > bisect_left(cue_starts, x[1]):
            return True  # another cue lies between
        cue = doc.char_span(c[0], c[1], alignment_mode="expand")
        if cue is not None and cue[0].sent.start_char >= x[1] and any(t.lower_ == "according" for t in cue):
            # ``according_ahead``: "According to HuffPost, Smollett has been earning ...": a sentence that
            # opens on its source frames what follows, not the quotation before it
            return True
        k = bisect_right(content_starts, c[1] - 1)
        if k == len(content_starts) or content_starts[k] > c[1] + MAX_OWN_GAP:
            return False
        # the cue's slot is filled by a clause of its own ("responded that ..."), not a topic ("said about ...")
        first = doc.char_span(content_starts[k], content_starts[k] + 1, alignment_mode="expand")
        return first is not None and (first[0].lower_ in _CLAUSE_MARKS or first[0].dep_ == "ccomp")

    orphans = []
    for a, b, label in sorted(spans):
        if label == "CONTENT":
            i = nearest(
                (a, b),
                lambda x, c: same_sentence(x, c) and same_line(x, c) and not closed_off(x, c),
                MAX_CONTENT_GAP,
            )
            if i is None:
                i = nearest(
                    (a, b),
                    lambda x, c: same_paragraph(x, c) and same_line(x, c) and not closed_off(x, c),
                    MAX_CONTENT_GAP,
                )
            if i is None:
                orphans.append((a, b))
            else:
                groups[i]["contents"].append((a, b))

    marked = sorted((a, b) for a, b, label in spans if label != "CONTENT")
    resolver_quotes: list[Quote] = []
    for g in groups:
        if not g["contents"]:
            said = _parsed_content(doc, g["cue"], marked) if g["sources"] else None
            if said is None:
                continue
            g["contents"].append(said)
            g["parsed"] = True
        speaker = _speaker(doc, resolver, g["sources"][0]) if g["sources"] else cue_speaker(doc, resolver, g["cue"])
        if speaker is not None and speaker.kind == "unknown" and g["sources"]:
            # ``subject_over_source``: a tagged source that names no one ("Rwanda," cut from a long
            # apposition) gives way to the cue verb's subject when the parse names a known actor there,
            # inside the source or, when the source holds a person's name, nowhere else
            parsed = cue_speaker(doc, resolver, g["cue"])
            src = doc.char_span(*g["sources"][0], alignment_mode="expand")
            inside = parsed is not None and parsed.span is not None and src is not None
            inside = inside and src.start_char <= parsed.span.start < src.end_char
            names_person = src is not None and any(t.ent_type_ == "PERSON" for t in src)
            if (
                parsed is not None
                and parsed.kind in _NAMED_KINDS
                and parsed.via in ("name", "alias")
                and (inside or not names_person)  # "..., Luís Fernando Serra, said ..., Politico reported"
            ):
                speaker = parsed
        # What the parse names as the speaker is not part of what was said
        said_by = [(speaker.span.start, speaker.span.end)] if speaker is not None and speaker.span is not None else []
        whole = (min(a for a, _ in g["contents"]), max(b for _, b in g["contents"]))
        lead = _claim_lead(doc, resolver, whole, speaker)
        if lead is not None:
            # "rejected [claims by Jones that the auction had been marred]": the claim's clause is Jones's
            g["contents"] = [(max(a, lead[1]), b) for a, b in g["contents"] if b > lead[1]]
        owner = lead[0] if lead is not None else _claim_owner(doc, resolver, sorted(g["contents"])[0], speaker)
        if owner is not None:
            speaker = owner
            said_by = [(speaker.span.start, speaker.span.end)] if speaker.span is not None else []
        frags = _bridge(doc, layout, sorted(g["contents"]), marked + said_by)
        frags = [f for f in frags if not any(x < f[1] and f[0] < y for x, y in said_by) and not _is_dateline(text, f)]
        frags = [f for f in frags if _has_content_word(doc, f)] or (frags if g["sources"] else [])
        if not frags:
            continue
        frags[0] = _sentence_head(doc, layout, _content_start(doc, frags[0], g["cue"]), g["cue"], marked + said_by)
        frags[-1] = _content_end(doc, frags[-1], marked + said_by)
        frags = _balance_quotes(text, frags)
        a, b = frags[0][0], frags[-1][1]
        content = Span(a, b, doc_text(doc)[a:b])
        ca, cb = _cue_verb(doc, g["cue"])
        cue = Span(ca, cb, text[ca:cb])
        fragments = tuple(Span(x, y, doc_text(doc)[x:y]) for x, y in frags) if len(frags) > 1 else ()
        direct = doc_text(doc)[a] in _QUOTE_MARKS
        resolver_quotes.append(
            Quote(
                content=content,
                speaker=speaker,
                cue=cue,
                direct=direct,
                fragments=fragments,
                method=method + PARSED_CONTENT if g.get("parsed") else method,
            )
        )
    for a, b in orphans:
        if doc_text(doc)[a] not in _QUOTE_MARKS:
            continue  # an indirect content no cue claims is most often a tagging slip (held-out train articles)
        resolver_quotes.append(
            Quote(
                content=Span(a, b, doc_text(doc)[a:b]),
                speaker=None,
                cue=None,
                direct=doc_text(doc)[a] in _QUOTE_MARKS,
                method=method,
            )
        )
    return sorted(resolver_quotes, key=lambda q: (q.content.start, q.content.end))


# Nouns whose "that" clause is what their owner said: "rejected claims by Jones that ...", "a Bloomberg report
# that ...", "Russia's allegation that ...".
CLAIM_NOUNS = frozenset(
    "claim allegation assertion accusation suggestion charge report statement contention insistence".split()
)
_OWNER_KINDS = frozenset({"person", "organisation", "group", "country"})


def _claim_owner(doc: Doc, resolver: SpeakerResolver, content: tuple[int, int], speaker) -> Speaker | None:
    """``claim_owner``: a content that is the clause of someone's claim is theirs, not the cue's subject's:
    "Judge Lopez rejected claims by Jones that the auction had been marred by 'collusion'" is Jones's word;
    "the Kremlin was responding to a Bloomberg report that ..." is Bloomberg's. The claim's owner is its
    possessor, the name compounded with it, or who it is "by" or "from", when that names a known actor."""
    chars = doc.char_span(content[0], content[1], alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    head = chars.root
    if head.dep_ not in ("acl", "ccomp", "relcl") or head.head.pos_ != "NOUN":
        return None
    noun = head.head
    if noun.lemma_.lower() not in CLAIM_NOUNS or chars.start <= noun.i < chars.end:
        return None
    owner = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None) or owner
    if owner is None or owner.pos_ == "PRON":
        return None
    who = resolver.resolve(owner)
    if who is None or who.kind not in _OWNER_KINDS or (speaker is not None and who.name == speaker.name):
        return None
    return who


def _claim_lead(doc: Doc, resolver: SpeakerResolver, content: tuple[int, int], speaker) -> tuple[Speaker, int] | None:
    """``claim_owner`` when the tagger took the claim's noun into the content: "[claims by Jones that the
    auction had been marred by 'collusion']" is Jones's clause. Returns the owner and where the clause
    starts (after "that"), or None."""
    chars = doc.char_span(content[0], content[1], alignment_mode="expand")
    if chars is None or len(chars) < 4:
        return None
    noun = next((t for t in chars[:4] if t.pos_ == "NOUN"), None)
    if (
        noun is None
        or noun.lemma_.lower() not in CLAIM_NOUNS
        or any(t.pos_ in ("VERB", "AUX") for t in chars[: noun.i - chars.start])
    ):
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i), None)
    by = next(
        (
            c
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < (clause.i if clause else 0)
        ),
        None,
    )
    owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if clause is None or owner is None or owner.pos_ == "PRON":
        return None
    start = clause.left_edge
    if start.lower_ == "that":
        start = doc[start.i + 1]
    if not chars.start <= start.i < chars.end:
        return None
    who = resolver.resolve(owner)
    if who is None or who.kind not in _OWNER_KINDS or (speaker is not None and who.name == speaker.name):
        return None
    return who, start.idx


def merge_with_rules(model: list[Quote], rules: list[Quote]) -> list[Quote]:
    """Model attributions first, completed by the rules.

    A model quote without a speaker (or cue) takes them from a rule quote whose content overlaps
    it; a rule quote is kept where no model content overlaps it, or where it sits inside a model
    content as a nested quote.
    """

    def overlaps(a: Quote, b: Quote) -> bool:
        return a.content.start < b.content.end and b.content.start < a.content.end

    # A content the parse supplied yields to a rule quote over the same words
    model = [
        m
        for m in model
        if not m.method.endswith(PARSED_CONTENT) or not any(q.nested_in is None and overlaps(m, q) for q in rules)
    ]
    out = []
    for m in model:
        if m.speaker is None or m.cue is None:
            donor = next(
                (
                    q
                    for q in rules
                    if q.nested_in is None
                    and q.content.start < m.content.end
                    and m.content.start < q.content.end
                    and (q.speaker is not None or q.cue is not None)
                ),
                None,
            )
            if donor is not None:
                m = replace(m, speaker=m.speaker or donor.speaker, cue=m.cue or donor.cue)
        out.append(m)
    for q in rules:
        overlapping = [m for m in model if m.content.start < q.content.end and q.content.start < m.content.end]
        if not overlapping:
            out.append(q)
        elif q.nested_in is not None and all(
            m.content.start <= q.content.start and q.content.end <= m.content.end for m in overlapping
        ):
            out.append(replace(q, nested_in=overlapping[0].id))
        elif (outer := reported_within(q, overlapping)) is not None:
            out.append(replace(q, nested_in=outer.id))
    return sorted(out, key=lambda q: (q.content.start, q.content.end))


_REPORT_REACH = 200  # characters before a passed-on report's content where its speaker may be named


def reported_within(q: Quote, overlapping: list[Quote]) -> Quote | None:
    """``reported_within``: the model attribution whose content holds the whole of a rule attribution,
    its source and cue as well as its content: "[Sergei Ryabkov said the report was 'an obvious attempt
    ...'], according to Russian news agencies" and "[Rob Ford ... vowed to 'ride the storm out'], the Toronto
    Sun reported". The words are Ryabkov's and Ford's; the agency and the newspaper only pass them on. The rule quote is
    kept, nested in the report that carries it. None when the rule quote has no named source, when its
    cue or content lies outside a single model content, or when its source is named far before it."""
    if q.speaker is None or q.speaker.span is None or q.cue is None or len(overlapping) != 1:
        return None
    m = overlapping[0]
    passed_on = m.cue is not None and (
        m.cue.text.lower().startswith("according")
        or m.cue.text.lower() in ("reported", "reports")
        and m.speaker is not None
        and m.speaker.kind == "organisation"
    )
    if not passed_on or q.speaker.via != "name":
        return None  # only a report passed on ("according to ...", "the Sun reported"), of words of someone named
    if m.speaker is not None and m.speaker.name == q.speaker.name:
        return None
    a, b = m.content.start, m.content.end
    inside = all(a <= s.start and s.end <= b for s in (q.content, q.cue))
    # the speaker is named in the report's words or just before them ("Toronto Mayor Rob Ford used his show
    # ..., but vowed": the tagger's content starts at "but")
    named_there = q.speaker.span.start < b and a - q.speaker.span.start < _REPORT_REACH
    return m if inside and named_there and (q.content.end - q.content.start) < (b - a) else None
