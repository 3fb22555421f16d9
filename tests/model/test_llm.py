"""InstructorLLM against a real HTTP server on loopback: request shape, re-asks, retries, usage."""

import json
import time

import instructor
import openai
import pytest

import service.model.llm
from service.extraction.replies import ArticleReply
from service.model.llm import InstructorLLM, InvalidReply, ModelError, with_schema
from tests.fakes import article_reply
from tests.openai_stub import OpenAIStub, Scripted

ARTICLE = "Gubernur Lampung Jihan Nurlela {{ secret }} bertemu Gubernur Banten Andra Soni di Serang."


@pytest.fixture
def stub(monkeypatch):
    """A scripted OpenAI-compatible server on loopback, with model requests allowed to reach it."""
    monkeypatch.setattr(service.model.llm, "ALLOW_MODEL_REQUESTS", True)  # a loopback stub, not a model
    with OpenAIStub() as server:
        yield server


def llm_for(stub, **kwargs):
    """An InstructorLLM on the stub, with backoffs of hundredths of a second."""
    kwargs.setdefault("backoff_initial_s", 0.01)
    kwargs.setdefault("backoff_max_s", 0.05)
    return InstructorLLM(stub.base_url, "stub-model", timeout_s=5, **kwargs)


def ask(llm, system="RULES"):
    """The reply to a system message and the article."""
    messages = [{"role": "system", "content": system}, {"role": "user", "content": "ARTICLE:\n" + ARTICLE}]
    return llm.create(ArticleReply, messages, context={"article": ARTICLE}, max_tokens=100)


def good():
    """A valid reply naming the article's Governor of Lampung, as JSON text."""
    return json.dumps(article_reply(officials=[("Jihan Nurlela", "Gubernur", "Provinsi Lampung")]))


def test_json_mode_with_the_schema_as_a_server_side_constraint(stub):
    stub.queue.append(good())
    reply = ask(llm_for(stub))
    assert reply.value.officials[0].name == "Jihan Nurlela"
    body = stub.requests[0]
    assert body["response_format"]["type"] == "json_object"
    assert body["response_format"]["schema"] == ArticleReply.model_json_schema()
    assert body["temperature"] == 0 and body["max_tokens"] == 100
    # Sent exactly as written: the caller owns the prompt (and shows the schema with `with_schema`).
    assert body["messages"] == [{"role": "system", "content": "RULES"},
                                {"role": "user", "content": "ARTICLE:\n" + ARTICLE}]
    assert (reply.usage.calls, reply.usage.prompt_tokens, reply.usage.retries) == (1, 50, 0)
    assert reply.text == good()  # the reply as written, for a follow-up question


def test_with_schema_sends_what_instructors_json_mode_sent(stub):
    # What the model read when instructor's JSON mode appended the schema (and rendered the messages as a
    # template, as it does when a validation context is passed) is what `with_schema` now sends.
    stub.queue += [good(), good()]
    old = instructor.from_openai(openai.OpenAI(base_url=stub.base_url, api_key="x", max_retries=0),
                                 mode=instructor.Mode.JSON)
    old.chat.completions.create(model="m", response_model=ArticleReply, context={"article": ARTICLE},
                                messages=[{"role": "system", "content": "RULES"}, {"role": "user", "content": "A"}])
    ask(llm_for(stub), system=with_schema("RULES", ArticleReply))
    assert stub.requests[1]["messages"][0]["content"] == stub.requests[0]["messages"][0]["content"]
    assert '"officials"' in stub.requests[1]["messages"][0]["content"]


def test_article_text_reaches_the_server_unchanged(stub):
    stub.queue.append(good())
    ask(llm_for(stub))
    assert stub.requests[0]["messages"][-1]["content"] == "ARTICLE:\n" + ARTICLE


def test_reask_names_the_item_and_the_rule(stub):
    stub.queue += [json.dumps(article_reply(officials=[("Budi Hartono", "Gubernur", "Banten")])), good()]
    reply = ask(llm_for(stub))
    reask = stub.requests[1]["messages"][-1]["content"]
    assert "officials[0].name 'Budi Hartono' does not occur in the article" in reask
    assert (reply.usage.calls, reply.usage.retries, reply.usage.prompt_tokens) == (2, 1, 100)


def test_still_invalid_after_reasks_carries_the_last_reply(stub):
    bad = json.dumps(article_reply(officials=[("Budi Hartono", "Gubernur", "Banten")]))
    stub.queue += [bad, bad]
    with pytest.raises(InvalidReply) as info:
        ask(llm_for(stub, retries=1))
    assert json.loads(info.value.last_reply)["officials"][0]["name"] == "Budi Hartono"
    assert info.value.usage.calls == 2


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_transient_faults_are_retried(stub, status):
    stub.queue += [Scripted(status, {"error": "busy"}, {"Retry-After": "0"}), good()]
    reply = ask(llm_for(stub))
    assert reply.value.officials[0].name == "Jihan Nurlela"
    assert len(stub.requests) == 2


def test_persistent_fault_ends_in_one_typed_error(stub):
    stub.queue += [Scripted(503, {"error": "down"})] * 3
    with pytest.raises(ModelError) as info:
        ask(llm_for(stub, transport_retries=2))
    assert info.value.kind == "unavailable" and len(stub.requests) == 3


def test_unreachable_endpoint_is_unavailable(monkeypatch):
    monkeypatch.setattr(service.model.llm, "ALLOW_MODEL_REQUESTS", True)
    llm = InstructorLLM("http://127.0.0.1:9/v1", "none", timeout_s=1, transport_retries=0)
    with pytest.raises(ModelError) as info:
        ask(llm)
    assert info.value.kind == "unavailable"


def test_unit_tests_cannot_reach_a_model():
    with pytest.raises(RuntimeError, match="disabled"):
        ask(InstructorLLM("http://127.0.0.1:9/v1", "none"))


def test_retry_after_is_honoured_and_without_it_backoff_applies(stub):
    import time

    stub.queue += [Scripted(429, {"error": "slow down"}, {"Retry-After": "0.4"}), Scripted(429, {"error": "again"}),
                   good()]
    started = time.perf_counter()
    reply = ask(llm_for(stub))
    assert time.perf_counter() - started >= 0.4
    assert reply.value.officials[0].name == "Jihan Nurlela" and len(stub.requests) == 3


def test_a_dropped_connection_is_retried_then_unavailable(stub):
    stub.queue += [Scripted(drop=True), good()]
    assert ask(llm_for(stub)).value.officials[0].name == "Jihan Nurlela"
    stub.queue += [Scripted(drop=True)] * 2
    with pytest.raises(ModelError) as info:
        ask(llm_for(stub, transport_retries=1))
    assert info.value.kind == "unavailable"


def test_an_answer_slower_than_the_timeout_is_a_timeout(stub):
    stub.queue += [Scripted(200, None, delay=1.5, raw=good().encode())] * 2
    llm = InstructorLLM(stub.base_url, "stub-model", timeout_s=0.3, transport_retries=1, backoff_initial_s=0.01)
    with pytest.raises(ModelError) as info:
        ask(llm)
    assert info.value.kind == "timeout" and len(stub.requests) == 2


@pytest.mark.parametrize("broken", [
    '{"officials": [{"name": "Jihan Nurl',  # truncated JSON
    '{"officials": "Jihan Nurlela", "partners": 7}',  # JSON that breaks the schema
])
def test_truncated_or_schema_breaking_json_is_reasked_and_usage_counts_every_attempt(stub, broken):
    stub.queue += [broken, good()]
    reply = ask(llm_for(stub, retries=1))
    assert reply.value.officials[0].name == "Jihan Nurlela"
    assert (reply.usage.calls, reply.usage.retries, reply.usage.prompt_tokens) == (2, 1, 100)
    assert "officials" in stub.requests[1]["messages"][-1]["content"] or len(stub.requests[1]["messages"]) > 2


def test_invented_names_and_quotes_never_reach_the_summary(stub, caplog):
    from service.extraction.pipeline import summarize
    from service.intake.article import Article

    text = ("Gubernur Lampung Jihan Nurlela bertemu Gubernur Banten Andra Soni di Serang.\n"
            "“Kami sepakat bekerja sama di bidang pangan,” kata Jihan Nurlela.\n")
    invented = json.dumps(article_reply(officials=[("Budi Hartono", "Menteri", "Kementerian"),
                                                   ("Jihan Nurlela", "Gubernur", "Lampung")],
                                        sectors=["pangan", "tambang emas"]))
    stub.queue += [invented, invented]
    summary = summarize(Article(text=text, title="Lampung dan Banten"), llm_for(stub, retries=1))
    assert [o.name for o in summary.officials] == ["Jihan Nurlela", "Andra Soni"]  # never the invented one
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Budi Hartono" not in logged and "Jihan" not in logged  # no reply or prompt text in any log line
    assert any("'Budi Hartono' dropped" in w for w in summary.warnings)
    assert [q.text for q in summary.quotes] == ["Kami sepakat bekerja sama di bidang pangan,"]
    assert all(text[q.start : q.end] == q.text for q in summary.quotes)
    assert [s.evidence for s in summary.sectors] == ["pangan"]


def test_a_cancelled_call_stops_and_closes_its_connection(stub):
    import threading

    from service.cancellation import CancelToken, cancellable
    from service.model.llm import Cancelled

    stub.queue = [Scripted(200, {"choices": []}, delay=600)]
    token = CancelToken()

    def cancel_once_asked() -> None:
        while not stub.requests:
            time.sleep(0.01)
        token.cancel("the client closed the stream")

    threading.Thread(target=cancel_once_asked, daemon=True).start()
    with cancellable(token), pytest.raises(Cancelled, match="the client closed the stream") as raised:
        llm = llm_for(stub, transport_retries=0)
        ask(llm)
    assert raised.value.kind == "cancelled"
    deadline = time.monotonic() + 30
    while not stub.abandoned and time.monotonic() < deadline:  # the server notices in its own thread
        time.sleep(0.05)
    assert len(stub.abandoned) == 1  # the model server saw its client hang up


def test_work_already_cancelled_makes_no_model_call(stub):
    from service.cancellation import CancelToken, cancellable
    from service.model.llm import Cancelled

    token = CancelToken()
    token.cancel("the request took longer than 900 s")
    with cancellable(token), pytest.raises(Cancelled):
        ask(llm_for(stub))
    assert stub.requests == []


def test_a_prompt_over_the_models_context_is_refused_before_the_call_saying_both_sizes(stub):
    llm = llm_for(stub, context_tokens=1_000)
    article = "Gubernur Banten bertemu Bupati Bogor. " * 200  # 7,600 characters: ~2,500 tokens at 3 a token
    messages = [{"role": "system", "content": "RULES"}, {"role": "user", "content": "ARTICLE:\n" + article}]
    with pytest.raises(ModelError) as refused:
        llm.create(ArticleReply, messages, context={"article": article}, max_tokens=100)
    assert refused.value.kind == "too_long"
    assert "7,600 characters" in str(refused.value) and "context of 1,000 tokens" in str(refused.value)
    assert stub.requests == []  # the endpoint never had to read it


def test_the_token_count_carries_the_endpoints_key_as_the_chat_requests_do(stub):
    llm = llm_for(stub, api_key="k-made-up", context_tokens=1_000,
                  tokenize_url=stub.base_url.removesuffix("/v1") + "/extras/tokenize")
    stub.queue = [Scripted(200, {"tokens": list(range(50))}), good()]
    ask(llm)
    assert stub.authorizations == ["Bearer k-made-up", "Bearer k-made-up"]


def test_the_endpoints_tokenizer_counts_the_prompt_when_it_has_one(stub):
    llm = llm_for(stub, context_tokens=1_000, tokenize_url=stub.base_url.removesuffix("/v1") + "/extras/tokenize")
    stub.queue = [Scripted(200, {"tokens": list(range(950))})]  # the tokenizer says: 950 tokens
    with pytest.raises(ModelError, match="prompt of 966 tokens"):  # 950 + the template's 2 x 8
        ask(llm)
    assert stub.requests == [{"input": "RULES\nARTICLE:\n" + ARTICLE}]
    stub.queue = [Scripted(200, {"tokens": list(range(50))}), good()]
    assert ask(llm).value.officials[0].name == "Jihan Nurlela"  # short enough: asked
