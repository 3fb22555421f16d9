"""`python -m llama_cpp.server`, with grammar-constrained greedy sampling that checks one token, not all, and
follow-up prompts that find the model's own reply in the cache.

llama-cpp-python samples through a llama.cpp chain of penalties, grammar and greedy: at every step the grammar
is tested against all 151,936 entries of the vocabulary, which cost a seed article 9-12 s on 2 cores. With greedy
sampling the answer is the best token the grammar allows, so this asks the grammar about the best token first
and tests the whole vocabulary only when the grammar refuses it (as llama.cpp's own `common_sampler` does).
The token chosen is the same as the chain's, always: the replies do not change, only the time.

A follow-up question repeats the conversation, the model's reply included, as text; `reuse_cached_tokens` gives
the server the tokens the model sampled for that text, so it reads only the question.

The first message of a prompt (Ringkas's rules and reply schema, ~960 tokens, ~20 s to read on 2 cores) is the
same for every article: `PrefixStates` keeps llama.cpp's state after reading it in a file, so a new server (every
`ringkas summarize` starts one) loads it in a fraction of a second instead of reading it again.

A request whose client has hung up stops: llama-cpp-python's server finishes a non-streamed completion for
nobody (it checks the connection only before it starts), which kept the model busy for minutes behind a dropped
summary. `ClientWatch` notices the client leaving and `_eval` stops between batches of 512 tokens or between
written tokens, so the next request gets the model.

Run as `python -m service.llama_server` with the arguments of `python -m llama_cpp.server`.
"""

import asyncio
import ctypes
import hashlib
import json
import math
import os
import sys
import threading
import time
from contextvars import ContextVar
from pathlib import Path

import numpy as np

import llama_cpp
from llama_cpp import llama as llama_module

_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)], align=True)
_CHAIN = (b"penalties", b"grammar", b"greedy")  # what llama-cpp-python builds for temperature 0 with a grammar


class GrammarFirstGreedy:
    """Greedy sampling under a grammar for one model: the vocabulary-sized buffers are allocated once."""

    def __init__(self, n_vocab: int):
        self.n_vocab = n_vocab
        self.all = np.zeros(n_vocab, dtype=_TOKEN_DATA)
        self.all["id"] = np.arange(n_vocab, dtype=np.int32)
        self.one = np.zeros(1, dtype=_TOKEN_DATA)
        self.full_checks = 0  # steps where the grammar refused the best token (for tests and curiosity)
        self.steps = 0

    @staticmethod
    def chain_parts(chain) -> tuple | None:
        """The (penalties, grammar) samplers of a chain built for greedy sampling under a grammar, else None."""
        if llama_cpp.llama_sampler_chain_n(chain) != len(_CHAIN):
            return None
        parts = [llama_cpp.llama_sampler_chain_get(chain, i) for i in range(len(_CHAIN))]
        # llama.cpp marks samplers it cannot run on a backend device with a "?" ("?penalties").
        if tuple(llama_cpp.llama_sampler_name(p).lstrip(b"?") for p in parts) != _CHAIN:
            return None
        return parts[0], parts[1]

    def _array(self, data: np.ndarray) -> llama_cpp.llama_token_data_array:
        return llama_cpp.llama_token_data_array(
            data=data.ctypes.data_as(llama_cpp.llama_token_data_p), size=len(data), selected=-1, sorted=False)

    def sample(self, ctx, chain, penalties, grammar, idx: int) -> int:
        """The chain's token for the logits at `idx`, accepted into the chain (penalty history, grammar state)."""
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx, idx), shape=(self.n_vocab,))
        self.all["logit"] = logits
        everything = self._array(self.all)
        llama_cpp.llama_sampler_apply(penalties, ctypes.byref(everything))
        token = int(np.argmax(self.all["logit"]))  # the first of equal maxima, as llama.cpp's greedy takes
        self.one[0] = self.all[token]
        llama_cpp.llama_sampler_apply(grammar, ctypes.byref(self._array(self.one)))
        self.steps += 1
        if not math.isfinite(float(self.one[0]["logit"])):
            self.full_checks += 1
            llama_cpp.llama_sampler_apply(grammar, ctypes.byref(everything))
            token = int(np.argmax(self.all["logit"]))
            if not math.isfinite(float(self.all[token]["logit"])):
                raise RuntimeError("the grammar allows no token at all")
        llama_cpp.llama_sampler_accept(chain, token)
        return token


_original_sample = llama_module.Llama.sample


def _sample(self, *args, **kwargs):
    """`Llama.sample`, with the grammar asked about the greedy token first where the chain is greedy + grammar."""
    sampler = getattr(self, "_sampler", None)
    idx = kwargs.get("idx")
    if sampler is None or idx is None or args:
        return _original_sample(self, *args, **kwargs)
    parts = GrammarFirstGreedy.chain_parts(sampler.sampler)
    if parts is None:
        return _original_sample(self, *args, **kwargs)
    fast = getattr(self, "_ringkas_greedy", None)
    if fast is None:
        fast = self._ringkas_greedy = GrammarFirstGreedy(self._n_vocab)
    return fast.sample(self._ctx.ctx, sampler.sampler, *parts, idx - self.n_tokens)


def _common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def reuse_cached_tokens(llama, tokens: list[int]) -> list[int]:
    """`tokens` with the stretch after the cached prefix replaced by the cached tokens where both spell the same
    bytes. A reply the model wrote comes back in a follow-up prompt as text, and tokenizing that text does not
    give the tokens the model sampled (under a grammar it writes `"` and `name` where the tokenizer has `"name`):
    the cache then stops matching a few words into the reply and the server reads the rest again. The prompt's
    text is unchanged; only where its tokens are split differs, and there they are the model's own."""
    cached = llama._input_ids[: llama.n_tokens].tolist()
    k = _common_prefix(cached, tokens)
    # Only where the cache diverges inside what the model wrote: a prompt's own text keeps its own tokens.
    if k == len(cached) or k == len(tokens) or k < getattr(llama, "_ringkas_prompt_len", len(cached)):
        return tokens
    rest = llama.detokenize(tokens[k:], special=True)
    used = m = 0
    for token in cached[k:]:
        piece = llama.detokenize([token], special=True)
        if not piece or not rest.startswith(piece, used):
            break
        used, m = used + len(piece), m + 1
    if m == 0:
        return tokens
    aligned = tokens[:k] + cached[k : k + m] + llama.tokenize(rest[used:], add_bos=False, special=True)
    # Never more than a few tokens longer (the context must still hold the answer), and the same text exactly.
    if len(aligned) > len(tokens) + 64 or len(aligned) > llama.n_ctx() - 1024:
        return tokens
    if llama.detokenize(aligned[k:], special=True) != rest:
        return tokens
    return aligned


def _note(message: str) -> None:
    """A line in the server's log (its stderr), beside llama.cpp's own."""
    print(f"ringkas: {message}", file=sys.stderr, flush=True)


class PrefixStates:
    """llama.cpp's state after reading a prompt's first message, in files named by what produced it (the model
    file, llama-cpp-python's version, the context size and the message's tokens), so any server with the same
    model and prompt starts from it. A missing, stale or unreadable file only means the message is read again."""

    MAGIC = b"ringkas-prefix-state 1\n"
    MIN_TOKENS = 128  # shorter messages read in a few seconds; not worth a file
    KEEP = 4  # files kept (prompt versions, other system messages); the least recently used go first
    KEEP_SEEN = 64  # marks of messages asked for once
    SPARE_TOKENS = 32  # at most this much of the cache is dropped early to keep a message on file

    def __init__(self, directory: Path):
        self.directory = directory
        self.loads = self.saves = 0  # for tests and the log

    @staticmethod
    def prefix_len(llama, tokens: list[int]) -> int:
        """The tokens up to the end of the first message (its end-of-turn token), or 0 if not worth keeping."""
        vocab = llama_cpp.llama_model_get_vocab(llama._model.model)
        for i, token in enumerate(tokens):
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                return i + 1 if PrefixStates.MIN_TOKENS <= i + 1 < len(tokens) else 0
        return 0

    def path(self, llama, prefix: list[int]) -> Path:
        model = Path(llama.model_path)
        stat = model.stat()
        key = json.dumps([str(model.resolve()), stat.st_size, stat.st_mtime_ns, llama_cpp.__version__,
                          llama.n_ctx(), prefix])
        return self.directory / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.state"

    def prepare(self, llama, tokens: list[int]) -> None:
        """Make the cache hold the prompt's first message: already there, loaded from a file, or read. A message
        is kept on file the second time it is asked for (in this server or a later one), so a system message made
        for one request (a memo's) never pushes out the ones every article starts with."""
        n = self.prefix_len(llama, tokens)
        if n == 0 or llama._logits_all:  # with every token's logits kept (drafting), the state is ~600 MB
            return
        prefix = tokens[:n]
        cached = _common_prefix(llama._input_ids[: llama.n_tokens].tolist(), tokens)
        try:
            path = self.path(llama, prefix)
            if cached >= n:
                # Asked for again in this server. What the cache holds after the message is the previous
                # article's, dropped by this prompt anyway: drop it now and keep the message on file.
                if cached - n <= self.SPARE_TOKENS and not path.is_file():
                    llama._ctx.kv_cache_seq_rm(-1, n, -1)
                    llama.n_tokens = n
                    self.save(llama, path, prefix)
                return
            if path.is_file() and self.load(llama, path, prefix):
                return
            seen = path.with_suffix(".seen")
            asked_before = seen.is_file()
            if not asked_before:
                self.directory.mkdir(parents=True, exist_ok=True)
                seen.touch()
                for old in sorted(self.directory.glob("*.seen"), key=lambda p: p.stat().st_mtime)[: -self.KEEP_SEEN]:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            _note(f"prefix state not used: {exc}")
            path, asked_before = None, False
        llama.n_tokens = cached
        llama.eval(prefix[cached:])
        if path is not None and asked_before:
            self.save(llama, path, prefix)

    def load(self, llama, path: Path, prefix: list[int]) -> bool:
        data = path.read_bytes()
        header_end = data.find(b"\n", len(self.MAGIC))
        try:
            header = json.loads(data[len(self.MAGIC) : header_end]) if data.startswith(self.MAGIC) else {}
        except ValueError:
            header = {}
        state = data[header_end + 1 :]
        if not isinstance(header, dict) or header.get("tokens") != prefix or header.get("size") != len(state):
            _note(f"prefix state {path} does not match this prompt or is damaged: reading the prefix again")
            return False
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if llama_cpp.llama_state_set_data(llama._ctx.ctx, buffer, len(state)) != len(state):
            # A failed restore leaves the cache undefined: start it afresh.
            llama._ctx.kv_cache_seq_rm(-1, 0, -1)
            llama.n_tokens = 0
            return False
        llama.input_ids[: len(prefix)] = prefix
        llama.n_tokens = len(prefix)
        os.utime(path)  # recently used
        self.loads += 1
        _note(f"prefix state loaded: {len(prefix)} tokens from {path}")
        return True

    def save(self, llama, path: Path, prefix: list[int]) -> None:
        started = time.perf_counter()
        size = llama_cpp.llama_state_get_size(llama._ctx.ctx)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_get_data(llama._ctx.ctx, buffer, size)
        header = json.dumps({"tokens": prefix, "size": written}).encode()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".partial-{os.getpid()}")
            with partial.open("wb") as out:
                out.write(self.MAGIC + header + b"\n")
                out.write(memoryview(buffer)[:written])
            os.replace(partial, path)
            for old in sorted(self.directory.glob("*.state"), key=lambda p: p.stat().st_mtime)[: -self.KEEP]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            _note(f"prefix state not saved: {exc}")
            return
        self.saves += 1
        _note(f"prefix state saved: {len(prefix)} tokens, {written / 1e6:.1f} MB, "
              f"{time.perf_counter() - started:.2f} s, to {path}")


_original_generate = llama_module.Llama.generate


def _generate(self, tokens, *args, **kwargs):
    """`Llama.generate`, with a prompt that re-reads cached text given the cached tokens and a first message
    whose state is on file (see above)."""
    tokens = list(tokens)
    if kwargs.get("reset", True) and not args:
        states = _prefix_states()
        if states is not None:
            states.prepare(self, tokens)
        if self.n_tokens > 0:
            tokens = reuse_cached_tokens(self, tokens)
    self._ringkas_prompt_len = len(tokens)  # the cache beyond this is what the model writes now
    return _original_generate(self, tokens, *args, **kwargs)


_states: PrefixStates | None = None


def _prefix_states() -> PrefixStates | None:
    """The prefix state files, where `RINGKAS_PREFIX_STATES` names their directory (the embedded server's
    launcher sets it); None otherwise."""
    global _states
    directory = os.environ.get("RINGKAS_PREFIX_STATES")
    if not directory:
        return None
    if _states is None or _states.directory != Path(directory):
        _states = PrefixStates(Path(directory))
    return _states


# Set for the request being served: the event is set once its client has gone. Starlette runs the completion in
# a worker thread with a copy of the request's context, so the model's thread sees it.
_CLIENT_GONE: ContextVar[threading.Event | None] = ContextVar("ringkas_client_gone", default=None)


class ClientGone(Exception):
    """The client of the completion being computed hung up; the computation stopped."""


class ClientWatch:
    """ASGI middleware: marks a POST request's `_CLIENT_GONE` event once its client disconnects after sending its
    body (the next message an ASGI server has for such a request is `http.disconnect`)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        gone = threading.Event()
        body_read = asyncio.Event()

        async def tracked_receive():
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_read.set()
            elif message["type"] == "http.disconnect":
                gone.set()
            return message

        async def watch() -> None:
            await body_read.wait()
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        reset = _CLIENT_GONE.set(gone)
        watcher = asyncio.ensure_future(watch())
        try:
            await self.app(scope, tracked_receive, send)
        finally:
            watcher.cancel()
            _CLIENT_GONE.reset(reset)


_original_eval = llama_module.Llama.eval


def _eval(self, tokens) -> None:
    """`Llama.eval` in the same batches of `n_batch` tokens, stopping before the next one once the request's
    client has gone. Raises `ClientGone` then; what was read so far stays in the cache."""
    gone = _CLIENT_GONE.get()
    if gone is None:
        return _original_eval(self, tokens)
    for i in range(0, len(tokens), self.n_batch):
        if gone.is_set():
            _note(f"client gone: stopped after {self.n_tokens} tokens in the cache")
            raise ClientGone("the client closed the connection")
        _original_eval(self, tokens[i:i + self.n_batch])


def install() -> None:
    llama_module.Llama.sample = _sample
    llama_module.Llama.generate = _generate
    llama_module.Llama.eval = _eval


def _create_app_watching_clients(*args, **kwargs):
    from llama_cpp.server import app as server_app

    app = server_app.create_app(*args, **kwargs)
    app.add_middleware(ClientWatch)
    return app


def main() -> None:
    if os.environ.get("RINGKAS_GRAMMAR_FIRST", "1") != "0":  # 0: llama-cpp-python's own sampling, to compare
        install()
    else:
        llama_module.Llama.eval = _eval
    import llama_cpp.server.__main__ as server_main

    server_main.create_app = _create_app_watching_clients
    sys.argv[0] = "llama_cpp.server"
    server_main.main()


if __name__ == "__main__":
    main()
