"""The public answers most asked of this process, kept in the process itself (issue 11 item 5):
a hit costs no trip to the shared cache. Bounded by their compressed size, the longest unasked
dropped first, and by the time the caller gives. Whether a copy still holds is for the caller
to say (public_cache: the versions)."""

import zlib
from collections import OrderedDict
from time import monotonic

BUDGET = 32 * 1024 * 1024  # compressed bytes per process: some 20,000 verification pages


class NearCopies:
    def __init__(self, budget: int = BUDGET):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[str, tuple[float, tuple, bytes]] = OrderedDict()

    def get(self, key: str) -> tuple[tuple, bytes] | None:
        found = self._items.get(key)
        if found is None or found[0] <= monotonic():
            return None
        self._items.move_to_end(key)
        return found[1], zlib.decompress(found[2])

    def put(self, key: str, meta: tuple, content: bytes, seconds: float) -> None:
        packed = zlib.compress(content, 1)
        self._forget(key)
        self._items[key] = (monotonic() + seconds, meta, packed)
        self.used += len(packed)
        while self.used > self.budget:
            self._forget(next(iter(self._items)))

    def restamp(self, key: str, meta: tuple) -> None:
        """The copy of `key` holds still, as seen under `meta`."""
        found = self._items.get(key)
        if found is not None:
            self._items[key] = (found[0], meta, found[2])

    def _forget(self, key: str) -> None:
        found = self._items.pop(key, None)
        if found is not None:
            self.used -= len(found[2])

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.used = 0
