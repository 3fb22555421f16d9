"""llama.cpp's state after reading the prompt's first message, kept in a file for the next server.

The first message of a prompt (Ringkas's rules and reply schema, ~960 tokens, ~20 s to read on 2 cores) is the
same for every article: `PrefixStates` keeps llama.cpp's state after reading it in a file, so a new server (every
`ringkas summarize` starts one) loads it in a fraction of a second instead of reading it again.
"""

import ctypes
import hashlib
import json
import os
import time
from pathlib import Path

import llama_cpp

from service.model.llama_server.cache_reuse import common_prefix
from service.model.llama_server.server_log import note


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
        """The state file for `prefix` on this model and context size: a hash of what produced the state.
        Raises OSError when the model file cannot be read."""
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
        cached = common_prefix(llama._input_ids[: llama.n_tokens].tolist(), tokens)
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
            note(f"prefix state not used: {exc}")
            path, asked_before = None, False
        llama.n_tokens = cached
        llama.eval(prefix[cached:])
        if path is not None and asked_before:
            self.save(llama, path, prefix)

    def load(self, llama, path: Path, prefix: list[int]) -> bool:
        """Whether the state in `path` was restored into `llama` for `prefix`; False for a file written for other
        tokens, a damaged one, or a restore llama.cpp refused (the cache is then emptied). Raises OSError when
        the file cannot be read."""
        data = path.read_bytes()
        header_end = data.find(b"\n", len(self.MAGIC))
        try:
            header = json.loads(data[len(self.MAGIC) : header_end]) if data.startswith(self.MAGIC) else {}
        except ValueError:
            header = {}
        state = data[header_end + 1 :]
        if not isinstance(header, dict) or header.get("tokens") != prefix or header.get("size") != len(state):
            note(f"prefix state {path} does not match this prompt or is damaged: reading the prefix again")
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
        note(f"prefix state loaded: {len(prefix)} tokens from {path}")
        return True

    def save(self, llama, path: Path, prefix: list[int]) -> None:
        """Write `llama`'s state (holding `prefix`) to `path`: the magic line, a JSON header with the tokens and
        the state's size in bytes, then the state; the least recently used files beyond KEEP go. A file that
        cannot be written is noted in the log, not raised."""
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
            note(f"prefix state not saved: {exc}")
            return
        self.saves += 1
        note(f"prefix state saved: {len(prefix)} tokens, {written / 1e6:.1f} MB, "
             f"{time.perf_counter() - started:.2f} s, to {path}")


_states: PrefixStates | None = None


def states_from_environment() -> PrefixStates | None:
    """The prefix state files, where `RINGKAS_PREFIX_STATES` names their directory (the embedded server's
    launcher sets it); None otherwise. One instance per directory, kept for the server's life."""
    global _states
    directory = os.environ.get("RINGKAS_PREFIX_STATES")
    if not directory:
        return None
    if _states is None or _states.directory != Path(directory):
        _states = PrefixStates(Path(directory))
    return _states
