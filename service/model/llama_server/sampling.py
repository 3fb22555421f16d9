"""Greedy sampling under a grammar that asks the grammar about the best token first, not about the vocabulary.

llama-cpp-python samples through a llama.cpp chain of penalties, grammar and greedy: at every step the grammar
is tested against all 151,936 entries of the vocabulary (Qwen2.5's), which cost a seed article 9-12 s on 2 cores.
With greedy sampling the answer is the best token the grammar allows, so this asks the grammar about the best
token first and tests the whole vocabulary only when the grammar refuses it, as llama.cpp's own
`common_sampler_sample` does with `grammar_first` (common/sampling.cpp). The token chosen is the same as the
chain's, always: the replies do not change, only the time.
"""

import ctypes
import math

import llama_cpp
import numpy as np
from llama_cpp import llama as llama_module

# llama.cpp's `llama_token_data` (llama.h): a token id, its logit and its probability, as C lays them out.
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
        if tuple(llama_cpp.llama_sampler_name(part).lstrip(b"?") for part in parts) != _CHAIN:
            return None
        return parts[0], parts[1]

    def _array(self, data: np.ndarray) -> llama_cpp.llama_token_data_array:
        return llama_cpp.llama_token_data_array(
            data=data.ctypes.data_as(llama_cpp.llama_token_data_p), size=len(data), selected=-1, sorted=False)

    def sample(self, ctx, chain, penalties, grammar, idx: int) -> int:
        """The chain's token for the logits at batch position `idx`, accepted into the chain (penalty history,
        grammar state). Raises RuntimeError when the grammar allows no token at all."""
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


def sample_grammar_first(self, *args, **kwargs):
    """`Llama.sample`, with the grammar asked about the greedy token first where the chain is greedy + grammar;
    any other call goes to llama-cpp-python's own. Returns the token id."""
    sampler = getattr(self, "_sampler", None)
    idx = kwargs.get("idx")
    if sampler is None or idx is None or args:
        return _original_sample(self, *args, **kwargs)
    parts = GrammarFirstGreedy.chain_parts(sampler.sampler)
    if parts is None:
        return _original_sample(self, *args, **kwargs)
    greedy = getattr(self, "_ringkas_greedy", None)
    if greedy is None:
        greedy = self._ringkas_greedy = GrammarFirstGreedy(self._n_vocab)
    return greedy.sample(self._ctx.ctx, sampler.sampler, *parts, idx - self.n_tokens)
