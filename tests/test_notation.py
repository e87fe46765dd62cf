from __future__ import annotations

import json

import pytest

from optimizer.compression.notation import NotationError, decode, is_bare, quote, scalar


@pytest.mark.parametrize(
    "text, bare",
    [
        ("Rose Water", True),
        ("2018-05-09T12:03:18Z", True),
        ("1.5%", True),
        ("-free", True),
        ("a:b", True),
        ("", False),
        (" padded", False),
        ("12", False),
        ("1e5", False),
        ("true", False),
        ("null", False),
        ("NaN", False),
        ("a,b", False),
        ("x]", False),
        ("y}", False),
        ('say "hi"', False),
        ("line\nbreak", False),
        ("*1", False),
        ("~a", False),
        ("&x", False),
        ("#tag", False),
        ("[x", False),
        ("{x", False),
        ("tab\there", False),
    ],
)
def test_bare_string_rules(text, bare):
    assert is_bare(text) is bare
    assert decode(quote(text)) == text


def test_bare_keys_also_refuse_colons():
    assert is_bare("a:b") and not is_bare("a:b", key=True)
    assert decode("{" + quote("a:b", key=True) + ":1}") == {"a:b": 1}


@pytest.mark.parametrize("value", [0, -3, 2.5, 1e16, 1.0, True, False, None, 10**30])
def test_scalars_read_back_with_their_type(value):
    out = decode(scalar(value))
    assert out == value and type(out) is type(value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("{a:1,b:x y}", {"a": 1, "b": "x y"}),
        ('[1,two,"3"]', [1, "two", "3"]),
        ("[#a,b\n1,2\n3,4]", [{"a": 1, "b": 2}, {"a": 3, "b": 4}]),
        ("[#a,b,c\n1,,3\n,2]", [{"a": 1, "c": 3}, {"b": 2}]),
        ("[#a\n1\n]", [{"a": 1}, {}]),
        ("~n=ingredient_name\n[{n:Aqua},{n:Glycerin}]", [{"ingredient_name": "Aqua"}, {"ingredient_name": "Glycerin"}]),
        ("&1={x:1}\n[*1,*1]", [{"x": 1}, {"x": 1}]),
        ("&1=long repeated value\n{a:*1,b:*1}", {"a": "long repeated value", "b": "long repeated value"}),
        ("{a:[#k\n[#z\n1]]}", {"a": [{"k": [{"z": 1}]}]}),
        ("{}", {}),
        ("[]", []),
    ],
)
def test_grammar(text, value):
    assert decode(text) == value


def test_any_json_means_the_same():
    doc = {"a": [1, 2.5, "x", None, True], "b": {"c": "d e"}, "": ""}
    assert decode(json.dumps(doc, indent=2)) == doc
    assert decode(json.dumps(doc, separators=(",", ":"))) == doc


@pytest.mark.parametrize(
    "text, where",
    [
        ("{a:1", "line 1 column 5"),
        ("[1,2", "line 1 column 5"),
        ("[*9]", "not defined"),
        ("{a 1}", "':'"),
        ("[#a,b\n1,2\n3", "']'"),
        ('"open', "closed string"),
        ("{:1}", "a key"),
    ],
)
def test_errors_say_where(text, where):
    with pytest.raises(NotationError, match="expected") as err:
        decode(text)
    assert where in str(err.value)


def test_canonical_toon_is_read_too():
    import toon_format

    for value in ({"k:1": {"pct": None}}, {"": "a,b", "n": 2}, "~k", [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]):
        assert decode(toon_format.encode(value)) == value
