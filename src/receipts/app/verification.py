"""Verification use cases: verdicts for claims, contradictions between sources, promise statuses."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import lru_cache

import numpy as np
from sqlalchemy import select, update

from receipts import __version__
from receipts.app.index import DEPTH
from receipts.app.queries import sentence_index
from receipts.app.services import open_store
from receipts.app.verifycache import VerifyCache, verify_cache
from receipts.config import Settings
from receipts.errors import ConfigError, NotFound
from receipts.extract.statements import is_statement
from receipts.nlp.syntax import FUTURE_PATTERN
from receipts.retrieve.dense import make_embedder
from receipts.store import repo
from receipts.store.models import (
    ClaimMatchRow,
    ClaimRow,
    CommitmentRow,
    ContradictionRow,
    DocumentRow,
    PipelineRunRow,
    PromiseStatusRow,
    SentenceIndexRow,
    SentenceRow,
    SourceRow,
    VerdictRow,
)
from receipts.types import content_id
from receipts.verify.assertions import assess
from receipts.verify.compare import singular
from receipts.verify.promise_claims import PromiseRecord, find_reference, judge, may_refer, relevant_promises
from receipts.verify.promises import StatusStep, judge_step, timeline
from receipts.verify.rejection import might_reject
from receipts.verify.rules import LEAD, RULES, RuleGate, rule_name
from receipts.verify.verifier import Candidate, ClaimInput, EvidenceJudgement, Verdict, Verifier, aggregate

_FUTURE = FUTURE_PATTERN
# A quotation inside a claim (a headline, a slogan it mentions): its tense is the quoted text's, not the claim's.
_EMBEDDED_QUOTE = re.compile(r"(?<=\s)(?:\"[^\"]+\"|“[^”]+”|'[^']+'(?=[\s.,;:!?]|$)|‘[^’]+’)")


def is_forecast(text: str) -> bool:
    """Whether a claim speaks of the future ("will", "is going to", ...), outside any quotation it mentions.

    "the real complaint concerned a headline reading 'We will take back £350m'" reports the past; a claim
    that is itself a quotation ("\"We will build it\"") keeps its own words. "Plans" as a noun ("the
    alleged plans to invade") and a counterfactual past ("would have registered") are not forecasts.
    """
    plain = _EMBEDDED_QUOTE.sub(" ", text)
    for m in _FUTURE.finditer(plain):
        word, before, after = m.group(1).lower(), plain[: m.start()], plain[m.end() :]
        if word in ("plan", "plans") and _NOUN_BEFORE.search(before):
            continue  # "the alleged plans to invade": a noun, what is said of a plan, not a plan
        if word == "would" and _COUNTERFACTUAL.match(after):
            continue  # "radar would have registered a missile": a claim about the past
        return True
    return False


# What stands before "plans" when it is a noun: a determiner, a possessive or a participle ("alleged").
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|my|your|any|no|these|those|such|new|secret)|'s|’s|\w+ed)\s+$", re.I
)
_COUNTERFACTUAL = re.compile(r"\s+(?:not\s+)?have\s+(?:been\s+)?\w+(?:ed|en|wn|ne)\b", re.I)


FORECAST_REASON = (
    "a promise or a forecast: it is tracked as a commitment (see its status under promises), not rated true or false"
)
PROMISE_METHOD = "promises.rules.v1"
CONTRA_METHOD = "contradictions.v1"


def _now() -> datetime:
    return datetime.now(timezone.utc)


# Our components that run after spaCy's in the verify pipeline: on a parse read back from the verify cache
# they run again (the cache keeps spaCy's parse only, so a change to these rules needs no invalidation).
_AFTER_PARSE = ("receipts_numbers", "receipts_document_limits")


class _Parser:
    """The verify pipeline: spaCy's parse, entities and the numbers stage (quotes, claims and events would be
    wasted work here). Callable on one text; ``many`` parses a batch; ``dump``/``load`` move a parse
    to and from bytes for the verify cache."""

    def __init__(self, model: str) -> None:
        import spacy

        from receipts.runtime import load_nlp

        nlp = load_nlp(model, checkworthy_model="none", attribution_model="none")
        for name in [n for n in nlp.pipe_names if n.startswith("receipts_") and n not in _AFTER_PARSE]:
            if name != "receipts_sentence_limits":
                nlp.remove_pipe(name)
        self.nlp = nlp
        self.version = (
            f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')} "
            f"spacy {spacy.__version__} [{','.join(nlp.pipe_names)}]"
        )

    def __call__(self, text: str):
        from receipts.runtime import process

        return next(process(self.nlp, [(text, None)]))

    def many(self, texts: list[str]) -> list:
        """Parse texts in batches: spaCy gives each the same parse as alone (checked by a unit test), faster."""
        from receipts.runtime import process

        return list(process(self.nlp, [(t, None) for t in texts], batch_size=64))

    @staticmethod
    def dump(doc) -> bytes:
        """What the rules read of a parse, compactly: per token the tag, part of speech, lemma (when it is not
        the lower-case word), dependency, head and entity, as small indices into the sentence's own strings,
        column by column. The text and its tokens are not kept (the tokenizer gives them again), nor the
        morphology (no rule reads it)."""
        strings: dict[str, int] = {"": 0}

        def ref(value: str) -> int:
            return strings.setdefault(value, len(strings))

        cols = np.array(
            [
                [ref(t.tag_) for t in doc],
                [ref(t.pos_) for t in doc],
                [_SAME if t.lemma_ == t.lower_ else ref(t.lemma_) for t in doc],
                [ref(t.dep_) for t in doc],
                [t.head.i - t.i for t in doc],
                [t.ent_iob for t in doc],
                [ref(t.ent_type_) for t in doc],
            ],
            dtype=np.int64,
        ).reshape(7, len(doc))
        head = "\x1f".join(list(strings)[1:]).encode("utf-8")
        small = not len(doc) or (cols.min() >= -128 and cols.max() <= 127)
        if not small and (cols.min() < -32768 or cols.max() > 32767):
            return b"\x02" + doc.to_bytes(exclude=["tensor", "user_data"])  # an odd sentence: spaCy's own format
        body = cols.astype(np.int8 if small else np.int16).tobytes()
        return (b"\x00" if small else b"\x01") + len(head).to_bytes(4, "little") + head + body

    def load(self, text: str, data: bytes):
        """A parse from ``dump``, with the numbers stage run over it again."""
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, TAG
        from spacy.parts_of_speech import IDS
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        if data[:1] == b"\x02":
            doc = Doc(vocab).from_bytes(data[1:])
        else:
            size = int.from_bytes(data[1:5], "little")
            strings = ["", *data[5 : 5 + size].decode("utf-8").split("\x1f")] if size else [""]
            doc = self.nlp.make_doc(text)
            width = np.int8 if data[:1] == b"\x00" else np.int16
            cols = np.frombuffer(data[5 + size :], dtype=width).astype(np.int64).reshape(7, -1)
            if cols.shape[1] != len(doc):
                raise ValueError(f"stored parse has {cols.shape[1]} tokens, the tokenizer gives {len(doc)}")
            hashes = np.array([vocab.strings.add(x) if x else 0 for x in strings], dtype=np.uint64)
            pos = np.array([IDS.get(x, 0) for x in strings], dtype=np.uint64)
            lemma = np.array([vocab.strings.add(t.lower_) for t in doc], dtype=np.uint64)
            own = cols[2] != _SAME
            lemma[own] = hashes[cols[2][own]]
            array = np.stack(
                [
                    hashes[cols[0]],
                    pos[cols[1]],
                    lemma,
                    hashes[cols[3]],
                    cols[4].astype(np.uint64),
                    cols[5].astype(np.uint64),
                    hashes[cols[6]],
                ],
                axis=1,
            )
            doc.from_array([TAG, POS, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE], array)
        doc._.published = None
        doc._.aliases = None
        for name in _AFTER_PARSE:
            if name in self.nlp.pipe_names:
                doc = self.nlp.get_pipe(name)(doc)
        return doc


_SAME = -1  # in a stored parse: the lemma is the lower-case word


@lru_cache(maxsize=2)
def _parser(model: str) -> _Parser:
    return _Parser(model)


def verify_parser(model: str) -> _Parser:
    """The parse verification reads (spaCy and the numbers stage), for measuring its rules elsewhere."""
    return _Parser(model)


def _verify_cache(settings: Settings, parser: _Parser | None) -> VerifyCache:
    cache = verify_cache(settings.database_url, embedding_model=settings.embedding_model)
    if parser is not None:
        cache.use_parses(parser.version)
    return cache


_MEMO = 20000
FOLLOW_ON = 2  # sentences a rejection may point back across ("... said X. They got attention. It was false.")
MATCH_BLOCK = 2048  # claims per block of the similarity product in match_claims


class _Work:
    """What one verify run works out in batches ahead of judging, and keeps: query vectors (handed to the
    index), parses (handed to the verifier) and search results (memoised for the run)."""

    def __init__(self, settings: Settings, verifier: Verifier, index, origins: dict) -> None:
        self.verifier = verifier
        self.index = index
        self.store = index.store
        self.origins = origins
        self.parser = verifier.parse if isinstance(verifier.parse, _Parser) else None
        self.cache = _verify_cache(settings, self.parser)
        self._found: dict[tuple[str, int], list] = {}
        self._before: dict[str, str | None] = {}
        self._after: dict[str, tuple | None] = {}  # sentence id -> the row of the sentence after it, if kept
        self.counts = {"parsed": 0, "parses_read": 0, "embedded": 0, "vectors_read": 0}

    def vectors(
        self, queries: list[str], documents: set[str] | None = None, *, rank: bool = True
    ) -> dict[str, np.ndarray]:
        """Hand the index a vector for each query, in float16 as the sentence vectors are: a query that is the
        text of a stored sentence of ``documents`` has that sentence's vector; the others come from the
        cache or are embedded in one batch (and cached). ``rank``: False to skip ranking the index for them.
        Returns the vectors."""
        if self.index.embedder is None:
            return {}
        todo = list(dict.fromkeys(queries))
        known = self._sentence_vectors(set(todo), documents) if documents else {}
        rest = [q for q in todo if q not in known]
        cached = self.cache.vectors(rest)
        self.counts["vectors_read"] += len(known) + len(cached)
        known.update(cached)
        missing = [q for q in rest if q not in cached]
        if missing:
            fresh = {
                q: v.astype(np.float16).astype(np.float32) for q, v in zip(missing, self.index.embedder.encode(missing))
            }
            self.counts["embedded"] += len(fresh)
            self.cache.put_vectors(fresh)
            known.update(fresh)
        self.index.prime(known, rank=rank)
        return known

    def _sentence_vectors(self, queries: set[str], documents: set[str]) -> dict[str, np.ndarray]:
        ids = sorted(documents)
        by_key: dict[int, str] = {}
        with self.store.transaction() as s:
            for lo in range(0, len(ids), 500):
                for text, key in s.execute(
                    select(SentenceRow.text, SentenceIndexRow.key)
                    .join(SentenceIndexRow, SentenceIndexRow.sentence_id == SentenceRow.id)
                    .where(SentenceRow.document_id.in_(ids[lo : lo + 500]))
                ):
                    if text in queries:
                        by_key[int(key)] = text
        return {by_key[key]: vec for key, vec in self.index.vectors_for_keys(list(by_key)).items()}

    def parses(self, texts: list[str]) -> None:
        """Make sure the verifier holds parses of these texts: from the cache, else parsed in one batch."""
        todo = [t for t in dict.fromkeys(texts) if not self.verifier.knows(t)]
        if not todo or self.parser is None:
            return
        docs = {}
        for t, data in self.cache.parses(todo).items():
            try:
                docs[t] = self.parser.load(t, data)
            except ValueError:  # tokens no longer as stored (a tokenizer change the version missed): parse again
                continue
        self.counts["parses_read"] += len(docs)
        missing = [t for t in todo if t not in docs]
        if missing:
            fresh = dict(zip(missing, self.parser.many(missing)))
            self.counts["parsed"] += len(fresh)
            self.cache.put_parses({t: self.parser.dump(d) for t, d in fresh.items()})
            docs.update(fresh)
        self.verifier.remember(docs)

    def prepare(self, claims: list[ClaimInput], k: int) -> None:
        """Vectors, searches and parses for a batch of claims, ahead of judging them."""
        self.vectors([_query(c) for c in claims], {c.document_id for c in claims})
        texts = [c.text for c in claims]
        for c in claims:
            texts += [item.text for item in self.search(_query(c), k)]
        self.parses(texts)

    def touches(self, text: str, query: str, k: int, touched: set[str], keys: dict[int, frozenset[str]]) -> bool:
        """Whether the top k for a query (``search``) hold a sentence of the touched documents (whose index
        keys are those of ``keys``, with their stems) that may bear on the text. Bounds on the rankings are
        looked at first (``_may_reach``), then the fused ranking: when none of its keys is one of those, no
        sentence is read."""
        depth = 2 * k if self.origins else k
        if not self._may_reach(text, query, depth, keys):
            return False
        if not any(hit.index in keys for hit in self.index.retriever.search(query, k=depth)):
            return False
        return any(item.document_id in touched and may_bear(text, item.text) for item in self.search(query, k))

    def may_reach(
        self, text: str, query: str, depth: int, keys: dict[int, frozenset[str]], floors: dict[str, dict[int, int]]
    ) -> bool:
        """``_may_reach`` with the vector ranking's places bounded from below (``floors``, from
        ``SentenceIndex.dense_floors``) instead of known: False only when even at those places no sentence
        under ``keys`` could be in the fused top ``depth``, so the query need not be ranked at all."""
        bound = floors.get(query)
        return bound is None or self._may_reach(text, query, depth, keys, dense=bound, unknown=0)

    def _may_reach(
        self,
        text: str,
        query: str,
        depth: int,
        keys: dict[int, frozenset[str]],
        *,
        dense: dict[int, int] | None = None,
        unknown: int = 1 << 30,
    ) -> bool:
        """Whether a sentence under ``keys`` that may bear on the text can be in the fused top ``depth`` for
        the query, judged without searching from its place in the vector ranking (primed) and the least
        place it can have in the full-text ranking (``lexical_floors``). Fusion by reciprocal rank puts a
        sentence that is in one ranking only, at place r, below the r sentences ahead of it there; so it
        must be ahead of place ``depth`` in one ranking, or in the top ``DEPTH`` of both. When a bound is
        not known the answer is yes (search). ``dense``: places (or least places) in the vector ranking to
        use instead of the primed ranking, ``unknown`` the place of a key it leaves out."""
        stems = _stems(text)
        near = [key for key, theirs in keys.items() if theirs & stems]  # what may_bear would keep
        if not near:
            return False
        if depth > DEPTH:
            return True
        if dense is None:
            dense = self.index.dense_ranks(query)
        floors = self.index.lexical_floors(query, near, enough=DEPTH) if dense is not None else None
        if floors is None:
            return True
        far = 1 << 30
        return any(
            min(floors.get(key, far), dense.get(key, unknown)) < depth
            or max(floors.get(key, far), dense.get(key, unknown)) < DEPTH
            for key in near
        )

    def with_before(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates, each that may reject something ("That is not true.") with the ``FOLLOW_ON``
        sentences before it in its document, which may say what it rejects."""
        out = []
        for c in candidates:
            if not might_reject(c.text):
                out.append(c)
                continue
            if c.id not in self._before:
                if len(self._before) >= _MEMO:
                    self._before.clear()
                with self.store.transaction() as s:
                    earlier = s.scalars(
                        select(SentenceRow.text)
                        .where(SentenceRow.document_id == c.document_id, SentenceRow.end <= c.start)
                        .order_by(SentenceRow.start.desc())
                        .limit(FOLLOW_ON)
                    ).all()
                self._before[c.id] = " ".join(reversed(earlier)) or None
            out.append(dataclasses.replace(c, before=self._before[c.id]))
        return out

    def with_follow_ons(self, candidates: list[Candidate]) -> list[Candidate]:
        """``follow_on``: the candidates, and after each the first of the next ``FOLLOW_ON`` sentences of its
        document that may reject something, when it was not retrieved itself ("So yesterday, the Russian
        government said it was withdrawing troops. They received a lot of attention for that claim. But we
        now know it was false." The last shares no word with the claim; the first does). Such a sentence is
        read only as a rejection pointing back (:class:`Candidate`), at the sentences from the retrieved one
        up to it."""
        have = {c.id for c in candidates}
        out = list(candidates)
        for c in candidates:
            if c.id not in self._after:
                if len(self._after) >= _MEMO:
                    self._after.clear()
                with self.store.transaction() as s:
                    rows = s.execute(
                        select(
                            SentenceRow.id,
                            SentenceRow.start,
                            SentenceRow.end,
                            SentenceRow.text,
                            SentenceRow.speaker_name,
                            SentenceRow.speaker_kind,
                        )
                        .where(SentenceRow.document_id == c.document_id, SentenceRow.start >= c.end)
                        .order_by(SentenceRow.start)
                        .limit(FOLLOW_ON)
                    ).all()
                found, between = None, [c.text]
                for row in rows:
                    if might_reject(row[3]):
                        found = (*row, " ".join(between))
                        break
                    between.append(row[3])
                self._after[c.id] = found
            nxt = self._after[c.id]
            if nxt is None or nxt[0] in have:
                continue
            have.add(nxt[0])
            out.append(
                dataclasses.replace(
                    c,
                    id=nxt[0],
                    start=nxt[1],
                    end=nxt[2],
                    text=nxt[3],
                    speaker=nxt[4],
                    speaker_kind=nxt[5],
                    before=nxt[6],
                    follow_on=True,
                )
            )
        return out

    def search(self, query: str, k: int) -> list:
        """The top k sentences for a query (as ``_search``), once per run."""
        key = (query, k)
        if key not in self._found:
            if len(self._found) >= _MEMO:
                self._found.clear()  # a long run keeps memory bounded; a search done again costs little
            self._found[key] = _search(self.index, query, k, self.origins)
        return self._found[key]


def make_verifier(settings: Settings) -> Verifier:
    from receipts.verify.nli import make_nli

    nli = make_nli(
        settings.nli_model, llm_url=settings.llm_url, llm_model=settings.llm_model, api_key=settings.llm_api_key
    )
    gate = RuleGate.load(settings.rule_table, minimum=settings.min_rule_precision)
    return Verifier(
        _parser(settings.spacy_model),
        nli,
        support_at=settings.nli_support_at,
        refute_at=settings.nli_refute_at,
        gate=gate,
    )


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _candidate(item, origins: dict[str, tuple[str, str | None]] | None = None) -> Candidate:
    origin, origin_source = (origins or {}).get(item.document_id, (None, None))
    return Candidate(
        item.id,
        item.document_id,
        item.start,
        item.end,
        item.text,
        item.speaker,
        item.source,
        _day(item.published),
        item.speaker_kind,
        origin,
        origin_source,
        getattr(item, "title", None),
    )


def _search(index, query: str, k: int, origins: dict[str, tuple[str, str | None]]) -> list:
    """The top k sentences for a query, a republished copy of a sentence already found left out (so
    that a syndicated story does not push other evidence out of the top k)."""
    if not origins:
        return [item for item, _ in index.search(query, k=k)]
    out, seen = [], set()
    for item, _ in index.search(query, k=2 * k):
        story = origins.get(item.document_id, (item.document_id,))[0]
        key = (story, " ".join(item.text.split()).lower())
        if key not in seen:
            seen.add(key)
            out.append(item)
        if len(out) == k:
            break
    return out


def _origins(store) -> dict[str, tuple[str, str | None]]:
    """Near-duplicates: document id -> (the document it republishes, that document's outlet)."""
    with store.transaction() as s:
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.near_duplicate_of).where(DocumentRow.near_duplicate_of.is_not(None))
        ).all()
        out = {}
        for doc_id, of in rows:
            original = s.get(DocumentRow, of)
            out[doc_id] = (of, original.source.name if original is not None and original.source else None)
        return out


CHUNK = 200  # claims (or statements) whose searches and parses are worked out together


def _claim_keys(canonical: dict | None) -> frozenset[str]:
    """The nouns a claim is searched by besides its text: the words of its quantity's unit."""
    unit = ((canonical or {}).get("quantity") or {}).get("unit")
    return frozenset(singular(w) for w in unit.lower().split() if w not in ("of", "percent")) if unit else frozenset()


def _promise_queries(actor: str | None, action: str, canonical: dict | None) -> tuple[str, str]:
    """What a promise is searched by: who promised what, and what was promised on its own."""
    obj = (canonical or {}).get("object_resolved")
    tail = f" ({obj})" if obj else ""
    return f"{actor or ''} {action}".strip() + tail, f"{action}" + tail


def _query(claim: ClaimInput) -> str:
    """What a claim is searched by: its text and the nouns known from its context."""
    return _query_text(claim.text, claim.keys)


def _query_text(text: str, keys: frozenset[str]) -> str:
    return text + (" " + " ".join(sorted(keys)) if keys else "")


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_COMMON = frozenset(
    "that this with from have has had were been will would said says their there they them what when "
    "which while about after before into over also than then more most some such only other".split()
)


def may_bear(claim: str, sentence: str) -> bool:
    """Whether a sentence shares a content word (by its first five letters) with a claim: the rules
    compare nothing else, so a sentence that shares none cannot change a verdict."""

    return bool(_stems(claim) & _stems(sentence))


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _COMMON}


def _touched_keys(store, touched: set[str]) -> dict[int, frozenset[str]]:
    """The index keys of the sentences of the touched documents, with the stems of each (``_stems``)."""
    ids = sorted(touched)
    out: dict[int, frozenset[str]] = {}
    with store.transaction() as s:
        for lo in range(0, len(ids), 500):
            for text, key in s.execute(
                select(SentenceRow.text, SentenceIndexRow.key)
                .join(SentenceIndexRow, SentenceIndexRow.sentence_id == SentenceRow.id)
                .where(SentenceRow.document_id.in_(ids[lo : lo + 500]))
            ):
                out[int(key)] = frozenset(_stems(text))
    return out


def _touched_stems(store, touched: set[str]) -> set[str]:
    """The stems of every sentence in the touched documents: a statement sharing none of them cannot be
    borne on by those documents (``may_bear``), so it need not even be searched for."""
    out: set[str] = set()
    ids = sorted(touched)
    with store.transaction() as s:
        for lo in range(0, len(ids), 500):
            for (text,) in s.execute(select(SentenceRow.text).where(SentenceRow.document_id.in_(ids[lo : lo + 500]))):
                out |= _stems(text)
    return out


def _promise_records(
    settings: Settings, parse: Callable, work: _Work | None = None
) -> tuple[list[PromiseRecord], dict[str, frozenset[str]]]:
    """Tracked promises with their current status and the sentence that set it; lemmas of each action."""
    records, lemmas = [], {}
    timelines = list_promise_timelines(settings)
    if work is not None:
        work.parses([p["action"] for p in timelines])
    for p in timelines:
        step = next((st for st in reversed(p["timeline"]) if st["status"] == p["status"]), None)
        evidence = (step or {}).get("evidence") or [None]
        records.append(
            PromiseRecord(
                p["id"],
                p["actor"],
                p["action"],
                date.fromisoformat(p["made_on"]) if p["made_on"] else None,
                p["status"],
                date.fromisoformat(step["as_of"]) if step and step["as_of"] else None,
                step["reason"] if step else "",
                evidence[0],
            )
        )
        lemmas[p["id"]] = frozenset(t.lemma_.lower() for t in parse(p["action"]) if t.pos_ in ("NOUN", "VERB"))
    return records, lemmas


def _promise_evidence(
    store, claim: ClaimInput, doc, records: list[PromiseRecord], lemmas: dict[str, frozenset[str]]
) -> list[EvidenceJudgement]:
    """Judgements from the promise record for a claim about a promise ("has begun keeping its promise")."""
    ref = find_reference(doc)
    if ref is None:
        return []
    out = []
    for record in relevant_promises(ref, records, said_on=claim.published, action_lemmas=lemmas):
        verdict = judge(ref, record)
        ev = record.evidence
        if verdict is None or not ev or not ev.get("sentence_id"):
            continue
        with store.transaction() as s:
            sent = s.get(SentenceRow, ev["sentence_id"])
            if sent is None:
                continue
            cand = Candidate(
                sent.id,
                sent.document_id,
                sent.start,
                sent.end,
                sent.text,
                ev.get("speaker"),
                ev.get("source"),
                date.fromisoformat(ev["published"]) if ev.get("published") else None,
            )
        stance, strength, detail = verdict
        out.append(EvidenceJudgement(cand, stance, strength, "promise", detail))
    return out


def refutations_in_stage(
    rows: list[tuple[tuple[str, int, int], str, str]], *, before_promise_claims: bool, about_a_promise: Callable
) -> set[tuple[str, int, int]]:
    """The spans of refuted claims whose sentences may not serve as evidence in this stage.

    A full run decides claims about promises ("has begun keeping its promise") after the others, so their
    refutations cannot yet take evidence away from the others. A ``--new`` run that starts from the stored
    verdicts must not let them either, or its answer would depend on how the store was verified before. An
    editor's verdict always counts.

    :param rows: (span, claim text, origin) of each refuted claim.
    :param before_promise_claims: Whether this stage comes before the claims about promises are decided.
    """
    return {
        span
        for span, text, origin in rows
        if not before_promise_claims or origin == "human" or not about_a_promise(text)
    }


def verify_claims(
    settings: Settings,
    *,
    claim_id: str | None = None,
    k: int = 12,
    on_progress: Callable[[str], None] | None = None,
    verifier: Verifier | None = None,
    about_promises: bool = False,
    defer_promise_claims: bool = False,
    touched: set[str] | None = None,
) -> list[dict]:
    """Retrieve evidence for each stored claim, decide a verdict and store it (machine verdicts are replaced).

    ``touched`` (document ids, for ``receipts verify --new``) limits the work to the claims of those
    documents and the claims whose evidence search now finds a sentence in them; the other verdicts stay.

    A claim about a promise ("Dravania has begun keeping its promise") is also held against the
    status tracked for that promise; ``about_promises`` re-verifies only such claims (run it after
    ``track_promises``); ``defer_promise_claims`` leaves them out, for a run that will do so.

    :raises NotFound: When claim_id is given and not stored.
    """
    store = open_store(settings)
    index = sentence_index(settings)
    verifier = verifier or make_verifier(settings)
    origins = _origins(store)
    work = _Work(settings, verifier, index, origins)
    records, action_lemmas = _promise_records(settings, verifier.doc, work)
    with store.transaction() as s:
        # the columns read below, not whole rows: a large store has tens of thousands of claims
        stmt = (
            select(
                ClaimRow.id,
                ClaimRow.document_id,
                ClaimRow.start,
                ClaimRow.end,
                ClaimRow.text,
                ClaimRow.speaker_name,
                ClaimRow.canonical,
                DocumentRow.published,
                SourceRow.name,
            )
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id)
        )
        if claim_id:
            stmt = stmt.where(ClaimRow.id == claim_id)
        rows = s.execute(stmt.order_by(DocumentRow.published, ClaimRow.start)).all()
        if claim_id and not rows:
            raise NotFound(f"No claim {claim_id!r}; see 'receipts claims'")
        commitments = {}
        for p in s.execute(
            select(
                CommitmentRow.document_id,
                CommitmentRow.start,
                CommitmentRow.end,
                CommitmentRow.action,
                CommitmentRow.cue,
            )
        ):
            commitments.setdefault(p.document_id, []).append((p.start, p.end, p.action, p.cue))
        spans = {c.id: (c.document_id, c.start, c.end) for c in rows}
        # A claim the record refutes is not evidence for or against another one. An editor's verdict
        # counts as given; machine verdicts are worked out afresh below, in two passes, so that the
        # result does not depend on the order the claims are checked in or on an earlier run.
        fresh = not claim_id and not about_promises and touched is None  # a full run: all decided again
        refuted_rows = [
            ((c.document_id, c.start, c.end), c.text, v.origin)
            for v, c in s.execute(
                select(VerdictRow, ClaimRow)
                .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
                .where(VerdictRow.current.is_(True), VerdictRow.label == "REFUTED")
                .where(VerdictRow.origin == "human" if fresh else VerdictRow.origin.is_not(None))
            )
        ]
        claims = []
        forecasts = []  # promises and forecasts: tracked as commitments, not rated true or false
        for c in rows:
            src = c.name
            promised = any(
                a < c.end and c.start < b and (action in c.text or cue in c.text.split())
                for a, b, action, cue in commitments.get(c.document_id, [])
            )
            if promised or is_forecast(c.text):
                forecasts.append(ClaimInput(c.id, c.text, c.speaker_name, src, c.document_id, _day(c.published)))
                continue
            holds = (c.canonical or {}).get("holds_at")
            said = _day(c.published)
            about_past = bool(holds and said and holds[:10] < said.isoformat())
            unit = ((c.canonical or {}).get("quantity") or {}).get("unit")
            keys = _claim_keys(c.canonical)
            claims.append(
                ClaimInput(
                    c.id,
                    c.text,
                    c.speaker_name,
                    src,
                    c.document_id,
                    said,
                    about_past=about_past,
                    keys=keys,
                    unit=unit,
                    origin_document=origins.get(c.document_id, (None,))[0],
                )
            )

    def about_a_promise(text: str) -> bool:
        return may_refer(text) and find_reference(verifier.doc(text)) is not None

    if defer_promise_claims and not fresh:
        work.parses([text for _, text, origin in refuted_rows if origin != "human" and may_refer(text)])
    refuted = refutations_in_stage(
        refuted_rows, before_promise_claims=defer_promise_claims and not fresh, about_a_promise=about_a_promise
    )
    if about_promises or defer_promise_claims:
        kept = []
        for lo in range(0, len(claims), CHUNK):
            part = claims[lo : lo + CHUNK]
            work.parses([c.text for c in part if may_refer(c.text)])  # the others cannot be about a promise
            kept += [c for c in part if about_a_promise(c.text) == about_promises]
        claims = kept
    if touched is not None:  # retrieval is cheap; judging is not: judge only what the new documents touch
        near = _touched_stems(store, touched)
        # may_bear is needed below, so a claim sharing no word with the new documents is not searched for
        claims = [c for c in claims if c.document_id in touched or _stems(c.text) & near]
        keys = _touched_keys(store, touched)
        old = [c for c in claims if c.document_id not in touched]
        # first from a sample of the vector file (cheap), then, for the claims it cannot rule out, from the
        # whole ranking: only those are ranked
        depth = 2 * k if origins else k
        floors = work.index.dense_floors(
            work.vectors([_query(c) for c in old], {c.document_id for c in old}, rank=False),
            list(keys),
            (depth, DEPTH),
        )
        claims = [
            c for c in claims if c.document_id in touched or work.may_reach(c.text, _query(c), depth, keys, floors)
        ]
        work.vectors([_query(c) for c in claims if c.document_id not in touched], {c.document_id for c in claims})
        claims = [c for c in claims if c.document_id in touched or work.touches(c.text, _query(c), k, touched, keys)]
    if not claim_id and not about_promises and touched is None:
        with store.transaction() as s:
            s.execute(update(VerdictRow).where(VerdictRow.origin == "machine").values(current=False))

    def decide(claim: ClaimInput, excluded: set) -> tuple[Verdict, list[tuple[str, int, int]]]:
        found = work.search(_query(claim), k)
        candidates = work.with_follow_ons(
            work.with_before(
                [
                    _candidate(item, origins)
                    for item in found
                    if not any(doc == item.document_id and a < item.end and item.start < b for doc, a, b in excluded)
                ]
            )
        )
        extra = _promise_evidence(store, claim, verifier.doc(claim.text), records, action_lemmas) if records else []
        verdict = (
            aggregate(claim, verifier.judge(claim, candidates) + extra, method=verifier.method, gate=verifier.gate)
            if extra
            else verifier.verify(claim, candidates)
        )
        return verdict, [(item.document_id, item.start, item.end) for item in found]

    def keep(claim: ClaimInput, verdict: Verdict) -> None:
        with store.transaction() as s:
            s.execute(
                update(VerdictRow)
                .where(VerdictRow.claim_id == claim.id, VerdictRow.origin == "machine")
                .values(current=False)
            )
            human = s.scalar(
                select(VerdictRow.id).where(
                    VerdictRow.claim_id == claim.id, VerdictRow.origin == "human", VerdictRow.current.is_(True)
                )
            )
            s.add(
                VerdictRow(
                    claim_id=claim.id,
                    label=verdict.label,
                    confidence=verdict.confidence,
                    reason=verdict.reason,
                    evidence=[e.to_dict() for e in verdict.evidence],
                    method=verdict.method,
                    version="1",
                    origin="machine",
                    created_at=_now(),
                    current=human is None,
                )
            )

    first = {}
    for lo in range(0, len(claims), CHUNK):
        part = claims[lo : lo + CHUNK]
        work.prepare(part, k)  # the part's query vectors and parses, in batches
        for claim in part:  # each verdict is stored as it is decided: an interrupted run keeps what it did
            first[claim.id] = decide(claim, refuted)
            keep(claim, first[claim.id][0])
            if on_progress:
                on_progress(claim.id)
    # second pass: a claim whose evidence included a claim the first pass refuted is decided again without it
    refuted_now = refuted | {spans[cid] for cid, (v, _) in first.items() if v.label == "REFUTED" and cid in spans}
    final = {}
    for claim in claims:
        verdict, seen = first[claim.id]
        own = spans.get(claim.id)
        if any(
            doc == d and a < e and s_ < b
            for doc, s_, e in seen
            for d, a, b in refuted_now - refuted
            if (d, a, b) != own
        ):
            again, _ = decide(claim, refuted_now - ({own} if own else set()))
            if again != verdict:
                keep(claim, again)
            verdict = again
        final[claim.id] = verdict
    if not about_promises:  # the same answer from a full run, from --new and from --claim
        for claim in forecasts:
            if touched is not None and claim.document_id not in touched:
                continue
            verdict = Verdict(claim.id, "NOT_ENOUGH_INFO", 0.5, FORECAST_REASON, (), verifier.method)
            keep(claim, verdict)
            final[claim.id] = verdict
            claims.append(claim)
    out = []
    for claim in claims:
        verdict = final[claim.id]
        out.append(
            {
                "claim_id": claim.id,
                "claim": claim.text,
                "speaker": claim.speaker,
                "label": verdict.label,
                "confidence": verdict.confidence,
                "reason": verdict.reason,
                "method": verdict.method,
                "evidence": [e.to_dict() for e in verdict.evidence],
            }
        )
    return out


def verify_text(settings: Settings, substring: str, *, k: int = 12) -> dict:
    """Verify the stored sentence that contains substring (for statements not scored check-worthy).

    :raises NotFound: When no stored sentence contains it.
    """
    index = sentence_index(settings)
    hits = [i for i in index.items if substring.lower() in i.text.lower()]
    item = (
        min(hits, key=lambda i: (i.published or datetime.min.replace(tzinfo=timezone.utc), i.start)) if hits else None
    )
    if item is None:
        raise NotFound(f"No stored sentence contains {substring!r}")
    claim = ClaimInput(item.id, item.text, item.speaker, item.source, item.document_id, _day(item.published))
    verifier = make_verifier(settings)
    candidates = [_candidate(i) for i, _ in index.search(item.text, k=k)]
    records, lemmas = _promise_records(settings, verifier.doc)
    extra = _promise_evidence(open_store(settings), claim, verifier.doc(claim.text), records, lemmas) if records else []
    verdict = (
        aggregate(claim, verifier.judge(claim, candidates) + extra, method=verifier.method, gate=verifier.gate)
        if extra
        else verifier.verify(claim, candidates)
    )
    return {
        "label": verdict.label,
        "reason": verdict.reason,
        "confidence": verdict.confidence,
        "evidence": [e.to_dict() for e in verdict.evidence],
    }


def _nli_contra(verifier: Verifier, premise: str, hypothesis: str) -> float:
    """The NLI model's contradiction probability for one ordered pair (0 without a model)."""
    if verifier.nli is None:
        return 0.0
    return float(verifier.nli.predict([(premise, hypothesis)])[0][2])


def find_contradictions(
    settings: Settings, *, k: int = 8, verifier: Verifier | None = None, touched: set[str] | None = None
) -> list[dict]:
    """Find pairs of statements from different sources about the same thing that cannot both be true.

    ``touched`` (document ids) looks only for pairs with a side in those documents and keeps the rest.
    """
    store = open_store(settings)
    verifier = verifier or make_verifier(settings)
    if not any(verifier.gate.may_settle(name) for name in RULES if name.endswith("-refute")):
        # a contradiction is a finding only a rule precise on real news may make; with none, nothing
        # this run could find would be kept, so it searches for nothing (the result is the same)
        if touched is None:
            with store.transaction() as s:
                s.query(ContradictionRow).delete()
        return list_contradictions(settings)
    index = sentence_index(settings)
    with store.transaction() as s:
        claim_spans = {(c.document_id, c.start) for c in s.scalars(select(ClaimRow))}
    seeds = [i for i in index.items if ((i.document_id, i.start) in claim_spans or i.speaker) and is_statement(i.text)]
    origins = _origins(store)
    work = _Work(settings, verifier, index, origins)
    if touched is not None:
        near = _touched_stems(store, touched)
        seeds = [i for i in seeds if i.document_id in touched or _stems(i.text) & near]
        work.vectors([i.text for i in seeds if i.document_id not in touched], {i.document_id for i in seeds})
        keys = _touched_keys(store, touched)
        seeds = [i for i in seeds if i.document_id in touched or work.touches(i.text, i.text, k, touched, keys)]
    found: dict[str, dict] = {}
    for n, seed in enumerate(seeds):
        if n % CHUNK == 0:  # the next statements' vectors, searches and parses, in batches
            part = seeds[n : n + CHUNK]
            work.vectors([i.text for i in part], {i.document_id for i in part})
            work.parses([i.text for i in part] + [item.text for i in part for item in work.search(i.text, k)])
        held = assess(verifier.doc(seed.text), title=seed.title)
        if held.kind in ("correction", "headline") or (held.kind == "distanced" and not seed.speaker):
            continue  # a correction notice or a headline takes no side; "it is claimed that ..." has no asserter
        origin = origins.get(seed.document_id, (None, None))
        claim = ClaimInput(
            seed.id,
            seed.text,
            seed.speaker,
            seed.source,
            seed.document_id,
            _day(seed.published),
            origin_document=origin[0],
        )
        seed_source = origin[1] or seed.source or ""
        cands = [
            c
            for c in (_candidate(item, origins) for item in work.search(seed.text, k))
            if (c.origin_document or c.document_id) != (origin[0] or seed.document_id)
            and (c.origin_source or c.source or "") != seed_source
        ]
        for j in verifier.judge(claim, cands):
            if j.stance != "refute" or j.strength < 0.7:
                continue
            if not verifier.gate.may_settle(rule_name(j.signal, j.stance)):
                continue  # a contradiction is a finding: only rules precise on real news may make one
            if j.signal == "nli" and _nli_contra(verifier, seed.text, j.candidate.text) < verifier.refute_at:
                continue  # a contradiction holds both ways; the model's one-way call is not enough
            a, b = sorted([seed.id, j.candidate.id])
            cid = content_id("x", a, b)
            if cid not in found or found[cid]["score"] < j.strength:
                found[cid] = {
                    "id": cid,
                    "a": a,
                    "b": b,
                    "score": round(j.strength, 3),
                    "reason": j.detail if j.signal != "nli" else "the two statements cannot both be true (NLI)",
                    "method": f"{CONTRA_METHOD}+{j.signal}",
                }
    with store.transaction() as s:
        if touched is not None:  # keep what was found before; a pair found again keeps its id
            s.query(ContradictionRow).filter(ContradictionRow.id.in_(list(found))).delete(synchronize_session=False)
        else:
            s.query(ContradictionRow).delete()
        for item in found.values():
            s.add(
                ContradictionRow(
                    id=item["id"],
                    a_sentence_id=item["a"],
                    b_sentence_id=item["b"],
                    score=item["score"],
                    reason=item["reason"],
                    method=item["method"],
                    created_at=_now(),
                )
            )
    return list_contradictions(settings)


def list_contradictions(settings: Settings) -> list[dict]:
    store = open_store(settings)
    with store.transaction() as s:
        out = []
        for row in s.scalars(select(ContradictionRow).order_by(ContradictionRow.score.desc())):
            sides = []
            for sid in (row.a_sentence_id, row.b_sentence_id):
                sent = s.get(SentenceRow, sid)
                doc = s.get(DocumentRow, sent.document_id)
                sides.append(
                    {
                        "sentence_id": sid,
                        "text": sent.text,
                        "speaker": sent.speaker_name,
                        "source": doc.source.name if doc.source else None,
                        "document_id": doc.id,
                        "published": doc.published.date().isoformat() if doc.published else None,
                        "start": sent.start,
                        "end": sent.end,
                    }
                )
            out.append(
                {
                    "id": row.id,
                    "score": row.score,
                    "reason": row.reason,
                    "method": row.method,
                    "a": sides[0],
                    "b": sides[1],
                }
            )
        return out


def track_promises(
    settings: Settings, *, k: int = 15, touched: set[str] | None = None, verifier: Verifier | None = None
) -> list[dict]:
    """Rate each promise and agreement from later evidence and keep a dated timeline.

    ``touched`` (document ids) re-rates only the promises made in those documents or whose evidence
    search finds a sentence in them.
    """
    store = open_store(settings)
    index = sentence_index(settings)
    verifier = verifier or make_verifier(settings)
    parse = verifier.doc  # cached: the same evidence sentence comes up for many promises
    work = _Work(settings, verifier, index, {})
    near = _touched_stems(store, touched) if touched is not None else set()
    keys = _touched_keys(store, touched) if touched is not None else {}
    gate = RuleGate.load(settings.rule_table, minimum=settings.min_rule_precision)
    from receipts.extract.actors import AliasTable  # only here: reads elsewhere need no spaCy

    aliases = AliasTable.load(settings.aliases_file)
    with store.transaction() as s:
        rows = s.execute(
            select(CommitmentRow, DocumentRow)
            .join(DocumentRow, DocumentRow.id == CommitmentRow.document_id)
            .where(CommitmentRow.kind.in_(("promise", "agreement")))
        ).all()
        promises = [
            (p.id, p.actor_name, p.action, p.deadline_end or p.deadline, _day(d.published), p.document_id, p.canonical)
            for p, d in rows
        ]
        # The record excludes claims already found false: a refuted boast does not move a promise.
        refuted = set()
        for v, c in s.execute(
            select(VerdictRow, ClaimRow)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .where(VerdictRow.current.is_(True), VerdictRow.label == "REFUTED")
        ):
            refuted.add((c.document_id, c.start, c.end))

    def queries(part: list) -> list[str]:
        out = []
        for _, actor, action, _, _, doc_id, canonical in part:
            statement, what = _promise_queries(actor, action, canonical)
            if touched is None or doc_id in touched or _stems(statement) & near:
                out += [statement, what]
        return out

    for n, (pid, actor, action, deadline, made_on, doc_id, canonical) in enumerate(promises):
        if n % CHUNK == 0:  # the next promises' two searches each, embedded and ranked in one batch
            work.vectors(queries(promises[n : n + CHUNK]))
        statement, what = _promise_queries(actor, action, canonical)
        if touched is not None and doc_id not in touched and not _stems(statement) & near:
            continue  # shares no word with the new documents: may_bear below would keep nothing
        work.parses([statement])
        pdoc = parse(statement)
        actor_words = frozenset(w.lower() for w in (actor or "").split())
        actor_names = aliases.names_of(actor or "")
        promised = (canonical or {}).get("quantity") or {}
        steps: list[StatusStep] = []
        leads: list[tuple[tuple, StatusStep]] = []  # steps a rule saw but may not settle
        # what was promised, searched on its own as well: the promiser's name would otherwise crowd the
        # results with everything they said ("Kessler ... bring the remains home" vs "No remains have been returned")
        if (
            touched is not None
            and doc_id not in touched
            and not work.touches(statement, statement, k, touched, keys)
            and not work.touches(statement, what, k, touched, keys)
        ):
            continue  # nothing new in either top k bears on this promise: its timeline stands
        found = {item.id: item for item in work.search(statement, k)}
        found.update((item.id, item) for item in work.search(what, k) if item.id not in found)
        work.parses([item.text for item in found.values()])
        for item in found.values():
            when = _day(item.published)
            if item.document_id == doc_id or made_on is None or when is None or when <= made_on:
                continue
            if any(d == item.document_id and a < item.end and item.start < b for d, a, b in refuted):
                continue
            verdict = judge_step(
                pdoc,
                parse(item.text),
                promised_value=promised.get("value"),
                deadline=deadline,
                evidence_date=when,
                actor_words=actor_words,
                actor_names=actor_names,
            )
            if verdict:
                status, reason = verdict
                evidence = _candidate(item) and {
                    "sentence_id": item.id,
                    "document_id": item.document_id,
                    "text": item.text,
                    "source": item.source,
                    "speaker": item.speaker,
                    "published": when.isoformat(),
                }
                if gate.may_settle("promise-step"):
                    steps.append(StatusStep(status, when, reason, evidence))
                else:
                    # what the rule saw stays on the timeline as a lead; the status waits for an editor
                    lead = f"{LEAD}: may be {status} ({reason}); " + gate.why_not("promise-step")
                    leads.append(
                        ((_SEVERITY[status], when, item.id), StatusStep("not yet rated", when, lead, evidence))
                    )
        if leads:
            steps.append(max(leads, key=lambda pair: pair[0])[1])  # the gravest lead, the latest among equals
        with store.transaction() as s:
            s.query(PromiseStatusRow).filter(
                PromiseStatusRow.commitment_id == pid, PromiseStatusRow.origin == "machine"
            ).delete()
            s.add(
                PromiseStatusRow(
                    commitment_id=pid,
                    status="not yet rated",
                    as_of=made_on,
                    reason="promise recorded",
                    evidence=[],
                    method=PROMISE_METHOD,
                    origin="machine",
                    created_at=_now(),
                )
            )
            for step in _merge_same_day(timeline(steps)):
                s.add(
                    PromiseStatusRow(
                        commitment_id=pid,
                        status=step.status,
                        as_of=step.as_of,
                        reason=step.reason,
                        evidence=[step.evidence],
                        method=PROMISE_METHOD,
                        origin="machine",
                        created_at=_now(),
                    )
                )
    return list_promise_timelines(settings)


_SEVERITY = {"broken": 5, "stalled": 4, "compromise": 3, "kept": 2, "in the works": 1, "not yet rated": 0}


def _merge_same_day(steps: list[StatusStep]) -> list[StatusStep]:
    """On one day, the gravest news wins (a skipped meeting outweighs a scheduled one)."""
    by_day: dict = {}
    for st in steps:
        cur = by_day.get(st.as_of)
        if cur is None or _SEVERITY[st.status] > _SEVERITY[cur.status]:
            by_day[st.as_of] = st
    return timeline(list(by_day.values()))


def list_promise_timelines(settings: Settings) -> list[dict]:
    store = open_store(settings)
    with store.transaction() as s:
        out = []
        rows = s.execute(
            select(CommitmentRow, DocumentRow)
            .join(DocumentRow, DocumentRow.id == CommitmentRow.document_id)
            .where(CommitmentRow.kind.in_(("promise", "agreement")))
            .order_by(DocumentRow.published)
        ).all()
        for p, d in rows:
            steps = list(
                s.scalars(
                    select(PromiseStatusRow)
                    .where(PromiseStatusRow.commitment_id == p.id)
                    .order_by(PromiseStatusRow.as_of, PromiseStatusRow.id)
                )
            )
            human = [st for st in steps if st.origin == "human"]
            current = (human[-1] if human else steps[-1]).status if steps else "not yet rated"
            out.append(
                {
                    "id": p.id,
                    "actor": p.actor_name,
                    "action": p.action,
                    "cue": p.cue,
                    "kind": p.kind,
                    "made_on": d.published.date().isoformat() if d.published else None,
                    "deadline": (p.deadline_end or p.deadline).isoformat() if (p.deadline_end or p.deadline) else None,
                    "status": current,
                    "document_id": d.id,
                    "timeline": [
                        {
                            "status": st.status,
                            "as_of": st.as_of.isoformat() if st.as_of else None,
                            "reason": st.reason,
                            "evidence": st.evidence,
                            "origin": st.origin,
                        }
                        for st in steps
                    ],
                }
            )
        return out


def match_claims(
    settings: Settings, *, verifier: Verifier | None = None, touched: set[str] | None = None
) -> list[dict]:
    """Group the same claim repeated across documents and speakers; keep first and later appearances.

    Two claims match at ``match_suggested`` cosine similarity (MiniLM) and are confirmed at
    ``match_confirmed``; numbers must agree when both claims have one. Whether two claims match
    depends on those two alone, so with ``touched`` (document ids) only the pairs with a claim of
    those documents are worked out again and the others stay.
    """
    if settings.match_confirmed < settings.match_suggested:
        raise ConfigError("RECEIPTS_MATCH_CONFIRMED must be at least RECEIPTS_MATCH_SUGGESTED")
    store = open_store(settings)
    embedder = make_embedder(
        settings.embeddings,
        settings.embedding_model,
        lazy=True,
        backend=settings.embedding_backend,
        cache_dir=settings.model_cache,
    )
    with store.transaction() as s:
        rows = s.execute(
            select(ClaimRow.id, ClaimRow.text, ClaimRow.document_id, ClaimRow.canonical)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .order_by(DocumentRow.published, ClaimRow.start)
        ).all()
        claims = [(c.id, c.text, c.document_id, (c.canonical or {}).get("quantity")) for c in rows]
        if touched is None:
            s.query(ClaimMatchRow).delete()
            focus = list(range(len(claims)))
        else:
            focus = [i for i, c in enumerate(claims) if c[2] in touched]
            ids = [claims[i][0] for i in focus]
            for lo in range(0, len(ids), 500):
                part = ids[lo : lo + 500]
                s.query(ClaimMatchRow).filter(
                    ClaimMatchRow.claim_id.in_(part) | ClaimMatchRow.match_id.in_(part)
                ).delete(synchronize_session=False)
        if embedder is None or len(claims) < 2 or not focus:
            return list_matches(settings) if touched is not None and embedder is not None else []
        texts = [t for _, t, _, _ in claims]
        # the claims' vectors as verification searched by them (a stored sentence's own, else cached, else
        # embedded now), float16 as the index keeps them
        work = _Work(settings, verifier or make_verifier(settings), sentence_index(settings), {})
        work.vectors(texts, {c[2] for c in claims}, rank=False)  # compared with each other, not searched
        known = work.index._primed
        vecs = np.stack([known[t] for t in texts]).astype(np.float32)
        # every pair is scored, in blocks by matrix product; only pairs at the threshold reach Python
        pairs = []
        in_focus = set(focus)
        for lo in range(0, len(focus), MATCH_BLOCK):
            at = focus[lo : lo + MATCH_BLOCK]
            sims = vecs[at] @ vecs.T
            rows, cols = np.nonzero(sims >= settings.match_suggested)
            for r, c in zip(rows.tolist(), cols.tolist()):
                i = at[r]
                if c > i:
                    pairs.append((i, c, sims[r, c]))  # scored from the earlier claim's row, as a whole run does
                elif c < i and c not in in_focus:
                    pairs.append((c, i, sims[r, c]))
        for i, j, sim in sorted(pairs):
            sim = float(sim)
            if claims[i][2] == claims[j][2]:
                continue
            qa, qb = claims[i][3], claims[j][3]
            if qa and qb and qa.get("value") != qb.get("value"):
                continue  # "200 returned" and "100 returned" are different claims
            level = "confirmed" if sim >= settings.match_confirmed else "suggested"
            s.add(ClaimMatchRow(claim_id=claims[i][0], match_id=claims[j][0], similarity=round(sim, 4), level=level))
    return list_matches(settings)


def list_matches(settings: Settings, claim_id: str | None = None) -> list[dict]:
    """Matched claim pairs, the earlier appearance first."""
    store = open_store(settings)
    with store.transaction() as s:
        stmt = select(ClaimMatchRow)
        if claim_id:
            stmt = stmt.where((ClaimMatchRow.claim_id == claim_id) | (ClaimMatchRow.match_id == claim_id))
        out = []
        for m in s.scalars(stmt.order_by(ClaimMatchRow.similarity.desc())):
            a, b = s.get(ClaimRow, m.claim_id), s.get(ClaimRow, m.match_id)
            da, db_ = s.get(DocumentRow, a.document_id), s.get(DocumentRow, b.document_id)

            def side(c, d):
                return {
                    "claim_id": c.id,
                    "text": c.text,
                    "speaker": c.speaker_name,
                    "source": d.source.name if d.source else None,
                    "published": d.published.date().isoformat() if d.published else None,
                }

            republished = (
                db_.near_duplicate_of == da.id
                or da.near_duplicate_of == db_.id
                or (db_.near_duplicate_of is not None and db_.near_duplicate_of == da.near_duplicate_of)
            )
            out.append(
                {
                    "similarity": m.similarity,
                    "level": m.level,
                    "first": side(a, da),
                    "later": side(b, db_),
                    "republished": republished,
                }
            )
        return out


def list_verdicts(settings: Settings, *, claim_id: str | None = None, history: bool = False) -> list[dict]:
    store = open_store(settings)
    with store.transaction() as s:
        stmt = select(VerdictRow, ClaimRow).join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
        if claim_id:
            stmt = stmt.where(VerdictRow.claim_id == claim_id)
        if not history:
            stmt = stmt.where(VerdictRow.current.is_(True))
        return [
            {
                "id": v.id,
                "claim_id": v.claim_id,
                "claim": c.text,
                "speaker": c.speaker_name,
                "label": v.label,
                "confidence": v.confidence,
                "reason": v.reason,
                "evidence": v.evidence,
                "method": v.method,
                "origin": v.origin,
                "reviewer": v.reviewer,
                "rationale": v.rationale,
                "created_at": v.created_at.isoformat(),
                "current": v.current,
            }
            for v, c in s.execute(stmt.order_by(VerdictRow.claim_id, VerdictRow.created_at))
        ]


def verify_all(
    settings: Settings,
    *,
    on_stage: Callable[[str], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
    new_only: bool = False,
    documents: set[str] | None = None,
) -> dict:
    """The whole record check, in order: claims, contradictions, promises, claims about promises, repeats.

    Claims about a promise are rated after the promise record they are held against. With
    ``new_only`` only what the documents stored since the last finished check touch is checked
    (``receipts verify --new``); with no earlier check, everything is. ``documents`` names the new
    documents outright (a story just brought in through the web UI or the API).
    """
    stage = on_stage or (lambda _: None)
    store = open_store(settings)
    touched = set(documents) if documents is not None else new_documents(settings) if new_only else None
    with store.transaction() as s:
        run_id = repo.start_run(
            s, command="verify", code_version=__version__, config_hash="", spacy_model=settings.spacy_model
        )
    verifier = make_verifier(settings)  # one for every step: a sentence is parsed once per run, not per step
    stage("verifying claims")
    verdicts = verify_claims(
        settings, on_progress=on_progress, defer_promise_claims=True, touched=touched, verifier=verifier
    )
    stage("contradictions")
    contradictions = find_contradictions(settings, touched=touched, verifier=verifier)
    stage("promises")
    promises = track_promises(settings, touched=touched, verifier=verifier)
    stage("claims about promises")
    verdicts += verify_claims(
        settings, about_promises=True, on_progress=on_progress, touched=touched, verifier=verifier
    )
    stage("matching repeated claims")
    matches = match_claims(settings, verifier=verifier, touched=touched)
    with store.transaction() as s:
        repo.finish_run(s, run_id, documents=len(touched) if touched is not None else 0, duplicates=0, failed=0)
    return {
        "verdicts": verdicts,
        "contradictions": contradictions,
        "promises": promises,
        "matches": matches,
        "touched": sorted(touched) if touched is not None else None,
    }


def new_documents(settings: Settings) -> set[str] | None:
    """Documents stored since the last finished ``verify`` started; None when nothing was ever verified."""
    from sqlalchemy import func

    with open_store(settings).transaction() as s:
        last = s.scalar(
            select(func.max(PipelineRunRow.started_at)).where(
                PipelineRunRow.command == "verify", PipelineRunRow.finished_at.is_not(None)
            )
        )
        if last is None:
            return None
        return set(s.scalars(select(DocumentRow.id).where(DocumentRow.ingested_at >= last)))


def cache_search_vectors(settings: Settings, documents: set[str], embed: Callable[[list[str]], np.ndarray]) -> int:
    """Embed ahead, into the verify cache, the texts verification will search these documents' claims and
    promises by (and compare their claims by) that are not stored sentences of theirs. Ingest calls this
    with the model it has loaded, so that ``receipts verify --new`` finds every vector it needs and does not
    load the model (seconds). Returns how many texts were embedded.

    :param embed: The embedding model's ``encode``.
    """
    ids = sorted(documents)
    claims: dict[str, None] = {}
    promises: dict[str, None] = {}
    sentences: set[str] = set()
    with open_store(settings).transaction() as s:
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            for c in s.scalars(select(ClaimRow).where(ClaimRow.document_id.in_(part))):
                claims.update(dict.fromkeys([c.text, _query_text(c.text, _claim_keys(c.canonical))]))
            for p in s.scalars(
                select(CommitmentRow).where(
                    CommitmentRow.document_id.in_(part), CommitmentRow.kind.in_(("promise", "agreement"))
                )
            ):
                promises.update(dict.fromkeys(_promise_queries(p.actor_name, p.action, p.canonical)))
            sentences.update(s.scalars(select(SentenceRow.text).where(SentenceRow.document_id.in_(part))))
    # a claim that is a whole sentence is searched by that sentence's stored vector (_Work.vectors); a promise
    # is not looked up among the sentences
    texts = list(dict.fromkeys([t for t in claims if t not in sentences] + list(promises)))
    cache = verify_cache(settings.database_url, embedding_model=settings.embedding_model)
    known = cache.vectors(texts)
    todo = [t for t in texts if t not in known]
    if todo:
        cache.put_vectors(dict(zip(todo, embed(todo))))  # kept in float16, as verification rounds its own
    return len(todo)


__all__ = [
    "aggregate",
    "find_contradictions",
    "list_contradictions",
    "list_promise_timelines",
    "list_verdicts",
    "track_promises",
    "verify_all",
    "verify_claims",
]
