"""The store's schema as named, ordered steps: the `NNNN_name.sql` files in this folder, numbered from 0001 without
a gap, each applied once, in order, when a store opens its database (`service.library.sqlite.SQLiteStore`). A step
is only ever added, never edited once released: a database made by any earlier version is brought up to date, never
rebuilt.

A file is SQL statements separated by `;` (so no `;` inside a comment or a string literal); `--` comments are
allowed. Its SQL keeps to what SQLite and PostgreSQL share; a step whose SQL must differ in one database gets a
file of its own beside the common one, `NNNN_name.<dialect>.sql` (`0001_summaries.postgresql.sql`), which that
database's runner reads instead. DEVELOPERS.md ("Storage") says why the steps are files and not Alembic's.
"""

import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent

# "0002_executive_summaries.sql", "0001_summaries.postgresql.sql": number, name, dialect (None: every database).
FILE_NAME = re.compile(r"(\d{4})_([a-z0-9_]++)(?:\.([a-z]++))?\.sql")


@dataclass(frozen=True)
class Migration:
    """One step of the schema: its number (from 1), its name (the file's, without number and suffix) and its SQL."""

    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The step's statements, in order, as the database is given them one at a time (empty ones left out)."""
        return [statement for statement in self.sql.split(";") if statement.strip()]


def load_migrations(dialect: str, folder: Path = FOLDER) -> list[Migration]:
    """The steps for `dialect` ("sqlite", "postgresql") in order: for each number, the dialect's own file when
    there is one, else the common file.

    Raises ValueError for a `.sql` file named otherwise, a number held by two names, or numbers that do not run
    1, 2, 3… without a gap: a step left out or applied out of order would differ from the databases made before.
    """
    found: dict[int, dict[str | None, Path]] = {}
    names: dict[int, str] = {}
    for path in sorted(folder.glob("*.sql")):
        match = FILE_NAME.fullmatch(path.name)
        if match is None:
            raise ValueError(f"{path}: not a migration's name (NNNN_name.sql or NNNN_name.<dialect>.sql)")
        version, name, its_dialect = int(match[1]), match[2], match[3]
        if names.setdefault(version, name) != name:
            raise ValueError(f"{path}: migration {version} is already {names[version]!r}")
        found.setdefault(version, {})[its_dialect] = path
    if sorted(found) != list(range(1, len(found) + 1)):
        raise ValueError(f"{folder}: migrations numbered {sorted(found)}, not 1 to {len(found)} without a gap")
    steps = []
    for version in sorted(found):
        files = found[version]
        path = files.get(dialect) or files.get(None)
        if path is None:
            raise ValueError(f"{folder}: migration {version} ({names[version]}) has no file for {dialect}")
        steps.append(Migration(version, names[version], path.read_text(encoding="utf-8")))
    return steps
