"""Assembling and verifying the embedded model from its parts (on small stand-in parts)."""

import hashlib

import pytest

import service.embedded as embedded


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    parts = [tmp_path / f"part{i:02d}.bin" for i in range(1, 4)]
    for i, part in enumerate(parts):
        part.write_bytes(bytes([i]) * 1000)
    whole = b"".join(p.read_bytes() for p in parts)
    monkeypatch.setattr(embedded, "MODEL_PARTS", 3)
    monkeypatch.setattr(embedded, "_part_file", lambda index: parts[index - 1])
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SIZE", len(whole))
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SHA256", hashlib.sha256(whole).hexdigest())
    return parts, whole


def test_parts_are_joined_in_order_verified_and_cached(tmp_path, fake_parts):
    parts, whole = fake_parts
    model = embedded.assemble_default_model(tmp_path / "cache")
    assert model.read_bytes() == whole
    parts[0].write_bytes(b"changed")  # a cached, verified model is not assembled again
    assert embedded.assemble_default_model(tmp_path / "cache").read_bytes() == whole


def test_a_part_that_does_not_match_the_pinned_hash_is_refused(tmp_path, fake_parts):
    parts, _ = fake_parts
    parts[1].write_bytes(b"tampered" * 125)
    with pytest.raises(embedded.EmbeddedModelError, match="sha256"):
        embedded.assemble_default_model(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf*"))  # nothing half-written is left


def test_a_missing_part_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(embedded, "MODEL_PARTS", 99)
    with pytest.raises(embedded.EmbeddedModelError, match=r"pip install -e '\.\[embedded\]'"):
        embedded._part_file(99)
