-- Executive summaries of memos, keyed by a hash of the facts they were written from.
CREATE TABLE executive_summaries (
    facts_sha256 TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    sentences_json TEXT NOT NULL
);
