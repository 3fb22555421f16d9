"""One article in, one grounded `Summary` out.

Code finds what it can (quotation spans, speech cues, position mentions, offsets, sector mapping); the model
is asked only what needs judgement, in one reply per article, behind a fixed prefix (rules and schema) that
the server keeps cached. Quotes whose speaker the text leaves open are asked about in a follow-up question to
the same conversation, so the server, which still holds the article, reads only the question.
Every item the model returns is checked against the text; what fails is dropped and reported in `warnings`.
"""

import logging
import re
import time
from collections.abc import Callable

from schemas.extraction import ArticleReply, speakers_reply_model
from schemas.summary import Goal, Provenance, Quote, Sector, Summary, Usage
from schemas.taxonomy import label_for_phrase
from service import __version__
from service.article import Article, blank_steering, is_noise_line, steering_lines
from service.grounding import align_phrase, find_all
from service.llm import LLM, InvalidReply, ModelError, parse_lenient, with_schema
from service.officials import ground_officials, names_match, officials_from_mentions
from service.partners import ground_partners, own_sides, visits_reported
from service.prompts import ExtractPrompts, load_extract_prompts
from service.quotes import QuoteSpan, attribute_quotes, speaker_cue_names, speech_quotes
from service.textnorm import matching_form

log = logging.getLogger(__name__)

DEFAULT_PROMPTS = "extract/v2"
# Prompt and completion tokens one article may spend over all its calls, re-asks included (a seed article
# spends 1,500-2,500): a model that keeps failing validation stops here instead of looping on.
TOKEN_BUDGET = 16_000
_LANGUAGE_NAMES = {"id": "in Indonesian (Bahasa Indonesia)", "en": "in English"}

Progress = Callable[[str], None]


class Extraction:
    """The state of one article's extraction: the prompts sent so far, usage and warnings."""

    def __init__(self, article: Article, llm: LLM, prompts: ExtractPrompts, token_budget: int = TOKEN_BUDGET):
        self.token_budget = token_budget
        self.article = article
        self.llm = llm
        self.prompts = prompts
        self.usage = Usage()
        self.warnings: list[str] = []
        self.transcript: list[dict[str, str]] = []
        # What items are grounded in: the text without the lines that try to steer the model.
        self.text = blank_steering(article.text)
        view = article.model_view()
        # A title the text does not repeat is read first; page noise or a steering line never is, title or not.
        title = (article.title or "").strip()
        if title and title not in view and not is_noise_line(title):
            view = title + "\n\n" + view
        self.view = view

    def ask(self, response_model, messages: list[dict[str, str]], max_tokens: int):
        """The model's validated reply, or its last reply parsed leniently (None if unusable). The conversation
        so far, the reply included, is kept in `transcript` for a follow-up question."""
        spent = self.usage.prompt_tokens + self.usage.completion_tokens
        if spent >= self.token_budget:
            raise ModelError("budget", f"the article's token budget is spent ({spent:,} of {self.token_budget:,} "
                                       "tokens) before all its prompts were answered", self.usage)
        try:
            reply = self.llm.create(
                response_model, messages, context={"article": self.text}, max_tokens=max_tokens
            )
        except ModelError as exc:
            exc.usage = self.usage.add(exc.usage or Usage())
            raise
        except InvalidReply as exc:
            self.usage = self.usage.add(exc.usage)
            self.warnings.append(f"the model's reply still broke a rule after re-asks ({_first_line(exc)}); "
                                 "the items that break it were dropped")
            self.transcript = [*messages, {"role": "assistant", "content": exc.last_reply or "{}"}]
            return parse_lenient(response_model, exc.last_reply)
        self.usage = self.usage.add(reply.usage)
        written = reply.text if reply.text is not None else reply.value.model_dump_json()
        self.transcript = [*messages, {"role": "assistant", "content": written}]
        return reply.value


def summarize(
    article: Article,
    llm: LLM,
    *,
    lang: str | None = None,
    prompts: ExtractPrompts | None = None,
    progress: Progress | None = None,
    token_budget: int = TOKEN_BUDGET,
) -> Summary:
    """A grounded structured summary of `article`. Raises `ModelError` when the model endpoint fails."""
    started = time.perf_counter()
    prompts = prompts or load_extract_prompts(DEFAULT_PROMPTS)
    step = progress or (lambda _: None)
    run = Extraction(article, llm, prompts, token_budget)
    text = run.text
    language = article.language
    summary_language = lang or (language if language in _LANGUAGE_NAMES else "en")

    quote_spans = speech_quotes(text)
    if language == "und":
        run.warnings.append("the article is in neither Indonesian nor English: it was read, but Ringkas's rules "
                            "and cues are written for those two, so items may be missed")
    mentioned = officials_from_mentions(text)

    step("reading the article")
    request = _main_request(run, mentioned, quote_spans, summary_language)
    # The system message (rules and reply schema) is the same for every article, so the server reuses its
    # cache of that prefix and reads only the article and the hints.
    messages = [{"role": "system", "content": with_schema(prompts.system, ArticleReply)},
                {"role": "user", "content": request}]
    reply = run.ask(ArticleReply, messages, 900)
    officials = ground_officials(text, mentioned, reply.officials if reply else [], run.warnings)

    step("attributing quotes")
    quotes = attribute(run, quote_spans, [o.name for o in officials])

    partners = ground_partners(text, reply.partners if reply else [], run.warnings,
                               [o.name for o in officials])
    partners += own_sides(text, officials, partners)
    partners += visits_reported(text, partners, quote_spans)
    return Summary(
        title=article.title,
        url=article.url,
        content_sha256=article.sha256,
        language=language,
        summary_language=summary_language,
        officials=officials,
        partners=partners,
        sectors=ground_sectors(text, reply.sectors if reply else [], run.warnings),
        goals=ground_goals(text, reply.goals if reply else [], run.warnings),
        quotes=quotes,
        summary=check_summary(article.text, reply.summary if reply else "", run.warnings),
        warnings=run.warnings,
        provenance=Provenance(
            model=llm.name,
            prompt_version=prompts.version,
            usage=run.usage,
            wall_time_s=round(time.perf_counter() - started, 3),
            ringkas_version=__version__,
        ),
    )


def _main_request(run: Extraction, found: list[tuple[str, str]], quote_spans: list[QuoteSpan],
                  summary_language: str) -> str:
    """The per-article part of the prompt: the article, then what code already noticed in it."""
    parts = ["ARTICLE:", run.view, ""]
    if found:
        parts.append("Officials already found: " + "; ".join(f"{name} ({position})" for name, position in found))
    others = [c for c in speaker_cue_names(run.article.text, quote_spans)
              if not any(names_match(name, c) or name in c for name, _ in found)]
    if others:
        parts.append("Other names next to quotations: " + "; ".join(others))
    parts.append(f"Write the summary {_LANGUAGE_NAMES.get(summary_language, 'in English')}.")
    return "\n".join(parts)


def attribute(run: Extraction, quote_spans: list[QuoteSpan], names: list[str]) -> list[Quote]:
    """Quotes found by code, attributed by speech cues, and by the model only where the text gives no cue."""
    text = run.article.text
    found = attribute_quotes(text, quote_spans, names)
    speakers = [a.speaker for a in found]
    methods = [a.method for a in found]
    open_ = [i for i, s in enumerate(speakers) if s is None]
    if open_ and names and run.transcript:
        # A follow-up to the article's conversation: the server still holds it, and reads only this question.
        listing = "\n".join(f"{n + 1}. \"{_excerpt(quote_spans[i].text)}\"" for n, i in enumerate(open_))
        question = f"{run.prompts.speakers}\n\nOfficials: {'; '.join(names)}\n\nQuotations:\n{listing}"
        reply = run.ask(speakers_reply_model(names, len(open_)),
                        [*run.transcript, {"role": "user", "content": question}], 40 + 16 * len(open_))
        for i, speaker in zip(open_, reply.speakers if reply else []):
            if speaker in names:
                speakers[i], methods[i] = speaker, "model"
    quotes = []
    for q, speaker, method in zip(quote_spans, speakers, methods):
        if speaker is None:
            run.warnings.append(f"quote at {q.start} has no speaker among the officials")
        quotes.append(Quote(text=q.text, speaker=speaker, start=q.start, end=q.end,
                            attribution=method if speaker else "none"))
    return quotes


def ground_sectors(text: str, items: list[str], warnings: list[str]) -> list[Sector]:
    """Sectors whose words occur in the text, placed in the taxonomy by the documented stem table. The
    evidence is the article's words in their matching form (`service.textnorm`); its spans cover the article's
    own characters."""
    sectors: list[Sector] = []
    # A small model often lists several fields in one phrase ("sumber daya alam, pariwisata, dan pendidikan"):
    # each part is a sector of its own.
    parts = [p for item in items
             for p in re.split(r"\s*,\s*(?:dan\s+|and\s+)?|\s+(?:dan|serta|and)\s+", matching_form(item))]
    for item in parts:
        phrase = " ".join(item.split())
        spans = find_all(text, phrase, ignore_case=True) if phrase else []
        if not spans:
            warnings.append(f"sector {item!r} dropped: not found in the article")
            continue
        evidence = matching_form(text[spans[0][0] : spans[0][1]])
        if any(s.evidence.lower() == evidence.lower() for s in sectors):
            continue
        sectors.append(Sector(label=label_for_phrase(evidence), evidence=evidence, spans=spans))
    return sectors


def ground_goals(text: str, items: list[str], warnings: list[str]) -> list[Goal]:
    """Goals the article supports (`align_phrase`), in the model's words in their matching form."""
    goals: list[Goal] = []
    for item in items:
        phrase = " ".join(matching_form(item).split())
        span = align_phrase(text, phrase) if phrase else None
        if span is None:
            warnings.append(f"goal {item!r} dropped: the article does not support it")
            continue
        if any(g.text.lower() == phrase.lower() for g in goals):
            continue
        goals.append(Goal(text=phrase, spans=[span]))
    return goals


# English office words a summary in English may use that an Indonesian article does not.
_ENGLISH_OFFICE_WORDS = {"governor", "vice", "deputy", "regent", "mayor", "head", "chairman", "chair", "speaker",
                         "province", "provincial", "regency", "city", "government", "council", "regional",
                         "representative", "house", "people", "ministry", "minister", "embassy", "secretary"}


def check_summary(text: str, summary: str, warnings: list[str]) -> str:
    """The model's free-text summary without the sentences it cannot stand behind: one naming someone or
    something the article never mentions ("Joko Widodo"), or one echoing words the article has only in a line
    that tries to steer the model. Words are compared in their matching form (`service.textnorm`)."""
    text = matching_form(text)
    lowered = text.lower()
    article_words = set(re.findall(r"[^\W\d_]+", lowered))
    steering = steering_lines(text)
    outside = set(re.findall(r"[^\W\d_]+", "\n".join(l for l in text.lower().split("\n")
                                                       if l not in {s.lower() for s in steering})))
    steered = {w for line in steering for w in re.findall(r"[^\W\d_]{4,}", line.lower())} - outside
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(summary.split())):
        if not sentence:
            continue
        plain = matching_form(sentence)
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", plain)}
        names = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+", plain)
        invented = [n for n in names
                    if not any(w.lower() in article_words or w.lower() in _ENGLISH_OFFICE_WORDS for w in n.split())]
        if invented or words & steered:
            why = f"names what the article does not: {', '.join(invented)}" if invented else \
                "repeats a line that tries to steer the model"
            warnings.append(f"summary sentence dropped ({why}): {sentence}")
            continue
        kept.append(sentence)
    return " ".join(kept)


def _excerpt(quote: str, limit: int = 160) -> str:
    return quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


