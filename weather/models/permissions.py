"""Operator rights, one rule for the API and the admin: the `weather.operate` permission
(declared on OperatorAlert; the "Operators" group a migration makes has it; superusers have
every permission). The staff flag alone makes no one an operator: it only opens the admin."""

OPERATE = "weather.operate"


def is_operator(user) -> bool:
    """Whether this user (a request's `user`: a database user, an anonymous one, or the ops
    token's principal, which holds this permission only) has operator rights."""
    return bool(user and user.is_authenticated and user.has_perm(OPERATE))
