"""Files Ringkas writes (results, memos, recordings, runs): whole or not at all, with the user's umask."""

import glob
import os
import secrets
from pathlib import Path

# A temporary file of `write_file_atomically` is ".<the file's name>.<8 hex digits>.ringkas-tmp": a name only
# Ringkas makes, so its leftovers can be found without touching anyone else's files.
TEMP_SUFFIX = ".ringkas-tmp"


def write_file_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` (a str as UTF-8) to `path` so that the file holds its old content or all the new, never a
    part: written to a temporary file beside it, flushed to the disk (fsync), then renamed over it (`os.replace`).

    The file gets the mode a new file gets under the user's umask (0o666 & ~umask), as the shell's `>` gives it
    (`tempfile.mkstemp` would give 0600). Its folder is made when missing.

    Raises `OSError` (a full disk, no permission…) with `path` as it was and no temporary file left behind.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    temp, fd = _new_temp_file(path)
    try:
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def leftover_temp_files(path: Path) -> list[Path]:
    """The temporary files of `write_file_atomically` for `path` that a process killed mid-write left behind.

    Only names of its own shape (".<name>.<8 hex digits>.ringkas-tmp") are found; a user's ".notes.tmp" never is.
    """
    pattern = f"{glob.escape('.' + path.name)}.{'[0-9a-f]' * 8}{TEMP_SUFFIX}"
    return sorted(path.parent.glob(pattern))


def _new_temp_file(path: Path) -> tuple[Path, int]:
    """A new, empty temporary file beside `path` and its open descriptor (not inherited by child processes, as
    Python's are by default, PEP 446); the mode passed to os.open is reduced by the umask, as for any new file."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # 1 in 2**32 per try, so the loop ends
            continue


def _sync_folder(folder: Path) -> None:
    # The rename is in the folder's own data: syncing the folder keeps it through a power cut (POSIX leaves it
    # to the folder, not the file). Some file systems cannot sync a folder; the rename is done either way.
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
