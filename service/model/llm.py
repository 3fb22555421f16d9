"""The model boundary: create a pydantic object from messages, with re-asks that carry the reason.

The pipeline talks to the small `LLM` protocol; `InstructorLLM` implements it over any OpenAI-compatible
endpoint with `openai` + `instructor`; tests hand the pipeline a fake.

Messages are sent exactly as the caller wrote them, and the reply schema is enforced by the server as a grammar.
A caller that wants the model to read the schema puts it in its system message with `with_schema` (the text
instructor's JSON mode would append). So the caller owns every token of the prompt: a follow-up question can
repeat an earlier conversation word for word, and the server reads only what is new.
"""

import json
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from textwrap import dedent
from typing import Any, Literal, Protocol, TypeVar

import httpx
import instructor
import openai
from pydantic import BaseModel
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from schemas.summary import Usage
from service.cancellation import CancellableLoop, WorkAbandoned
from service.errors import RingkasError

log = logging.getLogger(__name__)
# instructor logs each failed validation with the model's reply (words of the article) at ERROR; Ringkas
# reports those failures itself, as warnings and typed errors, without the text.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

T = TypeVar("T", bound=BaseModel)

# Unit tests set this to False (tests/conftest.py), so that only tests marked `live` can reach a model.
ALLOW_MODEL_REQUESTS = True
# Qwen2.5's tokenizer reads 3.03-4.93 characters a token (median 3.30) of the 21 seed and dev articles; an estimate
# takes the low end, so a prompt is not thought shorter than it is.
CHARS_PER_TOKEN = 3.0
# "<|im_start|>role\n" ... "<|im_end|>\n" in ChatML, with room for other templates.
TEMPLATE_TOKENS_PER_MESSAGE = 8


# How a model call failed for good (`ModelError.kind`); the API chooses its status by it.
ModelErrorKind = Literal["unavailable", "timeout", "rate_limited", "bad_response", "budget", "too_long", "cancelled"]


class ModelError(RingkasError):
    """The model endpoint failed for good. `kind` says how: 'unavailable', 'timeout', 'rate_limited',
    'bad_response', 'budget', 'too_long' (the prompt over the model's context) or 'cancelled'."""

    def __init__(self, kind: ModelErrorKind, message: str, usage: Usage | None = None):
        super().__init__(message)
        self.kind = kind
        self.usage = usage or Usage()


class Cancelled(ModelError):
    """The work was abandoned by its client (stream closed, request over its time) and its model call stopped
    (see `service.cancellation`)."""

    def __init__(self, reason: str, usage: Usage | None = None):
        super().__init__("cancelled", f"stopped: {reason}", usage)


class InvalidReply(RingkasError):
    """The model's reply still broke a rule after every re-ask. Carries the last raw reply for salvage."""

    def __init__(self, message: str, last_reply: str | None, usage: Usage):
        super().__init__(message)
        self.last_reply = last_reply
        self.usage = usage


@dataclass
class Reply:
    """A validated reply: the `response_model` instance, the usage of every attempt, and the text it came from."""

    value: Any
    usage: Usage
    text: str | None = None  # the reply as the model wrote it, to continue the conversation with


@lru_cache(maxsize=64)  # pydantic builds a schema in ~4 ms, most of the pipeline's own time per article
def with_schema(system: str, response_model: type[BaseModel]) -> str:
    """`system` followed by `response_model`'s JSON schema, worded as instructor's JSON mode words it, and as
    its Jinja templating then left it (without the final newline): the model reads what it read when instructor
    appended the schema itself (tests/model/test_llm.py compares the two)."""
    schema = json.dumps(response_model.model_json_schema(), indent=2, ensure_ascii=False)
    return system + "\n\n" + dedent(
        f"""
            As a genius expert, your task is to understand the content and provide
            the parsed objects in json that match the following json_schema:\n

            {schema}

            Make sure to return an instance of the JSON, not the schema itself
            """
    ).removesuffix("\n")


class LLM(Protocol):
    """What the pipeline needs of a model."""

    name: str

    def create(
        self, response_model: type[T], messages: list[dict[str, str]], *, context: dict[str, Any], max_tokens: int
    ) -> Reply:
        """A validated `response_model` (re-asking on validation errors), or `InvalidReply` / `ModelError`."""
        ...


def compact_schema(response_model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent to the server as a grammar constraint."""
    return response_model.model_json_schema()


def _jinja_literal(text: str) -> str:
    """Protect message text from instructor's Jinja templating (it renders messages when a context is
    passed): an article may contain '{{' or '{%'."""
    return "{% raw %}" + re.sub(r"\{%(-|\+)?\s*endraw", "{ %endraw", text) + "{% endraw %}"


def _unwrap(exc: BaseException) -> BaseException:
    """instructor wraps an API error in its own retry exception; the cause says what happened."""
    if isinstance(exc, instructor.core.exceptions.InstructorRetryException) and exc.__cause__ is not None:
        return exc.__cause__
    return exc


def _is_transient(exc: BaseException) -> bool:
    """Whether a failure may pass if the request is sent again: a connection fault, a timeout, 408/409/429/5xx."""
    exc = _unwrap(exc)
    if isinstance(exc, (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429, 500, 502, 503, 504)
    return isinstance(exc, (httpx.TransportError,))


def _retry_after(exc: BaseException) -> float | None:
    """The seconds a failed response's `Retry-After` header asks to wait (at most 60), or None."""
    response = getattr(_unwrap(exc), "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after")
    try:
        return min(float(value), 60.0) if value is not None else None
    except ValueError:
        return None


class _WaitHonouringRetryAfter:
    """Exponential backoff with jitter, or the server's `Retry-After` when it sends one."""

    def __init__(self, initial: float, maximum: float):
        self._backoff = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)

    def __call__(self, state: RetryCallState) -> float:
        """Seconds to wait before the next attempt."""
        exc = state.outcome.exception() if state.outcome else None
        hinted = _retry_after(exc) if exc else None
        return hinted if hinted is not None else self._backoff(state)


def _model_error(exc: BaseException, usage: Usage) -> ModelError:
    """The typed error for an endpoint failure that retries did not get past, with the usage so far."""
    if isinstance(exc, openai.APITimeoutError):
        return ModelError("timeout", "the model endpoint did not answer in time", usage)
    if isinstance(exc, openai.RateLimitError):
        return ModelError("rate_limited", "the model endpoint is rate-limiting requests", usage)
    if isinstance(exc, openai.APIConnectionError):
        return ModelError("unavailable", "the model endpoint cannot be reached", usage)
    if isinstance(exc, openai.APIStatusError):
        kind = "unavailable" if exc.status_code >= 500 else "bad_response"
        return ModelError(kind, f"the model endpoint answered HTTP {exc.status_code}", usage)
    return ModelError("bad_response", f"the model endpoint failed: {type(exc).__name__}", usage)


class InstructorLLM:
    """Any OpenAI-compatible endpoint, through `instructor` in JSON mode with a server-side schema."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "not-needed",
        *,
        timeout_s: float = 300.0,
        retries: int = 2,
        transport_retries: int = 3,
        backoff_initial_s: float = 1.0,
        backoff_max_s: float = 30.0,
        context_tokens: int | None = None,
        tokenize_url: str | None = None,
    ):
        self.name = model
        self.context_tokens = context_tokens  # the model's context window; None: unknown, not checked
        self._tokenize_url = tokenize_url
        self._api_key = api_key  # the count's request carries it too: the embedded server answers no one else
        # JSON_SCHEMA mode adds nothing to the messages; its response_format (which llama.cpp's server refuses)
        # is replaced in `create` by json_object with the schema, which every server tried accepts.
        # The async client, on a loop of its own: a call in flight can then be cancelled from another thread,
        # which closes its connection (a blocking socket read in a worker thread cannot be interrupted).
        self._client = instructor.from_openai(
            openai.AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0),
            mode=instructor.Mode.JSON_SCHEMA,
        )
        self._io = CancellableLoop(f"ringkas-model-io-{model}")
        self._retries = retries
        self._transport_retries = transport_retries
        self._wait = _WaitHonouringRetryAfter(backoff_initial_s, backoff_max_s)

    def create(
        self, response_model: type[T], messages: list[dict[str, str]], *, context: dict[str, Any], max_tokens: int
    ) -> Reply:
        """A validated `response_model` from `messages`, re-asked up to `retries` times with the validation error
        (validated with `context`, which holds the "article"), and sent again after transient faults.

        Raises:
            InvalidReply: the reply still broke a rule after the re-asks (or was cut off at `max_tokens`).
            ModelError: the endpoint failed for good ('too_long' before any call; see `ModelError.kind`);
                `Cancelled` when the caller's work was abandoned.
        """
        if not ALLOW_MODEL_REQUESTS:
            raise RuntimeError("model requests are disabled here (ALLOW_MODEL_REQUESTS is False)")
        self.check_fits(messages, max_tokens, context.get("article", ""))
        usage = Usage()
        safe_messages = [{**m, "content": _jinja_literal(m["content"])} for m in messages]
        # llama.cpp's server rejects response_format json_schema (HTTP 500 "Input should be 'text' or
        # 'json_object'"); json_object with a schema works there, and other servers accept it too.
        extra_body = {"response_format": {"type": "json_object", "schema": compact_schema(response_model)}}
        written: list[str | None] = [None]
        hooks = _counting_hooks(usage, written)

        async def request() -> Any:
            """One call through instructor, with its own re-asks."""
            return await self._client.chat.completions.create(
                model=self.name,
                response_model=response_model,
                messages=safe_messages,
                context=context,
                max_retries=self._retries,
                strict=False,
                hooks=hooks,
                temperature=0.0,
                max_tokens=max_tokens,
                extra_body=extra_body,
            )

        try:
            for attempt in Retrying(retry=retry_if_exception(_is_transient), wait=self._wait, reraise=True,
                                    stop=stop_after_attempt(self._transport_retries + 1)):
                with attempt:
                    try:
                        value = self._io.run(request())
                    except WorkAbandoned as abandoned:
                        raise Cancelled(abandoned.reason, usage) from None
        except instructor.core.exceptions.InstructorRetryException as exc:
            cause = _unwrap(exc)
            if isinstance(cause, (openai.OpenAIError, httpx.HTTPError)):
                raise _model_error(cause, usage) from exc
            raise InvalidReply(str(exc), _reply_text(exc.last_completion), usage) from exc
        except instructor.core.exceptions.IncompleteOutputException as exc:
            raise InvalidReply("the reply was cut off at max_tokens", _reply_text(exc.last_completion), usage) from exc
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise _model_error(exc, usage) from exc
        return Reply(value, usage, written[0])

    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        """How many tokens the model reads for `messages`: counted by the endpoint's tokenizer where it has one
        (llama-cpp-python's `/extras/tokenize`), else estimated at `CHARS_PER_TOKEN` characters a token; plus
        `TEMPLATE_TOKENS_PER_MESSAGE` for the chat template's markers around each message."""
        text = "\n".join(m["content"] for m in messages)
        overhead = TEMPLATE_TOKENS_PER_MESSAGE * len(messages)
        if self._tokenize_url:
            try:
                reply = httpx.post(self._tokenize_url, json={"input": text}, timeout=30,
                                   headers={"Authorization": f"Bearer {self._api_key}"})
                reply.raise_for_status()
                return len(reply.json()["tokens"]) + overhead
            except (httpx.HTTPError, KeyError, TypeError, ValueError) as exc:
                log.warning("counting the prompt's tokens failed (%s); estimating", type(exc).__name__)
        return math.ceil(len(text) / CHARS_PER_TOKEN) + overhead

    def check_fits(self, messages: list[dict[str, str]], max_tokens: int, article: str = "") -> None:
        """Raises `ModelError` ('too_long') when the prompt and the reply's `max_tokens` exceed the model's
        context window: the endpoint would refuse it anyway (HTTP 400), after reading part of it."""
        if self.context_tokens is None:
            return
        prompt = self.prompt_tokens(messages)
        if prompt + max_tokens > self.context_tokens:
            raise ModelError(
                "too_long",
                f"the article is too long for the model: {len(article):,} characters make a prompt of {prompt:,} "
                f"tokens, and with the {max_tokens:,} tokens its reply may take that is over the model's context "
                f"of {self.context_tokens:,} tokens. Long articles are not read in chunks yet: shorten it, or use a "
                "model with a larger context (RINGKAS_MODEL_CTX, RINGKAS_LLM_CONTEXT_TOKENS)")


def _counting_hooks(usage: Usage, written: list[str | None]) -> instructor.hooks.Hooks:
    """instructor hooks that count each call and re-ask into `usage` and keep the last reply's text in `written`."""
    hooks = instructor.hooks.Hooks()
    hooks.on("completion:response", lambda response: _count_call(usage, response, written))
    hooks.on("parse:error", lambda *args, **kwargs: _count_retry(usage))
    return hooks


def _count_call(usage: Usage, response: Any, written: list[str | None]) -> None:
    """Add one call and the tokens the endpoint reports for it to `usage`; keep its reply's text in `written`."""
    usage.calls += 1
    written[0] = _reply_text(response)
    reported = getattr(response, "usage", None)
    if reported is not None:
        usage.prompt_tokens += reported.prompt_tokens or 0
        usage.completion_tokens += reported.completion_tokens or 0


def _count_retry(usage: Usage) -> None:
    """Count one re-ask after a reply that failed validation."""
    usage.retries += 1


def _reply_text(completion: Any) -> str | None:
    """The first choice's message text of a chat completion, or None if it has none."""
    try:
        return completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None


def parse_lenient(response_model: type[T], raw: str | None) -> T | None:
    """The last reply parsed without the grounding context, so code can keep the items that pass."""
    if not raw:
        return None
    try:
        return response_model.model_validate(json.loads(raw))
    except (ValueError, TypeError):
        return None
