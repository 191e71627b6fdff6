"""Evaluation use cases behind ``receipts eval ...``: load a data file, run, return metrics."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from receipts.config import Settings
from receipts.errors import ConfigError, ParseError


def read_jsonl(path: Path, *, limit: int | None = None) -> list[dict]:
    """Read a .jsonl or .jsonl.gz file.

    :raises ConfigError: When the file is missing.
    :raises ParseError: When a line is not JSON.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such data file")
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ParseError(f"{path}:{lineno}: malformed JSON: {exc.msg}") from exc
            if limit and len(rows) >= limit:
                break
    if not rows:
        raise ParseError(f"{path}: no rows")
    return rows


def eval_checkworthiness(
    settings: Settings,
    data: Path,
    fmt: str,
    *,
    limit: int | None = None,
    prefilter: bool = True,
    against: str | None = None,
    resamples: int = 2000,
) -> dict:
    """Score the check-worthiness model (or heuristic) on ClaimBuster or CheckThat! rows.

    :param against: Another model ('builtin' or a folder) scored on the same rows, the same way; the
        result then holds its figures under ``against`` and a paired bootstrap of the difference
        (other model minus this one) under ``comparison``.
    """
    from receipts.evaluate.checkworthiness import (
        compare_checkthat,
        compare_claimbuster,
        evaluate_checkthat,
        evaluate_claimbuster,
        heuristic_probabilities,
        pipeline_probabilities,
        select_rows,
    )
    from receipts.extract.checkworthy import CheckworthyScorer

    if fmt not in ("claimbuster", "checkthat"):
        raise ConfigError(f"--format must be claimbuster or checkthat, not {fmt!r}")
    rows = select_rows(read_jsonl(data), fmt)
    if limit:
        rows = rows[:limit]
    from receipts.runtime import load_nlp

    nlp = load_nlp(settings.spacy_model, stages=False)
    evaluate = evaluate_claimbuster if fmt == "claimbuster" else evaluate_checkthat

    def scored(model: str) -> tuple[dict, object]:
        scorer = CheckworthyScorer(model)
        if model not in ("builtin", "none") and not scorer.available:
            raise ConfigError(f"{model}: no check-worthiness model there (a folder with model.onnx)")
        if scorer.available:
            probabilities = pipeline_probabilities(nlp, scorer) if prefilter else scorer.probabilities
            method = scorer.method + ("+prefilter" if prefilter and scorer.prefilter else "")
        else:
            probabilities, method = heuristic_probabilities(nlp), scorer.method
        probs = probabilities([r["text"] for r in rows])
        result = evaluate(rows, lambda _texts: probs)
        result["method"] = method
        return result, probs

    result, probs = scored(settings.checkworthy_model)
    result["held_out_of_train"] = bool(rows and rows[0].get("split") == "train")
    if against is not None:
        other, other_probs = scored(against)
        result["against"] = {k: v for k, v in other.items() if k not in ("confusion", "per_debate_ap")}
        compare = compare_claimbuster if fmt == "claimbuster" else compare_checkthat
        result["comparison"] = compare(rows, probs, other_probs, resamples=resamples)
    return result


def _parse_all(settings: Settings, texts: list[str]):
    from receipts.runtime import load_nlp, process

    nlp = load_nlp(settings.spacy_model, checkworthy_model="none")
    return list(process(nlp, [(t, None) for t in texts]))


def eval_quantemp(settings: Settings, data: Path, *, limit: int | None = None) -> dict:
    """Numeric-claim type detection accuracy on QuanTemp's taxonomy subset."""
    from receipts.evaluate.quantemp import evaluate_quantemp
    from receipts.runtime import load_nlp

    rows = read_jsonl(data, limit=limit)
    nlp = load_nlp(settings.spacy_model, stages=False)
    return evaluate_quantemp(rows, list(nlp.pipe([r["text"] for r in rows])))


def eval_commitments(settings: Settings, data: Path, *, limit: int | None = None) -> dict:
    """Promise / agreement / intention detection on a labelled sentence file."""
    from receipts.evaluate.commitments import evaluate_commitments

    rows = read_jsonl(data, limit=limit)
    return evaluate_commitments(rows, _parse_all(settings, [r["text"] for r in rows]))


def eval_stories(settings: Settings, data: Path, *, limit: int | None = None, on_progress=None) -> dict:
    """Our end-to-end stories: verdicts, contradictions and promise statuses against expectations."""
    from receipts.evaluate.stories import evaluate_stories

    return evaluate_stories(read_jsonl(data, limit=limit), settings, on_progress=on_progress)


def eval_real_stories(settings: Settings, data: Path, *, split: str | None = None, on_progress=None) -> dict:
    """Real stories (real reporting in our words, gold written first): verdict, contradiction and
    promise-status precision, and quote speaker accuracy."""
    from receipts.evaluate.real_stories import evaluate_real_stories, load_stories

    return evaluate_real_stories(load_stories(data, split=split), settings, on_progress=on_progress)


def eval_verify(
    settings: Settings,
    data: Path,
    fmt: str,
    *,
    limit: int | None = None,
    against: str | None = None,
    resamples: int = 2000,
) -> dict:
    """NLI-based verification quality on SICK/ANLI pairs, Climate-FEVER, AVeriTeC or PolitiHop.

    :param against: Another NLI model ('builtin' or a folder) scored on the same rows; its figures go under
        ``against`` and a paired bootstrap over rows of the difference (against - model) under ``compared``.
    """
    from receipts.evaluate.verify_eval import compare_predictions, evaluate_claim_evidence, evaluate_pairs
    from receipts.verify.nli import make_nli

    if fmt not in ("nli", "climate-fever", "averitec", "politihop"):
        raise ConfigError(f"--format must be nli, climate-fever, averitec or politihop, not {fmt!r}")

    def scored(model: str) -> dict:
        nli = make_nli(model, llm_url=settings.llm_url, llm_model=settings.llm_model, api_key=settings.llm_api_key)
        if nli is None:
            raise ConfigError(
                "no NLI model: train one with training/train_nli.py, set RECEIPTS_NLI_MODEL to a folder, "
                "or RECEIPTS_LLM_URL to an OpenAI-compatible endpoint"
            )
        out = evaluate_pairs(rows, nli) if fmt == "nli" else evaluate_claim_evidence(rows, nli, fmt)
        out["method"] = nli.method
        return out

    rows = read_jsonl(data, limit=limit)
    result = scored(settings.nli_model)
    if against is not None:
        other = scored(against)
        result["compared"] = compare_predictions(result["predictions"], other["predictions"], resamples=resamples)
        result["against"] = {k: v for k, v in other.items() if k != "predictions"}
    result.pop("predictions")
    return result


def eval_rules(
    settings: Settings,
    data: Path,
    fmt: str,
    *,
    limit: int | None = None,
    on_progress=None,
    with_nli: bool = False,
    evidence: str = "annotated",
) -> dict:
    """Each named verification rule's precision on a real labelled set (Climate-FEVER pairs, PolitiHop)."""
    from receipts.app.verification import verify_parser
    from receipts.evaluate.rules_eval import evaluate_rules
    from receipts.verify.nli import make_nli

    if fmt not in ("climate-fever", "politihop"):
        raise ConfigError(f"--format must be climate-fever or politihop, not {fmt!r}")
    parser = verify_parser(settings.spacy_model)
    nli = None
    if with_nli:
        nli = make_nli(
            settings.nli_model, llm_url=settings.llm_url, llm_model=settings.llm_model, api_key=settings.llm_api_key
        )
        if nli is None:
            raise ConfigError("--nli: no NLI model is configured (RECEIPTS_NLI_MODEL)")
    return evaluate_rules(
        read_jsonl(data, limit=limit),
        parser.many,
        fmt,
        on_progress=on_progress,
        nli=nli,
        evidence=evidence,
        nli_at=(settings.nli_support_at, settings.nli_refute_at),
    )


def eval_attribution(
    settings: Settings,
    data: Path,
    *,
    limit: int | None = None,
    on_progress=None,
    setting: str = "documents",
    stories: Path | None = None,
    stories_split: str | None = "dev",
    against: str | None = None,
    resamples: int = 2000,
) -> dict:
    """Score receipts' quote attribution on PolNeAR-style rows (source, cue, content spans).

    :param setting: ``documents`` (the default: every span of every article, primary annotator) or
        ``sentences`` (the published setting: only sentences that hold a gold attribution, every
        annotator's copy of a multiply annotated article scored as its own item).
    :param stories: Also score quote speakers on these real stories (a folder or one story file),
        with the pipeline alone; the figures go under ``stories_speakers``.
    :param stories_split: Only the stories of this split (``splits.json``); None for all.
    :param against: Another attribution model ('builtin', 'none' or a folder) scored on the same
        articles; its figures go under ``against`` and a paired bootstrap over articles of the
        difference (it minus the configured model) under ``comparison``.
    """
    from receipts.evaluate.attribution import summarise

    if setting not in ("documents", "sentences"):
        raise ConfigError(f"--setting must be documents or sentences, not {setting!r}")
    rows = read_jsonl(data, limit=limit)
    for lineno, row in enumerate(rows, start=1):
        if not isinstance(row.get("text"), str) or "attributions" not in row:
            raise ParseError(f"{data}:{lineno}: row has no 'text' and 'attributions' (is this PolNeAR data?)")
    nlp, skip = _attribution_nlp(settings, settings.attribution_model)
    per_doc = _attribution_pass(nlp, skip, rows, setting, on_progress)
    result = summarise(*_merged(per_doc), len(rows))
    result["method"] = nlp.get_pipe("receipts_quotes").method
    result["setting"] = setting
    if stories is not None:
        from receipts.evaluate.real_stories import load_stories, speakers_from_pipeline

        with nlp.select_pipes(disable=skip):
            result["stories_speakers"] = speakers_from_pipeline(load_stories(stories, split=stories_split), nlp)
        result["stories_speakers"]["split"] = stories_split or "all"
    if against is not None:
        other_nlp, other_skip = _attribution_nlp(settings, against)
        other = _attribution_pass(other_nlp, other_skip, rows, setting, on_progress)
        result["against"] = summarise(*_merged(other), len(rows))
        result["against"]["method"] = other_nlp.get_pipe("receipts_quotes").method
        result["comparison"] = _attribution_comparison(per_doc, other, resamples)
    return result


def _attribution_nlp(settings: Settings, model: str):
    from receipts.runtime import load_nlp

    nlp = load_nlp(
        settings.spacy_model, checkworthy_model="none", aliases_file=settings.aliases_file, attribution_model=model
    )
    skip = [
        n
        for n in ("receipts_numbers", "receipts_claims", "receipts_commitments", "receipts_events")
        if n in nlp.pipe_names
    ]
    return nlp, skip


def _attribution_pass(nlp, skip: list[str], rows: list[dict], setting: str, on_progress) -> list[tuple]:
    """Each article's counts, speaker hits and gold speakers, in row order."""
    from receipts.evaluate.attribution import (
        annotator_copies,
        attributed_sentences,
        gold_attributions,
        gold_resolver,
        new_counts,
        predicted_attributions,
        score_document,
        within,
    )

    per_doc = []
    with nlp.select_pipes(disable=skip):
        for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=8)):
            pred, resolve = predicted_attributions(doc), gold_resolver(doc)
            if setting == "documents":
                copies = [(gold_attributions(row), pred)]
            else:
                sentences = [(s.start_char, s.end_char) for s in doc.sents]
                copies = [(gold, within(pred, attributed_sentences(sentences, gold))) for gold in annotator_copies(row)]
            counts, hits, total = new_counts(), 0, 0
            for gold, scored in copies:
                h, t = score_document(row["text"], gold, scored, counts, resolve)
                hits += h
                total += t
            per_doc.append((counts, hits, total))
            if on_progress:
                on_progress()
    return per_doc


def _merged(per_doc: list[tuple], indices: list[int] | None = None) -> tuple[dict, int, int]:
    from receipts.evaluate.attribution import new_counts

    counts, hits, total = new_counts(), 0, 0
    for i in range(len(per_doc)) if indices is None else indices:
        c, h, t = per_doc[i]
        for key, value in c.items():
            counts[key].add(value.tp, value.pred, value.gold)
        hits += h
        total += t
    return counts, hits, total


def _attribution_comparison(a: list[tuple], b: list[tuple], resamples: int) -> dict:
    """Paired bootstrap over articles of exact source / cue / content F1 and speaker accuracy."""
    from receipts.evaluate.attribution import summarise
    from receipts.evaluate.metrics import paired_bootstrap

    out = {}
    articles = [list(range(len(a)))]
    for metric in ("source_f1", "cue_f1", "content_f1", "speaker_accuracy"):

        def statistic(idx: list[int], metric: str = metric) -> tuple[float, float]:
            return summarise(*_merged(a, idx), len(idx))[metric], summarise(*_merged(b, idx), len(idx))[metric]

        out[metric] = paired_bootstrap(statistic, articles, resamples=resamples)
        out[metric]["unit"] = "articles"
    return out
