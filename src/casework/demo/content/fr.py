"""Textes de démonstration en français (mêmes clés et mêmes variables que ``en.py``)."""

OPENINGS = {
    "reservation.host_cancellation": [
        ("L'hôte a annulé le jour de notre arrivée", "Bonjour, nous venons d'arriver à {city} et {other} a annulé notre réservation {code} pour {listing} il y a une heure. Nous sommes {guests} avec nos valises et sans logement pour ce soir. Aidez-nous s'il vous plaît."),
        ("Ma réservation a été annulée par l'hôte", "Bonjour, j'ai reçu un e-mail m'indiquant que mon séjour à {listing} (du {check_in} au {check_out}) est annulé par l'hôte, sans explication. J'avais réservé il y a des mois pour un mariage. Quelles sont mes options ? Réservation {code}."),
        ("Annulation {code} : remboursement et relogement", "Notre hôte {other} nous écrit que l'appartement n'est « plus disponible » pour le {check_in}. Nous avons payé {amount}. Je veux un remboursement complet et de l'aide pour trouver un logement équivalent à {city}."),
        ("L'hôte me demande d'annuler moi-même", "L'hôte de {listing} me demande d'annuler la réservation {code} moi-même pour éviter une pénalité. Je ne veux pas perdre mon argent. Que dois-je faire ?"),
    ],
    "reservation.guest_cancellation": [
        ("Annulation pour raison médicale", "Bonjour, je dois annuler mon séjour à {listing} ({check_in}) car mon père a été hospitalisé. Je peux envoyer le certificat. La politique ne rembourse que 50 % de {amount}. Existe-t-il une exception ?"),
        ("Annulé mais aucun remboursement", "J'ai annulé la réservation {code} neuf jours avant l'arrivée, ce qui devrait être remboursé en totalité, mais la page indique 0 €. Pouvez-vous vérifier ?"),
        ("Vol annulé, impossible d'arriver à {city}", "Notre vol pour {city} a été annulé par la compagnie, le suivant part deux jours plus tard. Je voudrais annuler les deux premières nuits de {code}. L'hôte ne répond pas."),
    ],
    "reservation.date_change": [
        ("Modifier les dates de {code}", "Bonjour, pourrions-nous décaler notre séjour à {listing} d'un jour ? L'hôte est d'accord par message mais le bouton de modification affiche une erreur."),
        ("L'hôte refuse la modification", "J'ai demandé à raccourcir mon séjour de deux nuits et {other} a refusé sans raison. Je ne serai pas à {city} ces nuits-là. Pouvez-vous m'aider pour un remboursement partiel ?"),
        ("Prolonger le séjour", "Nous sommes à {listing} et voudrions rester après le {check_out}. Le calendrier est libre mais le prix a beaucoup augmenté. Est-ce normal ?"),
    ],
    "reservation.check_in": [
        ("Impossible d'entrer : code de la boîte à clés faux", "Nous sommes devant {listing} à {city}. Le code envoyé par {other} ne fonctionne pas et l'hôte ne répond pas. Il se fait tard et nous avons deux enfants. Réservation {code}."),
        ("Pas de clés au café", "L'hôte a dit que les clés seraient au café en bas mais personne n'est au courant. Nous attendons depuis plus d'une heure. Réservation {code}."),
        ("Serrure connectée en panne", "La serrure connectée de {listing} clignote en rouge et refuse le code de l'application. Nous sommes arrivés à 23 h et ne joignons personne."),
        ("Mauvaise adresse dans l'annonce", "L'adresse des instructions d'arrivée mène à un immeuble de bureaux, pas à {listing}. L'hôte ne répond pas. Que faire ?"),
    ],
    "reservation.not_as_described": [
        ("Appartement très différent des photos", "L'appartement {listing} ne ressemble pas du tout aux photos : une seule chambre au lieu de deux, le « balcon » est un rebord de fenêtre et il y a des travaux dès 7 h. Nous sommes {guests}. Je veux partir et être remboursé."),
        ("Pas de vue mer, pas de piscine", "Nous avons réservé {listing} pour la vue mer et la piscine. La vue donne sur un parking et la piscine est fermée pour travaux, ce qui n'était indiqué nulle part. Réservation {code}."),
        ("4 lits annoncés, il y en a 2", "L'annonce indique quatre lits, il y a deux lits et un canapé cassé. Mes parents dorment par terre. Aidez-nous."),
        ("Ce n'est pas l'appartement réservé", "L'hôte nous a installés dans un autre appartement, plus petit, au 6e étage sans ascenseur. Ce n'est pas ce que j'ai payé {amount}."),
    ],
    "reservation.cleanliness": [
        ("Appartement sale à l'arrivée", "Nous venons d'arriver à {listing} : cheveux dans la salle de bain, draps sales, restes de nourriture dans le frigo et sol collant. Impossible de rester ainsi. Réservation {code}."),
        ("Punaises de lit", "Je me suis réveillée couverte de piqûres et j'ai trouvé des punaises dans le matelas à {listing}. J'ai des photos. Je veux partir aujourd'hui."),
        ("Moisissures dans la salle de bain", "Il y a de la moisissure noire dans la douche et la chambre sent l'humidité. Ma fille est asthmatique. Il nous faut un autre logement."),
    ],
    "reservation.missing_amenities": [
        ("Pas d'eau chaude", "Pas d'eau chaude à {listing} depuis notre arrivée hier. {other} dit qu'un plombier viendra « peut-être demain ». Réservation {code}."),
        ("Le wifi ne marche pas (télétravail)", "J'ai choisi {listing} pour le wifi rapide annoncé. La box est en panne et l'hôte parle de la semaine prochaine. J'ai des réunions tous les jours."),
        ("Pas de chauffage", "Il fait glacial, le chauffage ne fonctionne pas et il n'y a qu'un petit radiateur d'appoint. L'annonce parle de chauffage central."),
    ],
    "reservation.relocation": [
        ("Besoin d'être relogés ce soir", "Le plafond de la salle de bain de {listing} s'est effondré après une fuite à l'étage. L'hôte reconnaît qu'on ne peut pas rester. Il nous faut un logement à {city} ce soir pour {guests} personnes."),
        ("Aide au relogement après annulation", "Notre hôte a annulé et nous avons trouvé un autre logement, mais {amount} plus cher. Prenez-vous en charge la différence comme l'indique votre politique ?"),
        ("Le relogement proposé est trop loin", "Le support propose un appartement à 40 minutes du centre de {city}. Nous avions réservé au centre car ma mère marche difficilement. Avez-vous plus proche ?"),
    ],
    "payments.refund": [
        ("Où est mon remboursement ?", "Vous avez confirmé un remboursement de {amount} pour {code} il y a deux semaines et je ne vois toujours rien sur ma carte. Pouvez-vous m'envoyer la référence ?"),
        ("Remboursement des nuits non passées", "Nous avons quitté {listing} après la première nuit à cause des problèmes signalés. Je demande le remboursement des nuits restantes."),
        ("Remboursement partiel insuffisant", "On me propose 10 % alors que l'eau chaude a été coupée 4 jours sur 5. Ce n'est pas juste, je demande au moins la moitié."),
    ],
    "payments.payout": [
        ("Versement manquant pour {code}", "Bonjour, mes voyageurs ont quitté {listing} le {check_out} et je n'ai toujours pas reçu le versement de {amount}. D'habitude il arrive sous 24 h. Pouvez-vous vérifier ?"),
        ("Versements bloqués ?", "Tous mes versements depuis la semaine dernière sont « en attente ». J'ai 3 logements à {city} et des factures à payer. Personne ne m'a expliqué pourquoi."),
        ("Montant du versement erroné", "Le versement pour la réservation {code} est bien inférieur à ce qui était prévu. Le voyageur a payé {amount} et j'ai reçu moins de la moitié."),
    ],
    "payments.charge_dispute": [
        ("Débité deux fois", "Ma carte a été débitée deux fois pour la réservation {code}, deux fois {amount}. Merci de rembourser le doublon."),
        ("Prélèvement inconnu", "Je vois un prélèvement de votre part que je ne reconnais pas. Je n'ai jamais réservé à {city}. Mon compte est-il piraté ?"),
        ("Débité après annulation", "J'ai annulé dans les 48 heures, ce qui devait être gratuit, mais j'ai été débité de {amount}."),
    ],
    "payments.security_deposit": [
        ("Caution non restituée", "Nous avons quitté {listing} le {check_out} en parfait état mais la caution est toujours bloquée sur ma carte. Quand sera-t-elle libérée ?"),
        ("L'hôte veut garder la caution", "{other} veut garder toute la caution pour une « tache sur le canapé » qui était déjà là à notre arrivée. J'ai des photos de l'arrivée."),
        ("Caution plus élevée que prévu", "La caution prise pour {code} est supérieure à celle indiquée dans l'annonce. Pourquoi ?"),
    ],
    "payments.fees_currency": [
        ("Débité dans la mauvaise devise", "L'annonce affichait le prix en euros mais j'ai été débité dans une autre devise avec des frais de change. Le total dépasse largement {amount}."),
        ("Frais de service incompréhensibles", "Pouvez-vous m'expliquer les frais de service sur {code} ? Ils représentent presque 18 % du séjour."),
        ("Frais de ménage ajoutés après coup", "L'hôte a ajouté des frais de ménage après ma réservation de {listing}. Je n'ai jamais accepté cela."),
    ],
    "damage.property_damage": [
        ("Dégâts causés par les voyageurs", "Mes voyageurs de {listing} ({code}) sont partis hier. La télévision est fissurée, la table brûlée et une poignée de fenêtre cassée. J'ai photos et devis, environ {amount}."),
        ("Vin rouge sur le canapé blanc", "Les voyageurs ont renversé du vin rouge sur le canapé blanc et l'ont caché sous un plaid. Le nettoyage professionnel n'a rien donné."),
        ("Dégât des eaux causé par le voyageur", "Le voyageur a laissé la baignoire couler et l'eau a traversé chez le voisin du dessous, qui me demande de payer son plafond."),
    ],
    "damage.missing_items": [
        ("Objets disparus après le départ", "Après le départ des voyageurs de {listing}, le sèche-cheveux, deux parures de serviettes et l'enceinte Bluetooth ont disparu. Réservation {code}."),
        ("Le voyageur est parti avec les clés", "Mon voyageur est parti avec les deux jeux de clés et le badge de l'immeuble. Changer la serrure coûte cher et il ne répond pas."),
        ("Un tableau a disparu", "Une petite gravure encadrée du salon de {listing} a disparu après le séjour. C'était un cadeau, d'une valeur d'environ {amount}."),
    ],
    "damage.extra_cleaning": [
        ("Ménage supplémentaire après une fête", "Les voyageurs de {code} ont laissé l'appartement dans un état lamentable : déchets partout, sol collant, vomi dans la salle de bain. Ma femme de ménage a dû faire 6 heures de plus."),
        ("Cigarette dans un logement non-fumeur", "Les voyageurs ont fumé à l'intérieur de {listing} malgré le règlement. Rideaux et canapé sentent le tabac, il faut un nettoyage complet."),
        ("Poils de chien partout", "Le voyageur est venu avec un chien sans me prévenir. Il y a des poils partout, le ménage a dû être fait deux fois."),
    ],
    "safety.violence_threat": [
        ("L'hôte nous a menacés", "L'hôte de {listing} est entré ivre dans l'appartement en criant qu'il allait « nous faire regretter » notre plainte. Il a frappé la porte. Nous avons peur et sommes enfermés dans la chambre."),
        ("Mon voyageur a été agressé", "Mon voyageur à {listing} a été poussé dans l'escalier par un voisin après une dispute. Il est blessé, la police arrive. Que dois-je faire ?"),
        ("Menaces d'un voyageur", "Après mon refus de rembourser, le voyageur de {code} m'a écrit qu'il sait où j'habite et qu'il « reviendra avec des amis ». J'ai peur d'aller à l'appartement."),
    ],
    "safety.sexual_misconduct": [
        ("Comportement de l'hôte inacceptable", "Je loge seule à {listing}. L'hôte entre sans frapper et hier soir il a essayé de me toucher. J'ai fermé la porte à clé. Je veux partir maintenant."),
        ("Messages déplacés du co-hôte", "Le co-hôte m'a envoyé des messages et des photos à caractère sexuel pendant mon séjour. J'ai des captures d'écran. Je ne me sens pas en sécurité."),
        ("Signalement concernant un voyageur", "Un voyageur a fait des remarques sexuelles à ma femme de ménage et lui a saisi le bras. Elle est très choquée."),
    ],
    "safety.emergency": [
        ("INCENDIE dans le logement", "De la fumée sort de la cuisine de {listing}, l'alarme sonne et l'extincteur est vide. Nous sommes dehors avec les enfants, les pompiers sont appelés. Réservation {code}."),
        ("Odeur de gaz", "Forte odeur de gaz dans {listing}. Nous avons quitté l'immeuble. L'hôte ne répond pas. Que devons-nous faire ?"),
        ("Détecteur de monoxyde de carbone", "Le détecteur de CO de la chambre s'est déclenché et nous avons tous mal à la tête. Nous sommes dehors."),
    ],
    "safety.hidden_devices": [
        ("Caméra cachée dans la chambre", "J'ai trouvé une petite caméra dans le détecteur de fumée de la chambre de {listing}. Rien dans l'annonce. Je suis choquée. Réservation {code}."),
        ("Appareil qui filme le salon", "Un objet ressemblant à un chargeur, avec un objectif, est tourné vers le canapé-lit. L'hôte dit que c'est « pour la sécurité »."),
        ("L'hôte nous écoute", "L'hôte a commenté des choses que nous avons dites en privé dans l'appartement. Je pense qu'il y a un micro. Je veux partir."),
    ],
    "safety.unauthorised_party": [
        ("Fête en cours dans mon appartement", "Mon capteur de bruit à {listing} affiche 95 dB depuis deux heures et les voisins parlent de plus de 40 personnes. La réservation {code} est pour {guests} personnes. Je veux qu'ils partent."),
        ("Fête : les voisins ont appelé la police", "La police est venue à {listing} cette nuit à cause d'une fête. Le syndic menace d'interdire la location courte durée. Le voyageur parle d'un « dîner calme »."),
        ("Réservation suspecte pour ce soir", "Un voyageur local a réservé {listing} pour une seule nuit ce soir et a demandé s'il y avait une sono. Je crains une fête. Puis-je annuler sans pénalité ?"),
    ],
    "safety.minor_safety": [
        ("Enfant blessé dans le logement", "Mon fils de 4 ans est tombé de l'escalier de la mezzanine sans protection à {listing}. Nous sommes aux urgences. L'annonce disait « adapté aux familles »."),
        ("Enfants laissés seuls", "Les voyageurs ont laissé deux jeunes enfants seuls toute la soirée dans mon appartement. Ma voisine les a entendus pleurer pendant des heures."),
        ("Piscine sans barrière", "La piscine de {listing} n'a ni barrière ni couverture et le portail ne ferme pas. Nous avons un bébé qui marche. C'est dangereux."),
    ],
    "safety.self_harm": [
        ("Inquiète pour ma voyageuse", "Ma voyageuse à {listing} m'a écrit qu'elle ne veut plus vivre et m'a remerciée « pour tout ». Elle ne répond plus au téléphone. Je suis très inquiète."),
        ("Le voyageur parle de mettre fin à ses jours", "Le voyageur de {listing} a dit à ma femme de ménage qu'il compte se faire du mal ce soir. Il semblait très mal. Que faire ?"),
        ("Lettre inquiétante laissée par une voyageuse", "Une voyageuse a laissé dans l'appartement une lettre qui ressemble à un adieu. Elle est partie ce matin. Je ne sais pas quoi faire."),
    ],
    "safety.discrimination": [
        ("Refusé à cause de mon nom", "L'hôte de {listing} a refusé ma demande puis accepté les mêmes dates pour mon ami au nom « bien français ». Il a écrit « pas le genre de voyageurs que je veux ». C'est de la discrimination."),
        ("Annulé après avoir vu ma photo", "L'hôte a annulé {code} une heure après que j'ai ajouté ma photo de profil, en disant que le logement était « soudain indisponible ». Le calendrier est toujours ouvert."),
        ("Chien d'assistance refusé", "L'hôte a refusé l'entrée à cause de mon chien guide, alors que je l'avais prévenu. Je me suis retrouvé à la rue à {city}."),
    ],
    "trust.scam": [
        ("L'hôte demande un virement", "L'hôte de {listing} me demande d'annuler et de le payer directement par virement pour 20 % de réduction. Est-ce autorisé ? J'ai déjà envoyé un acompte."),
        ("Payé sur un faux site", "J'ai cliqué sur un lien envoyé par l'hôte et payé {amount} sur une page qui ressemblait à la vôtre. Ma réservation n'apparaît pas dans mon compte."),
        ("Voyageur qui veut payer hors plateforme", "Un voyageur insiste pour payer un long séjour en cryptomonnaie. Il m'a envoyé une « preuve de paiement » qui semble fausse."),
    ],
    "trust.fake_listing": [
        ("Le logement n'existe pas", "Nous sommes arrivés à l'adresse de {listing} à {city} : c'est une boutique vide. Le numéro de l'hôte n'est plus attribué. Nous avons payé {amount}."),
        ("Quelqu'un a copié mon annonce", "Quelqu'un a copié les photos de mon appartement à {city} et le propose sous un autre nom à moitié prix."),
        ("Annonce suspecte", "Les photos de cette annonce viennent d'un site d'hôtel et l'hôte demande tout de suite un contact WhatsApp. Je pense que c'est faux."),
    ],
    "trust.account_takeover": [
        ("Mes coordonnées de versement ont été modifiées", "J'ai reçu un e-mail indiquant que mon mode de versement a été modifié, ce n'est pas moi. Deux versements sont prévus cette semaine. Bloquez mon compte !"),
        ("Compte piraté", "Il y a deux réservations à {city} que je n'ai pas faites et mon adresse e-mail a été changée. Je ne peux plus me connecter."),
        ("Réinitialisation de mot de passe non demandée", "J'ai reçu des codes de réinitialisation toute la nuit puis une connexion depuis un autre pays. Mon compte est-il en sécurité ?"),
    ],
    "trust.identity_verification": [
        ("La vérification d'identité échoue", "J'ai envoyé mon passeport quatre fois, ça échoue toujours. Mon arrivée à {listing} est le {check_in}. Que dois-je faire ?"),
        ("Réservation bloquée par la vérification", "Ma demande {code} est bloquée tant que je ne vérifie pas mon identité, mais l'étape du selfie plante sur mon téléphone."),
        ("Pourquoi l'hôte veut mon passeport ?", "L'hôte me demande une copie de mon passeport par e-mail. Est-ce normal ? J'ai déjà fait la vérification dans l'application."),
    ],
    "account.login": [
        ("Impossible de me connecter", "Je n'arrive pas à me connecter, le code de vérification n'arrive jamais. J'ai changé de numéro le mois dernier."),
        ("Compte bloqué", "Mon compte est bloqué « pour raisons de sécurité ». Je pars à {city} la semaine prochaine et dois contacter mon hôte."),
        ("Deux comptes par erreur", "J'ai créé un second compte avec mon e-mail professionnel par erreur. Pouvez-vous les fusionner ? Ma réservation est sur l'ancien."),
    ],
    "account.profile": [
        ("Changer mon nom", "Comment changer le nom de mon profil ? Je me suis mariée et ma pièce d'identité ne correspond plus."),
        ("Photo de profil refusée", "Ma photo de profil est refusée à chaque fois sans explication. C'est une photo normale de moi."),
        ("Supprimer mon ancien numéro", "Merci de supprimer mon ancien numéro de téléphone de mon profil, je ne l'ai plus."),
    ],
    "account.review_dispute": [
        ("Commentaire injuste d'un voyageur", "Le voyageur de {code} m'a laissé une étoile en disant que c'était sale, après m'avoir écrit que tout était parfait. C'est une vengeance car j'ai signalé la lampe cassée. Peut-on le retirer ?"),
        ("Commentaire avec informations personnelles", "Un commentaire sur {listing} mentionne mon adresse complète et le prénom de ma fille. Merci de le supprimer."),
        ("Commentaire de l'hôte mensonger", "L'hôte a écrit que nous avions fait une fête. Nous étions deux et rentrions à 22 h chaque soir. Cela nuit à mon profil."),
    ],
    "premium.concierge": [
        ("Transfert aéroport et chef à domicile", "Bonjour, nous arrivons à {listing} le {check_in}. Pourriez-vous organiser un transfert privé depuis l'aéroport pour {guests} personnes et un chef pour un dîner le deuxième soir ?"),
        ("Arrivée anticipée et équipement bébé", "Nous arrivons à 8 h le {check_in}. Serait-il possible d'entrer plus tôt à {listing}, avec un lit bébé et une chaise haute ?"),
        ("Réservation de restaurant", "La conciergerie pourrait-elle réserver une table pour {guests} dans un bon restaurant de poisson à {city} pour notre anniversaire de mariage, et des fleurs dans la villa ?"),
    ],
    "premium.vip_complaint": [
        ("Expérience inacceptable à {listing}", "Pour un séjour à {amount}, j'attends mieux : le chauffage de la piscine ne marche pas, le ménage promis n'est pas venu et personne ne répond à la ligne conciergerie. Je veux parler à un responsable."),
        ("Villa pas prête à notre arrivée", "À notre arrivée le ménage était encore en cours, les lits n'étaient pas faits et nous avons attendu 2 heures dans le jardin avec nos enfants. C'est un séjour de luxe."),
        ("Travaux à côté de la villa", "Des travaux ont lieu à côté dès 7 h. Personne ne nous a prévenus. Nous avons réservé {listing} pour des vacances au calme et payé {amount}."),
    ],
}

FOLLOW_UPS = {
    "reservation": [
        "Des nouvelles ? Nous attendons toujours et il se fait tard.",
        "J'ai ajouté des photos. Dites-moi ce qui se passe ensuite.",
        "L'hôte vient de répondre mais rien n'est réglé. Pouvez-vous intervenir ?",
    ],
    "payments": [
        "Bonjour, je ne vois toujours rien sur mon compte. Pouvez-vous me donner une référence ?",
        "Ma banque demande une confirmation de votre part. Pouvez-vous l'envoyer ?",
        "Cela fait 5 jours depuis mon dernier message. Merci de me tenir informé.",
    ],
    "damage": [
        "Voici les factures et les photos avant et après le séjour.",
        "Le voyageur nie toujours. Combien de temps prend la réclamation ?",
    ],
    "safety": [
        "Nous sommes en sécurité chez des amis. Que va-t-il se passer pour l'hôte ?",
        "La police m'a donné un numéro de plainte. En avez-vous besoin ?",
        "Appelez-moi s'il vous plaît, je ne veux pas tout réécrire.",
    ],
    "trust": [
        "J'ai changé mon mot de passe. Dois-je faire autre chose ?",
        "Ma banque a ouvert un dossier de fraude, elle a besoin d'un courrier de votre part.",
    ],
    "account": [
        "J'ai réessayé, ça ne marche toujours pas.",
        "Merci, ça a fonctionné ! Juste une autre question.",
    ],
    "premium": [
        "Avez-vous une confirmation ? Nous devons organiser notre première soirée.",
        "Je n'ai eu aucune réponse. C'est décevant pour ce niveau de service.",
    ],
}

OTHER_SIDE = {
    "reservation": [
        "Bonjour, je suis l'hôte. Les voyageurs sont arrivés bien plus tard que prévu et j'étais déjà parti. J'ai envoyé le code deux fois.",
        "Je suis l'hôte de ce logement. Les photos sont fidèles, les voyageurs exagèrent. Je suis prêt à en discuter.",
    ],
    "payments": [
        "Bonjour, c'est l'hôte. J'accepte le remboursement partiel, merci de le traiter.",
    ],
    "damage": [
        "Je suis le voyageur. La télévision était déjà fissurée à notre arrivée, je l'ai signalé dès le premier jour.",
        "Voyageuse ici. Désolée pour la tache de vin, nous voulons bien payer le nettoyage mais pas un canapé neuf.",
    ],
    "safety": [
        "Je suis l'hôte. Je n'aurais jamais fait une chose pareille. Le voyageur invente pour obtenir un remboursement.",
    ],
    "premium": [
        "Ici le gestionnaire de la villa. Notre gouvernante et un technicien sont passés ce matin.",
    ],
}

FIRST_REPLIES = {
    "reservation": [
        "Bonjour {name}, je m'appelle {agent} et je m'occupe de votre dossier. Je contacte votre hôte et reviens vers vous dans l'heure avec des solutions, y compris un relogement si nécessaire.",
        "Bonjour {name}, merci pour ces précisions. Pourriez-vous nous envoyer quelques photos ? Cela nous permettra d'agir tout de suite sur la réservation {code}.",
        "Bonjour {name}, je comprends que la situation soit stressante. J'ai contacté {other} et je cherche déjà des alternatives à {city}.",
    ],
    "payments": [
        "Bonjour {name}, j'ai consulté la réservation {code} et je vérifie la transaction avec notre équipe paiements. Je reviens vers vous sous 24 h.",
        "Bonjour {name}, je vois bien le paiement de {amount}. Pouvez-vous me confirmer les 4 derniers chiffres de la carte utilisée ?",
    ],
    "damage": [
        "Bonjour {name}, merci pour votre signalement. Ajoutez des photos des dégâts et les devis ; nous contacterons ensuite le voyageur, qui aura 72 heures pour répondre.",
        "Bonjour {name}, j'ai ouvert une réclamation pour la réservation {code} et demandé sa version à {other}.",
    ],
    "safety": [
        "{name}, je suis {agent} de l'équipe sécurité. Votre sécurité passe avant tout : en cas de danger, appelez le 112. Je vous appelle tout de suite.",
        "Bonjour {name}, merci de nous avoir prévenus. Nous avons bloqué les nouvelles réservations sur ce logement et nous allons vous trouver un endroit sûr.",
    ],
    "trust": [
        "Bonjour {name}, j'ai sécurisé votre compte : les sessions actives sont fermées et les versements suspendus. Réinitialisez votre mot de passe via le lien envoyé par e-mail.",
        "Bonjour {name}, merci du signalement. Ne payez jamais en dehors de la plateforme : nous ne pouvons pas protéger ces paiements. J'examine l'annonce.",
    ],
    "account": [
        "Bonjour {name}, je vous ai envoyé un lien de vérification par e-mail ; vous pourrez ensuite modifier votre numéro.",
        "Bonjour {name}, j'ai débloqué votre compte. Reconnectez-vous et dites-moi si quelque chose ne fonctionne pas.",
    ],
    "premium": [
        "Chère/Cher {name}, je suis {agent}, votre concierge dédié. Je m'en occupe et vous confirme chaque détail aujourd'hui.",
        "Chère/Cher {name}, toutes mes excuses. J'ai contacté le gestionnaire de la villa, une équipe est en route ; je vous rappelle ce soir.",
    ],
}

RESOLUTIONS = {
    "reservation": [
        "Bonjour {name}, j'ai effectué un remboursement de {amount} pour la réservation {code} ; il apparaîtra sous 5 à 10 jours ouvrés. Encore désolé pour ce désagrément.",
        "Bonjour {name}, c'est réglé : nous vous avons relogés dans un logement équivalent et pris en charge la différence. Bon séjour à {city} !",
    ],
    "payments": [
        "Bonjour {name}, la transaction a été corrigée. Vous trouverez la référence dans votre compte, rubrique Paiements.",
        "Bonjour {name}, les fonds ont été libérés aujourd'hui ; comptez 3 à 5 jours ouvrés selon votre banque.",
    ],
    "damage": [
        "Bonjour {name}, après examen des justificatifs nous avons accepté un remboursement de {amount}, versé avec votre prochain paiement.",
        "Bonjour {name}, après examen des deux versions nous ne pouvons pas confirmer que les dégâts datent de ce séjour. Je comprends votre déception.",
    ],
    "safety": [
        "{name}, merci d'avoir eu le courage de nous alerter. Le compte concerné a été retiré de la plateforme et vous avez été intégralement remboursé(e).",
    ],
    "trust": [
        "Bonjour {name}, votre compte est de nouveau sécurisé et les modifications frauduleuses ont été annulées. Activez la vérification en deux étapes.",
    ],
    "account": [
        "Bonjour {name}, c'est fait. N'hésitez pas si vous avez besoin d'autre chose.",
        "Bonjour {name}, le commentaire a été retiré car il enfreint notre politique de contenu.",
    ],
    "premium": [
        "Chère/Cher {name}, tout est confirmé, vous trouverez les détails dans votre itinéraire. Excellent séjour !",
        "Chère/Cher {name}, à titre de geste commercial nous avons remboursé deux nuits et ajouté un crédit pour votre prochain séjour.",
    ],
}

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def format_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def format_amount(value, currency: str) -> str:
    symbol = {"EUR": "€", "USD": "$ US", "GBP": "£", "MXN": "MXN"}.get(currency, currency)
    text = f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text} {symbol}"


FIRST_REPLIES.update({
    "account.login": FIRST_REPLIES["account"][:2],
    "account.profile": [
        "Bonjour {name}, c'est modifié sur votre profil ; cela peut prendre quelques minutes dans l'application.",
        "Bonjour {name}, la photo doit montrer clairement votre visage, sans lunettes de soleil ni filtre. Pouvez-vous en essayer une autre ?",
    ],
    "account.review_dispute": [
        "Bonjour {name}, j'examine le commentaire au regard de notre politique et reviens vers vous rapidement.",
        "Bonjour {name}, je comprends l'importance des commentaires. Notre équipe contenu le vérifie ; réponse sous 48 heures.",
    ],
    "trust.account_takeover": [FIRST_REPLIES["trust"][0]],
    "trust.scam": [FIRST_REPLIES["trust"][1]],
    "trust.fake_listing": ["Bonjour {name}, merci du signalement. J'ai suspendu l'annonce le temps de l'enquête."],
    "trust.identity_verification": [
        "Bonjour {name}, réessayez avec un bon éclairage et le document entier visible ; en cas d'échec, je vous vérifierai manuellement.",
        "Bonjour {name}, un hôte ne doit jamais demander de pièce d'identité par e-mail. Ne l'envoyez pas ; la vérification dans l'application suffit.",
    ],
    "premium.concierge": [FIRST_REPLIES["premium"][0]],
    "premium.vip_complaint": [FIRST_REPLIES["premium"][1]],
})
RESOLUTIONS.update({
    "account.login": ["Bonjour {name}, votre numéro est à jour et vous pouvez de nouveau vous connecter."],
    "account.profile": [RESOLUTIONS["account"][0]],
    "account.review_dispute": RESOLUTIONS["account"][1:],
    "premium.concierge": [RESOLUTIONS["premium"][0]],
    "premium.vip_complaint": [RESOLUTIONS["premium"][1]],
})
