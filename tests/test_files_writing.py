"""Every file Ringkas writes is written whole or not at all, with the mode the user's umask gives, and only its
own temporary files are ever removed."""

import errno
import json
import os
import stat
from contextlib import contextmanager

import pytest

from service.files import leftover_temp_files, write_file_atomically
from tests.conftest import SEEDS
from tests.fakes import article_reply


@pytest.fixture
def umask():
    """Set the process's umask for the test (`umask(0o027)`), and put the old one back after it."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.fixture
def full_disk(monkeypatch):
    """`with full_disk():` every write to a file (not stdin, stdout or stderr) writes half of what it was given
    and then fails with ENOSPC, as on a disk that fills up mid-write."""
    real_write = os.write

    def write(fd: int, data) -> int:
        if fd <= 2:
            return real_write(fd, data)
        real_write(fd, bytes(data[:len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    @contextmanager
    def filled():
        with monkeypatch.context() as patch:
            patch.setattr(os, "write", write)
            yield

    return filled


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_written_file_has_the_mode_the_umask_gives(tmp_path, umask, mask, expected):
    umask(mask)
    write_file_atomically(tmp_path / "memo.md", "# Memo\n")
    write_file_atomically(tmp_path / "sub" / "memo.docx", b"PK\x03\x04")
    assert mode(tmp_path / "memo.md") == expected and mode(tmp_path / "sub" / "memo.docx") == expected
    assert (tmp_path / "memo.md").read_text(encoding="utf-8") == "# Memo\n"


def test_a_full_disk_leaves_the_old_file_whole_and_no_temporary_file(tmp_path, full_disk):
    path = tmp_path / "memo.md"
    path.write_text("the good memo\n", encoding="utf-8")
    with full_disk(), pytest.raises(OSError) as raised:
        write_file_atomically(path, "a new memo, longer than the old one\n" * 100)
    assert raised.value.errno == errno.ENOSPC
    assert path.read_text(encoding="utf-8") == "the good memo\n"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_only_temporary_files_of_its_own_shape_are_leftovers(tmp_path):
    path = tmp_path / "001[a].json"  # a name with glob characters is matched as itself
    own = tmp_path / ".001[a].json.0a1b2c3d.ringkas-tmp"
    others = [".notes.tmp", ".001[a].json.tmp", ".001[a].json.0a1b2c3d.tmp", ".001[a].json.notatemp.ringkas-tmp",
              ".001b.json.0a1b2c3d.ringkas-tmp", "001[a].json"]
    for name in [own.name, *others]:
        (tmp_path / name).write_text("x")
    assert leftover_temp_files(path) == [own]


def test_summarize_out_removes_its_own_leftovers_and_keeps_the_users_tmp_files(invoke, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    own_leftover = out / f".{SEEDS[0].stem}.json.0a1b2c3d.ringkas-tmp"  # a run killed mid-write left it
    users = [out / ".notes.tmp", out / f".{SEEDS[0].stem}.json.tmp"]
    for path in [own_leftover, *users]:
        path.write_text("half a result" if path == own_leftover else "the user's own notes")
    result = invoke(["summarize", str(SEEDS[0]), "--out", str(out)], article_reply())
    assert result.exit_code == 0, result.output
    assert not own_leftover.exists()
    assert all(path.read_text() == "the user's own notes" for path in users)
    assert json.loads((out / f"{SEEDS[0].stem}.json").read_text(encoding="utf-8"))["content_sha256"]


def test_summarize_out_writes_results_with_the_umask_mode(invoke, tmp_path, umask):
    umask(0o027)
    result = invoke(["summarize", str(SEEDS[0]), "--format", "md", "--out", str(tmp_path)], article_reply())
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / f"{SEEDS[0].stem}.md") == 0o640


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_memo_on_a_full_disk_fails_cleanly_and_keeps_the_memo_there(invoke, tmp_path, full_disk, umask, fmt):
    umask(0o022)
    memo = tmp_path / "memo.md"
    reply = article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")])
    first = invoke(["memo", str(SEEDS[2]), "-o", str(memo)], reply,
                   {"text": "Fatikhatul Khoiriah memimpin kunjungan.", "cites": [1]})
    assert first.exit_code == 0, first.output
    good = memo.read_bytes()
    assert mode(memo) == 0o644

    with full_disk():
        again = invoke(["memo", "--from-store", "--format", fmt, "-o", str(memo)])  # no model call: all stored
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert f"cannot write {memo}: No space left on device; the file there before, if any, is unchanged" in \
        again.output
    assert memo.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name != "store.db" and not p.name.startswith("store.db-")] == \
        ["memo.md"]


def test_a_docx_memo_is_written_the_same_way(invoke, tmp_path, umask):
    umask(0o027)
    (tmp_path / "memo.docx").write_bytes(b"an older memo")
    reply = article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")])
    result = invoke(["memo", str(SEEDS[2]), "--format", "docx", "-o", str(tmp_path / "memo.docx")], reply,
                    {"text": "Fatikhatul Khoiriah memimpin kunjungan.", "cites": [1]})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "memo.docx").read_bytes()[:2] == b"PK" and mode(tmp_path / "memo.docx") == 0o640


def test_summarize_out_on_a_full_disk_says_each_file_and_leaves_no_temporary_file(invoke, tmp_path, full_disk):
    out = tmp_path / "out"
    with full_disk():
        result = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out)], article_reply(),
                        article_reply())
    assert result.exit_code == 1 and "Traceback" not in result.output
    for seed in SEEDS[:2]:
        assert f"{seed}: cannot write {out / (seed.stem + '.json')}: No space left on device" in result.stderr
    assert "2 of 2 article(s) failed" in result.stderr
    assert list(out.iterdir()) == []
