"""WebSocket consumers: a case page and a team queue subscribe to change notices.

Only ids and event kinds travel over the socket; the page refetches what it shows through
the normal, permission-checked views.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from casework.console.live import case_group, team_group


@database_sync_to_async
def _may_view_case(user, case_id: int) -> bool:
    from casework.cases.models import Case
    from casework.cases.permissions import can_view_case

    case = Case.objects.filter(pk=case_id).first()
    return case is not None and can_view_case(user, case)


@database_sync_to_async
def _may_view_team(user, team_id: int) -> bool:
    from casework.accounts.permissions import role_of

    role = role_of(user)
    if role is None:
        return False
    return role == "admin" or user.agent.teams.filter(pk=team_id).exists()


class CaseConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        case_id = self.scope["url_route"]["kwargs"]["case_id"]
        if not await _may_view_case(self.scope["user"], case_id):
            await self.close(code=4403)
            return
        self.group = case_group(case_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def case_changed(self, event):
        await self.send_json({"case_id": event["case_id"], "kind": event["kind"]})


class TeamConsumer(CaseConsumer):
    async def connect(self):
        team_id = self.scope["url_route"]["kwargs"]["team_id"]
        if not await _may_view_team(self.scope["user"], team_id):
            await self.close(code=4403)
            return
        self.group = team_group(team_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
