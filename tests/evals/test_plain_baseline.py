"""The plain one-prompt baseline (`benchmarks/plain_baseline.py`) asks for, and is scored on, every field of a
summary."""

from benchmarks.plain_baseline import PLAIN_FIELDS, PlainReply, plain_summary
from schemas.summary import SUMMARY_FIELDS
from service.model.llm import ModelError


class NoModel:
    name = "none"

    def create(self, response_model, messages, *, context, max_tokens):
        raise ModelError("unavailable", "no model in unit tests")


def test_the_plain_baseline_answers_every_field_of_a_summary():
    assert tuple(PlainReply.model_fields) == PLAIN_FIELDS == tuple(f for f in SUMMARY_FIELDS if f != "events")
    output, _ = plain_summary("Gubernur Banten Andra Soni datang.", NoModel())
    assert tuple(output) == PLAIN_FIELDS and not any(output.values())
