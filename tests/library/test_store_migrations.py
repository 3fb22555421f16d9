"""A new summaries database opened by several processes at once (three `ringkas` runs started together) is
migrated exactly once, and every process opens it.

Kept apart from the other store tests so that the child processes, which import this module, import little."""

import multiprocessing
import sqlite3
from pathlib import Path

from service.library.sqlite import MIGRATIONS, SQLiteStore

PROCESSES = 4
ROUNDS = 12  # a fresh database each round, opened by every process at once


def open_fresh_stores(folder: str, barrier, failures) -> None:
    """In a child process: at each round, once every process is ready, open that round's new store and close it;
    any exception goes to `failures` as "type: message"."""
    for round_number in range(ROUNDS):
        barrier.wait(timeout=120)  # a guard against a hung sibling, not a measure of anything
        try:
            SQLiteStore(Path(folder) / f"{round_number}.db").close()
        except Exception as exc:  # noqa: BLE001 (reported to the parent, which fails the test)
            failures.put(f"{type(exc).__name__}: {exc}")


def test_several_processes_opening_one_new_store_at_once_all_open_it_and_migrate_it_once(tmp_path):
    spawn = multiprocessing.get_context("spawn")  # a clean interpreter, as separate `ringkas` runs are
    barrier, failures = spawn.Barrier(PROCESSES), spawn.Queue()
    children = [spawn.Process(target=open_fresh_stores, args=(str(tmp_path), barrier, failures))
                for _ in range(PROCESSES)]
    for child in children:
        child.start()
    try:
        for child in children:
            child.join(timeout=300)
    finally:
        for child in children:
            if child.is_alive():  # hung: leave no process behind the test
                child.kill()
    assert [child.exitcode for child in children] == [0] * PROCESSES
    assert failures.empty(), failures.get()
    for round_number in range(ROUNDS):
        db = sqlite3.connect(tmp_path / f"{round_number}.db")
        assert [v for (v,) in db.execute("SELECT version FROM migrations ORDER BY version")] == \
            list(range(1, len(MIGRATIONS) + 1))
        db.close()
