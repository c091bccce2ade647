"""Registry round trip, triage of a stored message, corrections as labels, the CLI."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.triage import services
from casework.triage.enums import ModelStatus, TriageStatus
from casework.triage.models import TriageLabel, TriageModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    return tmp_path


@pytest.fixture
def trained(data_dir, small_csv):
    return services.train_from_csv(small_csv, name="small")


class TestRegistry:
    def test_train_registers_a_candidate_with_hashes(self, trained):
        assert trained.status == ModelStatus.CANDIDATE and trained.version == 1
        assert len(trained.sha256) == 64 and len(trained.training_data_sha256) == 64
        assert "payments.refund" in trained.labels and "oos" not in trained.labels

    def test_round_trip_in_a_fresh_process(self, trained, data_dir):
        services.activate_model("small")
        texts = ["I want my money back", "cannot sign in to my account", "the key box is broken"]
        here = [p.label for p in services.verify_model_file(trained).classifier.predict(texts)]
        code = (
            "import json,sys; from casework.triage.engine import load_bundle;"
            f"b=load_bundle({str(services.model_path(trained))!r}, expected_sha256={trained.sha256!r});"
            f"print(json.dumps([p.label for p in b.classifier.predict({texts!r})]))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert json.loads(out.stdout) == here

    def test_activate_rollback_shadow(self, trained, small_csv):
        second = services.train_from_csv(small_csv, name="small")
        services.activate_model("small", 1)
        services.activate_model("small", 2)
        assert TriageModel.objects.get(pk=trained.pk).status == ModelStatus.RETIRED
        assert services.rollback_model().pk == trained.pk
        assert TriageModel.objects.get(pk=second.pk).status == ModelStatus.RETIRED
        services.set_shadow("small", 2)
        assert TriageModel.objects.get(status=ModelStatus.SHADOW).pk == second.pk

    def test_corrupt_file_refused_and_active_stays(self, trained, small_csv):
        services.activate_model("small", 1)
        broken = services.train_from_csv(small_csv, name="small")
        path = services.model_path(broken)
        path.write_bytes(path.read_bytes()[:-20])
        with pytest.raises(services.TriageModelError, match="corrupt"):
            services.activate_model("small", 2)
        assert TriageModel.objects.get(status=ModelStatus.ACTIVE).pk == trained.pk


class TestCli:
    def test_train_eval_explain_predict(self, data_dir, small_csv, capsys, tmp_path):
        call_command("triage", "train", "--data", str(small_csv), "--name", "cli")
        call_command("triage", "eval", "--model", "cli", "--data", str(small_csv), "--json",
                     "--report", str(tmp_path / "report"))
        out = capsys.readouterr().out.strip().splitlines()[-1]
        metrics = json.loads(out)
        assert {"accuracy", "macro_f1", "oos_recall", "n"} <= metrics.keys() and metrics["n"] == 21
        assert (tmp_path / "report" / "index.html").exists() and (tmp_path / "report" / "confusion.png").exists()
        call_command("triage", "explain", "--model", "cli@1", "I want a refund")
        assert "payments.refund" in capsys.readouterr().out
        call_command("triage", "predict", "--data", str(small_csv), "--model", "cli")
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert len(lines) == 21 and {"language", "case_type", "confidence", "severity", "risks",
                                     "frustration"} <= lines[0].keys()

    @pytest.mark.parametrize("content,expected", [
        ("text,category\nhello,x\n", "no column 'label'"),
        ("text,label\nhello,a\nworld,\n", "row 3 has an empty 'label'"),
        ("text,label\nhello,a\nworld,a\n", "only one class"),
        ("text,label\n,a\n", "row 2 has an empty 'text'"),
    ])
    def test_bad_csv_errors_name_the_row(self, data_dir, tmp_path, content, expected):
        path = tmp_path / "bad.csv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(CommandError, match=expected):
            call_command("triage", "train", "--data", str(path), "--name", "bad")

    def test_bad_encoding(self, data_dir, tmp_path):
        path = tmp_path / "latin1.csv"
        path.write_bytes("text,label\nok,a\ncaf\xe9,b\n".encode("latin-1"))
        with pytest.raises(CommandError, match="row 3 is not valid UTF-8"):
            call_command("triage", "train", "--data", str(path), "--name", "bad")


class TestTriageMessage:
    def _message(self, text):
        from django.utils import timezone

        from casework.accounts.models import Team
        from casework.cases.enums import Channel, MessageDirection
        from casework.cases.models import Message
        from casework.cases.services import create_case

        team = Team.objects.first() or Team.objects.create(slug="safety", name="Safety")
        case = create_case(subject="inbound", team=team, actor=None, via="test")
        return Message.objects.create(case=case, channel=Channel.EMAIL, direction=MessageDirection.INBOUND,
                                      body_text=text, created_at=timezone.now())

    def test_rules_only_without_model_still_flags_and_raises(self, data_dir):
        message = self._message("Il y a un incendie dans l'appartement, au secours")
        row = services.triage_message(message.pk)
        message.case.refresh_from_db()
        assert row.status == TriageStatus.RULES_ONLY and "no active" in row.error
        assert message.case.risks == ["emergency"] and message.case.severity == "S1"

    def test_active_model_and_shadow_are_both_stored(self, trained, small_csv):
        services.activate_model("small", 1)
        services.train_from_csv(small_csv, name="small")
        services.set_shadow("small", 2)
        message = self._message("I want my money back for the cancelled stay")
        row = services.triage_message(message.pk)
        roles = sorted(message.triage_results.values_list("role", flat=True))
        assert roles == ["active", "shadow"] and row.model_version == "small@1"
        message.case.refresh_from_db()
        assert message.case.case_type and message.case.case_type.slug == "payments.refund"

    def test_correction_is_a_label_with_its_author(self, trained, django_user_model):
        services.activate_model("small", 1)
        message = self._message("I want my money back for the cancelled stay")
        services.triage_message(message.pk)
        label = services.correct_triage(message.case, field="case_type", value="account.login", actor=None)
        assert TriageLabel.objects.get(pk=label.pk).value == "account.login"
        assert label.previous == "payments.refund" and label.model_version == "small@1"
        texts, labels = services.labels_from_history()
        assert labels == ["account.login"]
