"""The default case-type taxonomy (domain.md) as data: ``cases/fixtures/taxonomy.json``.

That file is the one source of truth. Migration 0003 loads it into :class:`CaseType` rows (which
admins then edit); the benchmark seeding, the triage training data (its labels are child slugs)
and the severity matrix's ``type_defaults`` read or are tested against it
(``cases/tests/test_taxonomy.py``), so they cannot drift apart.
"""

from __future__ import annotations

import json
from importlib import resources


def read_fixture() -> dict:
    path = resources.files("casework.cases").joinpath("fixtures/taxonomy.json")
    return json.loads(path.read_text(encoding="utf-8"))


def default_taxonomy() -> list[dict]:
    """Parents then their children, flat: ``{slug, parent, names, default_severity}`` each."""
    out = []
    for parent in read_fixture()["types"]:
        out.append({"slug": parent["slug"], "parent": None, "names": parent["names"],
                    "default_severity": parent["severity"]})
        out += [{"slug": c["slug"], "parent": parent["slug"], "names": c["names"], "default_severity": c["severity"]}
                for c in parent.get("children", [])]
    return out


def default_severities() -> dict[str, str]:
    return {t["slug"]: t["default_severity"] for t in default_taxonomy()}
