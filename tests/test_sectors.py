"""Sectors: the model's fields kept where the article names them, one per field of a listing phrase."""

from service.sectors import ground_sectors
from tests.conftest import seed_text
from tests.fakes import article_reply
from tests.test_pipeline import run


def test_a_phrase_listing_several_fields_gives_one_sector_each():
    text = seed_text("000")
    reply = article_reply(sectors=["pengelolaan sumber daya alam, pariwisata, dan pendidikan"])
    summary, _ = run(text, reply)
    assert [s.evidence for s in summary.sectors] == ["pengelolaan sumber daya alam", "pariwisata", "pendidikan"]
    assert [s.label.value for s in summary.sectors] == ["natural_resources_energy", "tourism_culture",
                                                       "education_human_resources"]


def test_a_field_the_article_does_not_name_is_dropped_with_a_warning():
    warnings = []
    text = "Keduanya sepakat mengembangkan Pari\u00adwisata dan UMKM."
    sectors = ground_sectors(text, ["pariwisata serta umkm", "pertambangan"], warnings)
    assert [(s.evidence, s.label.value) for s in sectors] == [("Pariwisata", "tourism_culture"),
                                                             ("UMKM", "smes_cooperatives")]
    assert warnings == ["sector 'pertambangan' dropped: not found in the article"]
