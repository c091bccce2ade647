"""Unit tests of the pure-Python engine: each signal, idioms, bad input, model files."""

import pytest

from casework.triage.engine import (
    Context,
    ModelFileError,
    RiskRules,
    RuleSetError,
    SeverityMatrix,
    TriageEngine,
    dump_model,
    load_bundle,
)
from casework.triage.engine.frustration import FrustrationScorer, trend
from casework.triage.engine.language import LanguageDetector
from casework.triage.engine.pii import find_pii, mask

RULES = RiskRules.default()


class TestLanguage:
    det = LanguageDetector()

    @pytest.mark.parametrize("text,lang", [
        ("Hello, the host cancelled my reservation this morning", "en"),
        ("Bonjour, l'hôte a annulé ma réservation ce matin", "fr"),
        ("Hola, el anfitrión canceló mi reserva esta mañana", "es"),
        ("THE HOST NEVER GAVE US THE KEYS", "en"),
        ("Guten Tag, der Gastgeber hat meine Buchung heute Morgen storniert und antwortet nicht", "de"),
    ])
    def test_detects_languages(self, text, lang):
        assert self.det.detect(text).language == lang

    @pytest.mark.parametrize("text", ["", "ok", "😀😀😀", "!!!???", "12345", "https://example.com/x"])
    def test_too_short_is_und(self, text):
        assert self.det.detect(text).language == "und"

    def test_batch_equals_single(self):
        texts = ["merci beaucoup pour votre aide", "thanks a lot for your help", "gracias por tu ayuda"]
        assert [g.language for g in self.det.detect_many(texts)] == [self.det.detect(t).language for t in texts]


class TestRiskRules:
    @pytest.mark.parametrize("text,risk", [
        ("The host threatened to kill me", "violence_threat"),
        ("el anfitrión me amenazó con un cuchillo", "violence_threat"),
        ("il m'a frappée hier soir", "violence_threat"),
        ("I want to kill myself", "self_harm"),
        ("je veux en finir", "self_harm"),
        ("no quiero vivir más", "self_harm"),
        ("the host groped me in the hallway", "sexual_violence"),
        ("il y a un INCENDIE dans l'appartement", "emergency"),
        ("hay una fuga de gas", "emergency"),
        ("we are locked in the apartment and cannot get out", "emergency"),
        ("my kid was left alone in the car", "minor_safety"),
        ("he asked me to pay via Western Union outside the platform", "fraud_scam"),
        ("hidden camera in the bathroom", "privacy"),
        ("cámara oculta en el baño", "privacy"),
        ("the host refused us because we are black", "discrimination"),
    ])
    def test_fires(self, text, risk):
        assert risk in RULES.risks(text)

    @pytest.mark.parametrize("text", [
        "these check-in instructions are murder",
        "ce ménage m'a tuée",
        "el wifi me está matando",
        "this view is to die for",
        "I'm dying to see the beach",
        "mdr je suis mort de rire",
        "there is no fire, just the alarm battery",
        "we watched Kill Bill last night, great movie",
        "please help me change my booking dates",
        "I need a refund by bank transfer please",
        "the kitchen knife is blunt",
    ])
    def test_idioms_and_negations_do_not_fire(self, text):
        assert RULES.risks(text) == []

    def test_accents_and_case_do_not_matter(self):
        assert RULES.risks("INCENDIÉ") == RULES.risks("incendie") == RULES.risks("Incendie") == ["emergency"]

    def test_self_harm_wins_over_threat_on_same_words(self):
        assert RULES.risks("I am going to kill myself") == ["self_harm"]

    def test_suppressed_hit_is_explained(self):
        hits = RULES.scan("the fire pit in the garden is lovely")
        assert hits and all(h.suppressed_by for h in hits)

    def test_bad_rule_is_refused_with_its_id(self):
        doc = RiskRules.default_document()
        doc["risks"]["privacy"]["patterns"]["en"].append("(unclosed")
        with pytest.raises(RuleSetError, match="privacy.en"):
            RiskRules.from_dict(doc)

    def test_rules_are_versioned(self):
        assert RULES.version != "unversioned"


class TestSeverity:
    m = SeverityMatrix.default()

    def test_type_default(self):
        assert self.m.decide(case_type="account.profile", risks=[]).severity == "S4"

    def test_risk_raises(self):
        d = self.m.decide(case_type="payments.refund", risks=["emergency"])
        assert (d.severity, d.priority) == ("S1", "P1")

    def test_segment_value_and_checkin_raise_but_never_lower(self):
        assert self.m.decide(case_type="payments.refund", risks=[], context=Context(segment="luxury")).severity == "S2"
        ctx = Context(reservation_value="5000", currency="EUR")
        assert self.m.decide(case_type="account.profile", risks=[], context=ctx).severity == "S3"
        ctx = Context(hours_to_checkin=5)
        assert self.m.decide(case_type="reservation.host_cancellation", risks=[], context=ctx).severity == "S2"
        ctx = Context(segment="luxury", hours_to_checkin=2)
        assert self.m.decide(case_type="safety.emergency", risks=[], context=ctx).severity == "S1"


class TestFrustrationAndPii:
    def test_cues_without_model(self):
        f = FrustrationScorer()
        assert f.score("This is the third time I ask, UNACCEPTABLE!!!").score > 0.6
        assert f.score("thanks, all good").score < 0.2

    def test_trend_rising(self):
        assert trend([0.1, 0.3, 0.6, 0.9])["direction"] == "rising"
        assert trend([0.5])["direction"] == "steady"

    def test_pii(self):
        text = "Call +33 6 12 34 56 78, mail jean@example.fr, card 4111 1111 1111 1111, IBAN FR14 2004 1010 0505 0001 3M02 606"
        kinds = [s.kind for s in find_pii(text)]
        assert kinds == ["phone", "email", "card", "iban"]
        assert "4111" not in mask(text, find_pii(text))

    def test_card_needs_luhn(self):
        assert find_pii("order 4111 1111 1111 1112") == []


class TestEngineAndBadInput:
    @pytest.mark.parametrize("raw", ["", "   ", "😀😀😀", "!!!", b"\xff\xfe\x00\x01garbage\x9c", "\x00\x07\x1b[31m",
                                     "Привет мир ☃ 你好 مرحبا", None, 12345])
    def test_never_raises(self, raw, small_bundle):
        result = TriageEngine(bundle=small_bundle).analyze(raw)
        assert result.severity in {"S1", "S2", "S3", "S4"}
        if raw in ("", "   ", "😀😀😀", "!!!", None):
            assert result.language == "und" and result.needs_human_triage

    def test_huge_text_is_truncated_and_recorded(self, small_bundle):
        engine = TriageEngine(bundle=small_bundle, max_chars=10_000)
        result = engine.analyze("refund please " * 80_000)
        assert result.truncated and result.original_length > 1_000_000
        assert result.explanation["truncated"]["kept_chars"] <= 10_000

    def test_rules_only_without_model(self):
        result = TriageEngine().analyze("Hay humo en la cocina")
        assert result.model_version is None and result.risks == ["emergency"]
        assert result.case_type == "safety.emergency" and result.severity == "S1"

    def test_explanation_has_features_rules_confidence_version(self, small_bundle):
        result = TriageEngine(bundle=small_bundle).analyze("I want a refund for my stay")
        exp = result.explanation
        assert result.case_type == "payments.refund"
        assert exp["case_type"]["features"] and exp["model_version"] == "small@1"
        assert 0 < exp["case_type"]["confidence"] <= 1 and "rules_version" in exp

    def test_below_threshold_goes_to_humans(self, small_bundle):
        small_bundle.classifier.threshold_ = 0.999
        result = TriageEngine(bundle=small_bundle).analyze("what is the capital of Australia")
        assert result.case_type is None and result.needs_human_triage


class TestModelFile:
    def test_round_trip(self, small_bundle, tmp_path):
        path = tmp_path / "m.cwm"
        digest = dump_model(small_bundle, path)
        loaded = load_bundle(path, expected_sha256=digest)
        texts = ["refund please", "cannot log in"]
        assert [p.label for p in loaded.classifier.predict(texts)] == [p.label for p in small_bundle.classifier.predict(texts)]

    def test_corrupt_file_refused(self, small_bundle, tmp_path):
        path = tmp_path / "m.cwm"
        dump_model(small_bundle, path)
        data = bytearray(path.read_bytes())
        data[-10] ^= 0xFF
        path.write_bytes(bytes(data))
        with pytest.raises(ModelFileError, match="corrupt"):
            load_bundle(path)

    def test_not_a_model_and_wrong_format_refused(self, tmp_path):
        bad = tmp_path / "x.cwm"
        bad.write_bytes(b"hello")
        with pytest.raises(ModelFileError, match="not a Casework"):
            load_bundle(bad)
        bad.write_bytes(b'CASEWORK-TRIAGE-MODEL\n{"format_version": 99}\n')
        with pytest.raises(ModelFileError, match="format version 99"):
            load_bundle(bad)

    def test_incompatible_library_refused(self, small_bundle, tmp_path):
        path = tmp_path / "m.cwm"
        dump_model(small_bundle, path)
        raw = path.read_bytes()
        head, _, rest = raw.partition(b"\n")
        header, _, payload = rest.partition(b"\n")
        import json

        h = json.loads(header)
        h["libraries"]["scikit-learn"] = "0.24.2"
        path.write_bytes(head + b"\n" + json.dumps(h).encode() + b"\n" + payload)
        with pytest.raises(ModelFileError, match="scikit-learn"):
            load_bundle(path)
