"""Direct and indirect quotes with their cue and resolved speaker.

Direct quotes: straight and curly marks, quotes split around the cue
(``"X," he said, "Y."``), quotes running over several paragraphs and single
quotes nested inside a double quote. Indirect: "X said (that) ...",
"according to X", "X told the Wire ...", "X denied ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from receipts.extract.attribution import coordinated_report
from receipts.extract.batching import overlapped
from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import SPEECH_VERBS
from receipts.extract.speakers import SpeakerResolver
from receipts.nlp.syntax import subject
from receipts.types import Quote, Span, Speaker

_OPEN_CURLY, _CLOSE_CURLY = "\u201c", "\u201d"
_SOPEN, _SCLOSE = "\u2018", "\u2019"
_MIN_WORDS_UNCUED = 3


@dataclass
class _Raw:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark
    nested: bool = False
    parent: int | None = None


def _is_open_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/" or i == 0) and not after.isspace()


def find_quote_marks(text: str) -> list[_Raw]:
    """Pair quotation marks into raw quote spans, including multi-paragraph and nested ones."""
    out: list[_Raw] = []
    open_at: int | None = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if open_at is None:
            if ch == _OPEN_CURLY or (ch == '"' and _is_open_straight(text, i)):
                open_at = i
        else:
            if ch == "\n" and text.startswith("\n\n", i):
                j = i
                while j < n and text[j] in "\n \t":
                    j += 1
                # A quote that runs on: the next paragraph reopens with a mark and the old one never closed.
                if j < n and (text[j] == _OPEN_CURLY or text[j] == '"'):
                    i = j + 1
                    continue
                open_at = None
                i = j
                continue
            if ch == _CLOSE_CURLY or (ch == '"' and not _is_open_straight(text, i)) or (ch == '"' and i + 1 == n):
                out.append(_Raw(open_at, i + 1))
                open_at = None
            elif ch == _OPEN_CURLY or (ch == '"' and _is_open_straight(text, i)):
                open_at = i  # an unclosed quote: restart at the new mark
        i += 1
    nested: list[_Raw] = []
    for k, q in enumerate(out):
        nested.extend(_nested_single(text, q, k))
    return sorted(out + nested, key=lambda r: (r.start, -r.end))


def _nested_single(text: str, outer: _Raw, index: int) -> list[_Raw]:
    found: list[_Raw] = []
    inner = text[outer.start + 1 : outer.end - 1]
    base = outer.start + 1
    pattern = re.compile(
        r"(?:(?<=[\s,:\u201c\"(])|^)[\u2018'](?=\w)(.+?)(?<=[\w.,!?])[\u2019'](?=[\s,.;:!?\u201d\"]|$)", re.S
    )
    for m in pattern.finditer(inner):
        found.append(_Raw(base + m.start(), base + m.end(), nested=True, parent=index))
    return found


def _cue_in(doc: Doc, start: int, end: int, *, last: bool = False) -> Token | None:
    """Return the speech verb in the character window ``[start, end)``; the nearest to its end if last."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for tok in reversed(span) if last else span:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") and _is_cue(tok):
            return tok
    return None


def _is_cue(tok: Token) -> bool:
    """Reject speech-verb forms that are not reporting anything ("so-called", "a called meeting")."""
    if tok.dep_ in ("amod", "compound", "acomp") or "-" in tok.text:
        return False
    if tok.lemma_.lower() == "call":
        return any(c.dep_ in ("dobj", "oprd", "ccomp", "xcomp") or c.lower_ == "on" for c in tok.children)
    return True


def _subject(verb: Token) -> Token | None:
    return subject(coordinated_report(verb) or verb, inverted=True, verbal_heads=True)


def _cue_span(verb: Token) -> Span:
    doc = verb.doc
    end_tok = verb
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end_tok = child
    end = end_tok.idx + len(end_tok)
    return Span(verb.idx, end, doc_text(doc)[verb.idx : end])


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
    if span is None:
        return char, char
    sent = span.sent
    return sent.start_char, sent.end_char


def _direct_quotes(doc: Doc, resolver: SpeakerResolver) -> list[Quote]:
    text = doc_text(doc)
    raws = find_quote_marks(text)
    tops = [r for r in raws if not r.nested]
    quotes: list[Quote] = []
    used: set[int] = set()
    for k, q in enumerate(tops):
        if k in used:
            continue
        fragments = [q]
        nxt = tops[k + 1] if k + 1 < len(tops) else None
        gap = text[q.end : nxt.start] if nxt else ""
        cue = None
        # Split quote: "X," he said, "Y."  -- the cue sits between two fragments.
        if (
            nxt
            and len(gap) < 80
            and "\n" not in gap
            and gap.rstrip().endswith(",")
            and text[q.end - 2] in ',\u201d"'
            and "." not in gap
        ):
            cue = _cue_in(doc, q.end, nxt.start)
            if cue is not None:
                fragments.append(nxt)
                used.add(k + 1)
        last = fragments[-1]
        if cue is None:
            s_start, s_end = _sentence_bounds(doc, max(q.end - 1, 0))
            window_end = min(s_end, nxt.start if nxt else s_end)
            para = text.find("\n\n", q.end)
            if para != -1:
                window_end = min(window_end, para)
            stop = re.search(r"[.!?]\s", text[q.end : window_end])
            if stop and text[q.end - 2] in ".!?":
                window_end = q.end  # the quote closed its own sentence: nothing after it can be its cue
            elif stop:
                window_end = q.end + stop.end()
            cue = _cue_in(doc, q.end, window_end) if window_end > q.end else None
        if cue is None:
            s_start, _ = _sentence_bounds(doc, q.start + 1 if q.start + 1 < len(text) else q.start)
            prev_end = tops[k - 1].end if k > 0 else 0
            lo = max(s_start, prev_end, text.rfind("\n\n", 0, q.start) + 2)
            cue = _cue_in(doc, lo, q.start, last=True) if q.start > lo else None
        if cue is None:
            cue = _governing_verb(doc, q.start, last.end)
        speaker = None
        if cue is not None:
            subj = _subject(cue)
            if subj is not None and not any(f.start <= subj.idx < f.end for f in fragments):
                speaker = resolver.resolve(subj)
        words = len(text[q.start : last.end].split())
        if cue is None:
            prev = quotes[-1] if quotes else None
            same_run = (
                prev is not None
                and "\n\n" not in text[prev.content.end : q.start]
                or (prev is not None and text[prev.content.end : q.start].strip() == "")
            )
            if prev is not None and same_run and prev.speaker is not None:
                speaker = prev.speaker
            elif words < _MIN_WORDS_UNCUED or not _standalone(text, q):
                continue  # a scare quote or a title, not speech
        frag_spans = tuple(Span(f.start, f.end, text[f.start : f.end]) for f in fragments)
        content = Span(q.start, last.end, text[q.start : last.end])
        quotes.append(
            Quote(
                content=content, speaker=speaker, cue=_cue_span(cue) if cue else None, direct=True, fragments=frag_spans
            )
        )
    quotes.extend(_nested_quotes(doc, raws, tops, quotes, resolver))
    return quotes


MAX_GOVERNOR_GAP = 40  # characters between a quotation's closing mark and the verb it is the object of


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb a quotation is the clause of, right after it: '"Go back," Trump barked' - any verb
    with a subject of its own, not only a verb of saying. None when the parse hangs the quotation
    on nothing outside it, or on a form of "be" ('"Sanity" is a winning message')."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    heads = {t.head for t in span if not (span.start <= t.head.i < span.end) and t.dep_ in ("ccomp", "dobj")}
    for verb in sorted(heads, key=lambda t: t.i):
        if (
            verb.pos_ == "VERB"
            and verb.i >= span.end
            and verb.idx - end <= MAX_GOVERNOR_GAP
            and verb.lemma_.lower() != "be"
            and "\n" not in doc_text(doc)[end : verb.idx]
            and _is_cue(verb)
            and any(c.dep_ in ("nsubj", "nsubjpass") and not (span.start <= c.i < span.end) for c in verb.children)
        ):
            return verb
    return None


def _standalone(text: str, q: _Raw) -> bool:
    """Whether a quote stands as its own sentence or paragraph rather than inside one."""
    before = text[max(0, q.start - 3) : q.start]
    return before == "" or before.endswith(("\n", ". ", ": ")) or q.start == 0


def _nested_quotes(doc, raws, tops, outer_quotes, resolver) -> list[Quote]:
    out = []
    for r in raws:
        if not r.nested:
            continue
        parent = next((q for q in outer_quotes if q.content.start <= r.start and r.end <= q.content.end), None)
        if parent is None:
            continue
        s_start, s_end = _sentence_bounds(doc, r.start + 1)
        lo = max(s_start, parent.content.start)
        cue = _cue_in(doc, lo, r.start, last=True) or _cue_in(doc, r.end, min(s_end, parent.content.end))
        speaker = None
        if cue is not None and (subj := _subject(cue)) is not None:
            speaker = resolver.resolve(
                subj, exclude=parent.speaker.name if parent.speaker else None, self_speaker=parent.speaker
            )
        out.append(
            Quote(
                content=Span(r.start, r.end, doc_text(doc)[r.start : r.end]),
                speaker=speaker,
                cue=_cue_span(cue) if cue else None,
                direct=True,
                nested_in=parent.id,
            )
        )
    return out


def _content_child(verb: Token) -> tuple[int, int] | None:
    """Return the token range of what a speech verb reports, if it reports a clause."""
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and verb.lemma_ in ("vow", "promise", "pledge", "urge")):
            toks = list(child.subtree)
            return toks[0].i, toks[-1].i + 1
    if verb.lemma_ in ("deny", "accuse", "call", "urge", "demand"):
        kids = [
            c
            for c in verb.rights
            if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")
            and not (c.dep_ == "prep" and c.lower_ in ("in", "at", "on") and verb.lemma_ != "call")
        ]
        if verb.lemma_ == "call" and not any(c.dep_ == "prep" and c.lower_ == "on" for c in kids):
            return None
        if kids:
            first = min(t.i for c in kids for t in c.subtree)
            last = max(t.i for c in kids for t in c.subtree)
            return first, last + 1
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "that" and doc[start].dep_ == "mark"
    ):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ".", ";", ":")):
        end -= 1
    return start, end


def _indirect_quotes(doc: Doc, resolver: SpeakerResolver, direct: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    direct_spans = [(q.content.start, q.content.end) for q in direct if q.nested_in is None]

    def inside_direct(a: int, b: int) -> float:
        covered = sum(max(0, min(b, e) - max(a, s)) for s, e in direct_spans)
        return covered / max(1, b - a)

    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma == "accord" and tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is None:
                continue
            head = tok.head
            skip = {t.i for t in tok.subtree}
            toks = [t.i for t in head.subtree if t.i not in skip]
            if not toks:
                continue
            start, end = _trim(doc, min(toks), max(toks) + 1)
            if end <= start or inside_direct(doc[start].idx, doc[end - 1].idx + 1) > 0.9:
                continue
            said = head.head if head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS else None
            subj = _subject(said) if said is not None else None
            if subj is not None:
                # "Ryabkov said [the report was ...], according to Russian news agencies": the words are
                # Ryabkov's; the agencies only carry them (the channel, not the speaker)
                speaker, cue = resolver.resolve(subj), _cue_span(said)
            else:
                speaker = resolver.resolve(pobj)
                cue = Span(tok.idx, to.idx + len(to), doc_text(doc)[tok.idx : to.idx + len(to)])
            out.append(_indirect(doc, start, end, speaker, cue))
            continue
        if lemma not in SPEECH_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        rng = _content_child(tok)
        if rng is None:
            continue
        start, end = _trim(doc, *rng)
        if end - start < 2:
            continue
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if inside_direct(a, b) > 0.5:
            continue
        subj = _subject(tok)
        enclosing = next((q for q in direct if q.content.start <= tok.idx < q.content.end), None)
        speaker = None
        if subj is not None:
            speaker = resolver.resolve(
                subj,
                self_speaker=enclosing.speaker if enclosing else None,
                exclude=enclosing.speaker.name if enclosing and enclosing.speaker else None,
            )
        q = _indirect(doc, start, end, speaker, _cue_span(tok))
        if enclosing is not None:
            q = replace(q, nested_in=enclosing.id)
        out.append(q)
    return out


def _indirect(doc: Doc, start: int, end: int, speaker: Speaker | None, cue: Span) -> Quote:
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Quote(content=Span(a, b, doc_text(doc)[a:b]), speaker=speaker, cue=cue, direct=False)


def extract_quotes(doc: Doc, mentions=None) -> list[Quote]:
    """Find direct and indirect quotes and attribute each to a speaker.

    Needs sentences, the parser and ``doc._.mentions``. Pure: no I/O.

    :param doc: A parsed article.
    :param mentions: Actor mentions; defaults to ``doc._.mentions``.
    :returns: Quotes in document order.
    """
    resolver = SpeakerResolver(doc, mentions if mentions is not None else doc._.mentions)
    direct = _direct_quotes(doc, resolver)
    indirect = _indirect_quotes(doc, resolver, direct)
    # A short direct quote inside a paraphrase is part of that (mixed) attribution.
    kept = [
        q
        for q in direct
        if q.nested_in is not None
        or not any(
            i.content.start <= q.content.start and q.content.end <= i.content.end
            for i in indirect
            if i.nested_in is None
        )
    ]
    return sorted(kept + indirect, key=lambda q: (q.content.start, q.content.end))


class QuotesComponent:
    """The receipts_quotes stage: a learned span tagger (when available) merged with the rules.

    ``pipe`` tags a whole batch of docs in one model call.
    """

    def __init__(self, model: str = "builtin") -> None:
        from receipts.classify.onnx import resolve_model

        path = resolve_model(model, "attribution-minilm")
        self.tagger = None
        self.method = "quotes.rules.v1"
        if path is not None:
            from receipts.classify.tagger import OnnxTokenTagger

            self.tagger = OnnxTokenTagger(path, threads=1)  # runs beside the parser (see pipe)
            self.method = f"quotes.tagger.{path.name}+rules.v1"

    def _finish(self, doc: Doc, spans) -> Doc:
        from receipts.extract.attribution import group_attributions, merge_with_rules
        from receipts.extract.coreference import resolve_in_context

        rules = extract_quotes(doc)
        resolver = SpeakerResolver(doc, doc._.mentions)
        if spans is None:
            found = rules
        else:
            found = merge_with_rules(group_attributions(doc, spans, resolver, self.method), rules)
        doc._.quotes = tuple(resolve_in_context(doc, found, resolver))
        return doc

    def __call__(self, doc: Doc) -> Doc:
        spans = self.tagger.spans([doc_text(doc)])[0] if self.tagger else None
        return self._finish(doc, spans)

    def pipe(self, stream, batch_size: int = 32):
        """Tag whole batches; the tagger runs on a worker thread, one batch ahead (see ``batching``)."""
        if self.tagger is None:
            for doc in stream:
                yield self._finish(doc, None)
            return
        yield from overlapped(
            stream,
            batch_size,
            lambda docs: [doc_text(d) for d in docs],
            self.tagger.spans,
            self._finish_batch,
            name="receipts-tagger",
        )

    def _finish_batch(self, docs: list[Doc], all_spans):
        for doc, spans in zip(docs, all_spans):
            yield self._finish(doc, spans)


@Language.factory(
    "receipts_quotes",
    requires=["doc.sents", "doc.ents", "doc._.mentions"],
    assigns=["doc._.quotes"],
    default_config={"model": "builtin"},
)
def make_quotes(nlp: Language, name: str, model: str):
    return QuotesComponent(model)
