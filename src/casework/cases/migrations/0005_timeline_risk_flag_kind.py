"""Timeline events may record an agent setting or removing a risk flag (case.risk_flag_changed)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_case_team_queue_covering'),
    ]

    operations = [
        migrations.AlterField(
            model_name='timelineevent',
            name='kind',
            field=models.CharField(choices=[('case.created', 'Case created'), ('message.received', 'Message received'), ('message.replied', 'Reply sent'), ('message.noted', 'Internal note'), ('case.assigned', 'Assigned'), ('case.transferred', 'Transferred'), ('case.escalated', 'Escalated'), ('case.status_changed', 'Status changed'), ('case.type_changed', 'Type changed'), ('case.severity_changed', 'Severity changed'), ('case.priority_changed', 'Priority changed'), ('case.confidentiality_changed', 'Confidentiality changed'), ('case.linked', 'Linked'), ('case.tagged', 'Tags changed'), ('case.reopened', 'Reopened'), ('case.party_added', 'Party added'), ('case.reservation_linked', 'Reservation linked'), ('case.triaged', 'Triaged'), ('case.risk_flag_changed', 'Risk flag changed')], max_length=40),
        ),
    ]
