"""Sliding-window rate limits kept in the database, so every worker and replica shares the counts."""

from __future__ import annotations

import math

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vais.registry.clock import Clock
from vais.registry.db.models import RateEvent


class RateLimiter:
    def __init__(self, clock: Clock, limit: int, window_seconds: int) -> None:
        self._clock = clock
        self.limit = limit
        self.window = window_seconds

    def retry_after(self, session: Session, buckets: list[str]) -> int | None:
        """Seconds until the fullest bucket has room again, or None when every bucket has room."""
        now = self._clock.now()
        since = now - self.window
        worst: float | None = None
        for bucket in buckets:
            times = session.scalars(
                select(RateEvent.at).where(RateEvent.bucket == bucket, RateEvent.at > since)
                .order_by(RateEvent.at.desc()).limit(self.limit)
            ).all()
            if len(times) >= self.limit:
                free_at = min(times) + self.window
                worst = free_at if worst is None else max(worst, free_at)
        if worst is None:
            return None
        return max(1, math.ceil(worst - now))

    def record(self, session: Session, buckets: list[str]) -> None:
        now = self._clock.now()
        session.add_all(RateEvent(bucket=b, at=now) for b in buckets)
        session.execute(delete(RateEvent).where(RateEvent.bucket.in_(buckets), RateEvent.at <= now - self.window))
