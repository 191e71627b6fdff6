"""An editor's clean-up, in the API and on the pages: split an actor, edit its aliases, and write what a
claim's published ClaimReview says (summary, review text, further sources). Every change is audited."""

from __future__ import annotations

from typing import Annotated, Optional

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from receipts.app import curation, newsroom, publish, review
from receipts.web.api import WHOLE, WRITE_ERRORS, editor_or_session, settings_of
from receipts.web.security import check_csrf, session_user

api = APIRouter(prefix="/api", responses=WRITE_ERRORS)
pages = APIRouter(include_in_schema=False)

ActorId = Annotated[int, Ge(1), Le(newsroom.MAX_ID), WHOLE, Path()]
Rationale = Annotated[str, Field(min_length=1, max_length=review.MAX_RATIONALE, description="Why (audited)")]
Names = Annotated[list[Annotated[str, Field(min_length=1, max_length=curation.MAX_NAME)]], Field(max_length=50)]


class SplitIn(BaseModel):
    name: str = Field(min_length=1, max_length=curation.MAX_NAME, description="The name that moves to a new actor")
    also: Names = Field(default_factory=list, description="More names that move with it")
    documents: Optional[list[Annotated[str, Field(max_length=40)]]] = Field(
        None, max_length=500, description="Move only what these documents say (all when omitted)"
    )
    rationale: Rationale


class AliasesIn(BaseModel):
    add: Names = Field(default_factory=list, description="Names that also mean this actor")
    remove: Names = Field(default_factory=list, description="Aliases that do not")
    rationale: Rationale


class SourceIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000, description="An absolute http(s) URL")
    name: Optional[str] = Field(None, max_length=300)


class ClaimReviewIn(BaseModel):
    claim_reviewed: Optional[str] = Field(
        None, max_length=publish.MAX_SUMMARY, description="The claim as summarised for readers; '' uses its words"
    )
    review_body: Optional[str] = Field(None, max_length=publish.MAX_BODY, description="The review's text")
    sources: Optional[list[SourceIn]] = Field(
        None, max_length=publish.MAX_SOURCES, description="Further sources (replace the current ones)"
    )
    rationale: Rationale


@api.post("/actors/{actor_id}/split", summary="Split an actor: what goes by a name moves to a new actor (editor)")
def split_actor(
    request: Request, actor_id: ActorId, body: SplitIn, user: Annotated[str, Depends(editor_or_session)]
) -> dict:
    return curation.split_actor(
        settings_of(request), actor_id, body.name, body.rationale, user, also=body.also, documents=body.documents
    )


@api.post("/actors/{actor_id}/aliases", summary="Add and remove an actor's aliases (editor)")
def edit_aliases(
    request: Request, actor_id: ActorId, body: AliasesIn, user: Annotated[str, Depends(editor_or_session)]
) -> dict:
    return curation.edit_aliases(
        settings_of(request), actor_id, add=body.add, remove=body.remove, rationale=body.rationale, user=user
    )


@api.post(
    "/claims/{claim_id}/claimreview",
    summary="Write the ClaimReview's summary, review text and further sources (editor); returns the new JSON-LD",
)
def edit_claimreview(
    request: Request,
    claim_id: Annotated[str, Path(max_length=40)],
    body: ClaimReviewIn,
    user: Annotated[str, Depends(editor_or_session)],
) -> dict:
    settings = settings_of(request)
    entry = publish.edit_claimreview(
        settings,
        claim_id,
        claim_reviewed=body.claim_reviewed,
        review_body=body.review_body,
        sources=None if body.sources is None else [s.model_dump() for s in body.sources],
        rationale=body.rationale,
        user=user,
    )
    detail = newsroom.claim(settings, claim_id)
    return {"audit": entry, "claimreview": publish.claimreview(settings, detail) if detail["verdict"] else None}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _editor(request: Request, csrf: str, back: str) -> str | RedirectResponse:
    check_csrf(request, csrf)
    return session_user(request) or RedirectResponse(f"/login?next={back}", status_code=303)


@pages.post("/actors/{actor_id}/split")
def split_actor_form(
    request: Request,
    actor_id: Annotated[int, PathParam(ge=1, le=newsroom.MAX_ID)],
    name: Annotated[str, Form()] = "",
    also: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
):
    user = _editor(request, csrf, f"/actors/{actor_id}")
    if isinstance(user, RedirectResponse):
        return user
    entry = curation.split_actor(settings_of(request), actor_id, name, rationale, user, also=_lines(also))
    return RedirectResponse(f"/actors/{entry['after']['id']}", status_code=303)


@pages.post("/actors/{actor_id}/aliases")
def edit_aliases_form(
    request: Request,
    actor_id: Annotated[int, PathParam(ge=1, le=newsroom.MAX_ID)],
    add: Annotated[str, Form()] = "",
    remove: Annotated[list[str], Form()] = [],  # noqa: B006  (FastAPI reads the default, never mutates it)
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
):
    user = _editor(request, csrf, f"/actors/{actor_id}")
    if isinstance(user, RedirectResponse):
        return user
    curation.edit_aliases(
        settings_of(request), actor_id, add=_lines(add), remove=remove, rationale=rationale, user=user
    )
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


@pages.post("/claims/{claim_id}/claimreview")
def edit_claimreview_form(
    request: Request,
    claim_id: str,
    claim_reviewed: Annotated[str, Form()] = "",
    review_body: Annotated[str, Form()] = "",
    sources: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
):
    user = _editor(request, csrf, f"/claims/{claim_id}")
    if isinstance(user, RedirectResponse):
        return user
    publish.edit_claimreview(
        settings_of(request),
        claim_id,
        claim_reviewed=claim_reviewed,
        review_body=review_body,
        sources=[line.strip() for line in sources.splitlines() if line.strip()],
        rationale=rationale,
        user=user,
    )
    return RedirectResponse(f"/claims/{claim_id}#claimreview", status_code=303)
