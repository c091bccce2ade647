"""English demo texts. Placeholders: {name} (the writer's first name), {other} (the other party's
first name), {listing}, {city}, {check_in}, {check_out}, {code}, {amount}, {guests}, {agent}."""

# slug -> [(subject, body)] : the first message of a case, written by the reporter.
OPENINGS = {
    "reservation.host_cancellation": [
        ("Host cancelled on the day we arrive", "Hi, we just landed in {city} and {other} cancelled our booking {code} at {listing} an hour ago. We are {guests} people with luggage and nowhere to sleep tonight. Please help us find something, this is a nightmare."),
        ("My reservation was cancelled by the host", "Hello, I received an email saying my stay at {listing} ({check_in} to {check_out}) was cancelled by the host. No explanation. I booked this months ago for a family wedding. What are my options? Reservation {code}."),
        ("Cancellation {code} - need a refund and a new place", "Our host {other} messaged us that the apartment is 'no longer available' for {check_in}. We paid {amount}. I want the full refund and help rebooking something similar in {city}."),
        ("Host asked me to cancel myself??", "The host of {listing} is asking me to cancel reservation {code} myself so that he doesn't get a penalty. He says he has a problem with the flat. I don't want to lose my money. What should I do?"),
    ],
    "reservation.guest_cancellation": [
        ("Need to cancel - medical emergency", "Hello, I have to cancel my stay at {listing} ({check_in}) because my father was admitted to hospital. I can send the hospital letter. The policy says I only get 50% back of {amount}. Is there any exception for this?"),
        ("Cancelled but no refund shown", "I cancelled reservation {code} nine days before check-in, which should be a full refund under the flexible policy, but my booking page shows a refund of 0. Can you check?"),
        ("Flight cancelled, can't make it to {city}", "Our flight to {city} was cancelled by the airline and the next one is two days later. I'd like to cancel the first two nights of {code} or the whole booking. The host {other} isn't answering."),
    ],
    "reservation.date_change": [
        ("Change dates for {code}", "Hi, could we move our stay at {listing} by one day, arriving {check_in} plus one? The host agreed in messages but the change request button gives an error."),
        ("Host declined my date change", "I asked to shorten my stay by two nights and {other} declined without a reason. I will not be in {city} those nights anyway. Can you help with a partial refund?"),
        ("Extend my stay", "We are at {listing} and would like to extend until after {check_out}. The calendar shows available but the price jumped. Can you check whether that's right?"),
    ],
    "reservation.check_in": [
        ("Can't get in - lockbox code wrong", "We're standing outside {listing} in {city}. The lockbox code {other} sent doesn't work and the host isn't picking up. It's getting late and we have two kids with us. Booking {code}."),
        ("No keys at the reception", "The host said the keys would be at the café downstairs but they know nothing about it. We've been waiting for over an hour. Reservation {code}."),
        ("Smart lock not working", "The smart lock at {listing} shows a red light and won't open with the app code. Battery issue maybe? We arrived at 23:00 and can't reach anyone."),
        ("Wrong address on the listing", "The address in the check-in instructions leads to an office building, not {listing}. The host is not responding. What do we do?"),
    ],
    "reservation.not_as_described": [
        ("Apartment nothing like the photos", "The apartment at {listing} looks nothing like the photos. There's only one bedroom instead of two, the 'balcony' is a window ledge, and there is construction noise from 7am. We are {guests} guests. I want to leave and get a refund."),
        ("No sea view, no pool", "We booked {listing} for the sea view and the pool. The view is of a parking lot and the pool is closed for renovation, which was not mentioned anywhere. Reservation {code}."),
        ("Listing says 4 beds - there are 2", "The listing says four beds but there are two beds and a broken sofa. My parents are sleeping on the floor. Please help."),
        ("Not the flat we booked", "The host moved us to a different flat in another building, smaller and on the 6th floor without a lift. This is not what I paid {amount} for."),
    ],
    "reservation.cleanliness": [
        ("Dirty apartment on arrival", "We just arrived at {listing}. Hair in the bathroom, dirty sheets, old food in the fridge and the floor is sticky. We can't stay like this. Booking {code}."),
        ("Bed bugs", "I woke up with bites all over my arms and found bugs in the mattress seams at {listing}. I have photos. I want to leave today."),
        ("Mould in the bathroom", "There is black mould in the shower and the bedroom smells of damp. My daughter has asthma. We need another place."),
    ],
    "reservation.missing_amenities": [
        ("No hot water", "There has been no hot water at {listing} since we arrived yesterday. The host {other} said a plumber will come 'maybe tomorrow'. Reservation {code}."),
        ("Wifi doesn't work - I work remotely", "I booked {listing} because it advertised fast wifi for work. The router is dead and the host says it will be fixed next week. I have client calls every day."),
        ("No heating / AC", "It's freezing in the flat, the heating doesn't work and there is only one small electric heater. The listing says central heating."),
        ("Kitchen missing basics", "The listing shows a full kitchen but there is no oven, no pans and the fridge doesn't close. We are {guests} people for a week."),
    ],
    "reservation.relocation": [
        ("Need to be relocated tonight", "The ceiling in the bathroom of {listing} collapsed after a leak upstairs. The host agrees we can't stay. We need a new place in {city} tonight for {guests} people."),
        ("Rebooking help after cancellation", "Our host cancelled and we found another place, but it's {amount} more expensive. Will you cover the difference as your rebooking policy says?"),
        ("Relocation offered is too far", "Support offered to move us to a flat 40 minutes away from the centre of {city}. We booked central because my mother can't walk far. Can you find something closer?"),
    ],
    "payments.refund": [
        ("Where is my refund?", "You confirmed a refund of {amount} for {code} two weeks ago and I still don't see it on my card. Can you send me the reference?"),
        ("Refund for the nights I couldn't stay", "We left {listing} after the first night because of the problems I reported. I'm asking for a refund for the remaining nights."),
        ("Partial refund too small", "I was offered a refund of 10% after the hot water was broken for 4 days of our 5-night stay. That's not fair. I'd like at least half back."),
        ("Refund went to an old card", "The refund for {code} was sent to a card I cancelled last month. How do I get the money?"),
    ],
    "payments.payout": [
        ("Payout missing for {code}", "Hi, my guests checked out of {listing} on {check_out} and I still haven't received the payout of {amount}. Usually it arrives after 24 hours. Can you check?"),
        ("Payouts on hold?", "All my payouts since last week say 'on hold'. I have 3 listings in {city} and bills to pay. Nobody told me why."),
        ("Wrong payout amount", "The payout for reservation {code} is much lower than expected. The guest paid {amount} but I received less than half."),
    ],
    "payments.charge_dispute": [
        ("Charged twice", "My card was charged twice for reservation {code}, both for {amount}. Please refund the duplicate charge."),
        ("Unknown charge on my card", "I see a charge from you on my card that I don't recognise. I never booked anything in {city}. Is my account compromised?"),
        ("Charged after cancelling", "I cancelled within 48 hours of booking, which should be free, but I was still charged {amount}."),
    ],
    "payments.security_deposit": [
        ("Deposit not released", "We checked out of {listing} on {check_out} and left it spotless but the deposit is still held on my card. When will it be released?"),
        ("Host wants to keep my deposit", "{other} says she'll keep my whole deposit for a 'stain on the sofa' that was already there when we arrived. I have photos from check-in."),
        ("Deposit amount higher than shown", "The deposit taken for {code} is higher than what the listing showed. Why?"),
    ],
    "payments.fees_currency": [
        ("Charged in the wrong currency", "The listing showed the price in my currency but I was charged in another one and my bank added conversion fees. Total is way more than {amount}."),
        ("Service fee not explained", "Can someone explain the service fee on {code}? It's almost 18% of the stay and it wasn't clear when I booked."),
        ("Cleaning fee added after booking", "The host added a cleaning fee after I booked {listing}. I never agreed to this."),
    ],
    "damage.property_damage": [
        ("Guests damaged my apartment", "My guests at {listing} ({code}) left yesterday. The TV is cracked, there's a burn mark on the dining table and a broken window handle. I have photos and quotes, around {amount} total."),
        ("Red wine on a white sofa", "The guests spilled red wine on the white sofa and tried to hide it under a blanket. Professional cleaning failed, I need to replace the cover."),
        ("Water damage caused by guest", "The guest left the bathtub running and water went through to the flat below. My neighbour wants me to pay for his ceiling."),
        ("Broken door and furniture after stay", "After reservation {code} the bedroom door is off its hinges and two chairs are broken. The guest denies everything."),
    ],
    "damage.missing_items": [
        ("Items missing after checkout", "After the last guests of {listing} checked out, the hair dryer, two towels sets and the Bluetooth speaker are gone. Reservation {code}."),
        ("Guest took the keys", "My guest left with both sets of keys and the building fob. Changing the lock costs a lot. He doesn't answer."),
        ("Artwork missing", "A small framed print from the living room of {listing} is missing after the stay. It was a gift, worth about {amount}."),
    ],
    "damage.extra_cleaning": [
        ("Extra cleaning needed after party", "Guests from {code} left the apartment in a terrible state: rubbish everywhere, sticky floors, vomit in the bathroom. My cleaner needed 6 extra hours."),
        ("Smoking in a non-smoking flat", "The guests smoked inside {listing} even though the house rules say no smoking. The curtains and sofa smell. I need deep cleaning."),
        ("Pet hair everywhere", "The guest brought a dog without telling me. There's hair everywhere and the cleaner had to come twice."),
    ],
    "safety.violence_threat": [
        ("Host threatened me", "The host of {listing} came into the flat drunk and started shouting that he would 'make us regret' complaining about the noise. He punched the door. We are scared and locked in the bedroom."),
        ("Neighbour attacked my guest", "My guest at {listing} was pushed down the stairs by another resident after an argument. He's hurt. Police are on their way. What do I do?"),
        ("Guest threatening me by message", "After I refused to refund him, the guest from {code} wrote that he knows where I live and will 'come back with friends'. I'm afraid to go to the apartment."),
    ],
    "safety.sexual_misconduct": [
        ("Host behaviour made me unsafe", "I'm staying alone at {listing}. The host keeps coming in without knocking and last night he tried to touch me. I've locked the door. I want to leave now."),
        ("Co-host sent inappropriate messages", "The co-host sent me sexual messages and photos during my stay at {listing}. I have screenshots. I don't feel safe."),
        ("Report about a guest", "A guest at my shared flat made unwanted sexual comments to my cleaner and grabbed her arm. She is very shaken."),
    ],
    "safety.emergency": [
        ("FIRE at the apartment", "There is smoke coming from the kitchen at {listing}, the fire alarm is going off and the extinguisher is empty. We are outside with the kids. Fire brigade called. Reservation {code}."),
        ("Gas smell", "Strong smell of gas in {listing}. We left the building. The host isn't answering. What should we do?"),
        ("Locked in on the balcony at night", "My friend is locked out on the balcony at {listing}, the door handle broke from inside and it's 2am and very cold. The host doesn't answer."),
        ("Carbon monoxide alarm", "The CO alarm in the bedroom went off and we all have headaches. We're outside now."),
    ],
    "safety.hidden_devices": [
        ("Camera hidden in the bedroom", "I found a small camera inside the smoke detector in the bedroom of {listing}. It was not mentioned in the listing. I'm disgusted. Booking {code}."),
        ("Device recording in the living room", "There is a device that looks like a phone charger with a lens pointing at the sofa bed. The host said it's 'for security'."),
        ("Host listening through a speaker", "The host commented on things we said privately inside the apartment. I think there's a microphone. I want to leave."),
    ],
    "safety.unauthorised_party": [
        ("Party at my apartment right now", "My noise sensor at {listing} shows 95 dB for two hours and neighbours say there are 40+ people. The booking {code} is for {guests} guests. I need them out."),
        ("Guests threw a party - neighbours called police", "The police were called to {listing} last night because of a party. The building manager is threatening to ban short-term rentals. The guest said it was a 'quiet dinner'."),
        ("Suspicious booking for tonight", "A guest booked {listing} for one night tonight, local profile, asked about the sound system. I think it's a party. Can I cancel without a penalty?"),
    ],
    "safety.minor_safety": [
        ("Child hurt at the listing", "My 4 year old fell from the unsecured loft stairs at {listing}. We are at the hospital. The listing said 'family friendly'."),
        ("Children left alone", "The guests at my flat left two small children alone all evening. My neighbour heard them crying for hours. What can I do?"),
        ("Pool without fence", "The pool at {listing} has no fence or cover and the gate to the garden doesn't lock. We have a toddler. This is dangerous."),
    ],
    "safety.self_harm": [
        ("Worried about my guest", "My guest at {listing} sent me a message saying she doesn't want to live anymore and thanked me 'for everything'. She's not answering her phone. I'm very worried."),
        ("Guest said he wants to end it", "The guest staying at {listing} told my cleaner he plans to hurt himself tonight. He seemed very upset. Please advise urgently."),
        ("Message from a guest", "A guest left a note in the apartment that sounds like a goodbye letter. She checked out this morning. I don't know what to do."),
    ],
    "safety.discrimination": [
        ("Host refused me because of my name", "The host of {listing} declined my request and then accepted the exact same dates for my friend with a French-sounding name. He wrote 'not my kind of guests'. This is discrimination."),
        ("Cancelled after seeing my photo", "The host cancelled {code} one hour after I uploaded my profile photo and said the flat was 'suddenly unavailable'. The calendar still shows it open."),
        ("Host refused my service dog", "The host refused entry because of my guide dog, although I told him in advance. I was left in the street in {city}."),
        ("Racist comments from host", "During check-in the host made comments about 'people like us' and asked where we are 'really from'. We felt humiliated."),
    ],
    "trust.scam": [
        ("Host asked me to pay by bank transfer", "The host of {listing} asked me to cancel and pay him directly by bank transfer to get a 20% discount. Is this allowed? I already sent a deposit."),
        ("Paid on a fake website", "I clicked a link the host sent me and paid {amount} on a page that looked like yours. Now my booking doesn't exist in my account."),
        ("Guest wants to pay outside the platform", "A guest keeps asking me to accept payment by crypto for a long stay. He sent a 'proof of payment' that looks fake."),
    ],
    "trust.fake_listing": [
        ("The listing doesn't exist", "We arrived at the address of {listing} in {city} and it's an empty shop. The host number is disconnected. We paid {amount}."),
        ("Someone copied my listing", "Someone copied the photos of my apartment in {city} and is advertising it under another name at half price."),
        ("Suspicious listing", "This listing has photos from a hotel website and the host asks for WhatsApp contact immediately. I think it's fake."),
    ],
    "trust.account_takeover": [
        ("Someone changed my payout details", "I got an email that my payout method was changed, but it wasn't me. Two payouts are scheduled this week. Please freeze my account!"),
        ("Hacked - bookings I didn't make", "There are two bookings in my account in {city} that I didn't make, and my email address was changed. I can't log in anymore."),
        ("Password reset I didn't ask for", "I received password reset codes by SMS all night and then a login from another country. Is my account safe?"),
    ],
    "trust.identity_verification": [
        ("ID verification keeps failing", "I've uploaded my passport four times and it always fails. My check-in at {listing} is on {check_in}. What am I doing wrong?"),
        ("Booking blocked by verification", "My reservation request {code} is blocked until I verify my identity, but the selfie step crashes on my phone."),
        ("Why do you need my ID?", "The host asks for a copy of my passport by email. Is that normal? I already verified in the app."),
    ],
    "account.login": [
        ("Can't log in", "I can't log in, the verification code never arrives on my phone. I changed my number last month."),
        ("Account locked", "My account says it's locked for security reasons. I have a trip to {city} next week and need to contact my host."),
        ("Two accounts by mistake", "I created a second account with my work email by mistake. Can you merge them? My booking is on the old one."),
    ],
    "account.profile": [
        ("Change my profile name", "How do I change the name on my profile? I got married and my ID doesn't match anymore."),
        ("Profile photo rejected", "My profile photo keeps getting rejected and I don't know why. It's a normal photo of me."),
        ("Delete my phone number", "Please remove my old phone number from my profile, I no longer have it."),
    ],
    "account.review_dispute": [
        ("Unfair review from guest", "The guest from {code} left a 1-star review saying the flat was dirty, after messaging me that everything was perfect. I think it's revenge because I reported the broken lamp. Can it be removed?"),
        ("Review contains personal info", "A review on my listing {listing} mentions my full address and my daughter's name. Please remove it."),
        ("Host review is false", "The host wrote in his review that we had a party. We were two people and left at 10pm every night. This hurts my profile."),
    ],
    "premium.concierge": [
        ("Airport transfer and chef for our stay", "Hello, we arrive at {listing} on {check_in}. Could you arrange a private transfer from the airport for {guests} guests and a chef for a dinner on the second evening?"),
        ("Early check-in and baby equipment", "We're arriving at 8am on {check_in}. Could we have an early check-in at {listing}, plus a cot and a high chair?"),
        ("Restaurant reservations", "Could the concierge book a table for {guests} at a good seafood restaurant in {city} on our anniversary, and flowers in the villa?"),
    ],
    "premium.vip_complaint": [
        ("Unacceptable experience at {listing}", "For a stay costing {amount} I expect better. The pool heating doesn't work, the promised housekeeping didn't come, and nobody answers the concierge line. I want to speak to a manager."),
        ("Villa not ready on arrival", "We arrived at the villa and cleaners were still working, the beds weren't made, and we waited 2 hours in the garden with our children. This is a luxury stay."),
        ("Noise and construction next to the villa", "There's construction next door from 7am. Nobody mentioned this. We booked {listing} for a quiet holiday and paid {amount}."),
    ],
}

# Parent type -> follow-ups from the reporter.
FOLLOW_UPS = {
    "reservation": [
        "Any news? We're still waiting and it's getting late.",
        "I've attached photos. Please tell me what happens next.",
        "The host just answered but didn't solve anything. Can you step in?",
        "Thank you, we found a place for tonight but we still need the refund sorted.",
    ],
    "payments": [
        "Hi again, I still don't see anything on my account. Can you give me a reference number?",
        "My bank says they need a confirmation from you. Can you send one?",
        "It's been 5 days since my last message. Please update me.",
    ],
    "damage": [
        "Here are the invoices and the photos from before and after the stay.",
        "The guest still denies it. How long does the claim take?",
        "I've got a second quote, it's a bit cheaper. Sending it now.",
    ],
    "safety": [
        "We're safe now, at a friend's place. What happens with the host?",
        "The police gave me a report number. Do you need it?",
        "Please call me, I don't want to write everything again.",
    ],
    "trust": [
        "I've changed my password. Is there anything else I should do?",
        "My bank has opened a fraud case. They need a letter from you.",
        "Please hurry, another payout is scheduled tomorrow.",
    ],
    "account": [
        "I tried again and it still doesn't work.",
        "Thanks, that worked! One more question though.",
        "Any update? It's been two days.",
    ],
    "premium": [
        "Any confirmation yet? We need to plan our first evening.",
        "Please also note we'll need a child seat in the car.",
        "I haven't heard back from anyone. This is disappointing for this level of service.",
    ],
}

# Parent type -> a message from the other party (the host on a guest's case and vice versa).
OTHER_SIDE = {
    "reservation": [
        "Hello, I'm the host. The guests arrived much later than agreed and I had already left. I sent the code twice.",
        "I'm the host of this listing. The photos are accurate, the guests are exaggerating. I'm happy to talk.",
        "This is {name}, the host. I'm very sorry, the previous guest broke the lock. I'm sending someone now.",
    ],
    "payments": [
        "Hi, host here. I agreed to the partial refund, please process it.",
        "I'm the guest on this reservation. I never refused anything, I just want my money back.",
    ],
    "damage": [
        "I'm the guest. The TV was already cracked when we arrived, I mentioned it in a message on day one.",
        "Guest here. We're sorry about the wine stain, we're happy to pay for the cleaning but not a new sofa.",
        "This is the guest. I did not take anything. Maybe the previous guests?",
    ],
    "safety": [
        "I'm the host. I would never do anything like this. The guest is inventing this to get a refund.",
        "Host here. I've cancelled all future bookings for this flat until this is clarified.",
    ],
    "premium": [
        "Host of the villa here. We've sent our housekeeper and a technician this morning.",
    ],
}

# Parent type -> first public reply of an agent.
FIRST_REPLIES = {
    "reservation": [
        "Hi {name}, I'm {agent} and I'm taking care of your case. I'm sorry about this. I'm contacting your host now and will come back to you within the hour with options, including a rebooking if needed.",
        "Hello {name}, thanks for the details. Could you send us a few photos of what you're describing? That lets us act on reservation {code} right away.",
        "Hi {name}, I understand how stressful this is. I've reached out to {other} and I'm already looking at alternatives in {city} in case we need to move you.",
    ],
    "payments": [
        "Hi {name}, thanks for reaching out. I've looked at reservation {code}: I'm checking the transaction with our payments team and will update you within 24 hours.",
        "Hello {name}, I can see the payment of {amount}. Could you confirm the last 4 digits of the card you used so I can trace it?",
        "Hi {name}, I've escalated this to our payments specialists. You don't need to do anything for now.",
    ],
    "damage": [
        "Hi {name}, thanks for reporting this. Please upload photos of the damage and any receipts or quotes; we'll then contact the guest and give them 72 hours to respond.",
        "Hello {name}, I've opened a claim for reservation {code}. I've asked {other} for their side of the story.",
        "Hi {name}, I'm sorry about the state of your home. Could you tell us the estimated cost and whether the listing can still host the next guests?",
    ],
    "safety": [
        "{name}, I'm {agent} from the safety team. Your safety comes first: if you are in danger, please call local emergency services (112 in Europe, 911 in the US and Mexico). I'm calling you now.",
        "Hi {name}, thank you for telling us. I'm a member of our safety team. We've blocked the listing from new bookings while we look into this, and we'll find you somewhere safe to stay.",
        "{name}, we've received your report and it's our priority. Please keep any messages or photos. I'll call you in a few minutes on the number on your account.",
    ],
    "trust": [
        "Hi {name}, I've secured your account: active sessions are signed out and payouts are paused. Please reset your password from the link we just emailed.",
        "Hello {name}, thanks for flagging this. Please never pay outside the platform; we can't protect those payments. I'm investigating the listing now.",
        "Hi {name}, I'm looking into this with our fraud team. Could you forward the messages or links you received?",
    ],
    "account": [
        "Hi {name}, happy to help. I've sent a verification link to the email on your account; once you click it you'll be able to update your phone number.",
        "Hello {name}, I've checked your account and unlocked it. Please log in again and let me know if anything still doesn't work.",
        "Hi {name}, thanks for reaching out. I've reviewed the content you mentioned against our policy and will get back to you shortly.",
    ],
    "premium": [
        "Dear {name}, I'm {agent}, your dedicated concierge. I'm on it and will confirm every detail with you today.",
        "Dear {name}, please accept my apologies. I've contacted the villa manager and a team is on its way; I'll personally follow up this evening.",
        "Dear {name}, thank you for your message. Everything is noted and I'll send you a full itinerary shortly.",
    ],
}

# Parent type -> the reply that resolves the case.
RESOLUTIONS = {
    "reservation": [
        "Hi {name}, I've processed a refund of {amount} for reservation {code}; it should reach your card within 5-10 business days. Sorry again for the trouble.",
        "Hello {name}, you're all set: we've rebooked you at a comparable place nearby and covered the price difference. Enjoy the rest of your stay in {city}.",
        "Hi {name}, the host confirmed the problem is fixed. I'm closing this for now, but just reply here if anything else comes up.",
    ],
    "payments": [
        "Hi {name}, the transaction has been corrected. You'll find the reference in your account under Payments. Have a great day.",
        "Hello {name}, the funds were released today. Depending on your bank it can take 3-5 business days to show.",
    ],
    "damage": [
        "Hi {name}, we've reviewed the evidence and approved a reimbursement of {amount}. It will be paid with your next payout.",
        "Hello {name}, after reviewing both sides we can't confirm the damage was caused during this stay, so we can't reimburse it. I know this isn't what you hoped for.",
    ],
    "safety": [
        "{name}, thank you for your courage in reporting this. The account involved has been removed from the platform and you have been fully refunded. We're here if you need anything.",
        "{name}, we've completed our review and taken action on the listing. You've been refunded and we've added a travel credit to your account.",
    ],
    "trust": [
        "Hi {name}, your account is secure again and the fraudulent changes have been reversed. We recommend turning on two-step verification.",
        "Hello {name}, the listing has been removed and you've been refunded in full.",
    ],
    "account": [
        "Hi {name}, that's done. Let us know if you need anything else.",
        "Hello {name}, we reviewed the review and it does not break our policy, so it stays up. You can post a public response under it.",
        "Hi {name}, the review has been removed because it violates our content policy.",
    ],
    "premium": [
        "Dear {name}, everything is confirmed; you'll find the details in your itinerary. We wish you a wonderful stay.",
        "Dear {name}, as a gesture we've refunded two nights and added a credit for your next stay. My sincere apologies again.",
    ],
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def format_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def format_amount(value, currency: str) -> str:
    symbol = {"EUR": "€", "USD": "$", "GBP": "£", "MXN": "MX$"}.get(currency, currency + " ")
    return f"{symbol}{value:,.2f}"


# Per-type wording where the parent's is too generic (looked up before the parent's).
FIRST_REPLIES.update({
    "account.login": FIRST_REPLIES["account"][:2],
    "account.profile": [
        "Hi {name}, happy to help. I've made the change on your profile; it can take a few minutes to show in the app.",
        "Hello {name}, profile photos must show your face clearly, without sunglasses or filters. Could you try another one?",
    ],
    "account.review_dispute": [
        "Hi {name}, thanks for reaching out. I'm reviewing the content you mentioned against our review policy and will get back to you shortly.",
        "Hello {name}, I understand how much reviews matter. I've asked our content team to check this one; you'll hear from me within 48 hours.",
    ],
    "trust.account_takeover": [FIRST_REPLIES["trust"][0],
                               "Hi {name}, I've locked your account to stop any further changes and cancelled the bookings you didn't make. Let's get you back in safely."],
    "trust.scam": [FIRST_REPLIES["trust"][1], FIRST_REPLIES["trust"][2]],
    "trust.fake_listing": [FIRST_REPLIES["trust"][2],
                           "Hello {name}, thanks for the report. I've suspended the listing while we investigate."],
    "trust.identity_verification": [
        "Hi {name}, sorry for the trouble. Please try again in good light with the whole document visible; if it fails once more I'll verify you manually.",
        "Hello {name}, hosts should never ask for ID documents by e-mail. Please don't send it; your verification in the app is enough.",
    ],
    "premium.concierge": [FIRST_REPLIES["premium"][0], FIRST_REPLIES["premium"][2]],
    "premium.vip_complaint": [FIRST_REPLIES["premium"][1],
                              "Dear {name}, I'm very sorry. I'm personally handling this and will call you within the hour."],
})
RESOLUTIONS.update({
    "account.login": ["Hi {name}, your phone number is updated and you can log in again. Let us know if you need anything else."],
    "account.profile": [RESOLUTIONS["account"][0]],
    "account.review_dispute": RESOLUTIONS["account"][1:],
    "premium.concierge": [RESOLUTIONS["premium"][0]],
    "premium.vip_complaint": [RESOLUTIONS["premium"][1]],
})
