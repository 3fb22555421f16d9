"""The contract owns its shape: the fields of a summary's items, the summary languages and the backend's states are
declared once in `schemas/`, and everything else reads them from there."""

from typing import get_args

import click
import pytest
from pydantic import ValidationError

from schemas.api import BackendStatus, Health
from schemas.memo import BriefingMemo, MemoIn
from schemas.summary import (
    SUMMARY_FIELDS,
    SUMMARY_ITEMS,
    ArticleIn,
    Goal,
    Official,
    Quote,
    Summary,
    SummaryLanguage,
    item_fields,
)
from service.vocabulary import SUMMARY_LANGUAGES, labels


def test_the_fields_of_items_are_the_summarys_lists_of_models_in_its_order():
    assert SUMMARY_FIELDS == ("events", "officials", "partners", "sectors", "goals", "quotes")
    assert SUMMARY_ITEMS["officials"] is Official and SUMMARY_ITEMS["quotes"] is Quote
    assert "warnings" not in SUMMARY_FIELDS  # a list, but of strings, not of items


def test_a_field_of_items_added_to_the_model_joins_the_list():
    class Wider(Summary):
        meetings: list[Goal] = []
        notes: list[str] = []

    assert item_fields(Wider) == {**SUMMARY_ITEMS, "meetings": Goal}


def test_every_summary_language_has_a_heading_for_every_field():
    for lang in get_args(SummaryLanguage):
        assert set(SUMMARY_FIELDS) <= set(labels("summary", lang)), lang


def test_the_summary_languages_are_one_list_in_the_contract_and_the_lexicon():
    assert get_args(SummaryLanguage) == SUMMARY_LANGUAGES == ("id", "en")
    assert Summary.model_fields["summary_language"].annotation is SummaryLanguage
    assert BriefingMemo.model_fields["language"].annotation is SummaryLanguage
    assert MemoIn.model_fields["lang"].annotation is SummaryLanguage
    assert ArticleIn.model_fields["lang"].annotation == SummaryLanguage | None
    with pytest.raises(ValidationError, match="lang"):
        ArticleIn(text="Gubernur datang.", lang="fr")
    with pytest.raises(ValidationError, match="lang"):
        MemoIn(summary_ids=["x"], lang="fr")


@pytest.mark.parametrize("command", ["summarize", "memo"])
def test_the_clis_language_choices_are_the_contracts(command):
    from service.cli import main

    (option,) = [p for p in main.get_command(click.Context(main), command).params if p.name == "lang"]
    assert tuple(option.type.choices) == get_args(SummaryLanguage)


def test_the_backends_states_are_the_health_bodys():
    from service.model.backend import Backend

    assert Backend.status.fget.__annotations__["return"] is BackendStatus
    assert Health.model_fields["status"].annotation is BackendStatus
    assert get_args(BackendStatus) == ("starting", "ready", "failed")
