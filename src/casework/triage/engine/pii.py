"""Personal data spans for masking in the console.

Libraries over home-made regexes where they exist: phone numbers via ``phonenumbers``
(``PhoneNumberMatcher``, validated, for the message's likely regions), card numbers by
``stdnum.luhn`` plus the IIN ranges of ``stdnum``'s card check, IBANs via ``stdnum.iban``.
E-mail addresses and street addresses have no such library: a conservative regex for the
first, EN/FR/ES street patterns ("12 rue de la Paix", "Calle Mayor 5", "221B Baker Street")
for the second. Spans are character offsets in the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])")
CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![A-Za-z0-9])")
_STREET_WORDS_EN = r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|square|sq|terrace|close|crescent)"
_STREET_WORDS_FR = r"(?i:rue|avenue|av|boulevard|bd|place|chemin|allee|allée|impasse|quai|route|cours|passage|square)"
_STREET_WORDS_ES = r"(?i:calle|c/|avenida|avda|av|paseo|plaza|pza|camino|carrera|carretera|ronda|travesia|travesía|glorieta)"
ADDRESS = re.compile(
    rf"(?<!\w)(?:\d{{1,5}}[a-zA-Z]?,? (?:{_STREET_WORDS_FR}|{_STREET_WORDS_ES}) (?:(?:de|del|de la|des|du|d'|la|le|los|las) ?)?[A-ZÀ-Ý][\w'À-ÿ-]+(?: [A-ZÀ-Ý][\w'À-ÿ-]+)*"
    rf"|\d{{1,5}}[a-zA-Z]? (?:[A-Z][\w'-]+ ){{1,3}}{_STREET_WORDS_EN}\.?"
    rf"|(?:{_STREET_WORDS_ES}|{_STREET_WORDS_FR}) (?:(?:de|del|de la|des|du|d'|la|le|los|las) ?)?[A-ZÀ-Ý][\w'À-ÿ-]+(?: [A-ZÀ-Ý][\w'À-ÿ-]+){{0,3}},? (?:n[º°o]\.? ?)?\d{{1,5}}[a-zA-Z]?)",
)
_DEFAULT_REGIONS = ("US", "GB", "FR", "ES", "MX", "CA", "DE", "IT")
_CARD_LENGTHS = range(13, 20)


@dataclass(frozen=True)
class PiiSpan:
    kind: str  # email / phone / card / iban / address
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end}


def _cards(text: str) -> list[PiiSpan]:
    spans = []
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) in _CARD_LENGTHS and digits[0] in "23456" and luhn.is_valid(digits):
            spans.append(PiiSpan("card", m.start(), m.end(), m.group(0)))
    return spans


def _ibans(text: str) -> list[PiiSpan]:
    spans = []
    for m in IBAN.finditer(text):
        groups = m.group(0).split(" ")
        # the pattern may run into a following word: try the longest valid prefix of groups
        for n in range(len(groups), 0, -1):
            candidate = " ".join(groups[:n])
            if len(candidate.replace(" ", "")) >= 15 and std_iban.is_valid(candidate):
                spans.append(PiiSpan("iban", m.start(), m.start() + len(candidate), candidate))
                break
    return spans


# A phone number is at least 7 digits in one run, with at most 4 of the separators
# phonenumbers itself allows between digits ("06 12 34 56 78", "+1 (555) 010-0199"); only a text
# with such a run goes to its matcher (three regions: ~2 ms), not every text with 7 digits
# scattered over dates, amounts and booking codes.
# (phonenumbers' own character-class body, ranges included; the literal is the same, for a release without it)
_PHONE_PUNCTUATION = getattr(phonenumbers.phonenumberutil, "_VALID_PUNCTUATION",
                             "-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \xa0\xad\u200b\u2060\u3000()\uff08\uff09"
                             "\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e")
_PHONE_RUN = re.compile(r"\d(?:[" + _PHONE_PUNCTUATION + r"\s]{0,4}\d){6}")


def _phones(text: str, regions: tuple[str, ...]) -> list[PiiSpan]:
    if _PHONE_RUN.search(text) is None:
        return []
    found: dict[tuple[int, int], PiiSpan] = {}
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            found.setdefault((match.start, match.end), PiiSpan("phone", match.start, match.end, match.raw_string))
        if found and "+" in text:
            break
    return list(found.values())


def find_pii(text: str, *, regions: tuple[str, ...] = _DEFAULT_REGIONS) -> list[PiiSpan]:
    """All spans, sorted, overlaps resolved in favour of the earlier / more specific kind."""
    if not text:
        return []
    spans = [PiiSpan("email", m.start(), m.end(), m.group(0)) for m in EMAIL.finditer(text)] if "@" in text else []
    spans += _cards(text)
    spans += _ibans(text)
    spans += _phones(text, regions)
    spans += [PiiSpan("address", m.start(), m.end(), m.group(0)) for m in ADDRESS.finditer(text)]
    priority = {"email": 0, "iban": 1, "card": 2, "phone": 3, "address": 4}
    spans.sort(key=lambda s: (priority[s.kind], s.start))
    kept: list[PiiSpan] = []
    for span in spans:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def mask(text: str, spans: list[PiiSpan]) -> str:
    out, last = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[last:span.start])
        out.append(f"[{span.kind}]")
        last = span.end
    out.append(text[last:])
    return "".join(out)
