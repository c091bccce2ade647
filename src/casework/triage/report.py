"""HTML evaluation report with PNG charts (confusion heat map, reliability diagram).

matplotlib runs headless (Agg backend); the page is static HTML with escaped text.
"""

from __future__ import annotations

import html
import json
from pathlib import Path


def write_report(metrics: dict, out_dir: str | Path, *, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    labels = metrics["labels"]
    cm = np.array(metrics["confusion"], dtype=float)
    norm = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    size = max(6, 0.22 * len(labels))
    fig, ax = plt.subplots(figsize=(size, size))
    im = ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=6)
    ax.set_yticks(range(len(labels)), labels, fontsize=6)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("Confusion matrix (row-normalised)")
    fig.colorbar(im, ax=ax, fraction=0.046)
    fig.tight_layout()
    fig.savefig(out / "confusion.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 5))
    bins = metrics.get("reliability", [])
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect")
    if bins:
        ax.bar([b["confidence"] for b in bins], [b["accuracy"] for b in bins], width=0.05, alpha=0.7, label="accuracy")
        ax.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], "o-", color="C1")
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"Reliability (ECE {metrics.get('calibration_error', 0):.3f})")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "reliability.png", dpi=110)
    plt.close(fig)

    def row(k, v):
        return f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"

    summary = {k: metrics.get(k) for k in ("n", "accuracy", "macro_f1", "in_scope_accuracy", "oos_recall",
                                           "calibration_error", "threshold")}
    per_class = "".join(
        f"<tr><td>{html.escape(c)}</td><td>{v['precision']:.3f}</td><td>{v['recall']:.3f}</td>"
        f"<td>{v['f1']:.3f}</td><td>{v['support']}</td></tr>" for c, v in metrics["per_class"].items())
    confused = "".join(f"<tr><td>{html.escape(c['true'])}</td><td>{html.escape(c['predicted'])}</td>"
                       f"<td>{c['count']}</td></tr>" for c in metrics["most_confused"])
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:70rem;margin:2rem auto}}td,th{{padding:2px 8px;text-align:left}}</style>
</head><body><h1>{html.escape(title)}</h1>
<table>{''.join(row(k, v) for k, v in summary.items())}{row('latency', json.dumps(metrics.get('latency', {})))}</table>
<h2>Confusion matrix</h2><img src="confusion.png" alt="confusion matrix heat map">
<h2>Reliability diagram</h2><img src="reliability.png" alt="reliability diagram">
<h2>Most confused pairs</h2><table><tr><th>true</th><th>predicted</th><th>count</th></tr>{confused}</table>
<h2>Per class</h2><table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>{per_class}</table>
</body></html>"""
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    return out / "index.html"
