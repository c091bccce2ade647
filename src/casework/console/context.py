from casework.accounts.permissions import role_of


def console(request):
    user = getattr(request, "user", None)
    return {"agent_role": role_of(user) if user is not None else None}
