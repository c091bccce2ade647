"""One taxonomy: cases/fixtures/taxonomy.json. Everything else that names case types or their
default severities reads it or must agree with it."""

import csv
from importlib import resources

import pytest

from casework.cases.models import CaseType
from casework.cases.taxonomy import default_severities, default_taxonomy


def test_there_is_no_second_taxonomy_file():
    assert not resources.files("casework.triage").joinpath("data/taxonomy.json").is_file()


def test_flat_taxonomy_has_parents_before_children():
    seen = set()
    for node in default_taxonomy():
        assert node["parent"] is None or node["parent"] in seen, node["slug"]
        seen.add(node["slug"])
    assert len(seen) == 40


def test_severity_matrix_type_defaults_equal_the_taxonomy():
    from casework.triage.engine import SeverityMatrix

    assert SeverityMatrix.default().type_defaults == default_severities()


def test_benchmark_seeding_reads_the_same_taxonomy():
    from casework.bench.dataset import load_taxonomy

    assert load_taxonomy() == default_taxonomy()


def test_training_labels_are_taxonomy_children():
    path = resources.files("casework.triage").joinpath("data/marketplace_train.csv")
    with path.open(encoding="utf-8") as fh:
        labels = {row["label"] for row in csv.DictReader(fh)} - {"oos"}
    children = {t["slug"] for t in default_taxonomy() if t["parent"]}
    assert labels == children


@pytest.mark.django_db
def test_migrated_database_has_the_file_s_severities():
    """Migrations 0003 (load) and 0006 (the three corrected defaults) end at the file's values."""
    assert dict(CaseType.objects.filter(slug__in=default_severities()).values_list("slug", "default_severity")) \
        == default_severities()


def test_the_three_defaults_follow_the_domain_guide():
    sev = default_severities()
    assert (sev["trust.account_takeover"], sev["trust.identity_verification"], sev["premium.vip_complaint"]) == (
        "S2", "S4", "S2")
