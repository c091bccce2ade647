"""Default severities of three case types follow the domain guide's table (one taxonomy file now).

``trust.account_takeover`` S2 (serious loss without immediate danger), ``trust.identity_verification``
S4 (an account question), ``premium.vip_complaint`` S2 (a luxury stay failure). Migration 0003 had
loaded S3 for all three from the fixture while triage's own copy said S2/S4/S2. A type an admin has
already changed (anything other than the old S3) is left alone. The reverse restores S3 the same way.
"""

from django.db import migrations

CHANGES = {"trust.account_takeover": "S2", "trust.identity_verification": "S4", "premium.vip_complaint": "S2"}


def forwards(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    for slug, severity in CHANGES.items():
        CaseType.objects.filter(slug=slug, default_severity="S3").update(default_severity=severity)


def backwards(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    for slug, severity in CHANGES.items():
        CaseType.objects.filter(slug=slug, default_severity=severity).update(default_severity="S3")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_timeline_risk_flag_kind")]

    operations = [migrations.RunPython(forwards, backwards)]
