"""A model that answers at once with nothing to add, so that a test or a benchmark measures the code steps alone."""

import json

from schemas.summary import Usage
from service.extraction.replies import ArticleReply
from service.model.llm import Reply


class SilentModel:
    """Answers the article's question with no item, and every follow-up with no speaker: what the code finds is
    all the summary holds."""

    name = "silent-model"

    def __init__(self):
        self.calls = 0

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        """An empty, valid reply of `response_model`."""
        self.calls += 1
        if response_model is ArticleReply:
            raw = json.dumps({"events": [], "officials": [], "partners": [], "sectors": [], "goals": []})
            return Reply(response_model.model_validate_json(raw, context=context), Usage(calls=1), raw)
        # The follow-up about speakers: none named (the pipeline keeps the code's attributions).
        return Reply(response_model.model_construct(speakers=[]), Usage(calls=1), '{"speakers": []}')
