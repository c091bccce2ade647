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


def _seq(items) -> set[str] | None:
    """Requirement of a sequence: literal runs, or the most selective element's requirement."""
    best: set[str] | None = None
    run = ""
    candidates: list[set[str]] = []
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            candidates.append({run})
            run = ""
        req = _node(op, av)
        if req:
            candidates.append(req)
    if run:
        candidates.append({run})
    for cand in candidates:
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


def required_literals(pattern: str) -> set[str] | None:
    try:
        parsed = P.parse(pattern)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no prefilter
        return None
    req = _seq(list(parsed))
    if not req or min(map(len, req)) < 2:
        return None
    return req
