"""Casework triage engine: a pure-Python library (no Django) for message triage.

Public API::

    from casework.triage.engine import TriageEngine, ModelBundle, Context, train_bundle
    engine = TriageEngine(bundle=load_bundle(path))        # bundle optional: rules still run
    result = engine.analyze("Hay humo en la cocina", Context(segment="luxury"))
    result.as_dict()

Modules: ``language`` (EN/FR/ES + others + und), ``classifier`` (case type, calibrated, out of
scope), ``risk`` (rules), ``frustration`` (score + trend), ``severity`` (matrix), ``pii`` (spans),
``modelfile`` (versioned, hash-checked serialisation), ``evaluation`` (metrics for eval/bench).
"""

from casework.triage.engine.classifier import OOS_LABEL, TextClassifier
from casework.triage.engine.frustration import SentimentModel
from casework.triage.engine.modelfile import ModelFileError, dump_model, load_model
from casework.triage.engine.pipeline import ModelBundle, TriageEngine, TriageResult
from casework.triage.engine.risk import RISK_IDS, SAFETY_CRITICAL, RiskRules, RuleSetError
from casework.triage.engine.severity import Context, MatrixError, SeverityMatrix


def load_bundle(path, *, expected_sha256: str | None = None) -> ModelBundle:
    bundle, _header = load_model(path, expected_sha256=expected_sha256, expected_kind=ModelBundle.kind)
    return bundle


__all__ = [
    "OOS_LABEL", "RISK_IDS", "SAFETY_CRITICAL", "Context", "MatrixError", "ModelBundle", "ModelFileError",
    "RiskRules", "RuleSetError", "SentimentModel", "SeverityMatrix", "TextClassifier", "TriageEngine",
    "TriageResult", "dump_model", "load_bundle", "load_model",
]
