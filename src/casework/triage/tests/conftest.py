import csv

import pytest

SMALL = [
    ("I want my money back for the cancelled stay", "payments.refund"),
    ("Please refund me, the listing was awful", "payments.refund"),
    ("je veux être remboursé de mon séjour", "payments.refund"),
    ("quiero un reembolso de mi reserva", "payments.refund"),
    ("refund please, we left early", "payments.refund"),
    ("where is my refund for the booking", "payments.refund"),
    ("I can't log in to my account", "account.login"),
    ("password reset link does not work, cannot sign in", "account.login"),
    ("je n'arrive pas à me connecter à mon compte", "account.login"),
    ("no puedo iniciar sesión en mi cuenta", "account.login"),
    ("login keeps failing with an error", "account.login"),
    ("locked out of my account after too many tries", "account.login"),
    ("the lockbox code does not work and we cannot get the keys", "reservation.check_in"),
    ("no keys at the door, host not answering, check-in impossible", "reservation.check_in"),
    ("impossible de récupérer les clés, la boîte à clés ne s'ouvre pas", "reservation.check_in"),
    ("no podemos entrar, el código de la caja de llaves no funciona", "reservation.check_in"),
    ("the smart lock code is wrong, we are waiting outside", "reservation.check_in"),
    ("check-in instructions missing, where are the keys", "reservation.check_in"),
    ("what is the capital of Australia", "oos"),
    ("tell me a joke", "oos"),
    ("quel temps fera-t-il demain", "oos"),
]


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "small.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows(SMALL)
    return path


@pytest.fixture
def small_bundle(small_csv):
    from casework.triage.engine import ModelBundle, TextClassifier

    texts, labels = zip(*SMALL, strict=False)
    clf = TextClassifier({"cv_folds": 2}).fit(list(texts), list(labels))
    return ModelBundle(classifier=clf, info={"name": "small", "version": 1})
