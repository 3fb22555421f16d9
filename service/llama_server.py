"""`python -m llama_cpp.server`, with grammar-constrained greedy sampling that checks one token, not all, and
follow-up prompts that find the model's own reply in the cache.

llama-cpp-python samples through a llama.cpp chain of penalties, grammar and greedy: at every step the grammar
is tested against all 151,936 entries of the vocabulary, which cost a seed article 9-12 s on 2 cores. With greedy
sampling the answer is the best token the grammar allows, so this asks the grammar about the best token first
and tests the whole vocabulary only when the grammar refuses it (as llama.cpp's own `common_sampler` does).
The token chosen is the same as the chain's, always: the replies do not change, only the time.

A follow-up question repeats the conversation, the model's reply included, as text; `reuse_cached_tokens` gives
the server the tokens the model sampled for that text, so it reads only the question.

Run as `python -m service.llama_server` with the arguments of `python -m llama_cpp.server`.
"""

import ctypes
import math
import os
import sys

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


def reuse_cached_tokens(llama, tokens: list[int]) -> list[int]:
    """`tokens` with the stretch after the cached prefix replaced by the cached tokens where both spell the same
    bytes. A reply the model wrote comes back in a follow-up prompt as text, and tokenizing that text does not
    give the tokens the model sampled (under a grammar it writes `"` and `name` where the tokenizer has `"name`):
    the cache then stops matching a few words into the reply and the server reads the rest again. The prompt's
    text is unchanged; only where its tokens are split differs, and there they are the model's own."""
    cached = llama._input_ids[: llama.n_tokens].tolist()
    k = 0
    for a, b in zip(cached, tokens):
        if a != b:
            break
        k += 1
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


_original_generate = llama_module.Llama.generate


def _generate(self, tokens, *args, **kwargs):
    """`Llama.generate`, with a prompt that re-reads cached text given the cached tokens (see above)."""
    tokens = list(tokens)
    if kwargs.get("reset", True) and not args and self.n_tokens > 0:
        tokens = reuse_cached_tokens(self, tokens)
    self._ringkas_prompt_len = len(tokens)  # the cache beyond this is what the model writes now
    return _original_generate(self, tokens, *args, **kwargs)


def install() -> None:
    llama_module.Llama.sample = _sample
    llama_module.Llama.generate = _generate


def main() -> None:
    if os.environ.get("RINGKAS_GRAMMAR_FIRST", "1") != "0":  # 0: llama-cpp-python's own sampling, to compare
        install()
    from llama_cpp.server.__main__ import main as server_main

    sys.argv[0] = "llama_cpp.server"
    server_main()


if __name__ == "__main__":
    main()
