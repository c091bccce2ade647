"""Hand-written demo content: message templates per language and the demo world."""

from casework.demo.content import en, es, fr

LANGUAGES = {"en": en, "fr": fr, "es": es}
