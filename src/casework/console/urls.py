from django.urls import path

from casework.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("cases/", views.queue, name="queue"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/timeline/", views.case_timeline, name="case_timeline"),
    path("cases/<int:case_id>/reply/", views.case_reply, name="case_reply"),
    path("cases/<int:case_id>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:case_id>/transfer/", views.case_transfer, name="case_transfer"),
    path("cases/<int:case_id>/status/", views.case_status, name="case_status"),
    path("cases/<int:case_id>/classify/", views.case_classify, name="case_classify"),
    path("cases/<int:case_id>/link/", views.case_link, name="case_link"),
    path("cases/<int:case_id>/reveal-pii/", views.case_reveal_pii, name="case_reveal_pii"),
    path("cases/<int:case_id>/triage/", views.case_triage, name="case_triage"),
    path("cases/<int:case_id>/triage/correct/", views.case_correct_triage, name="case_correct_triage"),
    path("search/", views.search, name="search"),
    path("attachments/<int:attachment_id>/", views.attachment_file, name="attachment"),
    path("attachments/<int:attachment_id>/reveal/", views.attachment_reveal, name="attachment_reveal"),
]
