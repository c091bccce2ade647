"""Commands of the triage app: the model registry, triaging a message, corrections.

Lifecycle of a registered model::

    candidate ──activate──► active ──(another is activated)──► retired
        │                     ▲                                   │
        └──shadow──► shadow   └──────────── rollback ◄────────────┘

* ``train_model`` stores a file and registers it as a *candidate* (nothing changes for triage).
* ``activate_model`` loads and verifies the file first: a corrupt or incompatible file is refused
  with :class:`TriageModelError` and the active model stays. The previous active one is retired.
* ``rollback_model`` re-activates the most recently retired model that had been active.
* ``set_shadow`` marks one model to be scored beside the active one; its results are stored
  (role ``shadow``) and never applied to the case.

``triage_message`` runs rules + active model (+ shadow) on one message, stores the results per
message and per case, and hands the active result to :func:`casework.cases.services.apply_triage`.
If the active model cannot be loaded, rules still run and the result row says ``rules_only``
with the error, which admins see in ``casework triage list`` and the admin site.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.core.errors import CaseworkError, Conflict, NotFound, ValidationFailed
from casework.triage.datasets import Dataset, dataset_sha256, read_csv
from casework.triage.engine import (
    Context,
    ModelBundle,
    ModelFileError,
    RiskRules,
    SeverityMatrix,
    TextClassifier,
    TriageEngine,
    dump_model,
    load_bundle,
)
from casework.triage.engine.modelfile import read_header
from casework.triage.enums import (
    LabelField,
    LabelSource,
    ModelStatus,
    RuleSetStatus,
    TriageRole,
    TriageStatus,
)
from casework.triage.models import CaseTriage, MessageTriage, RiskRuleSet, TriageLabel, TriageModel

log = logging.getLogger(__name__)


class TriageModelError(CaseworkError):
    status = 409
    code = "triage_model_error"
    default_message = gettext_lazy("The triage model cannot be used.")


def models_dir() -> Path:
    return Path(settings.BASE_DIR) / "triage" / "models"


def model_path(row: TriageModel) -> Path:
    return Path(settings.BASE_DIR) / row.file_path


# ---------------------------------------------------------------------------------------------
# registry


def _next_version(name: str) -> int:
    last = TriageModel.objects.filter(name=name).order_by("-version").values_list("version", flat=True).first()
    return (last or 0) + 1


def train_model(*, texts: list[str], labels: list[str], name: str, actor=None, params: dict | None = None,
                training_sha256: str | None = None, notes: str = "", sentiment=None) -> TriageModel:
    """Train a case-type model, store its file and register it as a candidate."""
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValidationFailed(_("A model name uses letters, digits, '-' and '_' only."))
    from casework.triage.engine.encoder import EncoderUnavailable
    try:
        classifier = TextClassifier(params).fit(texts, labels)
    except (ValueError, EncoderUnavailable) as exc:
        raise ValidationFailed(_("Training failed: %(error)s") % {"error": exc}) from exc
    version = _next_version(name)
    info = {"name": name, "version": version, "trained_at": timezone.now().isoformat(),
            "fit": classifier.fit_report_}
    bundle = ModelBundle(classifier=classifier, sentiment=sentiment or default_sentiment(), info=info)
    rel = Path("triage") / "models" / f"{name}-v{version}.cwm"
    digest = dump_model(bundle, Path(settings.BASE_DIR) / rel, metadata={"name": name, "version": version})
    return TriageModel.objects.create(
        name=name, version=version, status=ModelStatus.CANDIDATE, file_path=str(rel), sha256=digest,
        training_data_sha256=training_sha256 or dataset_sha256(texts, labels), training_rows=len(texts),
        labels=classifier.classes_, params=classifier.params, metrics={"fit": classifier.fit_report_},
        created_at=timezone.now(), created_by=actor, notes=notes,
    )


def train_from_csv(path, *, name: str, text_col: str = "text", label_col: str = "label", actor=None,
                   params: dict | None = None) -> TriageModel:
    data: Dataset = read_csv(path, text_col=text_col, label_col=label_col)
    return train_model(texts=data.texts, labels=data.labels, name=name, actor=actor, params=params,
                       training_sha256=data.sha256, notes=f"trained from {Path(path).name}")


def get_model(name: str, version: int | None = None) -> TriageModel:
    qs = TriageModel.objects.filter(name=name)
    row = qs.filter(version=version).first() if version else qs.order_by("-version").first()
    if row is None:
        raise NotFound(_("No triage model %(model)s.") % {"model": f"{name}@{version}" if version else name})
    return row


def verify_model_file(row: TriageModel) -> ModelBundle:
    """Load ``row``'s file with every check; raise :class:`TriageModelError` with the reason."""
    from casework.triage.engine.encoder import EncoderUnavailable, load_encoder
    try:
        bundle = load_bundle(model_path(row), expected_sha256=row.sha256)
        if bundle.classifier.params.get("embedder"):
            load_encoder(bundle.classifier.params["embedder"])
        return bundle
    except (ModelFileError, EncoderUnavailable) as exc:
        raise TriageModelError(_("Model %(model)s refused: %(error)s") % {"model": row.label, "error": exc}) from exc


@transaction.atomic
def activate_model(name: str, version: int | None = None, *, actor=None) -> TriageModel:
    """Make ``name@version`` (default: latest) the active model, after verifying its file."""
    row = get_model(name, version)
    verify_model_file(row)  # refuses before anything changes
    row = TriageModel.objects.select_for_update().get(pk=row.pk)
    if row.status == ModelStatus.ACTIVE:
        return row
    now = timezone.now()
    TriageModel.objects.select_for_update().filter(status=ModelStatus.ACTIVE).update(status=ModelStatus.RETIRED)
    row.status, row.activated_at = ModelStatus.ACTIVE, now
    row.save(update_fields=["status", "activated_at"])
    _forget_engines()
    log.info("triage model %s activated by %s", row.label, actor or "system")
    return row


@transaction.atomic
def rollback_model(*, actor=None) -> TriageModel:
    """Re-activate the most recently retired model that had been active before."""
    previous = (TriageModel.objects.filter(status=ModelStatus.RETIRED, activated_at__isnull=False)
                .order_by("-activated_at").first())
    if previous is None:
        raise TriageModelError(_("There is no previously active model to roll back to."))
    verify_model_file(previous)
    TriageModel.objects.select_for_update().filter(status=ModelStatus.ACTIVE).update(status=ModelStatus.RETIRED)
    previous.status = ModelStatus.ACTIVE
    previous.activated_at = timezone.now()
    previous.save(update_fields=["status", "activated_at"])
    _forget_engines()
    return previous


@transaction.atomic
def set_shadow(name: str | None, version: int | None = None, *, actor=None) -> TriageModel | None:
    """Score ``name@version`` beside the active model; ``name=None`` stops shadowing."""
    TriageModel.objects.select_for_update().filter(status=ModelStatus.SHADOW).update(status=ModelStatus.CANDIDATE)
    _forget_engines()
    if name is None:
        return None
    row = get_model(name, version)
    if row.status == ModelStatus.ACTIVE:
        raise TriageModelError(_("%(model)s is the active model; shadow a candidate instead.") % {"model": row.label})
    verify_model_file(row)
    row.status = ModelStatus.SHADOW
    row.save(update_fields=["status"])
    return row


def retrain_model(name: str, *, actor=None, base_csv: str | None = None, text_col: str = "text",
                  label_col: str = "label") -> TriageModel:
    """Train a new version of ``name`` from a base CSV (default: the shipped marketplace set)
    plus every case-type label agents gave (corrections and confirmations)."""
    base = read_csv(base_csv or default_training_csv(), text_col=text_col, label_col=label_col)
    texts, labels = list(base.texts), list(base.labels)
    extra_t, extra_l = labels_from_history()
    texts += extra_t
    labels += extra_l
    previous = TriageModel.objects.filter(name=name).order_by("-version").first()
    return train_model(texts=texts, labels=labels, name=name, actor=actor,
                       params=previous.params if previous else None,
                       notes=f"retrained: {len(base.texts)} base rows + {len(extra_t)} labels from cases")


def labels_from_history() -> tuple[list[str], list[str]]:
    """(text, case type) pairs from agents' labels: the case's first inbound message as text,
    the latest case-type label per case as the label."""
    from casework.cases.enums import MessageDirection
    from casework.cases.models import Message

    latest: dict[int, str] = {}
    for label in TriageLabel.objects.filter(field=LabelField.CASE_TYPE).order_by("created_at", "id"):
        latest[label.case_id] = label.value
    texts, labels = [], []
    firsts = {}
    for m in (Message.objects.filter(case_id__in=latest, direction=MessageDirection.INBOUND)
              .order_by("case_id", "created_at", "id").only("case_id", "body_text")):
        firsts.setdefault(m.case_id, m.body_text)
    for case_id, value in latest.items():
        if case_id in firsts:
            texts.append(firsts[case_id])
            labels.append(value)
    return texts, labels


def default_training_csv() -> Path:
    return Path(__file__).parent / "data" / "marketplace_train.csv"


def default_sentiment():
    """The sentiment model shipped with Casework, if present (frustration falls back to cues)."""
    path = Path(__file__).parent / "engine" / "data" / "sentiment.cwm"
    if not path.exists():
        return None
    try:
        from casework.triage.engine import load_model

        obj, _header = load_model(path)
        return obj
    except ModelFileError:
        log.warning("shipped sentiment model unusable; frustration uses cues only", exc_info=True)
        return None


# ---------------------------------------------------------------------------------------------
# engines (one per process, rebuilt when the registry changes)

_ENGINES: dict[tuple, TriageEngine] = {}
_ENGINE_LOCK = threading.Lock()


def _forget_engines() -> None:
    transaction.on_commit(_ENGINES.clear)


def current_rules() -> RiskRules:
    row = RiskRuleSet.objects.filter(status=RuleSetStatus.ACTIVE).first()
    return RiskRules.from_dict(row.document) if row else RiskRules.default()


def current_matrix() -> SeverityMatrix:
    """The default matrix with type defaults taken from the database's case types."""
    from casework.cases.models import CaseType

    doc = SeverityMatrix.default_document()
    doc["type_defaults"] = {**doc.get("type_defaults", {}),
                            **dict(CaseType.objects.values_list("slug", "default_severity"))}
    return SeverityMatrix(doc)


def get_engine(role: str = ModelStatus.ACTIVE) -> tuple[TriageEngine, TriageModel | None, str]:
    """(engine, registry row or None, error). Without a usable model the engine is rules-only
    and ``error`` says why."""
    row = TriageModel.objects.filter(status=role).first()
    rules_row = RiskRuleSet.objects.filter(status=RuleSetStatus.ACTIVE).values_list("pk", flat=True).first()
    key = (role, row.pk if row else None, row.sha256 if row else None, rules_row)
    with _ENGINE_LOCK:
        hit = _ENGINES.get(key)
    if hit is not None:
        engine, error, loaded = hit
        return engine, row if loaded else None, error
    error = ""
    bundle = None
    if row is not None:
        try:
            bundle = verify_model_file(row)
        except TriageModelError as exc:
            error = exc.message
    elif role == ModelStatus.ACTIVE:
        error = "no active triage model"
    engine = TriageEngine(bundle=bundle, rules=current_rules(), matrix=current_matrix())
    # A rules-only engine is kept too (with its error, reported on every call): building one loads
    # the language, risk and sentiment models, seconds that every message would otherwise pay.
    # The key changes when a model is activated or fixed, so the next call builds afresh.
    with _ENGINE_LOCK:
        _ENGINES[key] = (engine, error, bundle is not None)
    return engine, row if bundle else None, error


# ---------------------------------------------------------------------------------------------
# triage


def _context_for(case) -> Context:
    reservation = case.reservations.order_by("check_in").first()
    if reservation is None:
        return Context(segment=case.segment)
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    try:
        tz = ZoneInfo(reservation.listing_timezone or "UTC")
    except Exception:  # noqa: BLE001 - an unknown zone falls back to UTC
        tz = ZoneInfo("UTC")
    check_in = datetime.combine(reservation.check_in, time(15, 0), tzinfo=tz)
    hours = (check_in - timezone.now()).total_seconds() / 3600
    return Context(segment=case.segment, reservation_value=reservation.total_value, currency=reservation.currency,
                   hours_to_checkin=hours)


def _row(message, *, role, result, status, error="") -> MessageTriage:
    return MessageTriage.objects.create(
        message=message, case_id=message.case_id, role=role, status=status,
        model_version=result.model_version or "", rules_version=result.rules_version, language=result.language,
        case_type=result.case_type or "", confidence=result.confidence,
        needs_human_triage=result.needs_human_triage, risks=result.risks, frustration=result.frustration,
        severity=result.severity, priority=result.priority, pii=result.pii, explanation=result.explanation,
        error=error, duration_ms=result.duration_ms, created_at=timezone.now(),
    )


def triage_message(message_id: int) -> MessageTriage:
    """Triage one message and apply the result to its case. Idempotent per (message, model)."""
    from casework.cases.enums import CaseStatus
    from casework.cases.models import CaseType, Message
    from casework.cases.services import apply_triage

    message = Message.objects.select_related("case").filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("No message %(id)s.") % {"id": message_id})
    case = message.case
    engine, row, error = get_engine(ModelStatus.ACTIVE)
    history = list(CaseTriage.objects.filter(case=case).exclude(message=message)
                   .order_by("created_at", "id").values_list("frustration", flat=True))
    result = engine.analyze(message.body_text, _context_for(case), history=[h for h in history if h is not None])
    shadow_engine, shadow_row, _error = get_engine(ModelStatus.SHADOW)
    shadow = shadow_engine.analyze(message.body_text, _context_for(case)) if shadow_row else None
    with transaction.atomic():
        status = TriageStatus.OK if row else TriageStatus.RULES_ONLY
        stored = _row(message, role=TriageRole.ACTIVE if row else TriageRole.RULES, result=result, status=status,
                      error=error)
        if shadow is not None:
            _row(message, role=TriageRole.SHADOW, result=shadow, status=TriageStatus.OK)
        if case.status != CaseStatus.CLOSED:  # a closed case is final: apply_triage changes nothing
            CaseTriage.objects.create(
                case=case, message=message, model_version=result.model_version or f"rules {result.rules_version}",
                case_type=result.case_type or "", confidence=result.confidence, severity=result.severity,
                priority=result.priority, risks=result.risks, frustration=result.frustration,
                frustration_trend=result.frustration_trend, explanation=result.explanation, created_at=timezone.now(),
            )
        case_type = CaseType.objects.filter(slug=result.case_type, is_active=True).first() if result.case_type else None
        apply_triage(case, model_version=result.model_version or f"rules@{result.rules_version}",
                     language=result.language, case_type=case_type, severity=result.severity, risks=result.risks,
                     frustration=result.frustration,
                     needs_triage=result.needs_human_triage if case_type is None else False,
                     explanation=_brief(result), message=message)
    if error:
        log.warning("triage of message %s ran rules only: %s", message_id, error)
    return stored


def _brief(result) -> dict:
    """The part of the explanation the timeline keeps (the full one is on MessageTriage)."""
    exp = result.explanation
    return {"model_version": result.model_version, "rules_version": result.rules_version,
            "confidence": round(result.confidence, 4), "case_type": exp["case_type"].get("value"),
            "type_source": exp["case_type"].get("source"), "features": exp["case_type"].get("features", []),
            "rules": [h for h in exp["rules"] if "suppressed_by" not in h],
            "severity_reasons": exp["severity"]["reasons"], "frustration": exp["frustration"]}


# ---------------------------------------------------------------------------------------------
# corrections


CORRECTION_NOTE = "triage correction"  # stored on the timeline event (data, not a UI string)


def correct_triage(case, *, field: str, value: str, actor, via: str = "console") -> TriageLabel:
    """An agent corrects (or confirms) one triage field of ``case`` in one transaction.

    ``field`` is a :class:`LabelField`; ``value`` a case-type slug, a severity, or a risk flag
    (``"flag"`` or ``"+flag"`` sets it, ``"-flag"`` removes it). The case changes through the
    case services (which lock the row, check the actor's right, refuse closed cases and append
    the timeline event and audit row), and a :class:`TriageLabel` is stored with who gave it and
    the model version it corrects: ``casework triage retrain`` learns from these labels.
    Choosing the value the case already has is a *confirmation* (a label, no case change).
    """
    from casework.accounts.permissions import Action
    from casework.cases.enums import CaseStatus
    from casework.cases.models import CaseType
    from casework.cases.permissions import check_case_action
    from casework.cases.services import change_case_type, change_severity, set_risk_flag
    from casework.triage.engine import RISK_IDS

    if field not in LabelField.values:
        raise ValidationFailed(_("Unknown triage field %(field)s.") % {"field": field})
    with transaction.atomic():
        case = type(case).objects.select_for_update(of=("self",)).select_related("case_type").get(pk=case.pk)
        if actor is not None:
            check_case_action(actor, case, Action.CHANGE_TRIAGE)
        if case.status == CaseStatus.CLOSED:
            raise Conflict(_("This case is closed; its triage cannot be corrected."))
        latest = CaseTriage.objects.filter(case=case).order_by("-created_at", "-id").first()
        if field == LabelField.CASE_TYPE:
            case_type = CaseType.objects.filter(slug=value, is_active=True).first()
            if case_type is None:
                raise ValidationFailed(_("Unknown case type %(type)s.") % {"type": value})
            previous = case.case_type.slug if case.case_type else ""
            if previous != value:
                change_case_type(case, case_type=case_type, actor=actor, via=via, reason=CORRECTION_NOTE)
        elif field == LabelField.SEVERITY:
            previous = case.severity
            if previous != value:
                change_severity(case, severity=value, actor=actor, via=via, reason=CORRECTION_NOTE)
        else:
            flag = value.lstrip("+-")
            if flag not in RISK_IDS:
                raise ValidationFailed(_("Unknown risk flag %(risk)s.") % {"risk": flag})
            present = not value.startswith("-")
            value = flag if present else f"-{flag}"
            previous = flag if flag in case.risks else f"-{flag}"
            if previous != value:
                set_risk_flag(case, risk=flag, present=present, actor=actor, via=via, reason=CORRECTION_NOTE)
        source = LabelSource.CONFIRMATION if previous == value else LabelSource.CORRECTION
        return TriageLabel.objects.create(case=case, field=field, value=value, previous=previous or "", source=source,
                                          model_version=latest.model_version if latest else "", actor=actor,
                                          created_at=timezone.now(), message=latest.message if latest else None)


def model_file_header(row: TriageModel) -> dict:
    try:
        return read_header(model_path(row))[0]
    except ModelFileError as exc:
        return {"error": str(exc)}
