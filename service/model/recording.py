"""Recording and replaying a model's replies, keyed by article and call order.

The recorded real replies of the embedded model let the eval suite re-score without a model, and tests and
CI run the whole pipeline on real model output with no model at all.
"""

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from schemas.summary import Usage
from service.errors import RingkasError
from service.files import write_file_atomically
from service.model.llm import LLM, InvalidReply, Reply


def _article_key(context: dict[str, Any]) -> str:
    """The hex SHA-256 of the UTF-8 bytes of the call's article (`context["article"]`)."""
    return hashlib.sha256(context["article"].encode("utf-8")).hexdigest()


class RecordingLLM:
    """Passes calls to `inner` and keeps every reply (or final invalid reply), per article."""

    def __init__(self, inner: LLM):
        self.inner = inner
        self.name = inner.name
        self.recorded: dict[str, list[dict[str, Any]]] = {}

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        """`inner`'s reply (see `LLM.create`), recorded with its usage and wall time in seconds; an InvalidReply is
        recorded, then raised again."""
        calls = self.recorded.setdefault(_article_key(context), [])
        started = time.perf_counter()
        try:
            reply = self.inner.create(response_model, messages, context=context, max_tokens=max_tokens)
        except InvalidReply as exc:
            calls.append({"response_model": response_model.__name__, "invalid": str(exc).splitlines()[0][:300],
                          "last_reply": exc.last_reply, "usage": exc.usage.model_dump(),
                          "wall_s": round(time.perf_counter() - started, 3)})
            raise
        calls.append({"response_model": response_model.__name__, "reply": reply.value.model_dump(mode="json"),
                      "reply_text": reply.text, "usage": reply.usage.model_dump(),
                      "wall_s": round(time.perf_counter() - started, 3)})
        return reply


def request_key(response_model, messages: list[dict[str, str]]) -> str:
    """Identifies a request: the same messages and reply schema get the same reply at temperature 0."""
    blob = json.dumps([messages, response_model.model_json_schema()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class StaleRecording(RingkasError, LookupError):
    """A replayed request differs from the one its article's reply was recorded for: the reply answers another
    question."""


class CachedLLM:
    """Answers from a directory of recorded replies when it has them, else asks `inner` and records.

    One file per article, named by a hash of the model, the prompt version and the article; inside, replies are
    found by a hash of the request. Re-scoring a run or re-running an unchanged configuration makes no model
    call; a change to what is sent is a miss. `inner=None` replays only: a request that changed since its reply was
    recorded (other prompts, or code that builds it differently) raises `StaleRecording`, so a test or a gate
    never passes on replies given to another question; with `allow_stale` it gets the reply recorded for the same
    article and reply type instead, counted in `stale`, for a rough re-score.
    """

    def __init__(self, inner: LLM | None, cache_dir: Path, *, model: str, prompt_version: str, refresh: bool = False,
                 allow_stale: bool = False):
        self.inner = inner
        self.allow_stale = allow_stale
        self.name = model
        self.cache_dir = cache_dir
        self.prompt_version = prompt_version
        self.refresh = refresh
        self.hits = 0
        self.misses = 0
        self.stale = 0
        self._stale_next: dict[tuple[str, str], int] = {}
        self._calls: dict[str, list[dict[str, Any]]] = {}
        self._used: dict[str, set[str]] = {}  # per article, the requests answered in this session

    def path_for(self, article_sha: str) -> Path:
        """The file of an article's replies: named by a hash of the model, the prompt version and the article."""
        key = hashlib.sha256(f"{self.name}\n{self.prompt_version}\n{article_sha}".encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.json"

    def recorded_wall_s(self, article: str) -> float:
        """The seconds the model took, all calls together, when the replies about `article` (the text the calls
        were about, `context["article"]`) were recorded; 0.0 if none were."""
        return sum(call.get("wall_s", 0.0) for call in self._load(_article_key({"article": article})))

    def _load(self, article_sha: str) -> list[dict[str, Any]]:
        """The article's recorded calls (none with `refresh`), read once and kept."""
        if article_sha not in self._calls:
            path = self.path_for(article_sha)
            calls = []
            if path.is_file() and not self.refresh:
                calls = json.loads(path.read_text(encoding="utf-8"))["calls"]
            self._calls[article_sha] = calls
        return self._calls[article_sha]

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        """The recorded reply to this request, else `inner`'s (recorded), else, replaying only with `allow_stale`,
        the next reply recorded for the article and reply type. Raises `StaleRecording` when replaying finds only
        replies to another request, LookupError when it finds none, and InvalidReply for a reply recorded as
        invalid."""
        sha = _article_key(context)
        calls = self._load(sha)
        key = request_key(response_model, messages)
        call = next((c for c in calls if c.get("request") == key), None)
        self._used.setdefault(sha, set()).add(key)
        if call is not None:
            self.hits += 1
            return self._replay(call, response_model, context)
        if self.inner is None:
            same = [c for c in calls if c["response_model"] == response_model.__name__]
            if same and not self.allow_stale:
                raise StaleRecording(f"the {response_model.__name__} request for article {sha[:12]} changed since "
                                     f"its reply was recorded ({self.name}, {self.prompt_version}): re-record with "
                                     "the model (`ringkas eval`, or `python -m benchmarks.seeds --record`)")
            replayed = self._stale_next.get((sha, response_model.__name__), 0)
            if replayed < len(same):
                self._stale_next[(sha, response_model.__name__)] = replayed + 1
                self.stale += 1
                return self._replay(same[replayed], response_model, context)
            raise LookupError(f"no cached {response_model.__name__} reply for article {sha[:12]} "
                              f"({self.name}, {self.prompt_version}); run with the model to fill the cache")
        self.misses += 1
        recorder = RecordingLLM(self.inner)
        try:
            return recorder.create(response_model, messages, context=context, max_tokens=max_tokens)
        finally:
            for recorded in recorder.recorded.get(sha, []):
                calls.append({"request": key, **recorded})
            self._save(sha, calls)

    def prune(self) -> int:
        """Drop, from the files of the articles asked about in this session, the calls no request of this session
        used: replies recorded for requests the code no longer makes, which would otherwise count in
        `recorded_wall_s` and grow the files. Returns how many calls were dropped. Call it after a run that asked
        about every article it records for (`ringkas eval` with the model)."""
        dropped = 0
        for sha, used in self._used.items():
            calls = self._load(sha)
            kept = [c for c in calls if c.get("request") in used]
            if len(kept) != len(calls):
                dropped += len(calls) - len(kept)
                self._calls[sha] = kept
                self._save(sha, kept)
        return dropped

    @staticmethod
    def _replay(call: dict[str, Any], response_model, context) -> Reply:
        """A recorded call as the reply it was, validated again with `context`; an invalid one is raised."""
        usage = Usage(**call["usage"])
        if "invalid" in call:
            raise InvalidReply(call["invalid"], call["last_reply"], usage)
        return Reply(response_model.model_validate(call["reply"], context=context), usage, call.get("reply_text"))

    def _save(self, article_sha: str, calls: list[dict[str, Any]]) -> None:
        """Write the article's calls to its file, replacing it whole (`write_file_atomically`)."""
        write_file_atomically(self.path_for(article_sha), json.dumps(
            {"model": self.name, "prompt_version": self.prompt_version, "article_sha256": article_sha,
             "calls": calls}, ensure_ascii=False, indent=1) + "\n")
