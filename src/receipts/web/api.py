"""REST API under /api: read freely, write (reviews) with an API token."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Optional

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, BeforeValidator, Field, model_validator

from receipts.app import curation, intake, newsroom, publish, queue, review
from receipts.app.newsroom import LABELS, STATUSES
from receipts.errors import AuthError, NotFound
from receipts.web.security import bearer_token, client_address, session_user

Label = Literal["SUPPORTED", "REFUTED", "DISPUTED", "NOT_ENOUGH_INFO"]
Status = Literal["not yet rated", "in the works", "stalled", "compromise", "kept", "broken"]
assert set(Label.__args__) == set(LABELS) and set(Status.__args__) == set(STATUSES)

ERRORS = {400: {"description": "A parameter has a value we do not accept"}, 404: {"description": "No such item"}}
WRITE_ERRORS = ERRORS | {
    401: {"description": "Missing or invalid API token"},
    429: {"description": "Too many invalid API tokens from this address; wait Retry-After seconds"},
}

router = APIRouter(prefix="/api", responses=ERRORS)


def _exactly(pattern: str, what: str) -> BeforeValidator:
    """Take a query value only when all of it is what the schema says.

    ("7" and a no-break space is no integer, 0 no date.)
    """
    shape = re.compile(pattern)

    def check(value: object) -> object:
        if isinstance(value, str) and not shape.fullmatch(value):
            raise ValueError(f"expected {what}")
        return value

    return BeforeValidator(check)


# Bounds come before the check in each Annotated, so that the schema states them as minimum and maximum.
WHOLE = _exactly(r"[+-]?[0-9]{1,30}", "a whole number")
Day = Annotated[date, _exactly(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date as YYYY-MM-DD")]


class Listing(BaseModel):
    """One page of a list."""

    items: list[dict]
    total: int
    limit: int
    offset: int


class SearchListing(Listing):
    """One page of search hits for a query."""

    query: str


class ReviewIn(BaseModel):
    verdict: Optional[Label] = Field(None, description="The verdict the editor sets (as `receipts review --verdict`)")
    label: Optional[Label] = Field(None, deprecated=True, description="Old name of `verdict`; still accepted")
    rationale: str = Field(
        min_length=1, max_length=review.MAX_RATIONALE, description="Why, in a sentence a reader can check"
    )

    @model_validator(mode="after")
    def _one_verdict(self) -> "ReviewIn":
        if self.verdict is None and self.label is None:
            raise ValueError('give the verdict: {"verdict": "SUPPORTED" | "REFUTED" | "DISPUTED" | "NOT_ENOUGH_INFO"}')
        if self.verdict and self.label and self.verdict != self.label:
            raise ValueError("'verdict' and its old name 'label' disagree; send only 'verdict'")
        return self

    @property
    def chosen(self) -> str:
        """The verdict, under its new name or its old one."""
        return self.verdict or self.label


class PromiseReviewIn(BaseModel):
    status: Status
    rationale: str = Field(min_length=1, max_length=review.MAX_RATIONALE)


class MergeIn(BaseModel):
    drop: int = Field(ge=1, le=newsroom.MAX_ID, description="The actor to fold into this one and remove")
    rationale: str = Field(min_length=1, max_length=review.MAX_RATIONALE)


class DismissIn(BaseModel):
    rationale: str = Field(min_length=1, max_length=review.MAX_RATIONALE, description="Why it needs no check")


class ContradictionStateIn(BaseModel):
    state: Literal["open", "confirmed", "dismissed"]
    rationale: str = Field(min_length=1, max_length=review.MAX_RATIONALE)


def settings_of(request: Request):
    return request.app.state.settings


def page(
    limit: Annotated[int, Ge(1), Le(newsroom.MAX_LIMIT), WHOLE, Query()] = 50,
    offset: Annotated[int, Ge(0), Le(newsroom.MAX_OFFSET), WHOLE, Query()] = 0,
    actor: Annotated[Optional[str], Query(max_length=200, description="Speaker or actor name contains")] = None,
    since: Annotated[Optional[Day], Query(description="Published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[Optional[Day], Query(description="Published on or before (YYYY-MM-DD)")] = None,
    q: Annotated[Optional[str], Query(max_length=500, description="Text contains")] = None,
) -> newsroom.Page:
    return newsroom.Page(limit=limit, offset=offset, actor=actor, since=since, until=until, q=q)


PageDep = Annotated[newsroom.Page, Depends(page)]


class DocumentIn(BaseModel):
    """A story to bring in: its text and what is known about it (a missing date or outlet gets a warning)."""

    text: str = Field(min_length=1, max_length=5_000_000, description="The article's text (plain, Markdown or HTML)")
    title: Optional[str] = Field(None, max_length=500)
    source: Optional[str] = Field(None, max_length=200, description="The outlet")
    url: Optional[str] = Field(None, max_length=2000)
    author: Optional[str] = Field(None, max_length=200)
    published: Optional[date] = Field(None, description="Publication date (YYYY-MM-DD)")
    verify: bool = Field(True, description="Check the new claims against the record now")


def editor(request: Request) -> str:
    """The user behind the request's API token.

    :raises AuthError: When there is none or it is not valid.
    """
    token = bearer_token(request)
    if token is None:
        raise AuthError("writes need an API token: 'Authorization: Bearer TOKEN' (from 'receipts users add')")
    return review.user_for_token(
        settings_of(request), token, address=client_address(request), throttle=request.app.state.throttle
    )


def editor_or_session(request: Request) -> str:
    """The editor behind the request: an API token, or the browser session of a logged-in editor.

    A session is enough for JSON bodies only: a cross-site form cannot send one, and the session
    cookie is SameSite=strict.

    :raises AuthError: When there is neither.
    """
    user = session_user(request)
    if bearer_token(request) is None and user:
        return user
    return editor(request)


@router.get("/documents", response_model=Listing, summary="Stored documents, newest first")
def documents(request: Request, p: PageDep):
    return newsroom.documents(settings_of(request), p)


@router.post(
    "/documents",
    status_code=201,
    responses=WRITE_ERRORS,
    summary="Bring a story in (editor): store, extract, verify its claims; returns ids, counts, warnings",
)
def add_document(request: Request, body: DocumentIn, user: Annotated[str, Depends(editor_or_session)]) -> dict:
    story = intake.StoryIn(
        text=body.text,
        title=body.title,
        source=body.source,
        url=body.url,
        author=body.author,
        published=body.published.isoformat() if body.published else None,
    )
    return intake.bring_in(settings_of(request), story, verify=body.verify)


@router.get("/documents/{doc_id}", summary="One document with everything extracted from it")
def document(request: Request, doc_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.document(settings_of(request), doc_id)


@router.get("/actors", response_model=Listing, summary="Actors, most mentioned first")
def actors(request: Request, p: PageDep):
    return newsroom.actors(settings_of(request), p)


@router.post(
    "/actors/{actor_id}/merge",
    responses=WRITE_ERRORS,
    summary="Fold another actor into this one: its mentions, quotes, claims and names move (editor)",
)
def merge_actor(
    request: Request,
    actor_id: Annotated[int, Ge(1), Le(newsroom.MAX_ID), WHOLE, Path()],
    body: MergeIn,
    user: Annotated[str, Depends(editor_or_session)],
) -> dict:
    return curation.merge_actors(settings_of(request), actor_id, body.drop, body.rationale, user)


@router.get("/actors/{actor_id}", summary="An actor's quotes, claims, promises and record")
def actor(request: Request, actor_id: Annotated[int, Ge(1), Le(newsroom.MAX_ID), WHOLE, Path()]) -> dict:
    return newsroom.actor(settings_of(request), actor_id)


@router.get("/quotes", response_model=Listing, summary="Quotes with their resolved speaker")
def quotes(
    request: Request,
    p: PageDep,
    topics: Annotated[
        bool,
        Query(
            description="Also attributions that report no statement: a topic only ('discussed the plan') "
            "or a cue that reports nothing said ('hopes', 'is expected to')."
        ),
    ] = False,
):
    return newsroom.quotes(settings_of(request), p, topics=topics)


@router.get("/claims", response_model=Listing, summary="Check-worthy claims with the verdict in force")
def claims(
    request: Request, p: PageDep, verdict: Optional[Label] = None, origin: Optional[Literal["machine", "human"]] = None
):
    return newsroom.claims(settings_of(request), newsroom.Page(**{**p.__dict__, "verdict": verdict, "origin": origin}))


@router.get("/claims/{claim_id}", summary="One claim: sentence, verdict, evidence, appearances, review history")
def claim(request: Request, claim_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.claim(settings_of(request), claim_id)


@router.get("/claims/{claim_id}/claimreview", summary="schema.org ClaimReview JSON-LD for a claim with a verdict")
def claim_review(request: Request, claim_id: Annotated[str, Path(max_length=40)]) -> dict:
    detail = newsroom.claim(settings_of(request), claim_id)
    if not detail["verdict"]:
        raise NotFound(f"claim {claim_id} has no verdict yet; run 'receipts verify'")
    return publish.claimreview(settings_of(request), detail)


@router.post("/claims/{claim_id}/review", responses=WRITE_ERRORS, summary="Confirm or override a verdict (editor)")
def review_claim(
    request: Request,
    claim_id: Annotated[str, Path(max_length=40)],
    body: ReviewIn,
    user: Annotated[str, Depends(editor)],
) -> dict:
    return review.review_claim(settings_of(request), claim_id, body.chosen, body.rationale, user)


@router.get("/verdicts", response_model=Listing, summary="Verdicts in force (machine and human)")
def verdicts(
    request: Request, p: PageDep, verdict: Optional[Label] = None, origin: Optional[Literal["machine", "human"]] = None
):
    return newsroom.verdicts(
        settings_of(request), newsroom.Page(**{**p.__dict__, "verdict": verdict, "origin": origin})
    )


@router.get(
    "/contradictions",
    response_model=Listing,
    summary="Pairs of statements that cannot both be true, each once, with the editors' state",
)
def contradictions(request: Request, p: PageDep, state: Optional[Literal["open", "confirmed", "dismissed"]] = None):
    return newsroom.contradictions(settings_of(request), p, state=state)


@router.post(
    "/contradictions/{contradiction_id}/state",
    responses=WRITE_ERRORS,
    summary="Confirm, dismiss or reopen a contradiction (editor)",
)
def contradiction_state(
    request: Request,
    contradiction_id: Annotated[str, Path(max_length=40)],
    body: ContradictionStateIn,
    user: Annotated[str, Depends(editor_or_session)],
) -> dict:
    return queue.set_contradiction_state(settings_of(request), contradiction_id, body.state, body.rationale, user)


@router.get(
    "/review-queue",
    response_model=Listing,
    summary="Machine verdicts to review: refuted and disputed first, then the most check-worthy",
)
def review_queue(
    request: Request,
    p: PageDep,
    verdict: Optional[Label] = None,
    outlet: Annotated[Optional[str], Query(max_length=200, description="Outlet contains")] = None,
    document: Annotated[Optional[str], Query(max_length=40, description="Only this story")] = None,
):
    return queue.review_queue(
        settings_of(request),
        queue.QueueFilter(outlet=outlet, document=document),
        newsroom.Page(**{**p.__dict__, "verdict": verdict}),
    )


@router.post(
    "/claims/{claim_id}/dismiss",
    responses=WRITE_ERRORS,
    summary="Take a claim out of the review queue, with a rationale (editor)",
)
def dismiss_claim(
    request: Request,
    claim_id: Annotated[str, Path(max_length=40)],
    body: DismissIn,
    user: Annotated[str, Depends(editor_or_session)],
) -> dict:
    return queue.dismiss_claim(settings_of(request), claim_id, body.rationale, user)


@router.get("/promises", response_model=Listing, summary="Promises with their status and dated timeline")
def promises(request: Request, p: PageDep, status: Optional[Status] = None):
    return newsroom.promises(settings_of(request), newsroom.Page(**{**p.__dict__, "status": status}))


@router.get("/promises/{promise_id}", summary="One promise with its timeline and review history")
def promise(request: Request, promise_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.promise(settings_of(request), promise_id)


@router.post("/promises/{promise_id}/review", responses=WRITE_ERRORS, summary="Set a promise's status (editor)")
def review_promise(
    request: Request,
    promise_id: Annotated[str, Path(max_length=40)],
    body: PromiseReviewIn,
    user: Annotated[str, Depends(editor)],
) -> dict:
    return review.review_promise(settings_of(request), promise_id, body.status, body.rationale, user)


@router.get(
    "/search",
    response_model=SearchListing,
    summary="Hybrid (BM25 + MiniLM) search over every stored sentence; only relevant ones, best first",
)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Ge(1), Le(newsroom.MAX_LIMIT), WHOLE, Query()] = 20,
    offset: Annotated[int, Ge(0), Le(newsroom.MAX_OFFSET), WHOLE, Query()] = 0,
    k: Annotated[
        Optional[int], Query(ge=1, le=newsroom.MAX_LIMIT, deprecated=True, description="Old name of limit")
    ] = None,
) -> dict:
    return newsroom.search_page(settings_of(request), q, newsroom.Page(limit=k or limit, offset=offset))


@router.get("/audit", response_model=Listing, summary="The audit log of editorial changes, newest first")
def audit(
    request: Request,
    entity_id: Annotated[Optional[str], Query(max_length=40)] = None,
    limit: Annotated[int, Ge(1), Le(newsroom.MAX_LIMIT), WHOLE, Query()] = 100,
    offset: Annotated[int, Ge(0), Le(newsroom.MAX_OFFSET), WHOLE, Query()] = 0,
) -> dict:
    return newsroom.audit_page(settings_of(request), newsroom.Page(limit=limit, offset=offset), entity_id)


@router.get("/claimreview", summary="ClaimReview JSON-LD for every reviewed claim")
def claimreviews(request: Request, reviewed_only: bool = True) -> dict:
    return {"items": publish.export_claimreviews(settings_of(request), reviewed_only=reviewed_only)}
