"""The shared leaves of the extraction: what code reads off an article deterministically, whatever the field.
Over the lexicon (`service.vocabulary`, its word lists in `service/data/`) and the normalised view
(`service.textnorm`): places (`gazetteer`, `region_names`, `places`), people's names (`person_names`,
`mention_tokens`), positions (`positions`, `office_mentions`), the names of parties (`party_names`), dates
(`dates`), quotation marks and speech cues (`quotes`), who each sentence is about (`sentence_subjects`) and spans
(`grounding`). Nothing here asks the model or imports a concept module."""
