"""A follow-up prompt that finds the model's own reply in the cache.

A follow-up question repeats the conversation, the model's reply included, as text; `reuse_cached_tokens` gives
the server the tokens the model sampled for that text, so it reads only the question.
"""


def common_prefix(cached: list[int], tokens: list[int]) -> int:
    """How many tokens the two lists share from their start."""
    shared = 0
    for cached_token, token in zip(cached, tokens):
        if cached_token != token:
            break
        shared += 1
    return shared


def reuse_cached_tokens(llama, tokens: list[int]) -> list[int]:
    """`tokens` with the stretch after the cached prefix replaced by the cached tokens where both spell the same
    bytes. A reply the model wrote comes back in a follow-up prompt as text, and tokenizing that text does not
    give the tokens the model sampled (under a grammar it writes `"` and `name` where the tokenizer has `"name`):
    the cache then stops matching a few words into the reply and the server reads the rest again. The prompt's
    text is unchanged; only where its tokens are split differs, and there they are the model's own."""
    cached = llama._input_ids[: llama.n_tokens].tolist()
    shared = common_prefix(cached, tokens)
    # Only where the cache diverges inside what the model wrote: a prompt's own text keeps its own tokens.
    if shared == len(cached) or shared == len(tokens) or shared < getattr(llama, "_ringkas_prompt_len", len(cached)):
        return tokens
    rest = llama.detokenize(tokens[shared:], special=True)
    used_bytes = reused = 0
    for token in cached[shared:]:
        piece = llama.detokenize([token], special=True)
        if not piece or not rest.startswith(piece, used_bytes):
            break
        used_bytes, reused = used_bytes + len(piece), reused + 1
    if reused == 0:
        return tokens
    aligned = (tokens[:shared] + cached[shared : shared + reused]
               + llama.tokenize(rest[used_bytes:], add_bos=False, special=True))
    # Never more than a few tokens longer (the context must still hold the answer), and the same text exactly.
    if len(aligned) > len(tokens) + 64 or len(aligned) > llama.n_ctx() - 1024:
        return tokens
    if llama.detokenize(aligned[shared:], special=True) != rest:
        return tokens
    return aligned
