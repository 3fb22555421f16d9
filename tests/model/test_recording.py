"""The response cache: recorded replies answer again without a model; changed requests are misses."""

import json

import pytest

from service.extraction.replies import ArticleReply
from service.model.llm import InvalidReply
from service.model.recording import CachedLLM, StaleRecording
from tests.fakes import FakeLLM, article_reply

ARTICLE = {"article": "Gubernur Banten Andra Soni bertemu Gubernur DKI Jakarta Pramono Anung."}
MESSAGES = [{"role": "system", "content": "RULES"}, {"role": "user", "content": "ARTICLE: ..."}]


def cached(tmp_path, inner, **kwargs):
    """A CachedLLM on `tmp_path` for model "m" and prompt version extract/v1."""
    return CachedLLM(inner, tmp_path, model="m", prompt_version="extract/v1", **kwargs)


def ask(llm, messages=MESSAGES):
    """The reply to `messages` about ARTICLE."""
    return llm.create(ArticleReply, messages, context=ARTICLE, max_tokens=10)


def test_a_recorded_reply_is_replayed_without_the_model(tmp_path):
    reply = article_reply(officials=[("Andra Soni", "Gubernur", "Banten")])
    first = cached(tmp_path, FakeLLM(reply))
    assert ask(first).value.officials[0].name == "Andra Soni" and first.misses == 1
    again = cached(tmp_path, None)
    replayed = ask(again)
    assert replayed.value.officials[0].name == "Andra Soni"
    assert (again.hits, again.misses, replayed.usage.calls) == (1, 0, 1)
    # The reply as the model wrote it comes back too: a follow-up question repeats it word for word.
    assert replayed.text == json.dumps(reply)


def test_a_changed_request_is_a_miss_with_a_model_and_refused_without(tmp_path):
    ask(cached(tmp_path, FakeLLM(article_reply(goals=["one"]))))
    changed = [MESSAGES[0], {"role": "user", "content": "ARTICLE: changed hints"}]
    with_model = cached(tmp_path, FakeLLM(article_reply(goals=["two"])))
    assert ask(with_model, changed).value.goals == ["two"] and with_model.misses == 1
    # Replaying, a reply recorded for another request answers another question: refused, not passed on.
    other = [MESSAGES[0], {"role": "user", "content": "other"}]
    with pytest.raises(StaleRecording, match="changed since its reply was recorded"):
        ask(cached(tmp_path, None), other)
    rough = cached(tmp_path, None, allow_stale=True)  # asked for: the article's old reply, counted
    assert ask(rough, other).value.goals == ["one"]
    assert rough.stale == 1


def test_pruning_drops_the_replies_to_requests_no_longer_made(tmp_path):
    ask(cached(tmp_path, FakeLLM(article_reply(goals=["one"]))))
    changed = [MESSAGES[0], {"role": "user", "content": "ARTICLE: changed hints"}]
    recorder = cached(tmp_path, FakeLLM(article_reply(goals=["two"])))
    ask(recorder, changed)
    assert recorder.prune() == 1  # the reply to the old request: no request of this run used it
    replay = cached(tmp_path, None)
    assert ask(replay, changed).value.goals == ["two"]
    with pytest.raises(LookupError):  # the old request has nothing left to answer it
        ask(cached(tmp_path, None), MESSAGES)
    assert cached(tmp_path, None).prune() == 0  # a run that asked nothing touches no file


def test_other_model_or_prompt_version_has_its_own_cache(tmp_path):
    ask(cached(tmp_path, FakeLLM(article_reply())))
    with pytest.raises(LookupError, match="no cached ArticleReply"):
        ask(CachedLLM(None, tmp_path, model="other", prompt_version="extract/v1"))


def test_an_invalid_final_reply_is_replayed_as_invalid(tmp_path):
    bad = article_reply(officials=[("Budi Hartono", "Gubernur", "Banten")])
    with pytest.raises(InvalidReply):
        ask(cached(tmp_path, FakeLLM(bad, bad)))
    with pytest.raises(InvalidReply) as info:
        ask(cached(tmp_path, None))
    assert "Budi Hartono" in info.value.last_reply


def test_refresh_ignores_what_is_cached(tmp_path):
    ask(cached(tmp_path, FakeLLM(article_reply(goals=["old"]))))
    fresh = cached(tmp_path, FakeLLM(article_reply(goals=["new"])), refresh=True)
    assert ask(fresh).value.goals == ["new"]
    assert ask(cached(tmp_path, None)).value.goals == ["new"]


def test_the_recorded_wall_time_of_an_article_sums_its_calls(tmp_path):
    import hashlib

    ask(cached(tmp_path, FakeLLM(article_reply())))
    ask(cached(tmp_path, FakeLLM(article_reply())), [MESSAGES[0], {"role": "user", "content": "ARTICLE: again"}])
    replay = cached(tmp_path, None)
    recorded = json.loads(replay.path_for(hashlib.sha256(ARTICLE["article"].encode()).hexdigest()).read_text())
    assert len(recorded["calls"]) == 2
    assert replay.recorded_wall_s(ARTICLE["article"]) == sum(c["wall_s"] for c in recorded["calls"])
    assert replay.recorded_wall_s("an article never recorded") == 0.0
