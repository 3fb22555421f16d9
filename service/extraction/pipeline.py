"""One article in, one grounded `Summary` out: the pipeline that orchestrates the extraction.

Code finds what it can (quotation spans, speech cues, position mentions, offsets, sector mapping); the model
is asked only what needs judgement, in one reply per article, behind a fixed prefix (rules and schema) that
the server keeps cached. Quotes whose speaker the text leaves open are asked about in a follow-up question to
the same conversation, so the server, which still holds the article, reads only the question.
Every item the model returns is checked against the text, by the module of its concept (`service.extraction.officials`,
`service.extraction.partners`, `service.extraction.sectors`, `service.extraction.goals`,
`service.extraction.text.quotes`, `service.extraction.events`); what fails
is dropped and reported in `warnings`.
"""

import logging
import time
from collections.abc import Callable

from schemas.summary import Official, Partner, Provenance, Quote, Summary, Usage
from service import __version__
from service.cancellation import current_token
from service.extraction.event_sentences import summary_text
from service.extraction.events import PartyGrounder, ground_events, kinds_stated, topics
from service.extraction.goals import add_stated_goals, ground_goals
from service.extraction.officials import ground_officials, officials_from_mentions
from service.extraction.partners import ground_partners, own_sides, places_visited
from service.extraction.replies import ArticleReply, PartyName, speakers_reply_model
from service.extraction.sectors import add_stated_sectors, ground_sectors
from service.extraction.speakers import (
    attribute_quotes,
    nicknames_of,
    speaker_by_nickname,
    speaker_by_position,
    speaker_by_subject_position,
)
from service.extraction.text.party_names import same_party
from service.extraction.text.person_names import is_person_name, names_match
from service.extraction.text.quotes import QuoteSpan, not_speech, speaker_cue_names, speech_quotes
from service.extraction.text.sentence_subjects import last_named_near
from service.intake import ArticleInputError, blank_steering, is_noise_line
from service.intake.article import Article
from service.model.llm import LLM, Cancelled, InvalidReply, ModelError, parse_lenient, with_schema
from service.model.prompts import ExtractPrompts, load_extract_prompts
from service.vocabulary import SUMMARY_LANGUAGES

log = logging.getLogger(__name__)

DEFAULT_PROMPTS = "extract/v5"
# Prompt and completion tokens one article may spend over all its calls, re-asks included (a seed article
# spends 1,500-2,500): a model that keeps failing validation stops here instead of looping on.
TOKEN_BUDGET = 16_000

# Seconds of CPU that Ringkas's own reading of one article (the code steps, not the model's calls) may take:
# 200 KB of real article text, the largest accepted, takes about 1.2 s on this project's 2-core machines
# (benchmarks/README.md); a text that needs 25 times as long is built to stall the service, not news.
CODE_BUDGET_S = 30.0

Progress = Callable[[str], None]


class TextTooCostly(ArticleInputError):
    """An article whose reading by code took more than its budget of CPU time: refused, not worked on for
    minutes (the API answers 422, the CLI names the article and goes on)."""


class _CodeClock:
    """The CPU time of one article's code steps in this thread (model calls wait without spending any), checked
    between steps together with the work's cancel token."""

    def __init__(self, budget_s: float):
        self.budget_s = budget_s
        self.started = time.thread_time()

    def check(self, usage: Usage) -> None:
        """Raises `Cancelled` when the work was abandoned (its client left, or it ran over its time), and
        `TextTooCostly` when the code steps have spent their budget."""
        token = current_token()
        if token is not None and token.cancelled:
            raise Cancelled(token.reason or "cancelled", usage)
        spent = time.thread_time() - self.started
        if spent > self.budget_s:
            raise TextTooCostly(f"the text took over {self.budget_s:g} s of CPU to read before the model was "
                                f"asked ({spent:.1f} s); it is refused as no news article")


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
        # What items are grounded in: the article without the lines that try to steer the model (blanked, so
        # offsets stay those of the article).
        self.grounded_in = Article(text=blank_steering(article.text), title=article.title, url=article.url)
        self.text = self.grounded_in.text
        view = article.model_view()
        # A title the text does not repeat is read first; page noise or a steering line never is, title or not.
        title = (article.title or "").strip()
        if title and title not in view and not is_noise_line(title):
            view = title + "\n\n" + view
        self.view = view

    def ask(self, response_model, messages: list[dict[str, str]], max_tokens: int):
        """The model's reply to `messages` as a `response_model`, validated against the article, or its last
        reply parsed leniently (None if unusable) when it still broke a rule after re-asks (said in `warnings`).
        The conversation so far, the reply included, is kept in `transcript` for a follow-up question.

        Raises `ModelError` when the endpoint fails, or with kind "budget" when the article's token budget is
        spent before the call; its usage is the article's so far."""
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
    code_budget_s: float | None = None,
) -> Summary:
    """A grounded structured summary of `article`, its summary text in `lang` ("id" or "en"; by default the
    article's language, else English), asked of `llm` with `prompts` (by default `DEFAULT_PROMPTS`); `progress`
    hears each step's name. Every span is a half-open range of Unicode code points into `article.text`.

    Raises `ModelError` when the model endpoint fails or the article spends `token_budget` tokens (`Cancelled`,
    checked between steps too, when the work is abandoned), and `TextTooCostly` when the code steps spend more
    than `code_budget_s` seconds of CPU (by default `CODE_BUDGET_S`).
    """
    started = time.perf_counter()
    clock = _CodeClock(CODE_BUDGET_S if code_budget_s is None else code_budget_s)
    prompts = prompts or load_extract_prompts(DEFAULT_PROMPTS)
    step = progress or (lambda _: None)
    extraction = Extraction(article, llm, prompts, token_budget)
    text, warnings = extraction.text, extraction.warnings
    language = article.language
    summary_language = lang or (language if language in SUMMARY_LANGUAGES else "en")

    quote_spans = speech_quotes(text)
    if language == "und":
        warnings.append("the article is in neither Indonesian nor English: it was read, but Ringkas's rules "
                        "and cues are written for those two, so items may be missed")
    clock.check(extraction.usage)
    grounded_in = extraction.grounded_in
    mentioned = officials_from_mentions(grounded_in)
    clock.check(extraction.usage)

    step("reading the article")
    reply = ask_for_article(extraction, mentioned, quote_spans)
    clock.check(extraction.usage)
    officials, said = ground_officials(grounded_in, mentioned, reply.officials if reply else [])
    warnings += said
    names = [o.name for o in officials]
    clock.check(extraction.usage)

    step("attributing quotes")
    offices = [(o.name, f"{o.title} {o.institution}") for o in officials]
    quotes = attribute_quotes_with_model(extraction, quote_spans, names, offices)
    clock.check(extraction.usage)
    # People are no parties: the officials, and whoever a speech cue names ("kata Boda").
    speakers = [c for c in speaker_cue_names(text, quote_spans) if is_person_name(c)]
    partners, said = ground_partners(grounded_in, reply.partners if reply else [], names + speakers)
    warnings += said
    partners += own_sides(grounded_in, officials, partners)
    visited = places_visited(grounded_in, quote_spans)  # hosts of a visit, partners or not yet
    partners += [v for v in visited if not any(same_party(v.name, p.name) for p in partners)]
    events, added, said = ground_events(grounded_in, reply.events if reply else [], partners, officials,
                                        party_grounder(grounded_in, names + speakers, warnings),
                                        [p.name for p in visited])
    warnings += said
    partners += added
    clock.check(extraction.usage)
    sectors, said = ground_sectors(grounded_in, reply.sectors if reply else [])
    warnings += said
    sectors = add_stated_sectors(grounded_in, sectors)
    goals, said = ground_goals(grounded_in, reply.goals if reply else [], [(q.start, q.end) for q in quote_spans])
    warnings += said
    goals = add_stated_goals(grounded_in, goals)
    events = topics(events, sectors, goals)
    # The text is code's sentences over the events; the sectors are named by the taxonomy in another language.
    text_of_events = summary_text(events, officials, summary_language, sectors if language != summary_language else ())
    clock.check(extraction.usage)
    return Summary(
        title=article.title, url=article.url, content_sha256=article.sha256, language=language,
        summary_language=summary_language, events=events, officials=officials, partners=partners, sectors=sectors,
        goals=goals, quotes=quotes, summary=text_of_events, warnings=warnings,
        provenance=Provenance(model=llm.name, prompt_version=prompts.version, usage=extraction.usage,
                              wall_time_s=round(time.perf_counter() - started, 3), ringkas_version=__version__),
    )


def party_grounder(article: Article, people: list[str], warnings: list[str]) -> PartyGrounder:
    """How an event's side is grounded: as a partner is (`ground_partners`, its warnings added to `warnings` as
    an event party's), else, for a side named by an official, as the region or DPRD they speak for
    (`own_sides`)."""
    def ground(name: str, person: Official | None, known: list[Partner]) -> list[Partner]:
        found = ground_partners(article, [PartyName(name)], people)
        if not found.items and person is not None:
            return own_sides(article, [person], known)
        warnings.extend(w.replace("partner", "event party", 1) for w in found.warnings)
        return found.items
    return ground


def ask_for_article(extraction: Extraction, found: list[tuple[str, str]],
                    quote_spans: list[QuoteSpan]) -> ArticleReply | None:
    """The model's one reply about the article (None if unusable): the fixed system message (rules and reply
    schema, the same for every article, so the server reuses its cache of that prefix), then the article and
    what code already noticed in it: the officials `found` by (name, position), other names next to quotations,
    and the event words (`kinds_stated`)."""
    parts = ["ARTICLE:", extraction.view, ""]
    if found:
        parts.append("Officials already found: " + "; ".join(f"{name} ({position})" for name, position in found))
    others = [c for c in speaker_cue_names(extraction.article.text, quote_spans)
              if not any(names_match(name, c) or name in c for name, _ in found)]
    if others:
        parts.append("Other names next to quotations: " + "; ".join(others))
    if stated := kinds_stated(extraction.grounded_in.text):
        parts.append("Event words in the ARTICLE: " + "; ".join(f"{word} ({kind})" for word, kind in stated[:10]))
    messages = [{"role": "system", "content": with_schema(extraction.prompts.system, ArticleReply)},
                {"role": "user", "content": "\n".join(parts)}]
    return extraction.ask(ArticleReply, messages, 1_200)


def attribute_quotes_with_model(extraction: Extraction, quote_spans: list[QuoteSpan], names: list[str],
                                offices: list[tuple[str, str]] = ()) -> list[Quote]:
    """The quotes, attributed by speech cues (`service.extraction.speakers.attribute_quotes`), and by the model
    only where the text gives no cue: a follow-up question to the article's conversation, which the server still holds,
    so it reads only the question. A cue that names a position alone ("kata Gubernur") gives the one official
    of `offices` ((name, title and institution) pairs) who holds it. A quote left without a speaker among
    `names` is said in `warnings`."""
    text = extraction.article.text
    found = attribute_quotes(extraction.article, quote_spans, names)
    speakers = [a.speaker for a in found]
    methods = [a.method for a in found]
    open_ = [i for i, s in enumerate(speakers) if s is None]
    if open_ and names and extraction.transcript:
        listing = "\n".join(f"{n + 1}. \"{_excerpt(quote_spans[i].text)}\"" for n, i in enumerate(open_))
        question = f"{extraction.prompts.speakers}\n\nOfficials: {'; '.join(names)}\n\nQuotations:\n{listing}"
        reply = extraction.ask(speakers_reply_model(names, len(open_)),
                               [*extraction.transcript, {"role": "user", "content": question}], 40 + 16 * len(open_))
        for i, speaker in zip(open_, reply.speakers if reply else []):
            # The model's answer is kept only where the text supports it: the official it names is the one the
            # text spoke of last before the quote, in its paragraph or the one before. A wrong speaker is worse
            # than none, since an analyst quotes it.
            if speaker in names and last_named_near(text, quote_spans[i].start, names) == speaker:
                speakers[i], methods[i] = speaker, "model"
    nicknames = nicknames_of(text, names)
    for i in open_:
        # After the follow-up, so that what is sent to the model stays as recorded: a position named alone in the
        # cue, a nickname the article introduced, a pronoun whose subject is named by position only.
        if speakers[i] is not None:
            continue
        if holder := speaker_by_position(text, quote_spans[i], offices):
            speakers[i], methods[i] = holder, "title"
        elif holder := speaker_by_nickname(text, quote_spans[i], nicknames):
            speakers[i], methods[i] = holder, "cue"
        elif holder := speaker_by_subject_position(text, quote_spans[i], offices):
            speakers[i], methods[i] = holder, "mention"
    quotes = []
    not_words = not_speech(text, quote_spans)  # asked about above, so the prompts stay as recorded
    for i, (q, speaker, method) in enumerate(zip(quote_spans, speakers, methods)):
        if i in not_words:
            continue
        if speaker is None:
            extraction.warnings.append(f"quote at {q.start} has no speaker among the officials")
        quotes.append(Quote(text=q.text, speaker=speaker, start=q.start, end=q.end,
                            attribution=method if speaker else "none"))
    return quotes


def _excerpt(quote: str, limit: int = 160) -> str:
    """A quote cut at a word before `limit` characters, marked with an ellipsis, for the follow-up question."""
    return quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
