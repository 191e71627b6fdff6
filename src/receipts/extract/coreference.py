"""A second pass over a document's attributions: who a speaker is, once every attribution is known.

The first pass (``quotes``, ``attribution``) resolves each source on its own. Some sources can only
be resolved against the attributions around them, and some attributions are not anyone's:

* ``cue_subject``: an attribution with a cue but no speaker (a rule's, or one whose source the tagger
  missed) takes the subject the parse gives its cue ("The senator mocked the plan, noting that ...");
* ``self_named``: "he" or "she" is not a person the quote itself names ("He noted that one of Obama's
  weaknesses ..." is not Obama's);
* ``continuation``: "he added", "she continued", "he said" right after an attribution keep that
  attribution's speaker (the resolved name, not the pronoun's nearest mention);
* ``carried_on``: a paragraph that is only a quotation, with no cue of its own, is the speaker's
  whose words ended the paragraph before it ('"We will build it," he said.' then '"And they
  will pay."'), or the speaker the paragraph before introduced with a colon ("Ana Veld added:");
* ``colon_lead``: a quotation introduced by a colon is the words of the subject of the clause before the
  colon ('Sen. Maria Cantwell ... called for its release: "I expect ..."'), not of a source found after it;
* ``outlet_line``: a headline, a photo caption or a byline is the outlet's: it is credited to a
  person only when it names them as the source of a cue in the same line;
* ``topic_only``: an attribution whose content reports no statement ("discussed [the strategy]") is
  kept but marked, and not listed as a quote by default;
* ``unreported``: so is one whose cue reports nothing said: a want, a hope or a plan, how something
  seems, declining to speak, what others expect ("is expected to"), or a cue that is no verb ("is",
  "against", "unclear");
* ``reporting_cue``: and so is a paraphrase whose cue is no word of saying, writing, finding or
  believing at all ("sought [to ...]", "likes [to ...]", "decided that [...]");
* ``empty``: a quote with no words (a lone ``.”``) is not an attribution;
* ``quoted_source``: a source inside the quotation marks of the words it is given is part of them: the quote
  goes to the attribution right before it, or to no one.

Pure: no I/O. Rules are named functions in ``RULES``, applied in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from receipts.extract.attribution import cue_speaker
from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import (
    CAPTION_MARKERS,
    COMMIT_VERBS,
    CONTINUATION_CUES,
    PRONOUNS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    UNREPORTING_CUE_POS,
    UNREPORTING_CUES,
)
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Quote, Span, Speaker

MAX_CONTINUATION_GAP = 250  # characters between an attribution and the "he added" that carries it on
MAX_HEADLINE_CHARS = 300  # a first paragraph longer than this is the story, not its headline
MAX_BYLINE_CHARS = 80
MAX_CARRY_TAIL = 40  # characters after a quote's attribution that may end its paragraph ("to cheers.")
# A second sentence after an attribution: the reporter's words, not the speaker's, end the paragraph.
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"\u201d\u2019']?\s+\S")


@dataclass(frozen=True, slots=True)
class CorefRule:
    """One named rule of the second pass: takes the quotes so far, returns the quotes after it."""

    name: str
    apply: Callable[[Doc, list[Quote], SpeakerResolver], list[Quote]]


def _has_words(quote: Quote) -> bool:
    return any(ch.isalnum() for ch in quote.content.text)


def drop_empty(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Drop quotes whose text holds no letter or digit (a lone ``.”`` or a dash)."""
    return [q for q in quotes if _has_words(q)]


def cue_subject(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Give a quote with a cue and no speaker the subject of its cue's clause, from the parse."""
    out = []
    for q in quotes:
        if q.speaker is None and q.cue is not None and q.nested_in is None:
            speaker = cue_speaker(doc, resolver, (q.cue.start, q.cue.end))
            if speaker is not None:
                q = replace(q, speaker=speaker)
        out.append(q)
    return out


def self_named(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """A "he" or "she" does not resolve to a person the quote itself names by name: in "He noted that one
    of Obama's weaknesses is ...", "he" is not Obama (in a paraphrase, only a name after the pronoun). The
    pronoun is resolved again without that person; when no one else fits it stays the source, unresolved."""
    out = []
    for q in quotes:
        sp = q.speaker
        if sp is not None and sp.via == "pronoun" and sp.kind == "person" and sp.span is not None:
            # In a quotation the words are the speaker's own, who rarely names themself; a paraphrase is the
            # reporter's, who names the speaker first and then says "he said" ("Grayson would continue his
            # push for it, he said"), so there only a name after the pronoun counts.
            named = {
                m.canonical
                for m in resolver._inside(q.content.start, q.content.end)
                if m.kind == "person" and (q.direct or m.span.start > sp.span.start)
            }
            pron = doc.char_span(sp.span.start, sp.span.end, alignment_mode="expand")
            if sp.name in named and pron is not None and len(pron) == 1 and pron[0].lower_ in PRONOUNS:
                again = resolver.resolve(pron[0], exclude=sp.name)
                if again is None or again.name in named:  # nobody else fits: the pronoun stays, unresolved
                    again = Speaker(sp.span.text, "unknown", sp.span, via="pronoun")
                q = replace(q, speaker=again)
        out.append(q)
    return out


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_TITLE_WORDS = 5  # a quotation this short, all in title case, is a name or a title ("Fox and Friends")


def _states(doc: Doc, q: Quote) -> bool:
    """Whether an attribution's content reports a statement: a quotation that is not just a name or a
    title; a paraphrase with a clause of its own (a finite verb, or a verb with its own subject) or a
    figure. "discussed [his administration's strategy]", "passed [it]", "pointed to ["Fox and Friends,"]"
    name a topic or nothing."""
    span = doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if q.direct:
        return not (0 < len(words) <= MAX_TITLE_WORDS and all(t.is_title or t.is_stop or t.like_num for t in words))
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand") if q.cue is not None else None
    if words and words[0].lower_ == "to" and cue is not None and any(t.lemma_.lower() in COMMIT_VERBS for t in cue):
        return True  # "pledged [to return the remains]", "agreed [to work toward ...]": an undertaking said
    return any(
        t.tag_ in _FINITE
        or t.like_num
        or (t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
        for t in span
    )


def topic_only(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Mark attributions whose content reports no statement (``Quote.statement``): they stay (PolNeAR
    counts them, and they say who spoke about what) but are not listed as quotes by default."""
    return [q if _states(doc, q) else replace(q, statement=False) for q in quotes]


def _reports(doc: Doc, q: Quote) -> bool:
    """Whether an attribution's cue reports something said, written, thought or felt. "Democrats hope
    [they will ...]", "seemed [to be ...]", "declined [to comment]", "is expected [to win]" and a cue
    found on a word that is no verb ("is", "against", "unclear") do not."""
    if q.cue is None or q.direct:
        return True  # a quotation's own words are reported, whatever the cue
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return True
    root = cue.root
    lemma = root.lemma_.lower()
    if lemma in UNREPORTING_CUES:
        return False
    if lemma == "expect" and any(t.dep_ in ("auxpass", "nsubjpass") for t in root.children):
        return False  # "is expected to": what others expect, said by no one
    if lemma == "expect" and root.tag_ == "VBN" and not any(t.dep_ == "aux" for t in root.children):
        return False  # "Clinton, expected to win, ..."
    return not (root.pos_ in UNREPORTING_CUE_POS and len(cue) == 1)


def unreported(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Mark attributions whose cue reports nothing said (``Quote.statement``), as ``topic_only`` does:
    PolNeAR counts them as attributions, a reader does not want them as quotes."""
    return [q if not q.statement or _reports(doc, q) else replace(q, statement=False) for q in quotes]


def _reporting(doc: Doc, q: Quote) -> bool:
    """Whether a paraphrase's cue is a word of saying, writing, finding or believing
    (``REPORTING_VERBS``, ``REPORTING_NOUNS``), or the colon of "X: ...". A quotation's own words are
    reported whatever its cue."""
    if q.cue is None or q.direct:
        return True
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return True
    root = cue.root
    if root.text in (":", "\u2014") or root.pos_ == "PUNCT":
        return True
    lemma = root.lemma_.lower()
    if root.pos_ == "NOUN":
        return lemma in REPORTING_NOUNS
    return lemma in REPORTING_VERBS


def reporting_cue(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Mark a paraphrase whose cue reports no words (``Quote.statement``): "Manafort sought [to ...]",
    "Wilmore also likes [to ...]", "Mr. Obama hasn't indicated" stays, "decided that [...]" does not. Like
    ``unreported`` it keeps the attribution (PolNeAR counts it) but does not list it as a quote: a list
    that names only words of saying (precision first) instead of excluding the known exceptions."""
    return [q if not q.statement or _reporting(doc, q) else replace(q, statement=False) for q in quotes]


def _extent(q: Quote) -> tuple[int, int]:
    """Where an attribution lies in the text: its content, cue and source together."""
    parts = [(q.content.start, q.content.end)]
    if q.cue is not None:
        parts.append((q.cue.start, q.cue.end))
    if q.speaker is not None and q.speaker.span is not None:
        parts.append((q.speaker.span.start, q.speaker.span.end))
    return min(a for a, _ in parts), max(b for _, b in parts)


def _agrees(pronoun: str, previous, resolver: SpeakerResolver) -> bool:
    """Number and, where the text tells it, gender: "he" is a person not known to be a woman."""
    wanted = PRONOUNS.get(pronoun)
    if wanted in ("m", "f"):
        return previous.kind == "person" and resolver.gender(previous.name) in (None, wanted)
    if wanted == "p":
        return previous.kind in ("group", "organisation", "country", "person")
    if wanted == "n":
        return previous.kind in ("group", "organisation", "country", "document")
    return False


def continuation(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Give "he added" the speaker of the attribution right before it.

    The previous attribution is the most salient antecedent: its speaker is the subject of the last
    report. It wins when the pronoun agrees with it and nobody else is named between the two.
    """
    text = doc_text(doc)
    out: list[Quote] = []
    previous: Quote | None = None
    for q in sorted(quotes, key=_extent):
        if q.nested_in is not None:
            out.append(q)
            continue
        sp = q.speaker
        if (
            previous is not None
            and sp is not None
            and sp.via == "pronoun"
            and sp.span is not None
            and q.cue is not None
            and previous.speaker is not None
        ):
            cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            lemma = cue.root.lemma_.lower() if cue is not None and len(cue) else ""
            gap_from, gap_to = _extent(previous)[1], _extent(q)[0]
            between = text[gap_from:gap_to] if gap_to > gap_from else ""
            named_between = [
                m
                for m in resolver.mentions
                if gap_from <= m.span.start < gap_to
                and m.kind == previous.speaker.kind
                and m.canonical != previous.speaker.name
            ]
            if (
                lemma in CONTINUATION_CUES
                and len(between) <= MAX_CONTINUATION_GAP
                and between.count("\n\n") == 0
                and not named_between
                and _agrees(sp.span.text.lower(), previous.speaker, resolver)
            ):
                q = replace(q, speaker=replace(sp, name=previous.speaker.name, kind=previous.speaker.kind))
        out.append(q)
        if q.speaker is not None:
            previous = q
    return sorted(out, key=lambda q: (q.content.start, q.content.end))


def _opens_paragraph(text: str, char: int) -> bool:
    """Whether ``char`` starts a paragraph that has one before it."""
    start, _ = _paragraph(text, char)
    return start > 0 and not text[start:char].strip()


def _introducer(doc: Doc, text: str, para: tuple[int, int], resolver: SpeakerResolver) -> tuple[Speaker, Span] | None:
    """The speaker a paragraph ending in a colon introduces: the subject of its last verb ("Ana
    Veld added:", "She went on to say:"), with that verb as the cue. The parser often runs the
    colon's sentence on into the quotation, so the verb is looked for in the paragraph alone."""
    body = text[para[0] : para[1]].rstrip()
    if not body.endswith(":"):
        return None
    chars = doc.char_span(para[0], para[0] + len(body), alignment_mode="expand")
    verbs = [t for t in chars if t.pos_ == "VERB"] if chars is not None else []
    if not verbs:
        return None
    verb = verbs[-1]
    speaker = cue_speaker(doc, resolver, (verb.idx, verb.idx + len(verb)))
    if speaker is None:
        return None
    return speaker, Span(verb.idx, verb.idx + len(verb), verb.text)


def carried_on(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Give a cue-less quotation paragraph the speaker whose words, or whose colon, end the
    paragraph before it; nothing else (no sentence of the reporter's) may lie between the two."""
    text = doc_text(doc)
    ordered = sorted(quotes, key=_extent)
    out = []
    for k, q in enumerate(ordered):
        if (
            q.speaker is None
            and q.cue is None
            and q.direct
            and q.nested_in is None
            and _opens_paragraph(text, q.content.start)
        ):
            j = _paragraph(text, q.content.start)[0] - 1
            while j > 0 and text[j].isspace():
                j -= 1
            prev_para = _paragraph(text, j)
            before = [p for p in ordered[:k] if p.nested_in is None and _extent(p)[1] <= prev_para[1]]
            donor = _introducer(doc, text, prev_para, resolver)
            if donor is None and before:
                last = before[-1]
                tail = text[_extent(last)[1] : prev_para[1]].strip()
                if (
                    last.direct
                    and last.speaker is not None
                    and last.cue is not None
                    and last.content.start >= prev_para[0]
                    and (len(tail) <= MAX_CARRY_TAIL or not _SENTENCE_BREAK.search(tail))
                ):
                    donor = last.speaker, last.cue
            if donor is not None:
                q = replace(q, speaker=donor[0], cue=donor[1])
        out.append(q)
    return sorted(out, key=lambda q: (q.content.start, q.content.end))


def _paragraph(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, char)
    start = 0 if start == -1 else start + 2
    end = text.find("\n\n", char)
    return start, len(text) if end == -1 else end


def _line(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end == -1 else end


# "WASHINGTON (Reuters) - ", "New York (AFP) – ": a dateline names the agency, not a photo's credit
_DATELINE_CREDIT = re.compile(r"^[^\n()]{0,60}\([\w .]{2,20}\)\s*[-\u2013\u2014]+\s")


def is_outlet_line(text: str, char: int) -> bool:
    """Whether the line holding ``char`` is the outlet's own: the headline (a short first
    paragraph with more text after it), a photo caption or credit, or a byline ("By Ana Veld").

    Captions and bylines are single lines: many pages break paragraphs with one newline, so a
    "paragraph" between blank lines can be the whole story, dateline credit included.
    """
    start, end = _paragraph(text, char)
    para = text[start:end].strip()
    if start == 0 and end < len(text) and len(para) <= MAX_HEADLINE_CHARS:
        return True
    start, end = _line(text, char)
    line = text[start:end].strip()
    m = _DATELINE_CREDIT.match(line)
    low = line[m.end() if m else 0 :].lower()
    if any(marker in low for marker in CAPTION_MARKERS):
        return True
    return low.startswith("by ") and len(line) <= MAX_BYLINE_CHARS


def outlet_line(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """Take the speaker off a headline, caption or byline quote unless the line itself names them
    as the source of its cue ("Trump says ..." in a headline stays Trump's)."""
    text = doc_text(doc)
    out = []
    for q in quotes:
        sp = q.speaker
        if sp is not None and is_outlet_line(text, q.content.start):
            line = _paragraph(text, q.content.start)
            inside = sp.span is not None and line[0] <= sp.span.start < line[1]
            cued = q.cue is not None and line[0] <= q.cue.start < line[1]
            if not (inside and cued and sp.via in ("name", "description", "title")):
                q = replace(q, speaker=None)
        out.append(q)
    return out


_SPEAKING_KINDS = frozenset({"person", "organisation", "group", "country"})


def _colon_before(text: str, start: int) -> int | None:
    """Where the colon that introduces a quotation starting at ``start`` is, if one does."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i if i >= 0 and text[i] == ":" else None


def _lead_verb(doc: Doc, colon: int):
    """The verb of the clause a colon ends: from the word before the colon up its heads while they stay
    before the colon (the parser may hang the colon, or the whole clause, on the quotation's verb)."""
    before = doc.char_span(colon - 1, colon, alignment_mode="expand")
    if before is None or not len(before):
        return None
    tok = before[0]
    while tok.head.i != tok.i and tok.head.idx < colon:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def colon_lead(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """A quotation introduced by a colon is the words of the clause before the colon: in 'James Spann
    retweeted it with a comment of his own: "Alabama will not be impacted ..."' the speaker is the
    subject of "retweeted", not a source the tagger paired it with in another sentence. Only a quote
    whose speaker was found outside that clause (or not at all) changes, and only to a subject that
    resolves to a person or a body by name or description before the colon, outside any quotation (a
    cited headline's subject did not speak); the cue becomes the verb."""
    text = doc_text(doc)
    out = []
    for q in quotes:
        colon = _colon_before(text, q.content.start) if q.direct and q.nested_in is None else None
        verb = _lead_verb(doc, colon) if colon is not None else None
        if verb is not None:
            clause_start = verb.sent.start_char
            current = q.speaker.span if q.speaker is not None else None
            elsewhere = current is None or not (clause_start <= current.start and current.end <= colon)
            found = cue_speaker(doc, resolver, (verb.idx, verb.idx + len(verb))) if elsewhere else None
            if (
                found is not None
                and found.span is not None
                and clause_start <= found.span.start
                and found.span.end <= colon
                and found.kind in _SPEAKING_KINDS
                and found.via in ("name", "description", "title")
                and not resolver._in_quote(found.span.start)  # a quoted headline's subject ('"X leaves ..." by Y:')
            ):
                q = replace(q, speaker=found, cue=Span(verb.idx, verb.idx + len(verb), verb.text))
        out.append(q)
    return out


def quoted_source(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """A source inside the same quotation marks as the words it is given is the speaker's own words
    ('"... during his briefings, as noted by the ratings."' is not the ratings' quote): the quote goes to the
    speaker of the attribution right before it, in the same paragraph and with no other person named
    between, or to no one."""
    text = doc_text(doc)
    out: list[Quote] = []
    previous: Quote | None = None
    for q in sorted(quotes, key=_extent):
        sp = q.speaker
        if (
            q.direct
            and q.nested_in is None
            and sp is not None
            and sp.span is not None
            and sp.span.start >= q.content.end
            and resolver.in_quote(sp.span.start)
            and not any(mark in text[q.content.end : sp.span.start] for mark in '"\u201c\u201d')
        ):
            carried = None
            if previous is not None and previous.speaker is not None:
                gap_from, gap_to = _extent(previous)[1], q.content.start
                between = text[gap_from:gap_to] if gap_to > gap_from else ""
                named = [
                    m
                    for m in resolver.mentions
                    if gap_from <= m.span.start < gap_to and m.kind == "person" and m.canonical != previous.speaker.name
                ]
                if len(between) <= MAX_CONTINUATION_GAP and "\n\n" not in between and not named:
                    carried = previous.speaker
            q = replace(q, speaker=carried, cue=q.cue if carried is not None else None)
        out.append(q)
        if q.speaker is not None:
            previous = q
    return sorted(out, key=lambda q: (q.content.start, q.content.end))


RULES: tuple[CorefRule, ...] = (
    CorefRule("empty", drop_empty),
    CorefRule("quoted_source", quoted_source),
    CorefRule("cue_subject", cue_subject),
    CorefRule("self_named", self_named),
    CorefRule("continuation", continuation),
    CorefRule("carried_on", carried_on),
    CorefRule("colon_lead", colon_lead),
    CorefRule("outlet_line", outlet_line),
    CorefRule("topic_only", topic_only),
    CorefRule("unreported", unreported),
    CorefRule("reporting_cue", reporting_cue),
)


def resolve_in_context(doc: Doc, quotes: list[Quote], resolver: SpeakerResolver | None = None) -> list[Quote]:
    """Apply every rule of the second pass to a document's quotes.

    :param doc: The parsed article the quotes come from.
    :param quotes: Its attributions, from the first pass.
    :param resolver: The document's resolver (built from ``doc._.mentions`` when None).
    :returns: The quotes, in document order, with speakers resolved in context.
    """
    resolver = resolver or SpeakerResolver(doc, doc._.mentions)
    for rule in RULES:
        quotes = rule.apply(doc, quotes, resolver)
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))
