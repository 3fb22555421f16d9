"""The embedded server's patches, on the real model: asking the grammar about the greedy token first picks, at
every step, the token llama-cpp-python's own chain picks; a follow-up reads only its question; a new server loads
the first message's state instead of reading it."""

import time

import pytest

from service.extraction.replies import ArticleReply
from service.settings import Settings

ARTICLE = ("Gubernur Lampung Rahmat Mirzani Djausal menerima kunjungan Gubernur Banten Andra Soni di Bandar Lampung. "
           "Keduanya sepakat bekerja sama di bidang pangan, pariwisata dan UMKM.")


def install_patches(monkeypatch) -> None:
    """Ringkas's server patches installed on llama-cpp-python's `Llama`; monkeypatch puts back all that `install`
    replaces (`sample`, `generate`, `eval`) and the prefix state files it opens, after the test."""
    from llama_cpp import llama as llama_module

    from service.model import llama_server
    from service.model.llama_server import prefix_states

    for name in ("sample", "generate", "eval"):
        monkeypatch.setattr(llama_module.Llama, name, getattr(llama_module.Llama, name))
    monkeypatch.setattr(prefix_states, "_states", None)
    llama_server.install()


@pytest.fixture
def evaluated(monkeypatch):
    """Ringkas's server patches installed, and the length of every batch `Llama.eval` reads, in order (the tokens a
    reply writes come one at a time); everything is put back afterwards."""
    pytest.importorskip("llama_cpp")
    from llama_cpp import llama as llama_module

    original_eval = llama_module.Llama.eval
    lengths: list[int] = []

    def counting_eval(self, tokens):
        lengths.append(len(tokens))
        return original_eval(self, tokens)

    install_patches(monkeypatch)
    monkeypatch.setattr(llama_module.Llama, "eval", counting_eval)
    return lengths


@pytest.mark.live
def test_grammar_first_greedy_picks_the_token_the_full_chain_picks(monkeypatch):
    llama_cpp = pytest.importorskip("llama_cpp")
    from llama_cpp import llama as llama_module

    from service.model.embedded import assemble_default_model

    model = llama_cpp.Llama(model_path=str(assemble_default_model(Settings().cache_dir)), n_ctx=1024, n_threads=2,
                            verbose=False)
    picks: list[tuple[int, int]] = []
    install_patches(monkeypatch)
    fast = llama_module.Llama.sample

    def compared(self, *args, **kwargs):
        # The chain's own choice on the same logits, from a copy of its state (the copy accepts, not the chain).
        copy = llama_cpp.llama_sampler_clone(self._sampler.sampler)
        try:
            expected = llama_cpp.llama_sampler_sample(copy, self._ctx.ctx, kwargs["idx"] - self.n_tokens)
        finally:
            llama_cpp.llama_sampler_free(copy)
        token = fast(self, *args, **kwargs)
        picks.append((token, expected))
        return token

    monkeypatch.setattr(llama_module.Llama, "sample", compared)
    out = model.create_chat_completion(
        messages=[{"role": "system", "content": "Reply with JSON: the officials, partners and sectors."},
                  {"role": "user", "content": ARTICLE}],
        response_format={"type": "json_object", "schema": ArticleReply.model_json_schema()},
        temperature=0.0, max_tokens=120)
    greedy = model._ringkas_greedy
    assert len(picks) == greedy.steps >= 100  # every token of the reply went through the fast path
    assert [token for token, _ in picks] == [expected for _, expected in picks]
    assert 0 < greedy.full_checks < greedy.steps / 4  # the grammar refused the best token only now and then
    assert out["choices"][0]["message"]["content"].startswith('{ "officials"')


@pytest.mark.live
def test_a_follow_up_reads_only_the_question(evaluated):
    import llama_cpp

    from service.model.embedded import assemble_default_model
    from service.model.llama_server.cache_reuse import reuse_cached_tokens

    model = llama_cpp.Llama(model_path=str(assemble_default_model(Settings().cache_dir)), n_ctx=2048, n_threads=2,
                            verbose=False)
    conversation = [{"role": "system", "content": "Reply with JSON: the officials, partners and sectors."},
                    {"role": "user", "content": ARTICLE}]
    fmt = {"type": "json_object", "schema": ArticleReply.model_json_schema()}
    reply = model.create_chat_completion(messages=conversation, response_format=fmt, temperature=0.0,
                                         max_tokens=200)["choices"][0]["message"]["content"]
    question = "Who is the governor of Banten? Answer with JSON."
    follow_up = [*conversation, {"role": "assistant", "content": reply}, {"role": "user", "content": question}]
    evaluated.clear()
    answer = model.create_chat_completion(messages=follow_up, response_format={"type": "json_object"},
                                          temperature=0.0, max_tokens=20)
    read = evaluated[0]  # the prompt tokens the server read; the rest are one per token written
    question_tokens = len(model.tokenize(question.encode(), add_bos=False))
    assert question_tokens <= read <= question_tokens + 12, (read, question_tokens)
    assert answer["choices"][0]["message"]["content"].startswith("{")
    # A prompt that leaves the cache inside its own text (the next article) keeps its own tokens.
    other = model._input_ids[:40].tolist() + model.tokenize(" Gubernur Jawa Barat".encode(), add_bos=False)
    assert reuse_cached_tokens(model, other) == other


@pytest.mark.live
def test_a_new_server_loads_the_first_message_instead_of_reading_it(tmp_path, monkeypatch, evaluated):
    import llama_cpp

    from service.model.embedded import assemble_default_model
    from service.model.llm import with_schema
    from service.model.prompts import load_extract_prompts

    monkeypatch.setenv("RINGKAS_PREFIX_STATES", str(tmp_path))
    system = with_schema(load_extract_prompts().system, ArticleReply)  # Ringkas's own prefix, ~960 tokens
    fmt = {"type": "json_object", "schema": ArticleReply.model_json_schema()}
    first = [{"role": "system", "content": system}, {"role": "user", "content": "ARTICLE:\n" + ARTICLE}]
    second = [{"role": "system", "content": system},
              {"role": "user", "content": "ARTICLE:\nBupati Lumajang Indah Amperawati menerima DPRD Kaltim."}]

    def new_server():
        return llama_cpp.Llama(model_path=str(assemble_default_model(Settings().cache_dir)), n_ctx=2048,
                               n_threads=2, verbose=False)

    def answer(model, conversation):
        """The reply, and how many prompt tokens the server read for it."""
        evaluated.clear()
        reply = model.create_chat_completion(messages=conversation, response_format=fmt, temperature=0.0,
                                             max_tokens=30)["choices"][0]["message"]["content"]
        return reply, sum(n for n in evaluated if n > 1)  # the tokens written are evaluated one at a time

    model = new_server()
    reply, read_all = answer(model, first)
    kept_after_one = list(tmp_path.glob("*.state"))  # a message asked for once is only marked
    prompt = model._input_ids[: model.n_tokens].tolist()
    answer(model, second)  # asked for again: kept on file
    kept = list(tmp_path.glob("*.state"))
    del model
    reply_loaded, read_loaded = answer(new_server(), first)
    kept[0].write_bytes(b"ringkas-prefix-state 1\n{not json")  # damaged: read again, no error
    reply_damaged, read_damaged = answer(new_server(), first)
    prefix = prompt.index(151645) + 1  # <|im_end|> closes the system message
    assert 1_200 < prefix < 1_700  # prompt extract/v5: rules, then the reply schema (about 1,440 tokens)
    assert kept_after_one == [] and len(list(tmp_path.glob("*.seen"))) == 1
    assert len(kept) == 1 and kept[0].stat().st_size > 10_000_000
    assert read_loaded == read_all - prefix  # the new server read only what follows the system message
    assert reply_loaded == reply and reply_damaged == reply
    assert read_damaged == read_all


def test_reading_stops_between_batches_once_the_client_has_gone(monkeypatch):
    pytest.importorskip("llama_cpp")
    import threading

    from service.model.llama_server import client_watch

    read: list[list[int]] = []
    gone = threading.Event()

    class Model:
        n_batch, n_tokens = 4, 0

    def original_eval(self, tokens):
        read.append(list(tokens))
        self.n_tokens += len(tokens)
        if len(read) == 2:
            gone.set()  # the client hangs up while the second batch is read

    monkeypatch.setattr(client_watch, "_original_eval", original_eval)  # where eval_until_client_gone looks it up
    model = Model()
    # No request being watched: one call, as llama.cpp would.
    client_watch.eval_until_client_gone(model, list(range(10)))
    assert read == [list(range(10))]
    read.clear()
    reset = client_watch.CLIENT_GONE.set(gone)
    try:
        with pytest.raises(client_watch.ClientGone):
            client_watch.eval_until_client_gone(model, list(range(10)))
    finally:
        client_watch.CLIENT_GONE.reset(reset)
    assert read == [[0, 1, 2, 3], [4, 5, 6, 7]]  # the same batches llama.cpp reads, and no third


def test_a_served_completion_learns_that_its_client_hung_up():
    """A real uvicorn server with the watch installed; its handler runs in a worker thread, as the model does."""
    pytest.importorskip("llama_cpp")
    import socket
    import threading

    import httpx
    import uvicorn
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from service.model.llama_server import client_watch

    seen: dict[str, bool] = {}

    def compute() -> None:  # in a worker thread with the request's context, as llama-cpp-python runs the model
        gone = client_watch.CLIENT_GONE.get()
        seen["gone"] = gone is not None and gone.wait(30)

    async def completion(request):
        await request.json()
        await run_in_threadpool(compute)
        return JSONResponse({})

    app = Starlette(routes=[Route("/v1/chat/completions", completion, methods=["POST"])])
    app.add_middleware(client_watch.ClientWatch)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"http://127.0.0.1:{port}/v1/chat/completions", json={"messages": []}, timeout=1)
        deadline = time.monotonic() + 30
        while "gone" not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen == {"gone": True}
    finally:
        server.should_exit = True
        thread.join(10)


def test_the_served_app_answers_only_with_its_key_and_to_no_web_page(monkeypatch):
    """llama-cpp-python's own app as Ringkas serves it, on a stand-in for the model: its key opens it, as a bearer
    token or as the tokenize URL's user info; nothing else does, and no CORS header lets a web page read it."""
    pytest.importorskip("llama_cpp")
    from fastapi.testclient import TestClient
    from llama_cpp.server import app as server_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    from service.model.llama_server.client_watch import create_app_watching_clients

    key = "k-made-up-for-this-test"
    monkeypatch.setattr(server_app, "_server_settings", None)  # create_app sets these module globals
    monkeypatch.setattr(server_app, "_llama_proxy", None)
    monkeypatch.setattr(server_app, "set_llama_proxy", lambda model_settings: setattr(
        server_app, "_llama_proxy", ["ringkas-stand-in"]))  # a proxy lists its models' aliases
    monkeypatch.delenv("API_KEY", raising=False)
    app = create_app_watching_clients(server_settings=ServerSettings(api_key=key),
                                      model_settings=[ModelSettings(model="stand-in.gguf")])
    page = {"Origin": "http://berita.example"}
    with TestClient(app) as client:
        bearer = client.get("/v1/models", headers={"Authorization": f"Bearer {key}", **page})
        none = client.get("/v1/models", headers=page)
        wrong = client.get("/v1/models", auth=("ringkas", "not-the-key"))
        preflight = client.options("/v1/chat/completions", headers={
            **page, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"})
    assert bearer.status_code == 200
    assert bearer.json()["data"][0]["id"] == "ringkas-stand-in"
    assert none.status_code == wrong.status_code == 401
    assert not any(h.startswith("access-control-") for r in (bearer, none, preflight) for h in r.headers)
