"""The feedback form ("Tell us how you used this briefing", a GitHub issue form): valid as GitHub reads it,
and its agency list kept as data/agencies.yml says: `make check` names each agency that differs and says
to run `make fix`; write() (what `make fix` runs) writes the list and nothing else."""
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, make_data, write
from macros.tools import check
from macros.data import issueform
from macros.data.catalogue import load

FORM = """\
# The feedback form. This comment stays.
name: Tell us how you used a briefing
body:
  - type: input
    id: team
    attributes:
      label: Your team
  - type: dropdown
    id: agency
    attributes:
      label: Your agency
      options:
        - GPs (gp)
        - Police (police)
        - Another organisation (say which in "Your team")
    validations:
      required: false
"""
AGENCIES = """\
- id: gp
  name: GPs
  description: Family doctors.
- id: police
  name: Police
  description: The police.
"""
PATH = ".github/ISSUE_TEMPLATE/used-a-briefing.yml"
CHECK_FORM = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms"]


def test_the_projects_form_is_a_valid_issue_form_with_the_fields_the_site_fills_in(tmp_path):
    """The project's own form, as it stands (its agency list is made from the live data/agencies.yml)."""
    form_path = ROOT / PATH
    assert subprocess.run(CHECK_FORM + [str(form_path)], capture_output=True, text=True, timeout=120).returncode == 0
    broken = write(tmp_path / "broken.yml", form_path.read_text().replace("      label: Your team\n", ""))
    assert subprocess.run(CHECK_FORM + [str(broken)], capture_output=True, text=True, timeout=120).returncode == 1
    form = yaml.safe_load(form_path.read_text())
    fields = {e["id"]: e for e in form["body"] if "id" in e}
    assert {"briefing", "team", "agency", "date", "how", "change"} <= set(fields)
    assert fields["briefing"]["type"] == "input"  # an input, so ?briefing=<id> in the link fills it in
    assert fields["briefing"]["validations"]["required"] and fields["team"]["validations"]["required"]
    assert "never write anything that could identify a child" in form["body"][0]["attributes"]["value"]


def project(tmp_path, agencies=AGENCIES, form=FORM) -> Path:
    """A project with the fixture's data but `agencies` as its agencies.yml, and `form` as its feedback form."""
    make_data(tmp_path, {"agencies.yml": agencies}, seeds=False)
    write(tmp_path / PATH, form)
    return tmp_path


def messages(root) -> list[str]:
    return [str(p) for p in issueform.problems(root)]


def test_a_form_in_step_with_the_agencies_is_no_problem_and_is_left_alone(tmp_path):
    root = project(tmp_path)
    assert messages(root) == [] and issueform.expected(root) == FORM
    assert issueform.write(root) is False and (root / PATH).read_text() == FORM


def test_an_added_agency_is_an_error_naming_it_and_saying_run_make_fix(tmp_path):
    root = project(tmp_path, AGENCIES + "- id: foster-care\n  name: Fostering service\n  description: Foster carers.\n")
    assert messages(root) == [
        ".github/ISSUE_TEMPLATE/used-a-briefing.yml:13: the feedback form's agency list is not data/agencies.yml's: "
        "it lacks 'Fostering service (foster-care)'. Run `make fix`, which writes it from data/agencies.yml; or, by hand, "
        "make the options under 'Your agency' one line '- Name (id)' for each agency, in data/agencies.yml's order"]


def test_make_fix_writes_the_list_and_keeps_every_other_byte(tmp_path):
    root = project(tmp_path, AGENCIES + "- id: foster-care\n  name: Fostering service\n  description: Foster carers.\n")
    assert issueform.write(root) is True
    assert (root / PATH).read_text() == FORM.replace(
        "        - Police (police)\n", "        - Police (police)\n        - Fostering service (foster-care)\n")
    assert messages(root) == [] and issueform.write(root) is False


def test_a_removed_a_renamed_and_a_reordered_agency_are_each_named(tmp_path):
    removed = project(tmp_path / "removed", AGENCIES.split("- id: police")[0])
    assert messages(removed)[0].startswith(
        ".github/ISSUE_TEMPLATE/used-a-briefing.yml:13: the feedback form's agency list is not data/agencies.yml's: "
        "it has 'Police (police)', which data/agencies.yml has not. Run `make fix`")
    renamed = project(tmp_path / "renamed", AGENCIES.replace("name: Police", "name: Constabulary"))
    assert "it lacks 'Constabulary (police)'; it has 'Police (police)', which data/agencies.yml has not." in messages(renamed)[0]
    reordered = project(tmp_path / "reordered", "- id: police" + AGENCIES.split("- id: police")[1] + AGENCIES.split("- id: police")[0])
    assert "it lists them in another order than data/agencies.yml. Run `make fix`" in messages(reordered)[0]
    for root, agencies in ((removed, ["GPs (gp)"]), (renamed, ["GPs (gp)", "Constabulary (police)"]),
                           (reordered, ["Police (police)", "GPs (gp)"])):
        assert issueform.write(root) and messages(root) == []
        options = yaml.safe_load((root / PATH).read_text())["body"][1]["attributes"]["options"]
        assert options == agencies + ['Another organisation (say which in "Your team")']


def test_a_name_yaml_would_misread_is_quoted(tmp_path):
    root = project(tmp_path, AGENCIES + "- id: nhs\n  name: 'NHS: #1 & *more*'\n  description: D.\n")
    issueform.write(root)
    assert "        - 'NHS: #1 & *more* (nhs)'\n" in (root / PATH).read_text()
    assert yaml.safe_load((root / PATH).read_text())["body"][1]["attributes"]["options"][2] == "NHS: #1 & *more* (nhs)"


def test_a_list_written_in_brackets_becomes_one_line_an_option(tmp_path):
    block = FORM[FORM.index("      options:\n"):FORM.index("    validations:")]
    form = FORM.replace(block, "      options: [GPs (gp), Other]\n")
    root = project(tmp_path, form=form)
    assert "it lacks 'Police (police)'" in messages(root)[0]
    issueform.write(root)
    assert (root / PATH).read_text() == form.replace("      options: [GPs (gp), Other]\n",
                                                     "      options:\n        - GPs (gp)\n        - Police (police)\n        - Other\n")


def test_without_the_form_or_its_agency_field_there_is_nothing_to_keep_in_step(tmp_path):
    root = project(tmp_path)
    (root / PATH).unlink()
    assert messages(root) == [] and issueform.write(root) is False and not (root / PATH).exists()
    write(root / PATH, FORM.replace("id: agency", "id: service"))
    assert messages(root) == [] and issueform.write(root) is False


def test_make_check_fails_on_the_form_and_passes_after_make_fix(tmp_path, capsys):
    root = project(tmp_path, AGENCIES + "- id: foster-care\n  name: Fostering service\n  description: Foster carers.\n")
    assert check.main([str(root / "data")]) == 1
    err = capsys.readouterr().err
    assert ("used-a-briefing.yml:13: the feedback form's agency list is not data/agencies.yml's: "
            "it lacks 'Fostering service (foster-care)'") in err
    assert err.rstrip().endswith("1 problem in the data: fix it and check again.")
    issueform.write(root)
    assert check.main([str(root / "data")]) == 0


def test_the_real_form_gets_each_agency_of_the_fixture_and_one_more_and_stays_a_valid_issue_form(tmp_path):
    """The project's own form, as `make fix` leaves it after an editor adds an agency: only the agency lines change."""
    extra = "- id: foster-care\n  name: Fostering service\n  description: Foster carers.\n"
    data = make_data(tmp_path)
    (data / "agencies.yml").write_text((data / "agencies.yml").read_text() + extra)
    original = (ROOT / PATH).read_text()
    write(tmp_path / PATH, original)
    assert issueform.write(tmp_path)
    written = (tmp_path / PATH).read_text()
    agencies = [f"{a.name} ({a.id})" for a in load(data).agencies.values()]
    assert agencies[-1] == "Fostering service (foster-care)"
    options = next(e for e in yaml.safe_load(written)["body"] if e.get("id") == "agency")["attributes"]["options"]
    assert options[:-1] == agencies and options[-1].startswith("Another organisation")

    def other_lines(text):
        return [line for line in text.splitlines() if not issueform.AGENCY_OPTION.search(line)]
    assert other_lines(written) == other_lines(original)
    assert subprocess.run(CHECK_FORM + [str(tmp_path / PATH)], capture_output=True, text=True, timeout=120).returncode == 0
