"""Train and activate the starter triage model after seeding, when the triage app offers it.

Intake queues a triage task for every demo message (as for live traffic); once a model is active,
the task worker of ``casework serve`` triages them with it, so the console shows real predictions.
The triage app is optional for the demo: if it cannot train, the demo data is still complete and
triage runs rules-only.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

STARTER_MODEL = "starter"


def train_starter_model() -> str:
    """Train ``starter`` on the shipped marketplace set and activate it, unless a model is already
    active. Returns a one-line account of what happened (printed by ``casework demo``)."""
    try:
        from casework.triage import services as triage
        from casework.triage.enums import ModelStatus
        from casework.triage.models import TriageModel
    except ImportError:
        return "no triage app available; skipped training a starter model."
    active = TriageModel.objects.filter(status=ModelStatus.ACTIVE).first()
    if active is not None:
        return f"model {active.label} is already active; kept it."
    try:
        row = triage.train_from_csv(triage.default_training_csv(), name=STARTER_MODEL)
        row = triage.activate_model(row.name, row.version)
    except Exception as exc:  # noqa: BLE001 - the demo data is complete without a model
        log.warning("starter model training failed", exc_info=True)
        return f"training the starter model failed ({exc}); triage runs rules-only."
    fit = (row.metrics or {}).get("fit", {})
    accuracy = fit.get("heldout_accuracy")
    detail = f", held-out accuracy {accuracy:.2f}" if isinstance(accuracy, float) else ""
    return (f"trained and activated {row.label} on {row.training_rows} labelled messages{detail}; "
            "the worker in `casework serve` triages the queued demo messages with it.")
