-- Summaries keyed by the article's content hash, with the article text so memos can quote and cite it.
CREATE TABLE summaries (
    id INTEGER PRIMARY KEY,
    content_sha256 TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    created TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    article TEXT NOT NULL,
    summary_json TEXT NOT NULL
);
CREATE INDEX summaries_created ON summaries (created);
