"""schemathesis hooks (loaded through the `hooks` setting): its string strategies never produce
lone surrogates, which it could not encode as UTF-8. JSON bodies can carry them as `\\udXXX`
escapes, so half the bodies of operations that take only JSON get one string (a value or a
key) with a lone surrogate or a NUL put in at some place. (Form bodies are encoded as UTF-8,
and so cannot carry them.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import strategies as st

UNSTORABLE = st.one_of(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.just("\x00"))

Spot = tuple[tuple[Any, ...], bool]  # where a string is, and whether it is a key there


@schemathesis.hook
def flatmap_body(context: Any, body: Any) -> st.SearchStrategy:
    # A body hook, not a case hook: the case is then built around the spiked body, and
    # schemathesis never validates it again (its validator cannot take lone surrogates).
    media_types = context.operation.get_request_payload_content_types()
    spots = _string_spots(body, ())
    if not spots or not all(_is_json(media_type) for media_type in media_types):
        return st.just(body)
    return st.one_of(st.just(body), _spiked(body, spots))


@st.composite
def _spiked(draw: st.DrawFn, body: Any, spots: list[Spot]) -> Any:
    spot = draw(st.sampled_from(spots))
    character = draw(UNSTORABLE)

    def spike(text: str) -> str:
        at = draw(st.integers(0, len(text)))
        return text[:at] + character + text[at:]

    return _rebuilt(body, (), spot, spike)


def _is_json(media_type: str) -> bool:
    essence = media_type.split(";")[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def _string_spots(value: Any, path: tuple[Any, ...]) -> list[Spot]:
    if isinstance(value, str):
        return [(path, False)]
    if isinstance(value, dict):
        return [spot for key, child in value.items() for spot in [((*path, key), True), *_string_spots(child, (*path, key))]]
    if isinstance(value, list):
        return [spot for index, child in enumerate(value) for spot in _string_spots(child, (*path, index))]
    return []


def _rebuilt(value: Any, path: tuple[Any, ...], spot: Spot, spike: Callable[[str], str]) -> Any:
    target, is_key = spot
    if path == target and not is_key:
        return spike(value)
    if isinstance(value, dict):
        return {
            (spike(key) if is_key and (*path, key) == target else key): _rebuilt(child, (*path, key), spot, spike)
            for key, child in value.items()
        }
    if isinstance(value, list):
        return [_rebuilt(child, (*path, index), spot, spike) for index, child in enumerate(value)]
    return value
