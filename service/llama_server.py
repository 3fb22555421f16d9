"""llama-cpp-python's OpenAI-compatible server, with the JSON grammar checked against fewer candidates.

    python -m service.llama_server [llama_cpp.server options] [--grammar-candidates K]

llama-cpp-python applies a grammar to the whole vocabulary at every step: 151,665 tokens for Qwen2.5, about a
sixth of the time spent writing an answer on 2 cores. Ringkas decodes greedily, so only the best-scored token
the grammar allows matters: keeping the K best-scored candidates before the grammar gives the same answer
whenever that token is among them, which a JSON reply's next token (a quotation mark, a comma, a word of the
article) practically always is. `--grammar-candidates 0` leaves the server as it is.
"""

import sys

from llama_cpp import _internals

DEFAULT_CANDIDATES = 1000


def narrow_grammar_candidates(k: int) -> None:
    """Put a top-k sampler in front of every grammar sampler the server builds."""
    add_grammar = _internals.LlamaSampler.add_grammar

    def add_top_k_then_grammar(self, model, grammar):
        self.add_top_k(k)
        add_grammar(self, model, grammar)

    _internals.LlamaSampler.add_grammar = add_top_k_then_grammar


def main() -> None:
    args = sys.argv[1:]
    k = DEFAULT_CANDIDATES
    if "--grammar-candidates" in args:
        at = args.index("--grammar-candidates")
        k = int(args[at + 1])
        del args[at : at + 2]
    if k > 0:
        narrow_grammar_candidates(k)
    from llama_cpp.server.__main__ import main as serve

    sys.argv = [sys.argv[0], *args]
    serve()


if __name__ == "__main__":
    main()
