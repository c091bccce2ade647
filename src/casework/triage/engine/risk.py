"""Risk signals from rules: lexicons and patterns in EN/FR/ES, versioned, editable as data.

A rule set is a JSON document (the default ships as ``data/risk_rules.json``; admins edit a copy
through the registry). Matching runs on the *folded* text (lower case, no accents, letter runs
capped: see :func:`casework.triage.engine.textutil.fold`), and rules are folded the same way, so
"incendie", "INCENDIÉ" and "incendiiie" are one rule.

Precision comes from suppressors, applied to each hit:

* ``idiom``: a phrase that overlaps the hit makes it figurative ("this check-in is murder",
  "ce ménage m'a tuée", "el wifi me está matando", "dying to see you");
* ``negation``: a cue in the few words before the hit ("there is *no* fire", "*pas de* fuite");
* ``resolved``: a cue in the same sentence says the danger is over ("false alarm", "c'était
  une fausse alerte", "ya está resuelto");
* ``fiction``: the sentence is about a film, book, game or song.

Recall comes first: suppressors never apply to patterns that already include their own
negation ("I don't want to live"), and a risk with ``"suppress": false`` ignores them.
Every hit, fired or suppressed, is returned with its rule id so the explanation can show it.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass
from importlib import resources

from casework.triage.engine.prefilter import required_clauses
from casework.triage.engine.textutil import fold

RISK_IDS = ("violence_threat", "self_harm", "sexual_violence", "discrimination", "emergency",
            "minor_safety", "fraud_scam", "privacy")
SAFETY_CRITICAL = frozenset({"violence_threat", "self_harm", "sexual_violence", "discrimination", "emergency",
                             "minor_safety"})
LANG_KEYS = ("any", "en", "fr", "es")
_DEFAULT_RULES = None  # RiskRules.default(), built at first use
_DEFAULT_LOCK = threading.Lock()
_SENTENCE_END = re.compile(r"[.!?;\n]+|\s-\s|\s\u2026")
_TOKEN = re.compile(r"[a-z0-9']+")


class RuleSetError(ValueError):
    """A rule set that cannot be used (bad JSON, unknown risk, a regex that does not compile)."""


@dataclass(frozen=True)
class RiskHit:
    risk: str
    rule: str  # "<risk>.<lang>.<n>"
    pattern: str
    start: int  # offsets in the folded text
    end: int
    matched: str
    suppressed_by: str | None = None  # idiom / negation / resolved / fiction, with the cue

    @property
    def fired(self) -> bool:
        return self.suppressed_by is None

    def as_dict(self) -> dict:
        d = {"risk": self.risk, "rule": self.rule, "matched": self.matched, "start": self.start, "end": self.end}
        if self.suppressed_by:
            d["suppressed_by"] = self.suppressed_by
        return d


def _trie_pattern(words) -> str:
    """A regular expression matching exactly ``words``, shaped as a trie ("ab(?:c|d)")."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _bounded(pattern: str) -> str:
    return rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])"


def _prepare_pattern(pattern: str) -> str:
    """Fold a rule like the text, and let a space in a rule match any run of whitespace."""
    return fold(pattern).replace(" ?", r"\s*").replace(" ", r"\s+")


class _LiteralIndex:
    """Which of many patterns can match a text, from their required literals (see
    :mod:`prefilter`): ``candidates(folded)`` are the patterns with no requirement (always run)
    and those whose every requirement clause has a literal present in the text (a pattern is
    reached through its first, most selective clause, then its other clauses are checked).
    Literals are found by their first four characters, every head at every position in one pass
    of a trie-shaped regex (the heads have one length, so at most one matches at a position);
    the few shorter literals are tested directly."""

    def __init__(self, requirements: list, *, extra_literals=()):
        """``requirements[i]``: ``None`` (always a candidate), a set of literals (one of them
        is required) or a list of such sets (one of each is required). ``extra_literals`` are
        found by :meth:`present` too (other indexes' literals: one pass serves them all)."""
        self.always: list[int] = []
        self.clauses: list[tuple[frozenset, ...]] = []
        self.by_literal: dict[str, list[int]] = {}
        literals: set[str] = set()
        for i, req in enumerate(requirements):
            clauses = () if req is None else (tuple(frozenset(c) for c in req) if isinstance(req, list)
                                              else (frozenset(req),))
            # the other clauses only where all their literals are long enough for the heads'
            # single pass: testing hundreds of two- and three-letter words costs more than it saves
            clauses = clauses[:1] + tuple(c for c in clauses[1:] if min(map(len, c)) >= 4)
            self.clauses.append(clauses)
            if not clauses:
                self.always.append(i)
                continue
            for lit in sorted(clauses[0]):
                self.by_literal.setdefault(lit, []).append(i)
            for clause in clauses:
                literals.update(clause)
        literals.update(extra_literals)
        self.literals = frozenset(literals)
        self.heads: dict[str, list[str]] = {}
        self.short: list[str] = []
        for lit in sorted(literals):
            if len(lit) < 4:
                self.short.append(lit)
            else:
                self.heads.setdefault(lit[:4], []).append(lit)
        self.heads_re = re.compile(f"(?=({_trie_pattern(self.heads)}))") if self.heads else None

    def present(self, folded: str) -> set[str]:
        """The literals that occur in ``folded`` (the same answer as testing each one)."""
        out = {lit for lit in self.short if lit in folded}
        if self.heads_re is not None:
            heads = self.heads
            for head in set(self.heads_re.findall(folded)):
                out.update(lit for lit in heads[head] if len(lit) == 4 or lit in folded)
        return out

    def candidates(self, folded: str, present: set[str] | None = None) -> set[int]:
        """``present``: this text's literals from :meth:`present` of an index whose literals
        include this one's (extra literals are ignored)."""
        if present is None:
            present = self.present(folded)
        out = set(self.always)
        for lit in present:
            for i in self.by_literal.get(lit, ()):
                if i not in out and all(not present.isdisjoint(c) for c in self.clauses[i][1:]):
                    out.add(i)
        return out


class _Suppressor:
    """One kind of suppressor cue (idioms, resolved, fiction, negation): an alternation of many
    patterns. Python's regex engine tries every alternative at every position, so a text is
    searched only with the alternatives whose required literals it contains, in their original
    order (an alternative whose literal is absent cannot match, so the matches are the same).
    Those smaller patterns are compiled on demand and remembered."""

    def __init__(self, kind: str, prepared: list[str], *, eager: bool = True):
        self.kind, self.prepared = kind, prepared
        try:
            if eager:
                self.full  # noqa: B018 - compiles, and refuses a bad pattern now
            clauses = [required_clauses(p, strict=not eager) for p in prepared]
        except re.error as exc:
            raise RuleSetError(f"{kind}: a pattern does not compile ({exc})") from exc
        self.index = _LiteralIndex(clauses)
        self._compiled: dict[tuple[int, ...], re.Pattern] = {}

    @functools.cached_property
    def full(self) -> re.Pattern:
        """All the alternatives in one pattern (what :meth:`pattern_for` must agree with)."""
        return re.compile(_bounded("|".join(f"(?:{p})" for p in self.prepared)))

    @classmethod
    def build(cls, kind: str, patterns: list[str], *, eager: bool = True) -> _Suppressor | None:
        return cls(kind, [_prepare_pattern(p) for p in patterns], eager=eager) if patterns else None

    def pattern_for(self, folded: str, present: set[str] | None = None) -> re.Pattern | None:
        """The alternation of the alternatives that can match ``folded`` (None: none can)."""
        key = tuple(sorted(self.index.candidates(folded, present)))
        if not key:
            return None
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) > 512:
                self._compiled = {}
            compiled = re.compile(_bounded("|".join(f"(?:{self.prepared[i]})" for i in key)))
            self._compiled[key] = compiled
        return compiled


class RiskRules:
    """A compiled rule set. Build with :meth:`from_dict` / :meth:`default`; immutable after.

    ``eager=False`` (the shipped rule set, which the tests compile in full) parses every pattern
    (a syntax error is still refused here) but compiles a rule's regular expression only when a
    text first gets past its prefilter: most rules never run in a process, and compiling all
    1,300 took most of a triage engine's start-up. Rule sets that admins edit are compiled
    eagerly, so every error is reported when the set is saved or activated."""

    def __init__(self, document: dict, *, eager: bool = True):
        self.document = document
        self.version = str(document.get("version") or "unversioned")
        self.negation_window = int(document.get("negation_window", 3))
        # (risk, rule id, pattern, compiled, required literal clauses or None, suppressible)
        self._rules: list[tuple[str, str, str, re.Pattern | None, list | None, bool]] = []
        self._prepared: list[str] = []
        risks = document.get("risks")
        if not isinstance(risks, dict) or not risks:
            raise RuleSetError("the rule set has no 'risks' object")
        self.meta: dict[str, dict] = {}
        for risk, spec in risks.items():
            if risk not in RISK_IDS:
                raise RuleSetError(f"unknown risk id {risk!r} (known: {', '.join(RISK_IDS)})")
            self.meta[risk] = {k: v for k, v in spec.items() if k != "patterns"}
            for lang, patterns in (spec.get("patterns") or {}).items():
                if lang not in LANG_KEYS:
                    raise RuleSetError(f"{risk}: unknown language key {lang!r}")
                if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
                    raise RuleSetError(f"{risk}.{lang}: patterns must be a list of non-empty strings")
                for n, pattern in enumerate(patterns):
                    rule_id = f"{risk}.{lang}.{n}"
                    prepared = _prepare_pattern(pattern)
                    try:
                        compiled = re.compile(_bounded(prepared)) if eager else None
                        clauses = required_clauses(prepared, strict=not eager)
                    except re.error as exc:
                        raise RuleSetError(f"{rule_id}: pattern {pattern!r} does not compile ({exc})") from exc
                    self._rules.append((risk, rule_id, pattern, compiled, clauses, bool(spec.get("suppress", True))))
                    self._prepared.append(prepared)
        self.overrides = {k: set(v) for k, v in (document.get("overrides") or {}).items()}
        self._negation_exempt = frozenset(r for r, spec in risks.items() if spec.get("negation", True) is False)
        sup = document.get("suppressors") or {}
        self._suppressors = {
            kind: _Suppressor.build(kind, [p for lang_list in (sup.get(kind) or {}).values() for p in lang_list],
                                    eager=eager)
            for kind in ("idiom", "negation", "resolved", "fiction")
        }
        self._index = _LiteralIndex([rule[4] for rule in self._rules], extra_literals={
            lit for sup_ in self._suppressors.values() if sup_ is not None for lit in sup_.index.literals})
        self._negation_cues = {fold(p) for lang_list in (sup.get("negation") or {}).values() for p in lang_list}
        # one pattern for all cues, on the (folded) window of words before a hit
        self._negation_any = (re.compile("|".join(f"(?:{_bounded(c)})" for c in sorted(self._negation_cues)))
                              if self._negation_cues else None)

    @classmethod
    def from_dict(cls, document: dict) -> RiskRules:
        return cls(document)

    @classmethod
    def from_json(cls, text: str) -> RiskRules:
        try:
            return cls(json.loads(text))
        except json.JSONDecodeError as exc:
            raise RuleSetError(f"the rule set is not valid JSON (line {exc.lineno}: {exc.msg})") from exc

    @classmethod
    def default_document(cls) -> dict:
        return json.loads(resources.files("casework.triage.engine").joinpath("data/risk_rules.json").read_text("utf-8"))

    @classmethod
    def default(cls) -> RiskRules:
        """The shipped rule set, built once per process (it is immutable and thread-safe)."""
        global _DEFAULT_RULES
        with _DEFAULT_LOCK:
            if _DEFAULT_RULES is None:
                _DEFAULT_RULES = cls(cls.default_document(), eager=False)
            return _DEFAULT_RULES

    def compiled(self, index: int) -> re.Pattern:
        """Rule ``index``'s regular expression (compiled at first use when built lazily)."""
        rule = self._rules[index]
        if rule[3] is None:
            rule = (*rule[:3], re.compile(_bounded(self._prepared[index])), *rule[4:])
            self._rules[index] = rule  # one tuple swapped in: safe to race, both threads compile the same
        return rule[3]

    # -- matching -----------------------------------------------------------------------------

    def scan(self, text: str, *, folded: str | None = None) -> list[RiskHit]:
        """Every hit in ``text`` (fired and suppressed), in text order, one per risk and span.

        ``folded`` may be passed when the caller already has ``fold(text)``."""
        folded = fold(text) if folded is None else folded
        if not folded.strip():
            return []
        idioms = None
        hits: list[RiskHit] = []
        seen: set[tuple[str, int]] = set()
        patterns: dict[str, re.Pattern | None] = {}  # this text's suppressor patterns, built at first need
        present = self._index.present(folded)  # every literal of the rules and suppressors, one pass
        for index in sorted(self._index.candidates(folded, present)):
            risk, rule_id, pattern, compiled, _literals, suppressible = self._rules[index]
            if compiled is None:
                compiled = self.compiled(index)
            for m in compiled.finditer(folded):
                if (risk, m.start()) in seen:
                    continue
                seen.add((risk, m.start()))
                if suppressible and idioms is None:
                    idioms = self._spans("idiom", folded, present)
                reason = (self._suppression(folded, m.start(), m.end(), idioms, patterns, risk, present)
                          if suppressible else None)
                hits.append(RiskHit(risk, rule_id, pattern, m.start(), m.end(), m.group(0), reason))
        hits = self._apply_overrides(hits)
        hits.sort(key=lambda h: (h.start, h.risk))
        return hits

    def _apply_overrides(self, hits: list[RiskHit]) -> list[RiskHit]:
        """A specific reading wins over a general one on the same words ("kill myself" is self-harm,
        not a threat): ``overrides`` maps a risk to the risks it silences where they overlap."""
        out = []
        for h in hits:
            winner = next((o for o in hits if o.fired and h.risk in self.overrides.get(o.risk, ())
                           and o.start < h.end and h.start < o.end), None) if h.fired else None
            out.append(RiskHit(h.risk, h.rule, h.pattern, h.start, h.end, h.matched, f"override: {winner.risk}")
                       if winner else h)
        return out

    def risks(self, text: str) -> list[str]:
        """The risk ids that fired, in :data:`RISK_IDS` order."""
        fired = {h.risk for h in self.scan(text) if h.fired}
        return [r for r in RISK_IDS if r in fired]

    def figurative(self, folded: str) -> bool:
        """Whether an idiom or fiction cue appears anywhere in the (folded) text: the learned
        layer then needs more confidence to raise a risk the rules did not fire."""
        present = self._index.present(folded)
        for kind in ("idiom", "fiction"):
            pattern = self._pattern(kind, folded, present)
            if pattern is not None and pattern.search(folded):
                return True
        return False

    def _pattern(self, kind: str, folded: str, present: set[str] | None = None) -> re.Pattern | None:
        sup = self._suppressors.get(kind)
        return sup.pattern_for(folded, present) if sup is not None else None

    def _spans(self, kind: str, folded: str, present: set[str] | None = None) -> list[tuple[int, int, str]]:
        pattern = self._pattern(kind, folded, present)
        if pattern is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(folded)]

    def _suppression(self, folded: str, start: int, end: int, idioms, patterns: dict, risk: str = "",
                     present: set[str] | None = None) -> str | None:
        for s, e, cue in idioms:
            if s < end and start < e:
                return f"idiom: {cue}"
        # negation: one of the few tokens just before the hit (same sentence) is a cue; not for a
        # risk whose statements are themselves refusals ("pas de couples homosexuels", "no pets,
        # no kids" is not it, but "no blacks" is): ``"negation": false`` on the risk
        sent_start = self._sentence_start(folded, start)
        before = _TOKEN.findall(folded[sent_start:start])[-self.negation_window:]
        if (risk not in self._negation_exempt and self._negation_any is not None
                and (m := self._negation_any.search(" ".join(before)))):
            return f"negation: {m.group(0)}"
        sentence = folded[sent_start:self._sentence_end(folded, end)]
        for kind in ("resolved", "fiction"):
            if kind not in patterns:
                patterns[kind] = self._pattern(kind, folded, present)
            pattern = patterns[kind]
            if pattern is not None and (m := pattern.search(sentence)):
                return f"{kind}: {m.group(0)}"
        return None

    @staticmethod
    def _sentence_start(folded: str, pos: int) -> int:
        last = 0
        for m in _SENTENCE_END.finditer(folded, 0, pos):
            last = m.end()
        return last

    @staticmethod
    def _sentence_end(folded: str, pos: int) -> int:
        m = _SENTENCE_END.search(folded, pos)
        return m.start() if m else len(folded)


def validate_document(document: dict) -> RiskRules:
    """Compile ``document`` or raise :class:`RuleSetError` naming what is wrong."""
    return RiskRules(document)
