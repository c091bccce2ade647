"""Rules 2026.11.2 and 2026.11.3: paraphrases without the obvious keywords, FR/ES morphology, no accents,
and suppressors scoped so that real threats are not silenced while idioms are."""

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
    # 2026.11.3: situations told without the keywords
    ("a man followed me from the station to the flat and is still outside", "violence_threat"),
    ("the guest is blocking the doorway and won't let me leave", "violence_threat"),
    ("un type me suit depuis le metro jusqu'a l'appart", "violence_threat"),
    ("no se quiere ir y se planta delante de la puerta gritando", "violence_threat"),
    ("I'm tired of living, sorry for writing this here", "self_harm"),
    ("je ne vois plus l'interet de continuer", "self_harm"),
    ("ya no quiero estar en este mundo", "self_harm"),
    ("he kept his hand on my thigh the whole drive", "sexual_violence"),
    ("il est entre dans la salle de bain pendant ma douche", "sexual_violence"),
    ("the host said he doesn't rent to people like us", "discrimination"),
    ("nos rechazo por ser gitanos", "discrimination"),
    ("the CO detector is beeping and we all have headaches", "emergency"),
    ("ca sent tres fort le gaz dans l'entree", "emergency"),
    ("there's a toddler alone in the pool, no parents around", "minor_safety"),
    ("host wants the deposit via western union", "fraud_scam"),
    ("there's a tiny camera in the bathroom air freshener", "privacy"),
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
    # 2026.11.3
    "help, is there a fire extinguisher? the fire blanket is expired",
    "the guest threatened to call his lawyer over the cleaning fee",
    "el huesped amenaza con pedir un reembolso",
    "nos dieron una paliza en el padel jaja",
    "we were attacked by mosquitoes all night",
    "mon vol est annule a cause de la tempete",
    "je veux rentrer plus tot, je peux recuperer la derniere nuit ?",
    "the CO alarm chirps, I think the battery is low",
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


def test_a_fire_is_not_slang():
    assert RULES.risks("help there is a fire in the kitchen") == ["emergency"]
    assert RULES.risks("this place is fire, best stay ever") == []


def test_version_moved():
    assert RULES.version == "2026.11.4"
