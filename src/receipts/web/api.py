"""REST API under /api: read freely, write (reviews) with an API token."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from receipts import newsroom, publish, review
from receipts.errors import AuthError
from receipts.verify.promises import STATUSES
from receipts.verify.verifier import LABELS
from receipts.web.security import bearer_token

Label = Literal["SUPPORTED", "REFUTED", "DISPUTED", "NOT_ENOUGH_INFO"]
Status = Literal["not yet rated", "in the works", "stalled", "compromise", "kept", "broken"]
assert set(Label.__args__) == set(LABELS) and set(Status.__args__) == set(STATUSES)

ERRORS = {400: {"description": "A parameter has a value we do not accept"},
          404: {"description": "No such item"}}
WRITE_ERRORS = ERRORS | {401: {"description": "Missing or invalid API token"}}

router = APIRouter(prefix="/api", responses=ERRORS)


class Listing(BaseModel):
    """One page of a list."""

    items: list[dict]
    total: int
    limit: int
    offset: int


class ReviewIn(BaseModel):
    label: Label = Field(description="The verdict the editor sets")
    rationale: str = Field(min_length=1, max_length=5000, description="Why, in a sentence a reader can check")


class PromiseReviewIn(BaseModel):
    status: Status
    rationale: str = Field(min_length=1, max_length=5000)


def settings_of(request: Request):
    return request.app.state.settings


def page(limit: Annotated[int, Query(ge=1, le=newsroom.MAX_LIMIT)] = 50,
         offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
         actor: Annotated[Optional[str], Query(max_length=200, description="Speaker or actor name contains")] = None,
         since: Annotated[Optional[date], Query(description="Published on or after (YYYY-MM-DD)")] = None,
         until: Annotated[Optional[date], Query(description="Published on or before (YYYY-MM-DD)")] = None,
         q: Annotated[Optional[str], Query(max_length=500, description="Text contains")] = None) -> newsroom.Page:
    return newsroom.Page(limit=limit, offset=offset, actor=actor, since=since, until=until, q=q)


PageDep = Annotated[newsroom.Page, Depends(page)]


def editor(request: Request) -> str:
    """The user behind the request's API token.

    :raises AuthError: When there is none or it is not valid.
    """
    token = bearer_token(request)
    if token is None:
        raise AuthError("writes need an API token: 'Authorization: Bearer TOKEN' (from 'receipts users add')")
    return review.user_for_token(settings_of(request), token)


@router.get("/documents", response_model=Listing, summary="Stored documents, newest first")
def documents(request: Request, p: PageDep):
    return newsroom.documents(settings_of(request), p)


@router.get("/documents/{doc_id}", summary="One document with everything extracted from it")
def document(request: Request, doc_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.document(settings_of(request), doc_id)


@router.get("/actors", response_model=Listing, summary="Actors, most mentioned first")
def actors(request: Request, p: PageDep):
    return newsroom.actors(settings_of(request), p)


@router.get("/actors/{actor_id}", summary="An actor's quotes, claims, promises and record")
def actor(request: Request, actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    return newsroom.actor(settings_of(request), actor_id)


@router.get("/quotes", response_model=Listing, summary="Quotes with their resolved speaker")
def quotes(request: Request, p: PageDep):
    return newsroom.quotes(settings_of(request), p)


@router.get("/claims", response_model=Listing, summary="Check-worthy claims with the verdict in force")
def claims(request: Request, p: PageDep, verdict: Optional[Label] = None,
           origin: Optional[Literal["machine", "human"]] = None):
    return newsroom.claims(settings_of(request), newsroom.Page(**{**p.__dict__, "verdict": verdict, "origin": origin}))


@router.get("/claims/{claim_id}", summary="One claim: sentence, verdict, evidence, appearances, review history")
def claim(request: Request, claim_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.claim(settings_of(request), claim_id)


@router.get("/claims/{claim_id}/claimreview", summary="schema.org ClaimReview JSON-LD for a claim with a verdict")
def claim_review(request: Request, claim_id: Annotated[str, Path(max_length=40)]) -> dict:
    detail = newsroom.claim(settings_of(request), claim_id)
    if not detail["verdict"]:
        from receipts.errors import NotFound

        raise NotFound(f"claim {claim_id} has no verdict yet; run 'receipts verify'")
    return publish.claimreview(settings_of(request), detail)


@router.post("/claims/{claim_id}/review", responses=WRITE_ERRORS, summary="Confirm or override a verdict (editor)")
def review_claim(request: Request, claim_id: Annotated[str, Path(max_length=40)], body: ReviewIn,
                 user: Annotated[str, Depends(editor)]) -> dict:
    return review.review_claim(settings_of(request), claim_id, body.label, body.rationale, user)


@router.get("/verdicts", response_model=Listing, summary="Verdicts in force (machine and human)")
def verdicts(request: Request, p: PageDep, verdict: Optional[Label] = None,
             origin: Optional[Literal["machine", "human"]] = None):
    return newsroom.verdicts(settings_of(request), newsroom.Page(**{**p.__dict__, "verdict": verdict, "origin": origin}))


@router.get("/contradictions", response_model=Listing, summary="Pairs of statements that cannot both be true")
def contradictions(request: Request, p: PageDep):
    return newsroom.contradictions(settings_of(request), p)


@router.get("/promises", response_model=Listing, summary="Promises with their status and dated timeline")
def promises(request: Request, p: PageDep, status: Optional[Status] = None):
    return newsroom.promises(settings_of(request), newsroom.Page(**{**p.__dict__, "status": status}))


@router.get("/promises/{promise_id}", summary="One promise with its timeline and review history")
def promise(request: Request, promise_id: Annotated[str, Path(max_length=40)]) -> dict:
    return newsroom.promise(settings_of(request), promise_id)


@router.post("/promises/{promise_id}/review", responses=WRITE_ERRORS, summary="Set a promise's status (editor)")
def review_promise(request: Request, promise_id: Annotated[str, Path(max_length=40)], body: PromiseReviewIn,
                   user: Annotated[str, Depends(editor)]) -> dict:
    return review.review_promise(settings_of(request), promise_id, body.status, body.rationale, user)


@router.get("/search", summary="Hybrid (BM25 + MiniLM) search over every stored sentence")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           k: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    return {"query": q, "items": newsroom.search(settings_of(request), q, k=k)}


@router.get("/audit", summary="The audit log of editorial changes, newest first")
def audit(request: Request, entity_id: Annotated[Optional[str], Query(max_length=40)] = None,
          limit: Annotated[int, Query(ge=1, le=newsroom.MAX_LIMIT)] = 100) -> dict:
    return {"items": newsroom.audit(settings_of(request), entity_id, limit)}


@router.get("/claimreview", summary="ClaimReview JSON-LD for every reviewed claim")
def claimreviews(request: Request, reviewed_only: bool = True) -> dict:
    return {"items": publish.export_claimreviews(settings_of(request), reviewed_only=reviewed_only)}
