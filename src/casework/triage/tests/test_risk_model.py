"""The learned risk layer (engine/riskmodel.py), its shipped file, and how it joins the rules."""

import csv
from pathlib import Path

import numpy as np
import pytest

from casework.triage.engine import RiskRules, TriageEngine
from casework.triage.engine.risk import RiskHit
from casework.triage.engine.riskmodel import (
    RISKS,
    RiskModel,
    default_risk_model,
    dev_rows,
    dev_writer_rows,
    learned_risks,
    training_rows,
)
from casework.triage.engine.textutil import fold

DATA = Path(__file__).resolve().parents[1] / "data"
RISK_SET = Path(__file__).resolve().parents[4] / "tests" / "data" / "risk_eval.csv"


@pytest.fixture(scope="module")
def model():
    return default_risk_model()


@pytest.fixture(scope="module")
def engine(model):
    return TriageEngine(risk_model=model)


def test_shipped_model_was_trained_on_the_current_data(model):
    """Editing risk_train.csv without rebuilding the model file fails here (rebuild with
    ``python -m casework.triage.engine.riskmodel``)."""
    _texts, _labels, digest = training_rows()
    assert model.info["data_sha256"] == digest
    assert set(model.risks) == set(RISKS)


def test_thresholds_come_from_out_of_fold_scores(model):
    for risk in model.risks:
        per = model.info["per_risk"][risk]
        assert 0 < model.thresholds[risk] <= 0.5
        assert per["positives"] >= 100
        assert 0 < per["oof_recall"] <= 1 and 0 < per["oof_precision"] <= 1


def test_training_data_is_disjoint_from_the_held_out_risk_set():
    if not RISK_SET.exists():
        pytest.skip(f"{RISK_SET} not present")
    with open(RISK_SET, encoding="utf-8", newline="") as fh:
        held_out = {fold(r["text"]).strip() for r in csv.DictReader(fh)}
    texts, _labels, _ = training_rows()
    dev_texts, _dev_labels = dev_rows()
    dev_texts += dev_writer_rows()[0]
    # Only a count on failure: the held-out rows must not be printed into a log someone tunes on.
    overlap = len(held_out & {fold(t).strip() for t in [*texts, *dev_texts]})
    assert overlap == 0, f"{overlap} training or dev texts are also in the held-out risk set"


def test_every_risk_has_paraphrases_and_hard_negatives():
    with open(DATA / "risk_train.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 1000
    for risk in RISKS:
        langs = {r["language"] for r in rows if risk in r["risks"].split(";")}
        assert langs == {"en", "fr", "es"}, risk
    assert sum(1 for r in rows if not r["risks"]) >= 300


@pytest.mark.parametrize("text,risk", [
    ("he said if I call the police he'll make sure I never walk again", "violence_threat"),
    ("je ne vois plus l'intérêt de continuer, j'ai tout préparé pour ce soir", "self_harm"),
    ("el casero entró de noche en mi cuarto y se metió en mi cama", "sexual_violence"),
    ("we smell something burning and the hallway is full of smoke", "emergency"),
])
def test_engine_finds_situations_told_in_other_words(engine, text, risk):
    assert risk in engine.analyze(text).risks


@pytest.mark.parametrize("text", [
    "these check-in instructions are murder",
    "ce ménage m'a tuée",
    "el wifi me está matando",
    "I'm dying to see the beach",
    "we watched Kill Bill last night, great movie",
    "please help me change my booking dates",
    "the kitchen knife is blunt",
    # ordinary short requests: "I want ..." must not read as "I want to die"
    "I want a refund",
    "I want to cancel",
    "je veux annuler",
    "quiero cancelar la reserva",
    "the smoke alarm goes off every time we make toast",
])
def test_idioms_stay_quiet_with_the_model_on(engine, text):
    assert engine.analyze(text).risks == []


def test_model_signal_is_explained_with_its_version(engine):
    result = engine.analyze("he said if I call the police he'll make sure I never walk again")
    exp = result.explanation
    assert exp["risk_model_version"].startswith("risk-model@")
    assert any(r["rule"] in ("risk_model",) or r["risk"] == "violence_threat" for r in exp["rules"])


def test_risk_model_can_be_turned_off():
    assert TriageEngine(risk_model=None).analyze("hola").explanation["risk_model_version"] is None


def test_idiom_vetoes_an_unsure_model_signal_but_not_a_sure_one():
    idiom = RiskHit("violence_threat", "violence_threat.en.0", "murder", 0, 6, "murder", "idiom: are murder")
    negated = RiskHit("emergency", "emergency.en.0", "fire", 0, 4, "fire", "negation: no")
    assert learned_risks([idiom], {"violence_threat": 0.5}) == {}
    assert learned_risks([idiom], {"violence_threat": 0.95}) == {"violence_threat": 0.95}
    assert learned_risks([negated], {"emergency": 0.3}) == {"emergency": 0.3}
    assert learned_risks([], {"privacy": 0.3}) == {"privacy": 0.3}


def test_batched_scores_equal_one_by_one_scores(model):
    """Speed is measured by `casework bench triage`, not here; here: a batch gives what singles give."""
    texts = [fold(t) for t in ("the host keeps sending me messages at night, I'm scared",
                               "il y a une camera cachee dans la salle de bain", "el wifi me esta matando")]
    import numpy as np

    batched = model.scores(texts)
    singles = np.vstack([model.scores([t]) for t in texts])
    assert batched.shape == (3, len(model.risks))
    assert np.allclose(batched, singles, atol=1e-6)


def test_rules_alone_still_work_without_the_model():
    assert RiskRules.default().risks("hay una fuga de gas") == ["emergency"]


def test_death_word_idiom_vetoes_threat_and_self_harm_alike():
    idiom = RiskHit("violence_threat", "violence_threat.fr.0", "tuee", 0, 4, "tuee", "idiom: m'a tuee")
    assert learned_risks([idiom], {"self_harm": 0.4, "privacy": 0.4}) == {"privacy": 0.4}


def test_figurative_message_vetoes_unsure_threat_and_self_harm():
    assert learned_risks([], {"self_harm": 0.4, "emergency": 0.4}, figurative=True) == {"emergency": 0.4}
    assert RiskRules.default().figurative(fold("ce ménage m'a tuée"))
    assert not RiskRules.default().figurative(fold("il m'a menacée avec un couteau"))


def test_shipped_file_loads_without_retraining():
    from importlib import resources

    from casework.triage.engine.modelfile import load_model
    from casework.triage.engine.riskmodel import MODEL_FILE, RiskModel
    path = Path(str(resources.files("casework.triage.engine").joinpath(MODEL_FILE)))
    obj, header = load_model(path, expected_kind=RiskModel.kind)
    assert type(obj).__module__ == "casework.triage.engine.riskmodel"
    assert header["metadata"]["info"]["data_sha256"] == obj.info["data_sha256"]


def test_fast_single_path_equals_the_sklearn_path(model):
    texts = [fold(t) for t in ["the host keeps sending me messages at night, I'm scared", "hola", "",
                               "le détecteur de fumée a un petit objectif", "xyzzy qwerty"]]
    batched = model.scores(texts)
    for text, row in zip(texts, batched, strict=True):
        assert abs(model.score_one(text) - row).max() < 1e-4


def test_a_weak_second_risk_yields_to_the_strong_one():
    model = RiskModel(secondary_ratio=0.3)
    model.risks = ("violence_threat", "sexual_violence", "emergency")
    model.thresholds = {r: 0.2 for r in model.risks}
    scores = {"a": np.array([0.25, 0.95, 0.1], dtype=np.float32),   # 0.25 < 0.3 × 0.95: dropped
              "b": np.array([0.6, 0.9, 0.3], dtype=np.float32),     # both ≥ 0.27: kept
              "c": np.array([0.25, 0.1, 0.1], dtype=np.float32)}    # a single flag is never dropped
    model.score_one = lambda text: scores[text]
    out = model.predict_many(["a", "b", "c"])
    assert set(out[0]) == {"sexual_violence"}
    assert set(out[1]) == {"violence_threat", "sexual_violence", "emergency"}
    assert set(out[2]) == {"violence_threat"}
    model.secondary_ratio = 0
    assert set(model.predict_many(["a"])[0]) == {"violence_threat", "sexual_violence"}


class _StubRiskModel:
    """Stands in for the learned layer: one fixed probability for one risk."""

    has_encoder_head = False
    version = "risk-model@stub"

    def __init__(self, risk, p):
        self.risk, self.p = risk, p

    def predict_many(self, folded, embeddings=None):
        return [{self.risk: self.p} for _ in folded]


@pytest.mark.parametrize(("p", "severity", "flag_unsure"), [(0.2, "S2", True), (0.9, "S1", False)])
def test_an_unsure_learned_flag_asks_for_review_without_a_safety_clock(p, severity, flag_unsure):
    engine = TriageEngine(rules=RiskRules.default(), risk_model=_StubRiskModel("self_harm", p), encoder=None)
    result = engine.analyze("I still have no refund for the cancelled stay")
    assert result.risks == ["self_harm"]  # recall first: the flag is there either way
    assert result.severity == severity
    entry = next(e for e in result.explanation["rules"] if e["rule"] == "risk_model")
    assert entry.get("unsure", False) is flag_unsure
    reasons = " ".join(result.explanation["severity"]["reasons"])
    assert ("for review" in reasons) is flag_unsure
    # only a sure flag re-types the case as a safety case
    assert (result.case_type == "safety.self_harm") is (not flag_unsure)
