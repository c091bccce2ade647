"""Writes ``risk_train.csv``: the development/training set of the learned risk layer.

Run ``python src/casework/triage/data/make_risk_train.py`` (deterministic: fixed seed). Every
sentence below was written for this file, as guests, hosts and neighbours write to support, in
EN/FR/ES. Nothing was taken from ``tests/data/risk_eval.csv`` (the held-out set, never read to
write this). Variety comes from slot fillers (who, where, kid) × noise (no accents, lower case,
typos, no punctuation, greetings, booking context around the sentence) and many hard negatives:
idioms, jokes, titles, quoted text, resolved events, policy questions and ordinary complaints.

Second part: ``risk_handwritten.csv`` and ``risk_handwritten_2/3/4.csv`` (header
``text,risks,language``), messages written one by one (no templates, no slot fillers): short chat
lines, long e-mails with the risk in the middle, situations told without the keywords, mixed
languages, typos, multi-label cases, and hard negatives. A fixed, stratified 20 % of each file (per
risk set and language, ``random.Random(DEV_SEED + file index)``) goes to ``risk_dev.csv``, the
development split: it is never trained on, and is what rule and model
changes are judged on (``python -m casework.triage.engine.riskmodel --dev``). The other 80 % join
``risk_train.csv`` with ``source`` = ``handwritten``.

Third part: ``risk_writer_<x>.csv`` (header ``text,risks,language,kind``), one file per *writer*:
written one by one by separate writers, each with their own persona and brief (non-native
English, Quebec French, Spanglish, hosts, call notes, teenagers, formal understatement, very short
and very long messages...), none of whom read the other files or the held-out set. A writer's whole
file joins ``risk_train.csv`` with ``source`` = ``writer_<x>``, except the files of the *dev
writers* (``DEV_WRITERS``): they form the second development split, never trained on, which
measures how the layer carries to people it has never read (``riskmodel.dev_writer_rows``).

Columns: ``text``, ``risks`` (``;``-separated risk ids, empty for none), ``language``, ``source``
(``template``, ``context`` or ``handwritten``).
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "risk_train.csv"
# Hand-written batches; each is split on its own, so adding a batch never moves an older row
# between train and dev.
HANDWRITTEN = (HERE / "risk_handwritten.csv", HERE / "risk_handwritten_2.csv", HERE / "risk_handwritten_3.csv",
               HERE / "risk_handwritten_4.csv", HERE / "risk_handwritten_5.csv", HERE / "risk_handwritten_6.csv",
               HERE / "risk_handwritten_7.csv")
DEV_OUT = HERE / "risk_dev.csv"
DEV_WRITERS = ("risk_writer_e.csv", "risk_writer_l.csv")


def writer_files(dev: bool = False) -> list[Path]:
    """The writers' files: the training ones, or (``dev``) the dev writers' ones."""
    return [p for p in sorted(HERE.glob("risk_writer_*.csv")) if (p.name in DEV_WRITERS) == dev]
DEV_SEED = 20261124
DEV_SHARE = 0.2

WHO = {
    "en": ["the host", "my host", "the owner", "the landlord", "the cleaner", "the neighbour", "the co-host",
           "the guest", "a guy from the flat next door", "the property manager", "the host's son", "the caretaker"],
    "fr": ["l'hôte", "mon hôte", "le propriétaire", "la proprio", "le voisin", "le co-hôte", "le voyageur",
           "le gardien", "le fils du propriétaire", "le gérant", "un type de l'appart d'à côté", "l'agent d'entretien"],
    "es": ["el anfitrión", "mi anfitrión", "el dueño", "el casero", "el vecino", "el coanfitrión", "el huésped",
           "el portero", "el hijo del dueño", "el administrador", "un tipo del piso de al lado", "la señora de la limpieza"],
}
KID = {
    "en": ["my son", "my daughter", "my 4 year old", "our toddler", "my 12yo", "the baby", "my little girl", "my boy"],
    "fr": ["mon fils", "ma fille", "mon petit de 4 ans", "notre bébé", "ma fille de 12 ans", "le petit", "mon gamin"],
    "es": ["mi hijo", "mi hija", "mi niño de 4 años", "el bebé", "mi hija de 12 años", "la niña", "mi peque"],
}

POS = {
    "violence_threat": {
        "en": ["{who} threatened to kill me", "{who} said he would break my legs if I leave a bad review",
               "{who} is banging on our door screaming that he will hurt us", "{who} pushed me against the wall",
               "{who} punched my boyfriend in the face", "{who} showed up at the door with a knife",
               "he says he has a gun and he will use it if we don't leave", "{who} told me i know where you live, you will regret this",
               "im scared, {who} is outside yelling that hes going to get us", "{who} grabbed my arm so hard i have bruises",
               "the guest threatened to burn the apartment down", "{who} said he'd smash my car if I don't refund him",
               "{who} slapped my wife in front of everyone", "he kicked me and threw my bags down the stairs",
               "i got attacked by {who} last night, there was blood", "{who} told me to watch my back",
               "he said he will come back tonight with his friends to sort us out", "{who} came at me with a baseball bat",
               "{who} is drunk and violent, he hit my friend", "{who} choked me during an argument about the deposit",
               "my guest assaulted the cleaner this morning", "{who} keeps sending messages saying we will pay for this with our lives",
               "{who} threw a bottle at my head", "he blocked the door and would not let me leave, he was shouting he'd hurt me",
               "I am hiding in the bathroom, {who} is trying to break in and says he'll beat me up",
               "my ex found the booking and is outside, he swore he'd make me suffer"],
        "fr": ["{who} m'a menacé de mort", "{who} a dit qu'il allait me casser la gueule", "{who} m'a frappée",
               "{who} m'a poussée dans l'escalier", "{who} est venu avec un couteau", "il m'a giflée devant mes enfants",
               "{who} tape sur la porte en hurlant qu'il va nous faire la peau", "j'ai peur, {who} dit qu'il sait où j'habite",
               "le voyageur a menacé de mettre le feu à l'appartement", "il a menacé de revenir avec ses potes pour régler ça",
               "{who} m'a agressé dans le couloir", "{who} m'a tordu le bras, j'ai des bleus partout",
               "il m'a menacée avec une arme", "on s'est fait tabasser par {who}", "{who} m'a mis un coup de poing",
               "il m'a dit tu vas le regretter, je vais te retrouver", "{who} m'a étranglé pendant la dispute",
               "{who} a lancé une chaise sur mon mari", "je suis enfermée dans la salle de bain, il essaie de défoncer la porte",
               "{who} m'envoie des messages disant que je vais le payer très cher, il parle de me tuer"],
        "es": ["{who} me amenazó de muerte", "{who} me pegó", "{who} me empujó contra la pared", "{who} sacó un cuchillo",
               "{who} dijo que me iba a romper la cara", "{who} está golpeando la puerta gritando que nos va a matar",
               "tengo miedo, {who} dice que sabe dónde vivo", "el huésped amenazó con quemar el piso",
               "me agredió {who} en el pasillo", "{who} le dio una bofetada a mi mujer", "{who} me amenazó con una pistola",
               "dijo que volvería con sus amigos a darnos una paliza", "{who} me dio un puñetazo",
               "{who} me agarró del cuello", "me encerré en el baño, {who} intenta tirar la puerta y dice que me va a reventar",
               "{who} me manda mensajes diciendo que lo voy a pagar caro", "{who} le tiró una botella a mi amigo",
               "me han dado una paliza en el portal", "{who} me amenaza con hacerme daño si no le devuelvo el dinero"],
    },
    "self_harm": {
        "en": ["I want to kill myself", "i dont see the point of going on anymore", "I'm going to end it tonight",
               "I've been thinking about taking all my pills", "nobody would miss me if I was gone",
               "this is my last message, goodbye everyone", "I can't do this anymore, I want to die",
               "i'm on the balcony thinking about jumping", "I cut myself again last night", "my friend in the room says she wants to end her life",
               "I have the pills ready on the table", "I don't want to wake up tomorrow", "honestly I'd be better off dead",
               "i'm going to hurt myself", "I keep thinking about suicide since I arrived",
               "the guest left a note saying goodbye forever and isn't answering the door",
               "after losing everything I just want to disappear for good", "I wrote letters to my family, I won't need the room after tonight",
               "my guest told me he plans to take his own life", "what's the point, I won't be here for the checkout anyway",
               "i feel like ending everything", "i bought rope today", "I'm worried about my sister, she texted that she wants to die and she's alone in your apartment"],
        "fr": ["je veux mourir", "j'ai envie d'en finir", "je vais me foutre en l'air", "je pense au suicide",
               "je n'ai plus envie de vivre", "j'ai pris toutes mes pilules", "personne ne me regrettera",
               "c'est mon dernier message, adieu", "je vais sauter du balcon", "je me suis scarifiée hier soir",
               "mon amie parle de se tuer", "je veux disparaître pour toujours", "je ne veux plus me réveiller",
               "je vais me faire du mal", "j'ai écrit des lettres d'adieu", "le voyageur a dit qu'il allait mettre fin à ses jours",
               "je n'en peux plus, je veux que tout s'arrête", "ma soeur m'a écrit qu'elle veut mourir et elle est seule dans votre logement"],
        "es": ["quiero morirme", "quiero suicidarme", "no quiero seguir viviendo", "voy a acabar con todo esta noche",
               "ya tengo las pastillas preparadas", "nadie me va a extrañar", "este es mi último mensaje, adiós a todos",
               "pienso tirarme por el balcón", "me corté otra vez", "mi amiga dice que se quiere quitar la vida",
               "no le veo sentido a nada, quiero desaparecer para siempre", "no quiero despertar mañana",
               "me voy a hacer daño", "el huésped dejó una carta de despedida y no abre la puerta",
               "estoy pensando en matarme", "ya no puedo más, quiero que todo termine", "mi hermano me escribió que se va a quitar la vida y está solo en el piso"],
    },
    "sexual_violence": {
        "en": ["{who} groped me", "{who} tried to kiss me without my consent", "{who} came into my room while I was sleeping and touched me",
               "{who} exposed himself to me in the garden", "I was raped during my stay", "{who} sexually assaulted my friend",
               "{who} asked me to sleep with him for a discount", "he put his hand up my skirt", "{who} keeps sending me nude pictures",
               "{who} offered a free night in exchange for sex", "I woke up and he was in my bed", "he forced himself on me",
               "{who} watched me in the shower and was touching himself", "I think he put something in my drink, I don't remember the night",
               "{who} keeps making comments about my body and tried to touch my breasts", "he pinned me down on the sofa",
               "{who} grabbed my butt in the kitchen", "he kept rubbing against me and wouldn't stop", "my daughter's friend was molested by {who}",
               "{who} pressured me into sex", "the host kept knocking at night asking if I was lonely and then walked in naked"],
        "fr": ["{who} m'a touchée", "{who} m'a violée", "{who} m'a agressée sexuellement", "{who} a essayé de m'embrasser de force",
               "il est entré dans ma chambre la nuit et m'a touchée", "{who} s'est exhibé devant moi",
               "il me propose une réduction contre des faveurs sexuelles", "{who} m'envoie des photos de son sexe",
               "{who} m'a mis la main aux fesses", "je me suis réveillée et il était dans mon lit",
               "il a mis quelque chose dans mon verre", "{who} me fait des avances insistantes et m'a coincée dans la cuisine",
               "il s'est frotté contre moi", "{who} m'a forcée à coucher avec lui", "{who} m'a caressé la cuisse sans mon accord",
               "attouchements de la part de {who}"],
        "es": ["{who} me manoseó", "{who} me violó", "{who} me agredió sexualmente", "{who} intentó besarme a la fuerza",
               "entró en mi habitación de noche y me tocó", "{who} se masturbó delante de mí", "me ofreció descuento a cambio de sexo",
               "{who} me manda fotos de sus genitales", "{who} me tocó el culo", "me desperté y estaba en mi cama",
               "me drogó la bebida", "{who} me acorraló en la cocina y me tocó los pechos", "abuso sexual por parte de {who}",
               "me obligó a tener relaciones", "{who} se restregó contra mí", "tocamientos sin consentimiento de {who}"],
    },
    "discrimination": {
        "en": ["{who} refused to rent to us because we're Muslim", "{who} cancelled as soon as he saw my Arabic name",
               "{who} said no black people in his house", "{who} told us he doesn't accept gay couples",
               "{who} called me a racial slur", "he said your kind are not welcome here", "we were rejected because my wife wears a hijab",
               "{who} refused my guide dog even though it's a service animal", "{who} said the place isn't for people in wheelchairs",
               "{who} declined because of my accent, he only rents to locals", "{who} made antisemitic jokes about my family",
               "the listing says no foreigners", "{who} called us dirty gays", "refused because i am trans",
               "{who} told us to go back to our country", "he treated us differently because we're indian, the white couple got the keys",
               "{who} said he doesn't want chinese guests because of covid", "he mocked my disability and refused to help",
               "{who} asked about our religion and then cancelled", "racist remarks from {who} at check in"],
        "fr": ["{who} a refusé parce qu'on est noirs", "{who} ne loue pas aux arabes", "{who} a annulé en voyant mon nom",
               "{who} nous a dit pas de couples homosexuels", "{who} m'a traité de sale arabe", "refusé à cause de mon fauteuil roulant",
               "{who} a refusé mon chien guide", "l'annonce dit pas d'étrangers", "{who} a fait des remarques antisémites",
               "refus parce que je porte le voile", "il a dit que les gens comme nous ne sont pas les bienvenus",
               "{who} nous a dit de rentrer chez nous en Afrique", "propos racistes de {who} à l'arrivée",
               "on a été refusés parce qu'on est un couple de femmes", "{who} s'est moqué de mon handicap",
               "{who} a exigé mon vrai prénom parce que je suis trans puis a annulé"],
        "es": ["{who} nos rechazó por ser negros", "{who} no alquila a gitanos", "{who} canceló al ver mi apellido",
               "{who} dijo que no acepta parejas gays", "{who} me llamó sudaca", "me rechazaron por mi silla de ruedas",
               "{who} no aceptó mi perro guía", "el anuncio dice no extranjeros", "comentarios racistas de {who}",
               "nos echaron por llevar velo", "dijo que la gente como nosotros no es bienvenida", "{who} me insultó por ser trans",
               "{who} nos dijo que volviéramos a nuestro país", "no nos dejaron entrar por ser moros, eso dijo",
               "{who} se burló de mi discapacidad", "trato discriminatorio por mi origen"],
    },
    "emergency": {
        "en": ["there's smoke coming out of the kitchen", "fire in the building, the stairs are full of smoke", "I smell gas everywhere",
               "water is pouring through the ceiling onto the electrics", "my husband collapsed and isn't breathing",
               "I think my dad is having a heart attack", "the balcony railing gave way and my friend fell",
               "we're stuck in the elevator and my mum is panicking, she has asthma", "the carbon monoxide alarm is going off and we all have headaches",
               "sparks are coming out of the socket", "flooding, the water is up to our ankles", "{kid} is having a severe allergic reaction",
               "please call an ambulance", "someone broke in and i think the burglar is still inside", "the ceiling just collapsed in the bedroom",
               "the heater caught fire", "he is bleeding a lot and won't wake up", "gas leak in the apartment, we went outside",
               "my wife fell down the stairs and can't move her leg", "there's a fire alarm and real flames in the hallway",
               "the power cable in the shower shocked me", "{kid} swallowed cleaning liquid that was under the sink",
               "we cannot get out, the door is jammed and there's smoke", "my friend is unconscious on the bathroom floor"],
        "fr": ["il y a de la fumée qui sort de la cuisine", "au feu, l'immeuble brûle", "ça sent le gaz partout",
               "l'eau coule du plafond sur les prises électriques", "mon mari a fait un malaise et ne respire plus",
               "je crois que mon père fait une crise cardiaque", "la rambarde du balcon a lâché et mon ami est tombé",
               "on est bloqués dans l'ascenseur, ma mère fait une crise d'angoisse", "le détecteur de monoxyde sonne et on a tous mal à la tête",
               "des étincelles sortent de la prise", "inondation, on a de l'eau jusqu'aux chevilles", "{kid} fait une grosse réaction allergique",
               "appelez le samu svp", "quelqu'un est entré par effraction et il est encore dans l'appart", "le plafond de la chambre s'est effondré",
               "le radiateur a pris feu", "il saigne beaucoup et ne se réveille pas", "fuite de gaz, on est sortis dehors",
               "ma femme est tombée dans l'escalier et ne peut plus bouger", "{kid} a avalé du produit ménager",
               "on ne peut pas sortir, la porte est bloquée et il y a de la fumée", "mon ami est inconscient dans la salle de bain",
               "je me suis pris une décharge dans la douche, les fils sont à nu"],
        "es": ["sale humo de la cocina", "hay fuego en el edificio", "huele muchísimo a gas", "el agua cae del techo sobre los enchufes",
               "mi marido se desmayó y no respira", "creo que mi padre está teniendo un infarto", "la barandilla del balcón cedió y mi amigo se cayó",
               "estamos atrapados en el ascensor y mi madre tiene asma", "la alarma de monóxido está sonando y nos duele la cabeza",
               "salen chispas del enchufe", "inundación, el agua nos llega a los tobillos", "{kid} tiene una reacción alérgica fuerte",
               "llamen a una ambulancia por favor", "entró un ladrón y creo que sigue dentro", "se cayó el techo del dormitorio",
               "la estufa se prendió fuego", "está sangrando mucho y no despierta", "fuga de gas en el piso, salimos a la calle",
               "mi mujer se cayó por la escalera y no puede mover la pierna", "{kid} se tragó lejía",
               "no podemos salir, la puerta está atascada y hay humo", "mi amigo está inconsciente en el baño",
               "me dio la corriente en la ducha, los cables están pelados"],
    },
    "minor_safety": {
        "en": ["{kid} is missing, we can't find him anywhere in the resort", "the pool has no fence and there are toddlers around",
               "{who} was taking photos of my kids at the pool", "an adult guest has been messaging my 14 year old daughter",
               "a 15 year old booked the flat with a fake ID and is there alone with older men",
               "{who} offered alcohol to my 15 year old son", "a man tried to get my son into his car near the apartment",
               "the window in the kids room has no lock and it's on the 5th floor", "{who} left a child alone in the apartment for two days",
               "I think the child next door is being abused, we hear screaming and hitting", "{who} is asking for pictures of my daughter",
               "{who} wanted to be alone with my kids and gave them presents", "there's a young girl with the guests, she looks scared and not related to them",
               "the bunk bed has no rail and {kid} fell off", "{who} showed porn to my son", "underage party, kids drinking and someone passed out",
               "the host's dog bit {kid}", "{who} touched my little girl"],
        "fr": ["{kid} a disparu, on ne le trouve plus dans la résidence", "la piscine n'a pas de barrière et il y a des petits",
               "{who} prenait des photos de mes enfants à la piscine", "un adulte envoie des messages à ma fille de 14 ans",
               "une mineure de 15 ans loge seule avec des hommes plus âgés", "{who} a fait boire de l'alcool à mon fils de 15 ans",
               "un homme a essayé de faire monter mon fils dans sa voiture", "la fenêtre de la chambre des enfants ne ferme pas, on est au 5e",
               "{who} a laissé un enfant seul dans l'appartement", "je crois que l'enfant d'à côté est maltraité, on entend des cris et des coups",
               "{who} demande des photos de ma fille", "il y a une jeune fille avec les voyageurs, elle a l'air terrorisée",
               "le lit superposé n'a pas de barrière et {kid} est tombé", "{who} a montré du porno à mon fils", "{who} a touché ma petite fille",
               "soirée de mineurs, ils boivent et une gamine a fait un malaise"],
        "es": ["{kid} ha desaparecido, no lo encontramos en la urbanización", "la piscina no tiene valla y hay niños pequeños",
               "{who} estaba haciendo fotos a mis hijos en la piscina", "un adulto le escribe mensajes a mi hija de 14 años",
               "una menor de 15 años está sola con hombres mayores en el piso", "{who} le dio alcohol a mi hijo de 15 años",
               "un hombre intentó meter a mi hijo en su coche", "la ventana del cuarto de los niños no cierra y es un quinto piso",
               "{who} dejó a un niño solo en el piso dos días", "creo que maltratan al niño de al lado, se oyen gritos y golpes",
               "{who} pide fotos de mi hija", "hay una chica muy joven con los huéspedes, parece asustada",
               "la litera no tiene barandilla y {kid} se cayó", "{who} le enseñó porno a mi hijo", "{who} tocó a mi niña",
               "fiesta de menores, están bebiendo y una cría se desmayó"],
    },
    "fraud_scam": {
        "en": ["{who} asked me to pay via Western Union outside the app", "he wants a bank transfer instead of paying through the platform",
               "I got an email from 'support' asking for my card details and CVV", "the listing doesn't exist, the address is an empty lot",
               "{who} asked for the deposit in bitcoin", "someone pretending to be the host wants me to pay on whatsapp",
               "I received a link to a fake payment page that looks like yours", "he wants me to send gift card codes to confirm the booking",
               "{who} asks for a cash deposit before giving me the address", "the photos were stolen from a hotel website",
               "I paid and they vanished, the account is deleted", "he said your payment system is down and to pay by paypal friends and family",
               "text message says my reservation is suspended, verify payment at a short link", "the host is asking 10% extra by revolut to avoid fees"],
        "fr": ["{who} me demande de payer par Western Union hors plateforme", "il veut un virement au lieu de payer par le site",
               "j'ai reçu un mail du 'support' qui demande mon numéro de carte", "l'annonce n'existe pas, à l'adresse il y a un terrain vague",
               "{who} demande la caution en bitcoin", "quelqu'un se fait passer pour l'hôte et veut que je paie sur whatsapp",
               "lien vers une fausse page de paiement", "il veut des cartes cadeaux pour confirmer la réservation",
               "j'ai payé et ils ont disparu, le compte est supprimé", "sms: votre réservation est suspendue, vérifiez votre paiement ici",
               "l'hôte demande 10% de plus par lydia pour éviter les frais", "arnaque, les photos viennent d'un site d'hôtel"],
        "es": ["{who} me pide pagar por Western Union fuera de la app", "quiere una transferencia en vez de pagar por la plataforma",
               "me llegó un correo de 'soporte' pidiendo los datos de mi tarjeta", "el anuncio no existe, en la dirección hay un solar",
               "{who} pide la fianza en bitcoin", "alguien se hace pasar por el anfitrión y quiere que pague por whatsapp",
               "enlace a una página de pago falsa", "me pide tarjetas regalo para confirmar la reserva",
               "pagué y desaparecieron, la cuenta ya no existe", "sms: su reserva está suspendida, verifique el pago aquí",
               "el anfitrión pide 10% más por bizum para ahorrarse comisiones", "estafa, las fotos son de una web de hoteles"],
    },
    "privacy": {
        "en": ["there's a hidden camera in the bathroom", "found a camera pointing at the bed that isn't in the listing",
               "the smoke detector has a little lens and a blinking light", "{who} is watching us through the baby monitor",
               "{who} posted my passport photo online", "{who} shared my phone number and address on facebook",
               "there's a microphone hidden in the lamp", "{who} came into the room without telling us while we were out and went through our bags",
               "{who} knows everything we say in the living room, I think he's recording us", "{who} sent my ID copy to his friends",
               "a usb charger in the bedroom is actually a camera", "{who} tracks our comings and goings and comments on them"],
        "fr": ["il y a une caméra cachée dans la salle de bain", "caméra dirigée vers le lit, pas mentionnée dans l'annonce",
               "le détecteur de fumée a un petit objectif", "{who} nous surveille par le babyphone", "{who} a publié la photo de mon passeport",
               "{who} a partagé mon numéro et mon adresse sur facebook", "un micro caché dans la lampe",
               "{who} est entré dans la chambre en notre absence et a fouillé nos sacs", "je crois qu'il nous enregistre, il sait tout ce qu'on dit",
               "un chargeur usb dans la chambre est en fait une caméra"],
        "es": ["hay una cámara oculta en el baño", "una cámara apuntando a la cama que no sale en el anuncio",
               "el detector de humo tiene una lente", "{who} nos vigila por el vigilabebés", "{who} publicó la foto de mi pasaporte",
               "{who} compartió mi teléfono y dirección en facebook", "un micrófono escondido en la lámpara",
               "{who} entró en la habitación sin avisar y revisó nuestras maletas", "creo que nos graba, sabe todo lo que decimos",
               "un cargador usb del dormitorio es una cámara espía"],
    },
}

# Hard negatives: words of a risk in a sense that is not one, and ordinary complaints.
NEG = {
    "en": ["these check-in instructions are murder", "the wifi is killing me", "I'm dying for a coffee", "the sunset view is to die for",
           "I nearly died laughing at the welcome note", "the host is a lifesaver, thank you", "my phone battery died, can you resend the code",
           "the plants on the terrace are dead", "killer view from the roof!", "the kids were fighting over the remote",
           "we watched Kill Bill and Die Hard on the TV, great selection", "reading Murder on the Orient Express by the pool",
           "the book on the shelf 'Gone Girl' is great", "the fire pit in the garden is lovely", "the fireplace works great, thanks for the wood",
           "is the gas stove safe to use? how do I light it", "the smoke alarm keeps beeping, I think the battery is low",
           "yesterday the fire alarm went off but it was just toast, all fine now", "there was a small leak under the sink, the plumber fixed it already",
           "the security camera at the entrance is in the listing, that's fine", "my kids loved the pool", "is the flat child friendly? do you have a high chair",
           "can I pay by bank transfer through your site?", "my refund hasn't arrived yet", "the host was very friendly and helpful",
           "the cleaning was terrible, hair in the shower", "the neighbours were noisy until 2am", "I lost my keys, can someone let me in",
           "I want to change my booking dates", "the heating doesn't work and it's cold", "the photos looked nicer than the real place",
           "please cancel my reservation, I got sick", "why was I charged a service fee twice", "the host cancelled last minute, what now",
           "the AC is broken and it's 35 degrees, we're melting", "this heat is killing us", "i'm dead tired after the flight",
           "my boss will kill me if I miss the train", "lol the host's cat attacked my shoelaces", "we got destroyed at the pub quiz",
           "the traffic was a nightmare", "the bed was so soft I died and went to heaven", "the sofa bed is a torture device",
           "shoot, I forgot my charger in the room", "can you send me the invoice for my company", "the key box code doesn't work",
           "we had a blast, thanks", "the towels were missing", "how do I leave a review", "my payout is late again",
           "the host asked us to take the trash out, is that normal", "there is mold in the bathroom", "the dishwasher flooded a bit, we mopped it up, no damage",
           "a guest broke a glass, I'd like to claim the damage", "the previous guests left the fridge dirty",
           "can my teenage son stay in a separate room", "we travel with a baby, is there a crib", "is the neighbourhood safe at night?",
           "the listing says pets allowed, can I bring my dog", "I need to verify my ID, the app rejects my passport",
           "someone logged into my account from another country", "I want to delete my data under GDPR",
           "the camera on my laptop is broken, can I do the verification on my phone", "the host asked for a photo of my ID, is that allowed?",
           "we played murder mystery with the board games, fun", "that rollercoaster nearly killed me haha", "the stairs are a killer with luggage",
           "the hike almost killed us but the view was worth it", "my feet are killing me after the walk", "cancel, my grandmother died, I need to go home",
           "my flight was cancelled, can I get a refund", "the description said sea view but it's a parking lot", "the hot water runs out after 5 minutes",
           "the host was rude when we arrived late", "can I check in earlier", "it was a scam of a breakfast, just bread lol",
           "the price was a rip-off but the place was ok", "I'm having a heart attack looking at these prices", "it's a crime how good the croissants are",
           "black out curtains would be nice", "i'd kill for a cold beer right now", "this noise is torture", "you guys rock, problem solved",
           "the guy at the desk was screaming on the phone at someone else, not us", "the film we watched was about a serial killer, scary",
           "my son's game is called Fire Emblem", "we bought fireworks for new year's, are they allowed on the terrace",
           "last year a guest stole towels, just saying", "the gas bill is included right?", "the baby monitor in the room isn't working",
           "is there a fire extinguisher in the flat? just asking", "the smoke was from the barbecue next door, all good",
           "thanks for calling the ambulance for my neighbour last week, he's fine now", "the police came about the noise next door, not our flat"],
    "fr": ["ce ménage m'a tuée", "le wifi me tue", "je meurs de faim", "la vue est à tomber", "mdr je suis mort de rire",
           "l'hôte m'a sauvé la vie avec ses conseils, merci", "mon téléphone est mort, vous pouvez renvoyer le code",
           "les plantes du balcon sont mortes", "on a regardé Kill Bill et Mourir peut attendre, super", "je lis Le Crime de l'Orient-Express au bord de la piscine",
           "le barbecue et le feu de camp étaient top", "la cheminée marche bien", "la gazinière est sûre ? comment on l'allume",
           "le détecteur de fumée bipe, je crois que c'est la pile", "hier l'alarme incendie a sonné mais c'était le grille-pain, tout va bien",
           "petite fuite sous l'évier, le plombier a déjà réparé", "la caméra de l'entrée est indiquée dans l'annonce, aucun souci",
           "mes enfants ont adoré la piscine", "le logement est adapté aux enfants ? vous avez une chaise haute",
           "mon remboursement n'est pas arrivé", "le ménage était horrible, des cheveux partout", "les voisins ont fait du bruit jusqu'à 2h",
           "j'ai perdu mes clés", "je veux changer les dates", "le chauffage ne marche pas", "annulez ma réservation svp",
           "pourquoi j'ai payé deux fois les frais", "l'hôte a annulé au dernier moment", "la clim est en panne, on crève de chaud",
           "je suis mort de fatigue", "mon patron va me tuer si je rate le train", "les escaliers avec les valises, une torture",
           "on s'est éclatés, merci", "les serviettes manquaient", "mon virement hôte est en retard",
           "il y a de la moisissure dans la salle de bain", "un voyageur a cassé un verre, je veux déclarer le dommage",
           "mon ado peut avoir sa chambre ?", "on voyage avec un bébé, il y a un lit parapluie ?", "le quartier est sûr la nuit ?",
           "je dois vérifier mon identité, l'appli refuse mon passeport", "je veux supprimer mes données RGPD",
           "c'est du vol ces frais de ménage mdr", "je tuerais pour une bière fraîche", "ce bruit c'est une torture",
           "le film parlait d'un tueur en série, flippant", "la fumée venait du barbecue du voisin, tout va bien",
           "merci d'avoir appelé le samu pour mon voisin la semaine dernière, il va bien", "ma grand-mère est décédée, je dois annuler",
           "la description disait vue mer mais c'est un parking", "l'eau chaude s'arrête au bout de 5 minutes",
           "l'hôte était désagréable quand on est arrivés tard", "je peux arriver plus tôt ?", "ça m'a achevé cette rando",
           "ces instructions d'arrivée sont une horreur", "c'était la guerre pour la salle de bain avec les enfants mdr",
           "les gamins se sont battus pour la télécommande", "on a joué au loup-garou, super soirée", "la boîte à clés ne s'ouvre pas"],
    "es": ["el wifi me está matando", "me muero de hambre", "la vista es para morirse", "me mori de risa con la nota de bienvenida",
           "el anfitrión me salvó la vida con sus consejos, gracias", "se me murió el móvil, me reenvían el código",
           "las plantas de la terraza están muertas", "vimos Kill Bill y Muerte en el Nilo en la tele", "leyendo Crónica de una muerte anunciada en la piscina",
           "la barbacoa y la chimenea geniales", "la cocina de gas es segura? cómo se enciende", "el detector de humo pita, creo que es la pila",
           "ayer sonó la alarma de incendios pero era la tostadora, todo bien", "había una pequeña fuga en el fregadero, el fontanero ya lo arregló",
           "la cámara de la entrada sale en el anuncio, no pasa nada", "a mis hijos les encantó la piscina",
           "el piso es apto para niños? tienen trona", "mi reembolso no ha llegado", "la limpieza fatal, pelos en la ducha",
           "los vecinos hicieron ruido hasta las 2", "perdí las llaves", "quiero cambiar las fechas", "la calefacción no funciona",
           "cancelen mi reserva por favor", "por qué me cobraron dos veces la comisión", "el anfitrión canceló a última hora",
           "el aire acondicionado no va, nos estamos asando", "estoy muerto de cansancio", "mi jefe me mata si pierdo el tren",
           "las escaleras con las maletas son una tortura", "lo pasamos genial, gracias", "faltaban toallas", "mi pago de anfitrión llega tarde",
           "hay moho en el baño", "un huésped rompió un vaso, quiero reclamar el daño", "mi hijo adolescente puede tener su habitación?",
           "viajamos con un bebé, hay cuna?", "el barrio es seguro de noche?", "tengo que verificar mi identidad, la app rechaza mi pasaporte",
           "quiero borrar mis datos", "es un robo lo que cobran de limpieza jaja", "mataría por una cerveza fría", "este ruido es una tortura",
           "la película era de un asesino en serie, qué miedo", "el humo era de la barbacoa del vecino, todo bien",
           "gracias por llamar a la ambulancia para mi vecino la semana pasada, ya está bien", "murió mi abuela, tengo que cancelar",
           "el anuncio decía vistas al mar pero es un parking", "el agua caliente se acaba a los 5 minutos", "puedo hacer el check-in antes?",
           "esta caminata me mató", "estas instrucciones de llegada son un infierno", "los niños se pelearon por el mando jaja",
           "la caja de llaves no abre", "me estoy muriendo de calor", "el casero es un amor", "me dejó muerta la subida al piso"],
}

GREET = {"en": ["hi", "hello", "urgent", "HELP", "hey", "good evening", "sorry to bother", "this is the guest in the loft"],
         "fr": ["bonjour", "salut", "urgent", "AIDEZ MOI", "bonsoir", "désolé de vous déranger", "c'est la voyageuse du studio"],
         "es": ["hola", "buenas", "urgente", "AYUDA", "buenas noches", "perdón por molestar", "soy la huésped del ático"]}
AFTER = {"en": ["please help", "what do I do", "booking HM4821", "I don't know who else to tell", "please call me", "we are still in the flat"],
         "fr": ["aidez moi svp", "je fais quoi", "réservation HM4821", "je ne sais pas à qui le dire", "rappelez-moi", "on est toujours dans l'appart"],
         "es": ["ayúdenme por favor", "qué hago", "reserva HM4821", "no sé a quién decírselo", "llámenme", "seguimos en el piso"]}
CONTEXT = {"en": ["We arrived on Friday and the check-in went fine.", "The flat is nice and the location is great.",
                  "I booked 5 nights for me and my partner.", "I'm the host of the studio on Rue Victor Hugo.",
                  "Our flight landed late so we got to the apartment around midnight."],
           "fr": ["On est arrivés vendredi, l'arrivée s'est bien passée.", "L'appartement est sympa et bien placé.",
                  "J'ai réservé 5 nuits avec mon copain.", "Je suis l'hôte du studio rue Victor Hugo.",
                  "Notre vol a atterri tard donc on est arrivés vers minuit."],
           "es": ["Llegamos el viernes y el check-in fue bien.", "El piso es bonito y está bien ubicado.",
                  "Reservé 5 noches para mí y mi pareja.", "Soy el anfitrión del estudio de la calle Mayor.",
                  "El vuelo llegó tarde y entramos al piso a medianoche."]}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def typo(s: str, rng: random.Random) -> str:
    words = s.split()
    idx = [i for i, w in enumerate(words) if len(w) > 4]
    if not idx:
        return s
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    op = rng.random()
    words[i] = w[:j] + w[j + 1:] if op < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def noisy(s: str, lang: str, rng: random.Random) -> tuple[str, str]:
    source = "template"
    r = rng.random()
    if r < 0.25:
        s = f"{rng.choice(GREET[lang])}, {s}"
    elif r < 0.45:
        s = f"{rng.choice(CONTEXT[lang])} {s[0].upper() + s[1:]}. {rng.choice(AFTER[lang])}"
        source = "context"
    if rng.random() < 0.2:
        s = s + " " + rng.choice(AFTER[lang])
    if rng.random() < 0.3:
        s = strip_accents(s)
    if rng.random() < 0.25:
        s = typo(s, rng)
    r = rng.random()
    if r < 0.15:
        s = s.upper()
    elif r < 0.5:
        s = s.lower()
    elif r < 0.75 and s[0].isalpha():
        s = s[0].upper() + s[1:]
    if rng.random() < 0.3:
        s = s + rng.choice([".", "!!", "...", " ?", "!"])
    return s, source


def fill(t: str, lang: str, rng: random.Random) -> str:
    return t.replace("{who}", rng.choice(WHO[lang])).replace("{kid}", rng.choice(KID[lang]))


def dedupe_key(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: two texts with one key are one message."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def handwritten_split(paths: tuple[Path, ...] = HANDWRITTEN, seed: int = DEV_SEED, share: float = DEV_SHARE):
    """``(train, dev)`` rows of the hand-written files: in each file, per (risk set, language)
    stratum, a fixed ``share`` goes to dev (rounded; a stratum of one or two rows stays in train)."""
    seen: dict[str, tuple[str, str]] = {}
    train, dev = [], []
    for n, path in enumerate(paths):
        t, d = _split_one(path, seed + n, share, seen)
        train += t
        dev += d
    return train, dev


def _split_one(path: Path, seed: int, share: float, seen: dict[str, tuple[str, str]]):
    with open(path, encoding="utf-8", newline="") as fh:
        data = list(csv.DictReader(fh))
    strata: dict[tuple[str, str], list[dict]] = {}
    for r in data:
        risks = ";".join(sorted(filter(None, r["risks"].split(";"))))
        key = dedupe_key(r["text"])
        if key in seen:
            if seen[key] != (risks, r["language"]):
                raise ValueError(f"{r['text']!r} appears with two labels or languages")
            continue
        seen[key] = (risks, r["language"])
        strata.setdefault((risks, r["language"]), []).append({"text": r["text"], "risks": risks,
                                                              "language": r["language"]})
    rng = random.Random(seed)
    train, dev = [], []
    for stratum in sorted(strata):
        items = strata[stratum][:]
        rng.shuffle(items)
        k = round(share * len(items)) if len(items) >= 3 else 0
        dev += items[:k]
        train += items[k:]
    return train, dev


def rows(seed: int = 4) -> list[dict]:
    rng = random.Random(seed)
    out, seen = [], {}

    def add(text, risks, lang, source):
        key = dedupe_key(text)
        if key in seen:
            if seen[key] != (";".join(sorted(risks)), lang) and source != "template" and source != "context":
                raise ValueError(f"{text!r} appears with two labels or languages")
            return
        seen[key] = (";".join(sorted(risks)), lang)
        out.append({"text": text, "risks": ";".join(risks), "language": lang, "source": source})

    for risk, by_lang in POS.items():
        for lang, templates in by_lang.items():
            for t in templates:
                for _ in range(3 if "{" in t else 2):
                    text, source = noisy(fill(t, lang, rng), lang, rng)
                    add(text, [risk], lang, source)
    for lang, sentences in NEG.items():
        for t in sentences:
            for _ in range(2):
                text, source = noisy(t, lang, rng)
                add(text, [], lang, source)
    train, dev = handwritten_split()
    dev_keys = {dedupe_key(r["text"]) for r in dev}
    out = [r for r in out if dedupe_key(r["text"]) not in dev_keys]  # a template text equal to a dev text
    for r in train:
        add(r["text"], list(filter(None, r["risks"].split(";"))), r["language"], "handwritten")
    dev_writer_keys = set()
    for path in writer_files(dev=True):
        with open(path, encoding="utf-8", newline="") as fh:
            dev_writer_keys |= {dedupe_key(r["text"]) for r in csv.DictReader(fh)}
    out = [r for r in out if dedupe_key(r["text"]) not in dev_writer_keys]
    for path in writer_files():
        source = "writer_" + path.stem.rsplit("_", 1)[-1]
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if dedupe_key(r["text"]) not in dev_writer_keys:
                    add(r["text"], list(filter(None, r["risks"].split(";"))), r["language"], source)
    rng.shuffle(out)
    return out


def main() -> None:
    data = rows()
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "risks", "language", "source"])
        w.writeheader()
        w.writerows(data)
    print(f"{len(data)} rows -> {OUT}")
    _train, dev = handwritten_split()
    with open(DEV_OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "risks", "language"])
        w.writeheader()
        w.writerows(dev)
    print(f"{len(dev)} rows -> {DEV_OUT}")


if __name__ == "__main__":
    main()
