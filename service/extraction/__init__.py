"""The extraction layer: one article's text -> a grounded `schemas.summary.Summary`.

`text/` holds the shared leaves, what code reads off a text deterministically (its normalised view, names,
places, positions, dates, quotation marks, spans, the lexicon); above them stand the concept modules, one per
field of a summary, side by side (`events`, `officials`, `partners`, `sectors`, `goals`, `speakers`,
`event_sentences`),
the model's reply schema (`replies`), and the `pipeline` that runs them in order. A concept module imports
leaves only, never another concept module."""
