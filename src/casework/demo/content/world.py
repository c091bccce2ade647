"""The demo world: teams, agents, people, places and the internal wording agents use.

Everything here is invented. E-mail addresses use the reserved ``example.*`` domains; phone numbers
are well-formed E.164 numbers in fictional ranges where a country has one.
"""

# slug, name, description, scope
TEAMS = [
    ("intake", "Tier 1 Intake", "Every new contact lands here first: triage, quick answers, account questions.",
     {"case_types": ["account"], "languages": ["en", "fr", "es"], "default": True}),
    ("reservations", "Reservations", "Cancellations, check-in, listings not as described, relocations.",
     {"case_types": ["reservation"], "languages": ["en"], "segments": ["standard"]}),
    ("payments", "Payments & Claims", "Refunds, payouts, charge disputes, deposits, damage claims.",
     {"case_types": ["payments", "damage"], "languages": ["en"]}),
    ("safety", "Trust & Safety", "Safety-critical reports; safety-restricted work by safety specialists only.",
     {"case_types": ["safety"], "languages": ["en", "fr", "es"], "confidentiality": ["safety_restricted"]}),
    ("trust", "Fraud & Account Integrity", "Scams, fake listings, account takeover, identity verification.",
     {"case_types": ["trust"], "languages": ["en", "fr", "es"]}),
    ("premium", "Premium & Luxury", "Concierge requests and every problem on premium and luxury stays.",
     {"case_types": ["premium"], "segments": ["premium", "luxury"], "languages": ["en", "fr", "es"]}),
    ("fr-es", "French & Spanish Desk", "Reservation, payment, claim and account cases in French and Spanish.",
     {"case_types": ["reservation", "payments", "damage", "account"], "languages": ["fr", "es"]}),
]

# username, display name, role, teams, languages, skills, capacity, time zone
AGENTS = [
    ("admin", "Alex Morgan", "admin", ["intake", "reservations", "payments", "safety", "trust", "premium", "fr-es"],
     ["en", "fr", "es"], ["administration", "escalations"], 10, "Europe/London"),
    ("senior", "Sam Rivera", "senior_associate", ["intake", "reservations", "payments", "premium"],
     ["en", "es"], ["rebooking", "refunds", "premium", "escalations"], 18, "Europe/Lisbon"),
    ("associate", "Priya Shah", "associate", ["intake"], ["en"], ["triage", "account access"], 15, "Europe/London"),
    ("tom", "Tom Becker", "associate", ["intake"], ["en"], ["triage", "payments"], 15, "America/New_York"),
    ("lea", "Léa Martin", "associate", ["intake", "fr-es"], ["fr", "en"], ["triage", "rebooking"], 14, "Europe/Paris"),
    ("jordan", "Jordan Lee", "associate", ["reservations"], ["en"], ["rebooking", "check-in"], 14, "America/New_York"),
    ("chloe", "Chloé Bernard", "associate", ["reservations", "fr-es"], ["fr", "en"], ["rebooking"], 14, "Europe/Paris"),
    ("daniel", "Daniel Okafor", "associate", ["payments"], ["en"], ["refunds", "payouts", "claims"], 15, "Europe/London"),
    ("lucia", "Lucía Fernández", "associate", ["payments", "fr-es"], ["es", "en"], ["refunds", "claims"], 14,
     "Europe/Madrid"),
    ("camille", "Camille Roux", "senior_associate", ["fr-es", "reservations"], ["fr", "es", "en"],
     ["rebooking", "claims", "escalations"], 16, "Europe/Paris"),
    ("diego", "Diego Herrera", "associate", ["fr-es"], ["es", "en"], ["payouts", "rebooking"], 14,
     "America/Mexico_City"),
    ("marta", "Marta Gómez", "associate", ["fr-es"], ["es"], ["refunds"], 12, "Europe/Madrid"),
    ("safety", "Nadia Haddad", "safety_specialist", ["safety"], ["en", "fr"],
     ["crisis response", "law enforcement liaison"], 8, "Europe/Paris"),
    ("ines", "Inés Navarro", "safety_specialist", ["safety"], ["es", "en"], ["crisis response", "wellbeing"], 8,
     "Europe/Madrid"),
    ("ben", "Ben Carter", "safety_specialist", ["safety"], ["en"], ["crisis response", "investigations"], 8,
     "America/New_York"),
    ("yuki", "Yuki Tanaka", "associate", ["trust"], ["en"], ["fraud", "identity"], 12, "Europe/London"),
    ("hugo", "Hugo Lefebvre", "senior_associate", ["trust"], ["fr", "en", "es"], ["fraud", "account security"], 14,
     "Europe/Paris"),
    ("isabel", "Isabel Castillo", "senior_associate", ["premium"], ["es", "en", "fr"], ["concierge", "vip"], 10,
     "Europe/Madrid"),
    ("olivia", "Olivia Grant", "associate", ["premium"], ["en", "fr"], ["concierge"], 10, "Europe/London"),
    ("qa", "Rachel Stein", "qa_reviewer", ["intake"], ["en", "fr"], ["quality", "wellbeing review"], 0,
     "Europe/London"),
    ("manager", "Marie Dubois", "manager", ["intake", "reservations", "payments", "trust", "premium", "fr-es"],
     ["fr", "en"], ["workforce", "escalations"], 6, "Europe/Paris"),
    ("stakeholder", "Victoria Hale", "stakeholder", ["premium", "intake"], ["en"], ["executive briefs"], 0,
     "Europe/London"),
]

FIRST_NAMES = {
    "en": ["Emma", "Oliver", "Sophie", "James", "Grace", "Henry", "Chloe", "Jack", "Amelia", "Liam", "Ava",
           "Noah", "Hannah", "Ethan", "Mia", "Lucas", "Emily", "Ryan", "Zoe", "Nathan", "Ruby", "Aisha",
           "Marcus", "Megan", "Kwame", "Isla", "Connor", "Layla"],
    "fr": ["Camille", "Louis", "Manon", "Hugo", "Chloé", "Jules", "Inès", "Arthur", "Léa", "Gabriel", "Sarah",
           "Mathis", "Juliette", "Théo", "Clémence", "Nicolas", "Amandine", "Yanis", "Océane", "Karim",
           "Élodie", "Baptiste"],
    "es": ["Lucía", "Mateo", "Sofía", "Javier", "Carmen", "Diego", "Valentina", "Alejandro", "Paula",
           "Santiago", "Martina", "Pablo", "Ximena", "Andrés", "Elena", "Rodrigo", "Guadalupe", "Iker",
           "Daniela", "Emiliano", "Nerea", "Fernando"],
}
LAST_NAMES = {
    "en": ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Davies", "Evans", "Walker", "Wright", "Thompson",
           "Robinson", "Clarke", "Hughes", "Mensah", "Patel", "O'Brien", "Murphy", "Campbell", "Miller",
           "Anderson", "Baker", "Kim"],
    "fr": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Mercier",
           "Benali", "Rousseau", "Faure"],
    "es": ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
           "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro",
           "Torres", "Ramírez", "Castillo", "Vargas"],
}
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]

# Phone prefixes per country: (country calling code, national pattern). '#' is a random digit.
PHONE_FORMATS = {
    "FR": ["+33 6 ## ## ## ##", "+33 7 ## ## ## ##"], "ES": ["+34 6## ### ###"], "MX": ["+52 55 #### ####"],
    "US": ["+1 212 555 01##", "+1 646 555 01##", "+1 415 555 01##", "+1 305 555 01##"],
    "GB": ["+44 7700 900###"], "PT": ["+351 91# ### ###"], "CA": ["+1 514 555 01##", "+1 416 555 01##"],
}
LANGUAGE_COUNTRIES = {"en": ["GB", "US", "US", "CA"], "fr": ["FR", "FR", "FR", "CA"], "es": ["ES", "ES", "MX"]}

# city, country, time zone, currency, standard nightly range, host language, listing titles by segment
CITIES = [
    ("Paris", "FR", "Europe/Paris", "EUR", (95, 190), "fr", {
        "standard": ["Cosy studio near Canal Saint-Martin", "Bright flat in the Marais", "Montmartre attic with view"],
        "premium": ["Haussmann apartment with balcony, 8th", "Designer loft by the Seine"],
        "luxury": ["Penthouse with Eiffel Tower terrace"]}),
    ("Lyon", "FR", "Europe/Paris", "EUR", (70, 140), "fr", {
        "standard": ["Canut loft in Croix-Rousse", "Studio near Bellecour"],
        "premium": ["Renaissance apartment in Vieux Lyon"], "luxury": []}),
    ("Nice", "FR", "Europe/Paris", "EUR", (85, 170), "fr", {
        "standard": ["Old Town flat near Cours Saleya", "Seaside studio on the Promenade"],
        "premium": ["Belle Époque apartment, sea view"], "luxury": ["Villa with infinity pool, Cap Ferrat"]}),
    ("Barcelona", "ES", "Europe/Madrid", "EUR", (90, 180), "es", {
        "standard": ["Gràcia flat with patio", "Loft in El Born"],
        "premium": ["Modernist apartment on Passeig de Gràcia"], "luxury": ["Sea-view villa in Sitges hills"]}),
    ("Madrid", "ES", "Europe/Madrid", "EUR", (75, 150), "es", {
        "standard": ["Malasaña apartment", "Studio near Retiro Park"],
        "premium": ["Salamanca district apartment with terrace"], "luxury": []}),
    ("Seville", "ES", "Europe/Madrid", "EUR", (70, 140), "es", {
        "standard": ["Patio house in Triana", "Flat near the Cathedral"],
        "premium": ["Rooftop apartment with plunge pool"], "luxury": []}),
    ("Marbella", "ES", "Europe/Madrid", "EUR", (120, 220), "es", {
        "standard": ["Beach apartment in Old Town"], "premium": ["Golf-view townhouse"],
        "luxury": ["Villa with private pool, Golden Mile"]}),
    ("Mexico City", "MX", "America/Mexico_City", "MXN", (1400, 2900), "es", {
        "standard": ["Roma Norte loft", "Condesa apartment with balcony"],
        "premium": ["Polanco penthouse"], "luxury": []}),
    ("Tulum", "MX", "America/Cancun", "MXN", (2200, 4200), "es", {
        "standard": ["Jungle cabana near the ruins"], "premium": ["Eco-chic suite with plunge pool"],
        "luxury": ["Beachfront villa with staff"]}),
    ("New York", "US", "America/New_York", "USD", (140, 290), "en", {
        "standard": ["Brooklyn brownstone room", "East Village walk-up"],
        "premium": ["Tribeca loft"], "luxury": ["Central Park South penthouse"]}),
    ("Miami", "US", "America/New_York", "USD", (130, 260), "en", {
        "standard": ["Wynwood studio"], "premium": ["Brickell high-rise condo"],
        "luxury": ["Waterfront villa with dock"]}),
    ("Lisbon", "PT", "Europe/Lisbon", "EUR", (70, 140), "en", {
        "standard": ["Alfama flat with river view", "Bairro Alto studio"],
        "premium": ["Chiado apartment with balcony"], "luxury": []}),
    ("London", "GB", "Europe/London", "GBP", (110, 230), "en", {
        "standard": ["Shoreditch flat", "Notting Hill mews room"],
        "premium": ["Kensington townhouse apartment"], "luxury": ["Mayfair penthouse"]}),
]
SEGMENT_MULTIPLIER = {"standard": 1, "premium": 2.6, "luxury": 9}

# Who writes first, per template index (same order in every language); default "guest".
REPORTERS = {
    "payments.payout": ["host"] * 4,
    "damage.property_damage": ["host"] * 4, "damage.missing_items": ["host"] * 4,
    "damage.extra_cleaning": ["host"] * 4,
    "safety.violence_threat": ["guest", "host", "host"],
    "safety.sexual_misconduct": ["guest", "guest", "host"],
    "safety.unauthorised_party": ["host"] * 3,
    "safety.minor_safety": ["guest", "host", "guest"],
    "safety.self_harm": ["host"] * 3,
    "trust.scam": ["guest", "guest", "host"],
    "trust.fake_listing": ["guest", "host", "guest"],
    "trust.account_takeover": ["host", "guest", "guest"],
    "account.profile": ["guest", "guest", "host"],
    "account.review_dispute": ["host", "host", "guest"],
}
WITHOUT_RESERVATION = {"account.login", "account.profile", "trust.account_takeover"}

# How often each case type appears (relative weights).
TYPE_WEIGHTS = {
    "reservation.host_cancellation": 7, "reservation.guest_cancellation": 5, "reservation.date_change": 3,
    "reservation.check_in": 7, "reservation.not_as_described": 8, "reservation.cleanliness": 5,
    "reservation.missing_amenities": 5, "reservation.relocation": 3,
    "payments.refund": 8, "payments.payout": 5, "payments.charge_dispute": 3, "payments.security_deposit": 3,
    "payments.fees_currency": 2,
    "damage.property_damage": 5, "damage.missing_items": 2, "damage.extra_cleaning": 2,
    "safety.violence_threat": 1.2, "safety.sexual_misconduct": 0.8, "safety.emergency": 1.2,
    "safety.hidden_devices": 1.5, "safety.unauthorised_party": 2, "safety.minor_safety": 0.7,
    "safety.self_harm": 0.5, "safety.discrimination": 2,
    "trust.scam": 2.5, "trust.fake_listing": 1.5, "trust.account_takeover": 2, "trust.identity_verification": 2,
    "account.login": 4, "account.profile": 2, "account.review_dispute": 3,
    "premium.concierge": 4, "premium.vip_complaint": 3,
}

CHANNEL_WEIGHTS = {
    "default": {"email": 22, "chat": 18, "messaging": 18, "sms": 7, "voice": 7, "whatsapp": 13, "messenger": 5,
                "social": 4, "api": 6},
    "safety": {"email": 6, "chat": 20, "messaging": 14, "sms": 10, "voice": 30, "whatsapp": 14, "messenger": 2,
               "social": 2, "api": 2},
    "premium": {"email": 35, "chat": 10, "messaging": 10, "voice": 20, "whatsapp": 25},
}

# Final status of a case's story (relative weights).
STATUS_WEIGHTS = {"new": 9, "open": 28, "pending_customer": 17, "pending_internal": 8, "on_hold": 5,
                  "resolved": 21, "closed": 12}

# Internal wording (agents write internal notes in English).
HANDOFFS = {
    "reservations": [
        "Guest needs rebooking support, host not responding. Please take over reservation {code}.",
        "Listing complaint with photos attached. Needs a decision on partial refund vs relocation.",
        "Check-in failure, guests on site. Please call the host and find a fallback for tonight.",
    ],
    "payments": [
        "Refund / payout question on {code}. I've checked the reservation, needs a payments specialist.",
        "Money question with evidence attached; amount at stake {amount}. Please review.",
        "Claim opened by the host with photos and quotes. Please contact the guest for their side.",
    ],
    "safety": [
        "ESCALATION: possible {type_name}. Reporter is {name}; asked them to call local emergency services if in danger.",
        "Safety report, reporter distressed. Listing should be blocked pending review. Please call {name} now.",
        "Escalating to T&S: {type_name} reported on reservation {code}. No further action taken by intake.",
    ],
    "trust": [
        "Possible fraud ({type_name}). Customer advised not to pay off-platform. Please investigate.",
        "Account security concern, customer verified by e-mail. Payouts may need to be frozen.",
    ],
    "premium": [
        "{segment} stay at {listing}, guest expects white-glove handling. Please take over.",
        "Concierge request for {name}, arrival {check_in}. Please confirm details with the guest.",
    ],
    "fr-es": [
        "{lang_name}-speaking customer, routing to the FR/ES desk. Summary: {type_name} on {code}.",
        "Customer writes in {lang_name}; needs a native speaker. Type already set.",
    ],
    "intake": ["Back to intake for a general answer; no specialist action needed."],
}
NOTES = {
    "reservation": [
        "Called the host twice, no answer. Left a voicemail and a message in the thread.",
        "Checked similar listings within 1 km: 3 available tonight at comparable price.",
        "Host admits the problem. Proposing 30% partial refund, guest to confirm.",
        "Photos confirm the guest's description. Eligible under the rebooking policy.",
    ],
    "payments": [
        "Ledger shows the refund was initiated; bank reference pending from the PSP.",
        "Payout held by risk check on the new bank account. Needs verification before release.",
        "Duplicate authorisation, not a duplicate capture; will drop off in 3-5 days.",
    ],
    "damage": [
        "Quotes look reasonable. Guest has 72 hours to respond before we decide.",
        "Check-in photos from the guest show the stain was there before. Leaning towards declining.",
        "Host has two prior claims this year, both approved. Nothing unusual.",
    ],
    "safety": [
        "Spoke to the reporter by phone; they are safe now. Police report number requested.",
        "Listing blocked from new bookings pending investigation. Host account flagged.",
        "Welfare check requested from local services. Following up in 1 hour.",
        "Evidence received (screenshots). Stored in the case, marked sensitive.",
    ],
    "trust": [
        "Login history shows access from a new device and country 2 days ago. Sessions revoked.",
        "Listing photos match a hotel website (reverse image search). Listing suspended.",
        "Payment link domain is a known phishing domain. Reported to security.",
    ],
    "account": [
        "Identity confirmed via e-mail link. Phone number updated.",
        "Review checked against policy: contains personal data, removal justified.",
    ],
    "premium": [
        "Villa manager confirmed housekeeping at 10:00 and pool technician at 14:00.",
        "Offered two nights refund as a gesture; approved by the team lead.",
        "Transfer booked with our partner, driver details sent to the guest.",
    ],
}
QA_NOTES = [
    "QA review: good empathy and clear next steps. Score 4/5.",
    "QA review: resolution correct, but the first reply took too long for the severity. Score 3/5.",
    "QA review: refund amount not stated in the final reply. Coaching point for the agent.",
]
HOLD_REASONS = {
    "safety": ["Waiting for the police report number.", "Waiting for the reporter to be ready to talk."],
    "damage": ["Waiting for the host's repair quote.", "Waiting for the guest's response (72 hours)."],
    "default": ["Waiting for the host to confirm the repair date.", "Waiting for the bank's response."],
}
PENDING_INTERNAL_REASONS = [
    "Waiting for the payments team to confirm the refund.",
    "Waiting for a decision from the team lead on the goodwill amount.",
    "Waiting for the risk team to release the payout hold.",
]
SEVERITY_REASONS = {
    "segment": "Luxury/premium stay: severity raised per policy.",
    "check_in": "Check-in within 24 hours and guests without a place to stay.",
    "value": "High-value reservation.",
    "risk": "Reporter describes immediate danger.",
    "low": "Information / account question: low severity per policy.",
}
TAGS = {
    "reservation": ["rebooking", "goodwill", "host-unresponsive", "partial-refund"],
    "payments": ["refund", "payout-hold", "psp-reference"],
    "damage": ["claim", "evidence-received"],
    "safety": ["police-report", "listing-blocked", "welfare-check"],
    "trust": ["phishing", "sessions-revoked", "listing-suspended"],
    "account": ["self-service"],
    "premium": ["vip", "gesture"],
}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}
