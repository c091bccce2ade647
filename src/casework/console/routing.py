from django.urls import path

from casework.console import consumers

websocket_urlpatterns = [
    path("ws/cases/<int:case_id>/", consumers.CaseConsumer.as_asgi()),
    path("ws/teams/<int:team_id>/", consumers.TeamConsumer.as_asgi()),
]
