"""Operator rights, one rule for the API and the admin: the `weather.operate` permission
(declared on OperatorAlert; the "Operators" group a migration makes has it; superusers have
every permission). The staff flag alone makes no one an operator: it only opens the admin."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

OPERATE = "weather.operate"


def is_operator(user) -> bool:
    """Whether this user (a request's `user`: a database user, an anonymous one, or the ops
    token's principal, which holds this permission only) has operator rights."""
    return bool(user and user.is_authenticated and user.has_perm(OPERATE))


@dataclass(frozen=True)
class Viewer:
    """Who is asking, for what they own: a browser session's visitor id, an account, or an
    operator (who sees everything)."""

    visitor: uuid.UUID | None = None
    user_id: int | None = None
    operator: bool = False

    def owns(self, row) -> bool:
        """Whether a row with `owner_visitor` and `owner_id` is this viewer's (or an operator's)."""
        if self.operator:
            return True
        by_visitor = self.visitor is not None and row.owner_visitor == self.visitor
        by_account = self.user_id is not None and row.owner_id == self.user_id
        return by_visitor or by_account
