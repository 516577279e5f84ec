"""How one delivery attempt went."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    error: str | None = None
    # The receiver refused in a way a retry cannot change (a 4xx answer, a rejected address).
    permanent: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


DELIVERED = Outcome()
