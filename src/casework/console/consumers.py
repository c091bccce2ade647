"""WebSocket consumers: a case page and a team queue subscribe to change notices.

Only ids, event kinds and presence (who else has the case open, who is typing) travel over the
socket; the page refetches what it shows through the normal, permission-checked views.
Presence is peer-to-peer over the channel layer (works across processes with Redis): a newcomer
announces itself, the others answer, a leaver says goodbye.
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


@database_sync_to_async
def _display_name(user) -> str:
    return user.agent.display_name


class CaseConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        case_id = self.scope["url_route"]["kwargs"]["case_id"]
        user = self.scope["user"]
        if not await _may_view_case(user, case_id):
            await self.close(code=4403)
            return
        self.group = case_group(case_id)
        self.me = {"id": user.pk, "name": await _display_name(user)}
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._tell_group("presence.join")

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self._tell_group("presence.leave")
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("typing") in (True, False):
            await self._tell_group("presence.typing", typing=bool(content["typing"]))

    async def _tell_group(self, kind: str, **extra):
        await self.channel_layer.group_send(self.group, {"type": kind.replace(".", "_"), "who": self.me,
                                                         "sender": self.channel_name, **extra})

    # group messages ---------------------------------------------------------------------------
    async def case_changed(self, event):
        await self.send_json({"case_id": event["case_id"], "kind": event["kind"]})

    async def presence_join(self, event):
        if event["sender"] != self.channel_name:
            await self.send_json({"presence": "here", "who": event["who"]})
            await self.channel_layer.send(event["sender"], {"type": "presence_here", "who": self.me})

    async def presence_here(self, event):
        await self.send_json({"presence": "here", "who": event["who"]})

    async def presence_leave(self, event):
        if event["sender"] != self.channel_name:
            await self.send_json({"presence": "left", "who": event["who"]})

    async def presence_typing(self, event):
        if event["sender"] != self.channel_name:
            await self.send_json({"presence": "typing" if event["typing"] else "here", "who": event["who"]})


class TeamConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        team_id = self.scope["url_route"]["kwargs"]["team_id"]
        if not await _may_view_team(self.scope["user"], team_id):
            await self.close(code=4403)
            return
        self.group = team_group(team_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def case_changed(self, event):
        # No case id: a team member may not be allowed to open every case of the team (restricted
        # ones), and the queue refetches its rows through the permission-checked view anyway.
        await self.send_json({"changed": True, "kind": event["kind"]})
