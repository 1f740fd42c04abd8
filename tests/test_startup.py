"""What a start of the CLI imports and reads: only what the run needs, with the same
results as before (plugins found, reporters named, configuration and data read)."""

from __future__ import annotations

import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from cablelint.data import package_text
from cablelint.linter.registry import ENTRY_POINT_GROUP, may_declare_plugins


def _dist(site: Path, name: str, entry_points: str | None) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_plugin_look_finds_a_distribution_that_declares_the_group(tmp_path: Path) -> None:
    _dist(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    _dist(tmp_path, "bare", None)
    (tmp_path / "odd-1.0.egg-info").write_text("Metadata-Version: 1.0\n", encoding="utf-8")  # a file
    assert may_declare_plugins([str(tmp_path), str(tmp_path / "absent")]) is False
    _dist(tmp_path, "mypost", f"[{ENTRY_POINT_GROUP}]\nmypost = mypost_rules:RULES\n")
    assert may_declare_plugins([str(tmp_path / "absent"), str(tmp_path)]) is True


def test_plugin_look_leaves_what_it_cannot_read_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x-1.0.dist-info/entry_points.txt", f"[{ENTRY_POINT_GROUP}]\nx = x:RULES\n")
    assert may_declare_plugins([str(archive)]) is True
    assert may_declare_plugins([str(tmp_path / "old.egg")]) is True
    assert may_declare_plugins([b"/bytes/entry"]) is True
    _dist(tmp_path / "site", "latin", None)
    (tmp_path / "site" / "latin-1.0.dist-info" / "entry_points.txt").write_bytes(b"[caf\xe9]\n")
    assert may_declare_plugins([str(tmp_path / "site")]) is True  # importlib.metadata raises there

    class Finder:
        @staticmethod
        def find_distributions(context: object = None) -> list[object]:
            return []

    assert may_declare_plugins([]) is False
    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert may_declare_plugins([]) is True


@pytest.mark.parametrize("name", ["data/tags.txt", "grammar/tables.json", "grammar/cable.lark"])
def test_package_data_reads_as_importlib_resources_reads_it(name: str) -> None:
    expected = resources.files("cablelint").joinpath(*name.split("/")).read_text(encoding="utf-8")
    assert package_text(name) == expected
