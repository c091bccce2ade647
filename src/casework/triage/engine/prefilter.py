"""Required-literal prefilters for regular expressions (the idea of RE2's prefilter, small).

:func:`required_literals` returns a set of strings such that any match of the pattern contains
at least one of them, or ``None`` when no such set can be derived. Rules whose literals are
absent from a text are skipped without running the regex: most messages trigger no rule, so
this keeps the risk scan far below a millisecond.
"""

from __future__ import annotations

try:  # Python 3.11+: the parser moved to re._parser
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover
    import sre_constants as C
    import sre_parse as P

_MAX_SET = 64


def _leading(items) -> str:
    out = ""
    for op, av in items:
        if op is not C.LITERAL:
            break
        out += chr(av)
    return out


def _continuations(op, av) -> list[str] | None:
    """The literal starts of an alternation or a character class, one per alternative
    ("ing", "e" for ``(?:ing|e)``), or None when it is neither or too large."""
    if op is C.SUBPATTERN:
        inner = list(av[-1])
        return _continuations(*inner[0]) if len(inner) == 1 else None
    if op is C.BRANCH and len(av[1]) <= _MAX_SET:
        return [_leading(list(alt)) for alt in av[1]]
    if op is C.IN:
        lits = [chr(v) for o, v in av if o is C.LITERAL]
        return lits if len(lits) == len(av) and len(lits) <= 8 else None
    return None


def _clauses(items) -> list[set[str]]:
    """Requirements of a sequence: each literal run, each element's requirement, and a literal
    run joined to the alternation after it (the regex parser turns "coming|come" into
    "com(?:ing|e)": {"coming", "come"} is far more selective than {"com"})."""
    out: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append({run})
            tails = _continuations(op, av)
            if tails:
                out.append({run + t for t in tails})
            run = ""
        req = _node(op, av)
        if req:
            out.append(req)
    if run:
        out.append({run})
    return out


def _seq(items) -> set[str] | None:
    """Requirement of a sequence: the most selective of its requirements."""
    best: set[str] | None = None
    for cand in _clauses(items):
        if best is None or min(map(len, cand)) > min(map(len, best)):
            best = cand
    return best


def _node(op, av) -> set[str] | None:
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            req = _seq(alt)
            if not req:
                return None
            out |= req
            if len(out) > _MAX_SET:
                return None
        return out
    if op is C.IN:
        lits = [chr(v) for o, v in av if o is C.LITERAL]
        if len(lits) == len(av) and len(lits) <= 8:
            return set(lits)
        return None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, _hi, item = av
        return _seq(item) if lo >= 1 else None
    return None


def required_clauses(pattern: str, *, strict: bool = False) -> list[set[str]] | None:
    """Every requirement of the pattern's top-level sequence: a match contains at least one
    literal of *each* set (most selective first). ``None`` when none can be derived.

    One set alone lets a rule like "i'll (?:find|hurt) you" run on every text with "you" in it;
    with all of them, "you" and one of "find"/"hurt" (and "i'll") must all be present."""
    try:
        parsed = P.parse(pattern)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no prefilter
        if strict:  # the caller relies on this parse to refuse a bad pattern
            raise
        return None
    clauses = _clauses(list(parsed))
    clauses = [c for c in clauses if min(map(len, c)) >= 2]
    if not clauses:
        return None
    clauses.sort(key=lambda c: -min(map(len, c)))
    return clauses


def required_literals(pattern: str) -> set[str] | None:
    try:
        parsed = P.parse(pattern)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no prefilter
        return None
    req = _seq(list(parsed))
    if not req or min(map(len, req)) < 2:
        return None
    return req
