"""The triage pipeline: one call turns a message into every signal, with its explanation.

``TriageEngine.analyze(text, context)`` never raises on input: empty, emoji-only, binary, 1 MB
(truncated at ``max_chars``, recorded) or mixed-script text all give a :class:`TriageResult`
(``und``, "needs human triage" when nothing can be said). Without a trained model the rules,
language, PII and frustration cues still run and the result says ``model_version=None``.

Order: prepare text → language → case type (model) → risks (rules) → frustration (+ trend with
the conversation's previous scores) → severity/priority (matrix) → PII → explanation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from casework.triage.engine.classifier import TextClassifier
from casework.triage.engine.encoder import Encoder, default_encoder
from casework.triage.engine.frustration import FrustrationScorer, SentimentModel, trend
from casework.triage.engine.language import UND, LanguageDetector, default_detector
from casework.triage.engine.pii import find_pii
from casework.triage.engine.risk import SAFETY_CRITICAL, RiskRules
from casework.triage.engine.riskmodel import RiskModel, default_risk_model, learned_risks
from casework.triage.engine.severity import Context, SeverityMatrix
from casework.triage.engine.textutil import DEFAULT_MAX_CHARS, fold, prepare

ENGINE_VERSION = "1.0"


@dataclass
class ModelBundle:
    """What one registered model file holds: the case-type classifier and, optionally, the
    sentiment model used for frustration. ``info`` has the name, version and training summary."""

    classifier: TextClassifier
    sentiment: SentimentModel | None = None
    info: dict = field(default_factory=dict)
    kind = "casework.triage_bundle"

    @property
    def version(self) -> str:
        return f"{self.info.get('name', 'model')}@{self.info.get('version', '?')}"


@dataclass
class TriageResult:
    language: str
    language_confidence: float
    case_type: str | None
    confidence: float
    needs_human_triage: bool
    risks: list[str]
    frustration: float
    frustration_trend: dict
    severity: str
    priority: str
    pii: list[dict]
    explanation: dict
    model_version: str | None
    rules_version: str
    truncated: bool
    original_length: int
    duration_ms: float = 0.0

    def as_dict(self) -> dict:
        return {
            "language": self.language, "language_confidence": round(self.language_confidence, 4),
            "case_type": self.case_type, "confidence": round(self.confidence, 4),
            "needs_human_triage": self.needs_human_triage, "risks": self.risks,
            "frustration": round(self.frustration, 4), "frustration_trend": self.frustration_trend,
            "severity": self.severity, "priority": self.priority, "pii": self.pii,
            "explanation": self.explanation, "model_version": self.model_version,
            "rules_version": self.rules_version, "truncated": self.truncated,
            "original_length": self.original_length, "duration_ms": round(self.duration_ms, 3),
        }


class TriageEngine:
    """Holds the loaded parts; thread-safe for analysis (nothing is mutated after construction)."""

    def __init__(self, *, bundle: ModelBundle | None = None, rules: RiskRules | None = None,
                 matrix: SeverityMatrix | None = None, detector: LanguageDetector | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS, explain_features: int = 6,
                 risk_overrides_type: bool = True, risk_model: RiskModel | None | str = "default",
                 encoder: Encoder | None | str = "auto", learned_sure: float = 0.5):
        self.bundle = bundle
        self.rules = rules or RiskRules.default()
        self.matrix = matrix or SeverityMatrix.default()
        self.detector = detector or default_detector()
        self.frustration = FrustrationScorer(bundle.sentiment if bundle else None)
        self.max_chars = max_chars
        self.explain_features = explain_features
        self.risk_overrides_type = risk_overrides_type
        # A learned-only risk below this probability is "unsure": flagged for review, no S1, no re-typing.
        self.learned_sure = learned_sure
        # The learned risk layer (engine/data/risk_model.cwm); None turns it off.
        self.risk_model = default_risk_model() if risk_model == "default" else risk_model
        # The optional sentence encoder ("auto": used when installed and a loaded model has a head for it).
        sentiment = bundle.sentiment if bundle else None
        wants = ((self.risk_model is not None and self.risk_model.has_encoder_head)
                 or (sentiment is not None and sentiment.has_encoder_head))
        if encoder == "auto":
            encoder = default_encoder() if wants else None
        self.encoder = (encoder or None) if wants else None

    @property
    def model_version(self) -> str | None:
        return self.bundle.version if self.bundle else None

    def analyze(self, text, context: Context | None = None, *, history: list[float] | None = None,
                explain: bool = True) -> TriageResult:
        return self.analyze_many([text], [context], histories=[history or []], explain=explain)[0]

    def analyze_many(self, texts: list, contexts: list[Context | None] | None = None, *,
                     histories: list[list[float]] | None = None, explain: bool = False) -> list[TriageResult]:
        """Batch form: language, model and frustration are scored once for the whole batch."""
        started = time.perf_counter()
        prepared = [prepare(t, max_chars=self.max_chars) for t in texts]
        clean = [p.text for p in prepared]
        contexts = contexts or [None] * len(texts)
        histories = histories or [[] for _ in texts]
        guesses = self.detector.detect_many(clean)
        features = None
        if self.bundle and clean:
            predictions, features = self.bundle.classifier.predict_with_features(clean)
        else:
            predictions = [None] * len(clean)
        folded = [fold(t) for t in clean]
        embeddings = self.encoder.embed(clean) if self.encoder is not None and clean else None
        frustrations = self.frustration.score_many(clean, folded, [g.language for g in guesses], embeddings)
        learned = (self.risk_model.predict_many(folded, embeddings) if self.risk_model is not None
                   else [{}] * len(folded))
        out = []
        for i, p in enumerate(prepared):
            row = None if not explain or features is None else (features if len(texts) == 1 else features[i])
            out.append(self._one(p, folded[i], guesses[i], predictions[i], frustrations[i], contexts[i], histories[i],
                                 explain, row, learned=learned[i]))
        per = (time.perf_counter() - started) * 1000 / max(len(texts), 1)
        for r in out:
            r.duration_ms = per
        return out

    def _model_risks(self, prediction) -> dict[str, tuple[str, float]]:
        """Risks the case-type model sees: a risk's case type among the model's top guesses with
        probability ≥ the rule set's ``model_threshold`` (low on purpose: recall first). The
        rules catch the words; the model catches situations told without the words."""
        threshold = float(self.rules.document.get("model_threshold", 0.0) or 0.0)
        if prediction is None or threshold <= 0:
            return {}
        ranked = [(prediction.top_label, prediction.confidence), *prediction.alternatives]
        out = {}
        for risk, meta in self.rules.meta.items():
            for label, prob in ranked:
                if label == meta.get("case_type") and prob >= threshold:
                    out[risk] = (label, prob)
        return out

    def _one(self, p, folded, guess, prediction, frust, context, history, explain, row=None, learned=None) -> TriageResult:
        model_version = self.model_version
        risk_model_version = self.risk_model.version if self.risk_model is not None else None
        hits = self.rules.scan(p.text, folded=folded) if not p.is_empty else []
        fired = [h for h in hits if h.fired]
        model_risks = self._model_risks(prediction) if not p.is_empty else {}
        learned = (learned_risks(hits, learned, figurative=self.rules.figurative(folded))
                   if learned and not p.is_empty else {})
        fired_risks = {h.risk for h in fired}
        risks = [r for r in self.rules.meta if r in fired_risks or r in model_risks or r in learned]
        # Unsure learned flags (below learned_sure, nothing else raised the risk) stay flags (recall
        # first: they are shown, counted and reviewed) but neither re-type the case as a safety case
        # nor raise it past the matrix's review level.
        unsure = {r for r, pr in learned.items()
                  if pr < self.learned_sure and r not in fired_risks and r not in model_risks}
        case_type, confidence, needs_human = None, 0.0, True
        reasons = []
        if p.is_empty:
            reasons.append("no words to classify")
        elif prediction is None:
            reasons.append("no active model: rules only")
        else:
            confidence = prediction.confidence
            if prediction.in_scope:
                case_type, needs_human = prediction.label, False
            else:
                reasons.append(f"confidence {prediction.confidence:.2f} below the out-of-scope threshold "
                               f"{self.bundle.classifier.threshold_:.2f}")
        type_source = "model" if case_type else None
        critical = [r for r in risks if r in SAFETY_CRITICAL and r not in unsure]
        if self.risk_overrides_type and critical and not (case_type or "").startswith("safety."):
            # A safety-critical signal outranks a routine guess: route to the safety type.
            override = self.rules.meta[critical[0]].get("case_type")
            if override:
                case_type, needs_human, type_source = override, False, f"rule:{critical[0]}"
        scores = [*(history or []), frust.score]
        tr = trend(scores)
        ctx = context or Context()
        ctx = Context(segment=ctx.segment, reservation_value=ctx.reservation_value, currency=ctx.currency,
                      hours_to_checkin=ctx.hours_to_checkin, frustration_direction=tr["direction"])
        decision = self.matrix.decide(case_type=case_type, risks=[r for r in risks if r not in unsure], context=ctx,
                                      needs_human=needs_human, review_risks=[r for r in risks if r in unsure])
        pii = [s.as_dict() for s in find_pii(p.text)] if not p.is_empty else []
        explanation = {
            "model_version": model_version, "rules_version": self.rules.version,
            "matrix_version": self.matrix.version, "engine_version": ENGINE_VERSION,
            "language": guess.as_dict(),
            "case_type": {"value": case_type, "source": type_source, "confidence": round(confidence, 4),
                          "alternatives": [[lab, round(p, 4)] for lab, p in prediction.alternatives] if prediction else [],
                          "notes": reasons},
            "rules": [h.as_dict() for h in hits] + [
                {"risk": r, "rule": f"model:{t}", "matched": f"P={pr:.2f}"} for r, (t, pr) in model_risks.items()] + [
                {"risk": r, "rule": "risk_model", "matched": f"P={pr:.2f}", **({"unsure": True} if r in unsure else {})}
                for r, pr in learned.items()],
            "risk_model_version": risk_model_version,
            "encoder": self.encoder.name if self.encoder is not None else None,
            "frustration": frust.as_dict(),
            "severity": decision.as_dict(),
        }
        if explain and prediction is not None and not p.is_empty and self.bundle is not None:
            explanation["case_type"]["features"] = self.bundle.classifier.explain(
                p.text, label=prediction.top_label, k=self.explain_features, features=row)
        if p.truncated:
            explanation["truncated"] = {"kept_chars": len(p.text), "original_chars": p.original_length}
        language = guess.language if not p.is_empty else UND
        return TriageResult(
            language=language, language_confidence=guess.confidence, case_type=case_type,
            confidence=confidence, needs_human_triage=needs_human, risks=risks, frustration=frust.score,
            frustration_trend=tr, severity=decision.severity, priority=decision.priority, pii=pii,
            explanation=explanation, model_version=model_version, rules_version=self.rules.version,
            truncated=p.truncated, original_length=p.original_length,
        )
