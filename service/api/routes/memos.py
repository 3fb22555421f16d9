"""`/v1/memos`: a briefing memo of articles and stored summaries (listed or chosen by the library's filters), as
JSON, Markdown, HTML or Word."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from schemas.memo import BriefingMemo, LibraryQuery, MemoIn
from service.api.deps import BackendDep, CancelDep, SettingsDep, StoreDep
from service.api.errors import ApiError, error_responses, model_errors, submitted_article
from service.cancellation import cancellable
from service.library.filters import LibraryFilter, filed_on, summarize_stored
from service.library.store import Store, StoredSummary
from service.memo.briefing import MemoArticle, build_memo
from service.memo.html import STYLE_SOURCE, to_html
from service.memo.markdown import to_markdown
from service.memo.word import to_docx
from service.model.backend import ReadyLLM

router = APIRouter()

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A memo is a document, never a program: no script, no request anywhere; its own CSS only.
MEMO_HTML_HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; style-src {STYLE_SOURCE}; img-src data:; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}


@router.post("/v1/memos", response_model=BriefingMemo,
             responses={200: {"description": "The memo in the `format` asked for: JSON, Markdown, HTML or Word",
                              "content": {"text/markdown": {}, "text/html": {}, DOCX_TYPE: {}}},
                        **error_responses({404: "Unknown summary id, or no stored summary matches",
                                           413: "An article too long",
                                           422: "An invalid request or an unreadable article page",
                                           502: "The model failed", 503: "Model not ready",
                                           504: "The model timed out"})})
def create_memo(order: MemoIn, backend: BackendDep, store: StoreDep, settings: SettingsDep,
                cancel: CancelDep) -> Response:
    """A briefing memo of article texts (summarized first where not stored) and/or stored summaries, identified
    by their `content_sha256` or chosen by the library's filters (`library`, as `GET /v1/library` takes them).
    Without a ready model, stored summaries still make a memo. Raises 404 for an unknown id or a filter that
    matches nothing."""
    chosen = [_stored(store, sha) for sha in order.summary_ids]
    if order.library is not None:
        chosen = library_selection(store, order.library)
        if not chosen and not order.articles:
            raise ApiError(404, "no stored summary matches the library filters")
    items = [MemoArticle(stored.summary, stored.article, stored.outlet, stored.published) for stored in chosen]
    # Every article is read by the one way in before the model is asked about any: a bad one is refused first.
    submitted = [submitted_article(article, settings.max_article_chars, prefix=f"article {i}: ")
                 for i, article in enumerate(order.articles, start=1)]
    llm = ReadyLLM(backend)
    with model_errors(), cancellable(cancel):
        for article in submitted:
            items.append(MemoArticle(summarize_stored(article, llm, store, None), article.text))
    with cancellable(cancel):
        memo = build_memo(items, llm, lang=order.lang, summary_cache=store.executive_summaries, prose=order.prose)
    return rendered(memo, order.format)


def _stored(store: Store, sha: str) -> StoredSummary:
    stored = store.get(sha)
    if stored is None:
        raise ApiError(404, f"no stored summary with content_sha256 {sha}")
    return stored


def library_selection(store: Store, query: LibraryQuery) -> list[StoredSummary]:
    """The stored summaries `query` matches, newest first as the library lists them (`GET /v1/library`: by
    `filed_on` date, the order of storing among one day's), so a memo of the page's filters cites them as the
    page showed them."""
    wanted = LibraryFilter(q=query.q, partner=query.partner, sector=query.sector and query.sector.value,
                           official=query.official, since=query.since and query.since.isoformat(),
                           until=query.until and query.until.isoformat())
    dated = [(filed_on(stored), stored) for stored in store.all()]
    matching = [(day, stored) for day, stored in dated if wanted.matches(stored, day)]
    return [stored for _, stored in sorted(matching, key=lambda pair: pair[0], reverse=True)]


def rendered(memo: BriefingMemo, fmt: str) -> Response:
    """The memo as the response for `fmt`: "json", "html" (with `MEMO_HTML_HEADERS`), "docx" (an attachment named
    ringkas-memo.docx), else Markdown."""
    if fmt == "json":
        return JSONResponse(memo.model_dump(mode="json"))
    if fmt == "html":
        return Response(to_html(memo), media_type="text/html; charset=utf-8", headers=MEMO_HTML_HEADERS)
    if fmt == "docx":
        return Response(to_docx(memo), media_type=DOCX_TYPE,
                        headers={"Content-Disposition": "attachment; filename=ringkas-memo.docx"})
    return Response(to_markdown(memo), media_type="text/markdown; charset=utf-8")
