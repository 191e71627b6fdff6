"""Server-rendered pages (Jinja2, autoescaped). Reading needs no login and no JavaScript."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from receipts.app import curation, intake, newsroom, publish, queue, review
from receipts.app.newsroom import LABELS, STATUSES
from receipts.app.queries import report as markdown_report
from receipts.app.timeline import LEGEND, timeline_svg
from receipts.errors import AuthError, InvalidRequest, ReceiptsError, TooManyAttempts
from receipts.web.annotate import annotate
from receipts.web.security import check_csrf, client_address, csrf_token, safe_url, session_user

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)

LABEL_TEXT = {
    "SUPPORTED": "Supported",
    "REFUTED": "Refuted",
    "DISPUTED": "Disputed",
    "NOT_ENOUGH_INFO": "Not enough info",
}


def split_mark(text: str, a: int, b: int) -> tuple[str, str, str]:
    """Cut text into before / highlighted / after (the template escapes each part)."""
    a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
    return text[:a], text[a:b], text[b:]


def jsonld(obj: dict) -> str:
    """JSON for a <script type="application/ld+json"> block that no text can break out of."""
    return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


templates.env.globals.update(
    label_text=LABEL_TEXT, split_mark=split_mark, safe_url=safe_url, labels=LABELS, statuses=STATUSES
)
templates.env.filters["slug"] = lambda s: (s or "").lower().replace(" ", "-").replace("_", "-")


def settings_of(request: Request):
    return request.app.state.settings


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.update(request=request, user=session_user(request), csrf=csrf_token(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, code: int, message: str) -> str:
    return templates.get_template("error.html").render(request=request, code=code, message=message, user=None, csrf="")


def error_page(request: Request, code: int, message: str) -> HTMLResponse:
    return HTMLResponse(render_error(request, code, message), status_code=code)


def _page_links(request: Request, total: int, limit: int, offset: int) -> dict:
    params = dict(request.query_params)

    def at(off: int) -> str:
        return f"{request.url.path}?{urlencode(params | {'offset': off})}"

    return {
        "prev": at(max(0, offset - limit)) if offset > 0 else None,
        "next": at(offset + limit) if offset + limit < total else None,
        "first": offset + 1 if total else 0,
        "last": min(total, offset + limit),
        "total": total,
    }


def _opt_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidRequest(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request):
    data = newsroom.dashboard(settings_of(request))
    peak = max(
        [m.get("documents", 0) for m in data["per_month"]] + [m.get("claims", 0) for m in data["per_month"]] + [1]
    )
    return render(request, "dashboard.html", data=data, peak=peak)


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    verdict: Optional[str] = None,
    actor: Optional[str] = None,
    q: Optional[str] = None,
    origin: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    offset: Annotated[int, Query(ge=0, le=newsroom.MAX_OFFSET)] = 0,
):
    p = newsroom.Page(
        limit=25,
        offset=offset,
        verdict=verdict or None,
        actor=actor or None,
        q=q or None,
        origin=origin or None,
        since=_opt_date(since),
        until=_opt_date(until),
    )
    data = newsroom.claims(settings_of(request), p)
    return render(request, "claims.html", data=data, f=p, pages=_page_links(request, data["total"], p.limit, p.offset))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str):
    settings = settings_of(request)
    detail = newsroom.claim(settings, claim_id)
    ld = jsonld(publish.claimreview(settings, detail)) if detail["verdict"] else None
    return render(request, "claim.html", c=detail, jsonld=ld)


@router.post("/claims/{claim_id}/review")
def review_claim(
    request: Request,
    claim_id: str,
    verdict: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
):  # label: the field's old name
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse(f"/login?next=/claims/{claim_id}", status_code=303)
    review.review_claim(settings_of(request), claim_id, verdict or label, rationale, user)
    return RedirectResponse(f"/claims/{claim_id}#history", status_code=303)


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request,
    actor: Optional[str] = None,
    outlet: Optional[str] = None,
    verdict: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    document: Annotated[Optional[str], Query(max_length=40)] = None,
    offset: Annotated[int, Query(ge=0, le=newsroom.MAX_OFFSET)] = 0,
):
    p = newsroom.Page(
        limit=25,
        offset=offset,
        actor=actor or None,
        verdict=verdict or None,
        since=_opt_date(since),
        until=_opt_date(until),
    )
    settings = settings_of(request)
    data = queue.review_queue(settings, queue.QueueFilter(outlet=outlet or None, document=document or None), p)
    open_ones = newsroom.contradictions(settings, newsroom.Page(limit=newsroom.MAX_LIMIT), state="open")["items"]
    return render(
        request,
        "review.html",
        data=data,
        f=p,
        outlet=outlet or "",
        document=document or "",
        open_contradictions=open_ones,
        pages=_page_links(request, data["total"], p.limit, p.offset),
    )


def _back(target: str, fallback: str) -> str:
    """Only a path on this site to return to after a form (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else fallback


@router.post("/review/claims/{claim_id}")
def review_from_queue(
    request: Request,
    claim_id: str,
    action: Annotated[str, Form()] = "review",
    verdict: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/review",
):
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse("/login?next=/review", status_code=303)
    if action == "dismiss":
        queue.dismiss_claim(settings_of(request), claim_id, rationale, user)
    else:
        review.review_claim(settings_of(request), claim_id, verdict, rationale, user)
    return RedirectResponse(_back(back, "/review"), status_code=303)


@router.post("/contradictions/{contradiction_id}/state")
def contradiction_state(
    request: Request,
    contradiction_id: str,
    state: Annotated[str, Form()],
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/contradictions",
):
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse("/login?next=/review", status_code=303)
    queue.set_contradiction_state(settings_of(request), contradiction_id, state, rationale, user)
    return RedirectResponse(_back(back, "/contradictions"), status_code=303)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Optional[str] = None, offset: Annotated[int, Query(ge=0, le=newsroom.MAX_OFFSET)] = 0):
    p = newsroom.Page(limit=50, offset=offset, q=q or None)
    data = newsroom.actors(settings_of(request), p)
    return render(
        request, "actors.html", data=data, q=q or "", pages=_page_links(request, data["total"], p.limit, p.offset)
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: Annotated[int, PathParam(ge=1, le=newsroom.MAX_ID)]):
    return render(request, "actor.html", a=newsroom.actor(settings_of(request), actor_id))


@router.post("/actors/{actor_id}/merge")
def merge_actor(
    request: Request,
    actor_id: Annotated[int, PathParam(ge=1, le=newsroom.MAX_ID)],
    drop: Annotated[int, Form(ge=1, le=newsroom.MAX_ID)],
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
):
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse(f"/login?next=/actors/{actor_id}", status_code=303)
    curation.merge_actors(settings_of(request), actor_id, drop, rationale, user)
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


@router.get("/promises", response_class=HTMLResponse)
def promises(request: Request, status: Optional[str] = None, actor: Optional[str] = None):
    data = newsroom.promises(
        settings_of(request), newsroom.Page(limit=newsroom.MAX_LIMIT, status=status or None, actor=actor or None)
    )
    return render(request, "promises.html", data=data, status=status or "", actor=actor or "")


@router.get("/promises/{promise_id}", response_class=HTMLResponse)
def promise(request: Request, promise_id: str):
    return render(request, "promise.html", p=newsroom.promise(settings_of(request), promise_id))


@router.post("/promises/{promise_id}/review")
def review_promise(
    request: Request,
    promise_id: str,
    status: Annotated[str, Form()],
    rationale: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
):
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse(f"/login?next=/promises/{promise_id}", status_code=303)
    review.review_promise(settings_of(request), promise_id, status, rationale, user)
    return RedirectResponse(f"/promises/{promise_id}", status_code=303)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request):
    data = newsroom.contradictions(settings_of(request), newsroom.Page(limit=newsroom.MAX_LIMIT))
    return render(request, "contradictions.html", data=data)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request):
    items = newsroom.timeline(settings_of(request))
    return render(request, "timeline.html", items=items, svg=timeline_svg(items), legend=LEGEND)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Optional[str] = None):
    hits = newsroom.search(settings_of(request), q or "", k=25) if q else []
    return render(request, "search.html", q=q or "", hits=hits)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: Annotated[int, Query(ge=0, le=newsroom.MAX_OFFSET)] = 0):
    p = newsroom.Page(limit=50, offset=offset)
    data = newsroom.documents(settings_of(request), p)
    return render(request, "documents.html", data=data, pages=_page_links(request, data["total"], p.limit, p.offset))


@router.get("/documents/new", response_class=HTMLResponse)
def new_document_form(request: Request):
    if not session_user(request):
        return RedirectResponse("/login?next=/documents/new", status_code=303)
    return render(request, "document_new.html", form={}, error=None)


@router.post("/documents/new")
async def new_document(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    file: Optional[UploadFile] = None,
    title: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    verify: Annotated[str, Form()] = "",
):
    check_csrf(request, csrf)
    if not session_user(request):
        return RedirectResponse("/login?next=/documents/new", status_code=303)
    data = await file.read(settings_of(request).max_file_bytes + 1) if file is not None and file.filename else None
    story = intake.StoryIn(
        text=text,
        data=data or None,
        filename=file.filename if file is not None else None,
        title=title,
        source=source,
        url=url,
        author=author,
        published=published,
    )
    try:
        result = await run_in_threadpool(intake.bring_in, settings_of(request), story, verify=bool(verify))
    except ReceiptsError as exc:
        form = {"text": text, "title": title, "source": source, "url": url, "author": author, "published": published}
        return render(request, "document_new.html", status_code=400, form=form, error=str(exc))
    if result["documents"]:
        doc = result["documents"][0]
        return RedirectResponse(f"/documents/{doc['id']}?added=1&checked={len(result['verdicts'])}", status_code=303)
    return RedirectResponse(f"/documents/{result['duplicates'][0]['id']}?duplicate=1", status_code=303)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    doc_id: str,
    added: bool = False,
    duplicate: bool = False,
    checked: Annotated[int, Query(ge=0)] = 0,
):
    d = newsroom.document(settings_of(request), doc_id)
    return render(
        request,
        "document.html",
        d=d,
        paragraphs=annotate(d["text"], d["quotes"]),
        warnings=intake.warnings_for(d["document"]),
        added=added,
        duplicate=duplicate,
        checked=checked,
    )


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request):
    return render(request, "audit.html", entries=newsroom.audit(settings_of(request)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return render(
        request, "login.html", next=next if next.startswith("/") and not next.startswith("//") else "/", error=None
    )


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
):
    check_csrf(request, csrf)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    try:
        user, generation = review.login(
            settings_of(request), name, password, address=client_address(request), throttle=request.app.state.throttle
        )
    except TooManyAttempts as exc:
        response = render(request, "login.html", status_code=429, next=target, error=str(exc))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except AuthError as exc:
        return render(request, "login.html", status_code=401, next=target, error=str(exc))
    request.session.clear()
    request.session["user"] = user
    request.session["gen"] = generation  # logout moves the editor's generation on: this cookie then ends
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = ""):
    check_csrf(request, csrf)
    user = session_user(request)
    if user:
        review.end_sessions(settings_of(request), user)  # on the server too: a copied cookie stops working
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/report", response_class=HTMLResponse)
def report(request: Request):
    data = newsroom.dashboard(settings_of(request))
    items = newsroom.timeline(settings_of(request))
    return render(
        request, "report.html", data=data, svg=timeline_svg(items), markdown=markdown_report(settings_of(request))
    )


@router.get("/report.md")
def report_markdown(request: Request):
    return PlainTextResponse(markdown_report(settings_of(request)), media_type="text/markdown; charset=utf-8")


@router.get("/export/claims.{fmt}")
def export_claims(request: Request, fmt: str):
    if fmt not in ("csv", "json"):
        raise InvalidRequest("export format must be csv or json")
    body = publish.export_claims(settings_of(request), fmt)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="claims.{fmt}"'})


@router.get("/export/claimreview.json")
def export_claimreview(request: Request):
    body = json.dumps(publish.export_claimreviews(settings_of(request)), ensure_ascii=False, indent=1)
    return Response(body, media_type="application/ld+json")
