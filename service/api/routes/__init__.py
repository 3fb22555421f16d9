"""One `APIRouter` per resource: summaries (and their stream), the library, memos, article files, health, and
the web page."""
