"""The media cache (media/cache.py): keys, atomic entries, indexes, pruning."""

from __future__ import annotations

import json

import pytest

from brandsite.media.cache import KEY_LENGTH, Shelf


def test_keys_follow_every_part_and_the_shelf_version(tmp_path):
    shelf = Shelf(tmp_path / "posters", "poster-2")
    key = shelf.key(b"logo bytes", "photo", {"b": 2, "a": 1})
    assert len(key) == KEY_LENGTH and int(key, 16) >= 0
    assert key == shelf.key(b"logo bytes", "photo", {"a": 1, "b": 2})  # dicts by content, not order
    assert key != shelf.key(b"logo bytes", "logo", {"a": 1, "b": 2})
    assert key != Shelf(tmp_path / "posters", "poster-3").key(b"logo bytes", "photo", {"a": 1, "b": 2})
    # Parts do not run together: ("ab", "c") is not ("a", "bc").
    assert shelf.key("ab", "c") != shelf.key("a", "bc")


def test_an_entry_appears_whole_or_not_at_all(tmp_path):
    shelf = Shelf(tmp_path / "cards")
    key = shelf.key("card")
    assert shelf.files(key, ["card.png"]) is None

    def broken(folder):
        (folder / "card.png").write_bytes(b"half")
        raise RuntimeError("the drawing crashed")

    with pytest.raises(RuntimeError):
        shelf.make(key, broken)
    assert shelf.files(key, ["card.png"]) is None
    assert list((tmp_path / "cards").iterdir()) == []  # no temporary folder left behind

    made = shelf.make(key, lambda folder: (folder / "card.png").write_bytes(b"png") and "made")
    assert made == "made"
    assert shelf.files(key, ["card.png"]) == {"card.png": tmp_path / "cards" / key / "card.png"}
    assert shelf.files(key, ["card.png", "poster.pdf"]) is None  # every file or no hit


def test_a_new_entry_replaces_an_incomplete_one(tmp_path):
    shelf = Shelf(tmp_path / "images")
    key = shelf.key("photo")
    (tmp_path / "images" / key).mkdir(parents=True)
    (tmp_path / "images" / key / "main.png").write_bytes(b"old, without its variants")
    shelf.make(key, lambda folder: [(folder / name).write_bytes(b"new") for name in ("main.png", "w480.webp")])
    assert sorted(p.read_bytes() for p in (tmp_path / "images" / key).iterdir()) == [b"new", b"new"]


def test_an_index_of_another_version_reads_as_empty(tmp_path):
    Shelf(tmp_path, "images-2/aaa").write_index("manifest.json", {"k": {"width": 1}})
    assert Shelf(tmp_path, "images-2/aaa").read_index("manifest.json") == {"k": {"width": 1}}
    assert Shelf(tmp_path, "images-2/bbb").read_index("manifest.json") == {}
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert Shelf(tmp_path, "images-2/aaa").read_index("manifest.json") == {}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_without_a_folder_everything_is_a_miss(tmp_path):
    shelf = Shelf(None, "x")
    shelf.write_index("verdicts.json", {"a": "b"})
    assert shelf.read_index("verdicts.json") == {} and shelf.files(shelf.key("a"), ["f"]) is None
    shelf.prune("slug", keep="")
    assert list(tmp_path.iterdir()) == []


def test_prune_keeps_other_brands_whose_slug_starts_alike(tmp_path):
    shelf = Shelf(tmp_path / "forms", "1")
    keys = {}
    for slug, text in [("lian-xin", "old"), ("lian-xin", "new"), ("lian-xin-qiao", "other")]:
        keys[slug, text] = key = shelf.labelled(slug, shelf.key(text))
        shelf.make(key, lambda folder: (folder / "form.docx").write_text(text, encoding="utf-8"))
    shelf.prune("lian-xin", keep=keys["lian-xin", "new"])
    assert sorted(p.name for p in (tmp_path / "forms").iterdir()) == sorted(
        [keys["lian-xin", "new"], keys["lian-xin-qiao", "other"]])


def test_the_index_is_json_with_its_version(tmp_path):
    shelf = Shelf(tmp_path, "logos-1")
    shelf.write_index("verdicts.json", {"abc": "timeout"})
    data = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    assert data == {"version": shelf.version, "entries": {"abc": "timeout"}}
