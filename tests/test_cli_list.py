"""`agenda list`: the exact text a user sees, and one clear line for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli

from .conftest import ROOT

SEED_002 = "seeds/002_ba662fb86504df7e.txt"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"], input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_list_prints_talks_in_time_order_with_inferred_year_on_stderr() -> None:
    code, out, err = run("list", SEED_002)
    assert code == 0
    assert out.splitlines()[:2] == [
        "2021-07-20 Tue 17:00-17:20 PDT  paper     Characterizing Structural Regularities of "
        "Labeled Data in Overparameterized Models — Ziheng Jiang, Chiyuan Zhang, Kunal Talwar +1",
        "2021-07-20 Tue 17:20-17:25 PDT  paper     Stabilizing Equilibrium Models by Jacobian "
        "Regularization — Shaojie Bai, Vladlen Koltun, Zico Kolter",
    ]
    assert len(out.splitlines()) == 7
    assert err == ("warning: seeds/002_ba662fb86504df7e.txt:8: no year on the page; assuming 2021, "
                   "the most recent past year with Tue 20 Jul; it also fits 2004, 2010, 2027 "
                   "(pass --year to choose)\n")


def test_list_defaults_to_seeds_and_all_shows_every_slot() -> None:
    assert len(run("list")[1].splitlines()) == 39
    assert len(run("list", "--all")[1].splitlines()) == 52


def test_list_tz_shows_times_where_the_user_reads_them() -> None:
    code, out, _ = run("list", SEED_002, "--tz", "Europe/Berlin", "--year", "2021")
    assert out.splitlines()[0].startswith("2021-07-21 Wed 02:00-02:20 CEST  paper ")


def test_list_json_has_utc_instants_and_wall_times() -> None:
    code, out, _ = run("list", SEED_002, "--json")
    first = json.loads(out)[0]
    assert (first["start"], first["end"]) == ("2021-07-21T00:00:00Z", "2021-07-21T00:20:00Z")
    assert (first["wall_start"], first["label"]) == ("2021-07-20T17:00:00-07:00", "PDT")


def test_list_reads_standard_input() -> None:
    data = (ROOT / SEED_002).read_bytes()
    code, out, err = run("list", "-", "--year", "2021", stdin=data)
    assert code == 0 and len(out.splitlines()) == 7 and err == ""


BAD = {
    "empty.txt": (b"", "error: {p}: the file is empty; save the schedule page as text and "
                       "try again"),
    "binary.txt": (b"\x89PNG\x00\x00", "error: {p}: this is a binary file, not a schedule page "
                                        "saved as text"),
    "undecodable.txt": (b"Track\nWed 9 Dec. 6:00 - 6:15 PST\nCaf\x81\n",
                        "error: {p}:3: not UTF-8 text (byte 0x81); re-save the page as UTF-8"),
    "lying_charset.html": (b'<meta charset="utf-8"><p>Wed 9 Dec. 6:00 - 6:15 PST</p><p>Caf\xe9',
                           "error: {p}:1: the page declares charset 'utf-8', but its bytes are "
                           "neither that nor UTF-8; re-save the page as UTF-8"),
    "nothing.txt": (b"Just some text.\n", "error: {p}: no schedule found: no times at all; "),
    "slot_only.txt": (b"Track\n\nWed 9 Dec. 6:00 - 6:15 PST\n",
                      "error: {p}:3: the slot line has no talk under it, and the page has no "
                      "talks; save the whole schedule page"),
    "backwards.txt": (b"T\n\nWed 9 Dec. 10:00 - 9:00 PST\n\nTitle\n\nA \xc2\xb7 B\n",
                      "error: {p}:3: the slot ends (9:00) before it starts (10:00)"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_page_is_one_clear_line_and_exit_1(tmp_path: Path, name: str) -> None:
    data, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run("list", str(path), "--year", "2020")
    assert code == 1 and out == ""
    assert err.startswith(message.format(p=path))
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_a_page_in_windows_1252_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Track\nWed 9 Dec. 6:00 - 6:15 PST\nCaf\xe9 \x96 Bar\n")
    code, out, err = run("list", str(path), "--year", "2020")
    assert code == 0
    assert out == "2020-12-09 Wed 06:00-06:15 PST  paper     Caf\u00e9 \u2013 Bar\n"
    assert err == (f"warning: {path}:3: not UTF-8 and no charset declared: read as Windows-1252 "
                   "(byte 0xe9 as '\u00e9'); re-save the page as UTF-8 if letters look wrong\n")


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path: Path) -> None:
    path = tmp_path / "polish.html"
    path.write_bytes(b'<html><head><meta http-equiv="Content-Type" content="text/html; '
                     b'charset=ISO-8859-2"></head><body><p>Wed 9 Dec. 6:00 - 6:15 PST</p>'
                     b"<p>Oral</p><p>Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1</p>"
                     b"</body></html>")
    code, out, err = run("list", str(path), "--year", "2020")
    assert (code, err) == (0, "")
    assert out == "2020-12-09 Wed 06:00-06:15 PST  oral      Za\u017c\u00f3\u0142\u0107 " \
                  "g\u0119\u015bl\u0105 ja\u017a\u0144\n"


def test_missing_source_is_an_error() -> None:
    assert run("list", "no/such/page.txt") == (
        1, "", "error: no/such/page.txt: no such file or folder\n")


def test_bad_options_are_exit_2_with_the_option_named() -> None:
    assert run("list", "--tz", "Mars/Olympus")[2].startswith(
        "error: --tz: unknown time zone 'Mars/Olympus'")
    assert run("list", "--tz", "Mars/Olympus")[0] == 2
    result = CliRunner().invoke(cli, ["list", "--today", "yesterday"])
    assert (result.exit_code, result.stderr) == (
        2, "error: --today: expected a date like 2020-12-10, got 'yesterday'\n")


def test_one_bad_page_stops_the_run_unless_keep_going(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_bytes((ROOT / SEED_002).read_bytes())
    code, out, err = run("list", str(tmp_path), "--year", "2021")
    assert (code, out) == (1, "")
    code, out, err = run("list", str(tmp_path), "--year", "2021", "--keep-going")
    assert code == 0 and len(out.splitlines()) == 7
    assert err == (f"warning: {tmp_path / 'bad.txt'}: skipped: the file is empty; save the "
                   "schedule page as text and try again\n")


def test_python_dash_m_agenda_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "agenda", "list", SEED_002, "--year", "2021"],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 7


def test_explain_shows_the_rule_behind_each_talk() -> None:
    code, out, _ = run("list", "--author", "Ba", "--author", "Dokmanic", "--explain")
    assert out.splitlines()[1::2] == ["    selected by: author 'Dokmanic'",
                                      "    selected by: author 'Ba'"]


def test_conflicts_lists_overlapping_selected_talks(tmp_path: Path) -> None:
    other = tmp_path / "other_track.txt"
    other.write_text("Parallel Track\n\nThu 10 Dec. 6:10 - 6:40 PST\n\nA Parallel Talk\n\n"
                     "Ann Author · Bo Builder\n\nAbstract.\n", encoding="utf-8")
    code, out, _ = run("list", "seeds/003_e4fac9faa7edaf41.txt", str(other), "--year", "2020",
                       "--conflicts")
    shooting = ("2020-12-10 Thu 06:00-06:15 PST  A shooting formulation of deep learning "
                "(Orals & Spotlights Track 28: Deep Learning)")
    parallel = "2020-12-10 Thu 06:10-06:40 PST  A Parallel Talk (Parallel Track)"
    training = ("2020-12-10 Thu 06:15-06:30 PST  On the training dynamics of deep networks with "
                "$L_2$ regularization (Orals & Spotlights Track 28: Deep Learning)")
    neurons = ("2020-12-10 Thu 06:30-06:45 PST  Compositional Explanations of Neurons "
               "(Orals & Spotlights Track 28: Deep Learning)")
    assert out.splitlines() == [
        f"conflict: {shooting}", f"    with: {parallel}",
        f"conflict: {parallel}", f"    with: {shooting}", f"    with: {training}",
        f"    with: {neurons}",
        f"conflict: {training}", f"    with: {parallel}",
        f"conflict: {neurons}", f"    with: {parallel}",
    ]
    assert run("list", "--conflicts")[1] == "no conflicts\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--day", "10/12/2020"], "error: --day: expected a date like 2020-12-10, got '10/12/2020'"),
    (["--between", "9-10"], "error: --between: expected a time range like 06:00-09:00, got '9-10'"),
    (["--between", "10:00-09:00"], "error: --between: the range '10:00-09:00' ends before it "
                                   "starts"),
    (["--kind", "lecture"], "error: --kind: unknown kind 'lecture'; choose from oral, "
                            "spotlight, paper, poster, invited, break, q&a, empty, talk, "
                            "keynote, panel, tutorial, workshop, opening, social"),
    (["--regex", "--keyword", "(("], "error: --keyword: invalid regular expression '((': "
                                     "missing ), unterminated subpattern at position 1"),
])
def test_bad_rules_are_one_line_errors(args: list[str], message: str) -> None:
    code, out, err = run("list", *args)
    assert (code, out, err) == (2, "", message + "\n")


def test_rule_that_selects_nothing_is_a_warning_not_an_error() -> None:
    code, out, err = run("list", SEED_002, "--author", "Nobody Atall")
    assert (code, out) == (0, "")
    assert err.endswith("warning: the selection matches no talk; the outputs are empty\n")


def test_serve_errors_are_one_line() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run("serve", "--port", str(port), "--year", "2021", SEED_002)
    assert code == 2 and err.endswith(
        f"error: --host 127.0.0.1 --port {port}: cannot listen: Address already in use\n")
    code, out, err = run("serve", "--profile-dir", "no/such/dir")
    assert (code, err) == (2, "error: --profile-dir: 'no/such/dir' is not a folder\n")
    code, out, err = run("serve", "--base-url", "example.org")
    assert (code, err) == (2, "error: --base-url: expected a URL like https://example.org, got "
                              "'example.org'\n")


def test_a_page_named_twice_is_read_once(tmp_path: Path) -> None:
    from agenda.sources import expand

    folder = tmp_path / "pages"
    folder.mkdir()
    page = folder / "a.txt"
    page.write_bytes((ROOT / "seeds" / "000_bc3a9835493b4eaa.txt").read_bytes())
    (folder / "b.txt").symlink_to(page)
    (folder / ".hidden.txt").write_text("not a page")
    names = expand([str(folder), str(page), str(tmp_path / "pages" / ".." / "pages")])
    assert names == [str(page)]
