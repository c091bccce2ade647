"""The risk scan's prefilters (literal index, per-text suppressor patterns) change speed only:
the same literals, the same matches as testing every literal and running every alternative."""

import csv
from importlib import resources

import pytest

from casework.triage.engine.risk import RiskRules, _LiteralIndex, _trie_pattern
from casework.triage.engine.textutil import fold


def _texts() -> list[str]:
    rows = []
    for name in ("marketplace_train.csv", "sentiment_support.csv"):
        with resources.files("casework.triage").joinpath(f"data/{name}").open(encoding="utf-8") as fh:
            rows += [r["text"] for r in csv.DictReader(fh)]
    return rows + ["", "a", "abc", "xxxxkillxx", "this check-in is murder", "ce ménage m'a tuée",
                   "el wifi me está matando", "there is no fire", "it was a false alarm, the fire is out"]


def _risk_texts() -> list[str]:
    with resources.files("casework.triage").joinpath("data/risk_train.csv").open(encoding="utf-8") as fh:
        return [r["text"] for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def rules():
    return RiskRules.default()


def test_trie_pattern_matches_exactly_its_words():
    import re

    words = ["kill", "kilo", "knif", "abcd", "abce"]
    pattern = re.compile(f"(?:{_trie_pattern(words)})$")
    assert all(pattern.match(w) for w in words)
    assert not any(pattern.match(w) for w in ["kil", "kills", "abc", "abcf", "zzzz"])


def test_literal_index_finds_the_same_literals_as_testing_each(rules):
    index = rules._index
    literals = index.literals  # the rules' clauses and, for one pass over the text, the suppressors'
    assert {lit for clauses in index.clauses for clause in clauses for lit in clause} < literals
    assert len(literals) > 500
    for text in _texts():
        folded = fold(text)
        assert index.present(folded) == {lit for lit in literals if lit in folded}, text


def test_every_rule_that_matches_is_a_candidate(rules):
    """The prefilter may let a rule through that then does not match, never the reverse."""
    exercised = 0
    for text in _texts() + _risk_texts():
        folded = fold(text)
        candidates = rules._index.candidates(folded)
        for i, rule in enumerate(rules._rules):
            if rules.compiled(i).search(folded):
                assert i in candidates, (rule[1], text)
                exercised += 1
    assert exercised > 200


def test_required_clauses_are_all_required():
    from casework.triage.engine.prefilter import required_clauses

    assert required_clauses(r"i'll\s+(?:find|hurt)\s+you") == [{"i'll"}, {"find", "hurt"}, {"you"}]
    clauses = required_clauses(r"(?:he|she)\s+(?:hit|punched)\s+me")
    assert clauses[0] == {"hit", "punched"} and {"he", "she"} in clauses and {"me"} in clauses
    assert required_clauses(r"(?:a|b)?x") is None


def test_literal_index_with_short_and_absent_literals():
    index = _LiteralIndex([frozenset({"ab", "fire"}), None, frozenset({"smoke", "smog"}),
                           [{"fire", "flame"}, {"kitchen"}]])
    assert index.candidates("no fire here") == {0, 1}
    assert index.candidates("smog") == {1, 2}
    assert index.candidates("nothing") == {1}
    assert index.candidates("tab") == {0, 1}
    assert index.candidates("fire in the kitchen") == {0, 1, 3}
    assert index.candidates("kitchen") == {1}


def test_suppressor_patterns_for_a_text_match_like_the_full_alternation(rules):
    checked = 0
    for text in _texts():
        folded = fold(text)
        for kind, sup in rules._suppressors.items():
            if sup is None:
                continue
            small = sup.pattern_for(folded)
            full = [(m.start(), m.end(), m.group(0)) for m in sup.full.finditer(folded)]
            got = [] if small is None else [(m.start(), m.end(), m.group(0)) for m in small.finditer(folded)]
            assert got == full, (kind, text)
            checked += bool(full)
    assert checked > 20  # the texts do exercise the suppressors


def test_risk_model_fast_transform_equals_sklearns():
    import numpy as np

    from casework.triage.engine.riskmodel import _FoldedFastTfidf, default_risk_model

    model = default_risk_model()
    folded = [fold(t) for t in _texts()]
    fast = _FoldedFastTfidf.build(model.word_, model.char_)
    assert fast, "the shipped risk model's vectorizers should take the fast path"
    assert abs(fast.transform(folded) - model._x(folded)).max() < 1e-5
    scores = model.scores(folded)
    assert np.allclose(scores[:20], np.stack([model.score_one(f) for f in folded[:20]]), atol=1e-5)


@pytest.mark.parametrize("text", ["call me on 06 12 34 56 78", "+1 (555) 010-0199 please", "mi móvil es 612 345 678",
                                  "tel: +44 20 7946 0958", "06\u201312\u201334\u201356\u201378", "(0)6.12.34.56.78"])
def test_phone_numbers_still_reach_the_matcher(text):
    from casework.triage.engine.pii import find_pii

    assert [s.kind for s in find_pii(text)] == ["phone"]


def test_scattered_digits_skip_the_phone_matcher(monkeypatch):
    from casework.triage.engine import pii

    calls = []
    monkeypatch.setattr(pii.phonenumbers, "PhoneNumberMatcher", lambda *a, **k: calls.append(a) or iter(()))
    assert pii.find_pii("booking HM123 from 12/05 to 19/05, 2 adults, 250 EUR") == []
    assert calls == []


def test_the_shipped_rules_compile_in_full_and_lazily_built_rules_match_the_same():
    eager = RiskRules(RiskRules.default_document())  # every pattern compiled now: none may fail
    lazy = RiskRules.default()
    assert lazy is RiskRules.default()  # built once per process
    assert all(rule[3] is not None for rule in eager._rules)
    for text in _texts()[:300] + _risk_texts()[:300]:
        assert [h.as_dict() for h in lazy.scan(text)] == [h.as_dict() for h in eager.scan(text)], text


def test_lazily_built_rules_still_refuse_a_pattern_that_does_not_parse():
    from casework.triage.engine.risk import RuleSetError

    doc = RiskRules.default_document()
    doc["risks"]["emergency"]["patterns"]["en"].append("fire (unclosed")
    with pytest.raises(RuleSetError, match="emergency.en"):
        RiskRules(doc, eager=False)
    with pytest.raises(RuleSetError, match="emergency.en"):
        RiskRules(doc)


@pytest.mark.parametrize("text", ["l'agent d'entretien nous a dit pas de couples homosexuels",
                                  "the host said no gays", "el anfitrion dijo no a parejas gays",
                                  "pas de noirs chez moi a dit l'hote"])
def test_a_refusal_is_the_discrimination_not_its_negation(text):
    assert "discrimination" in RiskRules.default().risks(text)


def test_negation_still_clears_other_risks():
    assert "emergency" not in RiskRules.default().risks("there is no fire, just the toaster")
