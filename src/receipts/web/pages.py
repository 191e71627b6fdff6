"""Server-rendered pages (Jinja2, autoescaped). Reading needs no login and no JavaScript."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from receipts import newsroom, publish, review
from receipts.errors import AuthError, InvalidRequest
from receipts.verify.promises import STATUSES
from receipts.verify.verifier import LABELS
from receipts.web.security import check_csrf, csrf_token, safe_url, session_user
from receipts.web.timeline import timeline_svg
from receipts.web.annotate import annotate

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)

LABEL_TEXT = {"SUPPORTED": "Supported", "REFUTED": "Refuted", "DISPUTED": "Disputed",
              "NOT_ENOUGH_INFO": "Not enough info"}


def split_mark(text: str, a: int, b: int) -> tuple[str, str, str]:
    """Cut text into before / highlighted / after (the template escapes each part)."""
    a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
    return text[:a], text[a:b], text[b:]


def jsonld(obj: dict) -> str:
    """JSON for a <script type="application/ld+json"> block that no text can break out of."""
    return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


templates.env.globals.update(label_text=LABEL_TEXT, split_mark=split_mark, safe_url=safe_url, labels=LABELS,
                             statuses=STATUSES)
templates.env.filters["slug"] = lambda s: (s or "").lower().replace(" ", "-").replace("_", "-")


def settings_of(request: Request):
    return request.app.state.settings


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.update(request=request, user=session_user(request), csrf=csrf_token(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, code: int, message: str) -> str:
    return templates.get_template("error.html").render(request=request, code=code, message=message, user=None,
                                                       csrf="")


def error_page(request: Request, code: int, message: str) -> HTMLResponse:
    return HTMLResponse(render_error(request, code, message), status_code=code)


def _page_links(request: Request, total: int, limit: int, offset: int) -> dict:
    params = dict(request.query_params)

    def at(off: int) -> str:
        return f"{request.url.path}?{urlencode(params | {'offset': off})}"

    return {"prev": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if offset + limit < total else None,
            "first": offset + 1 if total else 0, "last": min(total, offset + limit), "total": total}


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
    peak = max([m.get("documents", 0) for m in data["per_month"]] + [m.get("claims", 0) for m in data["per_month"]] + [1])
    return render(request, "dashboard.html", data=data, peak=peak)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, verdict: Optional[str] = None, actor: Optional[str] = None, q: Optional[str] = None,
           origin: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
           offset: Annotated[int, Query(ge=0)] = 0):
    p = newsroom.Page(limit=25, offset=offset, verdict=verdict or None, actor=actor or None, q=q or None,
                      origin=origin or None, since=_opt_date(since), until=_opt_date(until))
    data = newsroom.claims(settings_of(request), p)
    return render(request, "claims.html", data=data, f=p, pages=_page_links(request, data["total"], p.limit, p.offset))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str):
    settings = settings_of(request)
    detail = newsroom.claim(settings, claim_id)
    ld = jsonld(publish.claimreview(settings, detail)) if detail["verdict"] else None
    return render(request, "claim.html", c=detail, jsonld=ld)


@router.post("/claims/{claim_id}/review")
def review_claim(request: Request, claim_id: str, label: Annotated[str, Form()], rationale: Annotated[str, Form()] = "",
                 csrf: Annotated[str, Form()] = ""):
    check_csrf(request, csrf)
    user = session_user(request)
    if not user:
        return RedirectResponse(f"/login?next=/claims/{claim_id}", status_code=303)
    review.review_claim(settings_of(request), claim_id, label, rationale, user)
    return RedirectResponse(f"/claims/{claim_id}#history", status_code=303)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Optional[str] = None, offset: Annotated[int, Query(ge=0)] = 0):
    p = newsroom.Page(limit=50, offset=offset, q=q or None)
    data = newsroom.actors(settings_of(request), p)
    return render(request, "actors.html", data=data, q=q or "", pages=_page_links(request, data["total"], p.limit, p.offset))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: int):
    return render(request, "actor.html", a=newsroom.actor(settings_of(request), actor_id))


@router.get("/promises", response_class=HTMLResponse)
def promises(request: Request, status: Optional[str] = None, actor: Optional[str] = None):
    data = newsroom.promises(settings_of(request), newsroom.Page(limit=newsroom.MAX_LIMIT, status=status or None,
                                                                 actor=actor or None))
    return render(request, "promises.html", data=data, status=status or "", actor=actor or "")


@router.get("/promises/{promise_id}", response_class=HTMLResponse)
def promise(request: Request, promise_id: str):
    return render(request, "promise.html", p=newsroom.promise(settings_of(request), promise_id))


@router.post("/promises/{promise_id}/review")
def review_promise(request: Request, promise_id: str, status: Annotated[str, Form()],
                   rationale: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = ""):
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
    return render(request, "timeline.html", items=items, svg=timeline_svg(items))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Optional[str] = None):
    hits = newsroom.search(settings_of(request), q or "", k=25) if q else []
    return render(request, "search.html", q=q or "", hits=hits)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: Annotated[int, Query(ge=0)] = 0):
    p = newsroom.Page(limit=50, offset=offset)
    data = newsroom.documents(settings_of(request), p)
    return render(request, "documents.html", data=data, pages=_page_links(request, data["total"], p.limit, p.offset))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str):
    d = newsroom.document(settings_of(request), doc_id)
    return render(request, "document.html", d=d, paragraphs=annotate(d["text"], d["quotes"]))


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request):
    return render(request, "audit.html", entries=newsroom.audit(settings_of(request)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return render(request, "login.html", next=next if next.startswith("/") and not next.startswith("//") else "/", error=None)


@router.post("/login")
def login(request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()],
          csrf: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"):
    check_csrf(request, csrf)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    try:
        user = review.authenticate(settings_of(request), name, password)
    except AuthError as exc:
        return render(request, "login.html", status_code=401, next=target, error=str(exc))
    request.session.clear()
    request.session["user"] = user
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = ""):
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/report", response_class=HTMLResponse)
def report(request: Request):
    from receipts.queries import report as markdown_report

    data = newsroom.dashboard(settings_of(request))
    items = newsroom.timeline(settings_of(request))
    return render(request, "report.html", data=data, svg=timeline_svg(items), markdown=markdown_report(settings_of(request)))


@router.get("/report.md")
def report_markdown(request: Request):
    from receipts.queries import report as markdown_report

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
