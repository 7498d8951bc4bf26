"""Our JSON writer prints exactly what the standard library prints."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from essrural.render.jsonout import dumps

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_bytes_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_accents_quotes_and_control_characters():
    value = {"commune": "Thoré-la-Rochette « 41 »", "x": "a\"b\\c\n\t\x07", "n": [1, 2.5, None, True, {}]}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
