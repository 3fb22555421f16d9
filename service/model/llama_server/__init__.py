"""`python -m llama_cpp.server`, with grammar-constrained greedy sampling that checks one token, not all, follow-up
prompts that find the model's own reply in the cache, the prompt's first message loaded from a file, and
completions that stop once their client has gone.

- `sampling`: greedy sampling under a grammar asks the grammar about the best token first (`GrammarFirstGreedy`).
- `cache_reuse`: a follow-up prompt is given the tokens the model sampled for its reply (`reuse_cached_tokens`).
- `prefix_states`: llama.cpp's state after the prompt's first message, kept in a file (`PrefixStates`).
- `client_watch`: a request whose client hung up stops (`ClientWatch`, `eval_until_client_gone`).

`install()` puts these into llama-cpp-python's `Llama`. Run as `python -m service.model.llama_server` with the arguments
of `python -m llama_cpp.server` (see `__main__`).
"""

from llama_cpp import llama as llama_module

from service.model.llama_server.cache_reuse import reuse_cached_tokens
from service.model.llama_server.client_watch import eval_until_client_gone
from service.model.llama_server.prefix_states import states_from_environment
from service.model.llama_server.sampling import sample_grammar_first

_original_generate = llama_module.Llama.generate


def generate_from_cache(self, tokens, *args, **kwargs):
    """`Llama.generate`, with a prompt that re-reads cached text given the cached tokens and a first message
    whose state is on file (`prefix_states`). Yields token ids, as `Llama.generate` does."""
    tokens = list(tokens)
    if kwargs.get("reset", True) and not args:
        states = states_from_environment()
        if states is not None:
            states.prepare(self, tokens)
        if self.n_tokens > 0:
            tokens = reuse_cached_tokens(self, tokens)
    self._ringkas_prompt_len = len(tokens)  # the cache beyond this is what the model writes now
    return _original_generate(self, tokens, *args, **kwargs)


def install() -> None:
    """Replace `Llama.sample`, `Llama.generate` and `Llama.eval` (the class's, for every model) with Ringkas's.
    Callers that must undo it keep the three originals themselves."""
    llama_module.Llama.sample = sample_grammar_first
    llama_module.Llama.generate = generate_from_cache
    llama_module.Llama.eval = eval_until_client_gone
