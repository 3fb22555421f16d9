"""A fake model for the pipeline's logic: a queue of canned replies and a record of what it was asked."""

import json
from typing import Any

from pydantic import ValidationError

from schemas.summary import Usage
from service.model.llm import InvalidReply, ModelError, Reply


class FakeLLM:
    """Answers each `create` call from a queue, validating like instructor does (with the context) and
    consuming one more reply per re-ask. A queued exception is raised instead."""

    name = "fake-model"

    def __init__(self, *replies: Any, retries: int = 1):
        self.replies = list(replies)
        self.retries = retries
        self.requests: list[dict[str, Any]] = []

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        """The next queued reply, validated (see `LLM.create`); each attempt counts 100 prompt and 10 completion
        tokens. Raises InvalidReply after the re-asks, and AssertionError when the queue runs out."""
        usage = Usage()
        last_error: ValidationError | None = None
        raw = None
        for _attempt in range(self.retries + 1):
            self.requests.append({"model": response_model.__name__, "messages": messages, "error": last_error})
            if not self.replies:
                raise AssertionError(f"FakeLLM has no reply left for {response_model.__name__}")
            reply = self.replies.pop(0)
            if isinstance(reply, BaseException):
                raise reply
            usage.calls += 1
            usage.prompt_tokens += 100
            usage.completion_tokens += 10
            raw = reply if isinstance(reply, str) else json.dumps(reply)
            try:
                return Reply(response_model.model_validate_json(raw, context=context), usage, raw)
            except ValidationError as exc:
                last_error = exc
                usage.retries += 1
        raise InvalidReply(str(last_error), raw, usage)


def article_reply(officials=(), partners=(), sectors=(), goals=(), events=()):
    """A well-formed main reply; officials as (name, title, institution) tuples, partners as (name, kind), events
    as (kind, visitors, hosts, participants) with lists of party names."""
    return {
        "events": [{"kind": k, "visitors": list(v), "hosts": list(h), "participants": list(p)}
                   for k, v, h, p in events],
        "officials": [{"name": n, "title": t, "institution": i} for n, t, i in officials],
        "partners": [{"name": n, "kind": k} for n, k in partners],
        "sectors": list(sectors),
        "goals": list(goals),
    }


__all__ = ["FakeLLM", "article_reply", "ModelError"]
