"""Rules 2026.11.2: paraphrases without the obvious keywords, FR/ES morphology, no accents, and
suppressors scoped so that real threats are not silenced while idioms are."""

import pytest

from casework.triage.engine import RiskRules

RULES = RiskRules.default()


@pytest.mark.parametrize("text,risk", [
    ("he said he'd smash my car if I don't refund him", "violence_threat"),
    ("il a dit qu'il allait me casser la gueule", "violence_threat"),
    ("me dijo que lo voy a pagar caro", "violence_threat"),
    ("el casero le tiro una botella a mi amigo", "violence_threat"),
    ("dijo que si llamo a la policia quema la casa", "violence_threat"),
    ("I have the pills ready on the table", "self_harm"),
    ("c'est mon dernier message, adieu", "self_harm"),
    ("ya no puedo mas, quiero que todo termine", "self_harm"),
    ("he put his hand up my skirt", "sexual_violence"),
    ("il m'a mis la main aux fesses", "sexual_violence"),
    ("me ofrecio descuento a cambio de sexo", "sexual_violence"),
    ("he said your kind are not welcome here", "discrimination"),
    ("il a annulé en voyant mon nom", "discrimination"),
    ("el anuncio dice no extranjeros", "discrimination"),
    ("my 4 year old swallowed cleaning liquid", "emergency"),
    ("je me suis pris une decharge dans la douche, les fils sont a nu", "emergency"),
    ("huele muchisimo a gas", "emergency"),
    ("an adult guest has been messaging my 14 year old daughter", "minor_safety"),
    ("le voisin a fait boire de l'alcool a mon fils de 15 ans", "minor_safety"),
    ("hay una chica muy joven con los huespedes, parece asustada", "minor_safety"),
])
def test_paraphrases_fire(text, risk):
    assert risk in RULES.risks(text)


@pytest.mark.parametrize("text", [
    "my boss will kill me if I miss the train",
    "mon patron va me tuer si je rate le train",
    "the host's dog bit my shoelaces lol",
    "the guest threatened to leave a bad review",
    "le voyageur menace de mettre un mauvais commentaire",
    "el detector de humo pita, creo que es la pila",
    "yesterday the smoke from the barbecue next door, all good now",
    "can you explain photosynthesis for my 10 year old",
    "they punched a hole in the bedroom wall",
    "I'm having a heart attack looking at these prices",
])
def test_hard_negatives_stay_quiet(text):
    assert RULES.risks(text) == []


def test_threat_to_kill_is_a_threat_not_self_harm():
    assert RULES.risks("mon voyageur menace de me tuer si je ne le rembourse pas") == ["violence_threat"]
    assert RULES.risks("el huesped me amenaza con hacerme dano") == ["violence_threat"]
    assert RULES.risks("je vais me tuer ce soir") == ["self_harm"]


def test_idiom_does_not_silence_a_real_threat_later_in_the_message():
    text = "this check-in is murder. also the host said he would break my legs if I complain"
    assert RULES.risks(text) == ["violence_threat"]


def test_a_threat_burns_the_flat_is_not_a_fire():
    assert RULES.risks("the guest threatened to burn the apartment down") == ["violence_threat"]


def test_version_moved():
    assert RULES.version == "2026.11.3"
