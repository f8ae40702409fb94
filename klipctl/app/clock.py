"""The current time, in one place, so a run can be pinned to a moment.

``KLIPCTL_NOW`` (an ISO date-time with offset) fixes the clock: tests and reproducible demos use
it; people never need to.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from klipctl.domain.model import JAKARTA
from klipctl.errors import UsageError


def now(env: Mapping[str, str]) -> datetime:
    pinned = env.get("KLIPCTL_NOW")
    if not pinned:
        return datetime.now(JAKARTA).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise UsageError("bad_now", value=pinned) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAKARTA)
    return moment.astimezone(JAKARTA)
