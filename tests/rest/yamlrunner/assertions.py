"""Assertion steps, with Elasticsearch's runner semantics.

* match: a `/regex/` string (trimmed) must match (find) a string actual, with
  Java's COMMENTS flag (whitespace and #-comments in the pattern ignored).
  null expects null.  Numbers compare numerically across int/float (76 ==
  76.0), also inside objects and lists; booleans are never numbers.  Objects
  and lists must be deep-equal (same keys, same length and order).
* is_true: the value exists and its Java text is not "", "0" or "false"
  (any case); so 0.0, {} and [] are true.  is_false: the opposite, or absent.
* length: size of a list, map or string.
* gt/gte/lt/lte: numbers numerically, strings lexicographically.
* close_to: {value, error}: |actual - value| <= error.
* exists / not_exists: the value is (not) null/absent.
* contains: a list holds the value (a map value: some element holds all its
  entries).
"""

import datetime
import json
import numbers

from . import java_regex
from .java_text import java_str

_MAX_SHOWN = 300


class AssertionFailure(Exception):
    pass


def shorten(value, limit=_MAX_SHOWN):
    text = value if isinstance(value, str) else java_json(value)
    if len(text) > limit:
        text = text[:limit] + "...(%d chars)" % len(text)
    return text


def java_json(value):
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    except (TypeError, ValueError):
        return repr(value)


def is_number(v):
    return isinstance(v, numbers.Number) and not isinstance(v, bool)


def is_regex_literal(expected):
    if not isinstance(expected, str):
        return False
    s = expected.strip()
    return len(s) > 2 and s.startswith("/") and s.endswith("/")


def deep_equal(actual, expected):
    if is_number(actual) and is_number(expected):
        return actual == expected
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or actual.keys() != expected.keys():
            return False
        return all(deep_equal(actual[k], expected[k]) for k in expected)
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        return all(deep_equal(a, e) for a, e in zip(actual, expected))
    if type(actual) is not type(expected):
        return False
    return actual == expected


def first_difference(actual, expected, path=""):
    """A short description of where two values differ (for messages)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in expected:
            if k not in actual:
                return "%s.%s: missing" % (path, k) if path else "%s: missing" % k
            d = first_difference(actual[k], expected[k], "%s.%s" % (path, k) if path else str(k))
            if d:
                return d
        for k in actual:
            if k not in expected:
                return "%s: unexpected key" % ("%s.%s" % (path, k) if path else k)
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(actual) != len(expected):
            return "%s: expected %d elements, got %d" % (path or "list", len(expected), len(actual))
        for i, (a, e) in enumerate(zip(actual, expected)):
            d = first_difference(a, e, "%s.%d" % (path, i) if path else str(i))
            if d:
                return d
        return None
    if deep_equal(actual, expected):
        return None
    return "%s: expected %s, got %s" % (path or "value", shorten(expected, 120), shorten(actual, 120))


def assert_match(field, actual, expected):
    if is_regex_literal(expected):
        regex = expected.strip()[1:-1]
        if not isinstance(actual, str):
            raise AssertionFailure("field [%s] was expected to be a string matching /%s/ but is %s"
                                   % (field, shorten(regex, 120), shorten(actual)))
        try:
            ok = java_regex.java_find(regex, actual, comments=True)
        except java_regex.JavaRegexError as e:
            raise AssertionFailure("field [%s]: unsupported regex: %s" % (field, e))
        if not ok:
            raise AssertionFailure("field [%s] was expected to match /%s/ but was %s"
                                   % (field, shorten(regex, 150), shorten(actual)))
        return
    if expected is None:
        if actual is not None:
            raise AssertionFailure("field [%s] should be null but was %s" % (field, shorten(actual)))
        return
    if actual is None:
        raise AssertionFailure("field [%s] is null/missing, expected %s" % (field, shorten(expected)))
    if not deep_equal(actual, expected):
        where = first_difference(actual, expected)
        if isinstance(expected, (dict, list)) and where:
            raise AssertionFailure("field [%s] didn't match: %s" % (field, where))
        raise AssertionFailure("field [%s] expected %s, got %s" % (field, shorten(expected), shorten(actual)))


def java_truthy(value):
    if value is None:
        return False
    text = java_str(value)
    return not (text == "" or text == "0" or text.lower() == "false")


def assert_is_true(field, actual):
    if not java_truthy(actual):
        raise AssertionFailure("field [%s] is not true: %s" % (field, "missing" if actual is None else shorten(actual)))


def assert_is_false(field, actual):
    if actual is not None and java_truthy(actual):
        raise AssertionFailure("field [%s] is not false: %s" % (field, shorten(actual)))


def assert_length(field, actual, expected):
    try:
        want = int(expected)
    except (TypeError, ValueError):
        raise AssertionFailure("length of [%s]: expected value must be a number, got %s" % (field, shorten(expected)))
    if isinstance(actual, (str, list, dict)):
        got = len(actual)
    elif actual is None:
        raise AssertionFailure("field [%s] is null/missing, expected length %d" % (field, want))
    else:
        raise AssertionFailure("field [%s] has no length (value %s)" % (field, shorten(actual)))
    if got != want:
        raise AssertionFailure("field [%s] expected length %d, got %d" % (field, want, got))


_COMPARATORS = {
    "gt": (lambda a, b: a > b, ">"),
    "gte": (lambda a, b: a >= b, ">="),
    "lt": (lambda a, b: a < b, "<"),
    "lte": (lambda a, b: a <= b, "<="),
}


def assert_compare(kind, field, actual, expected):
    op, symbol = _COMPARATORS[kind]
    if actual is None:
        raise AssertionFailure("field [%s] is null/missing, expected %s %s" % (field, symbol, shorten(expected)))
    if is_number(actual) and is_number(expected):
        ok = op(actual, expected)
    elif isinstance(actual, str) and isinstance(expected, str):
        ok = op(actual, expected)
    else:
        raise AssertionFailure("field [%s]: cannot compare %s with %s" % (field, shorten(actual), shorten(expected)))
    if not ok:
        raise AssertionFailure("field [%s] expected %s %s, got %s"
                               % (field, symbol, shorten(expected), shorten(actual)))


def assert_close_to(field, actual, value, error):
    if not is_number(value) or not is_number(error):
        raise AssertionFailure("close_to [%s]: value and error must be numbers, got %s / %s"
                               % (field, shorten(value), shorten(error)))
    if not is_number(actual):
        raise AssertionFailure("field [%s] is not a number: %s"
                               % (field, "missing" if actual is None else shorten(actual)))
    if abs(actual - value) > error:
        raise AssertionFailure("field [%s] expected %s +/- %s, got %s" % (field, value, error, actual))


def assert_exists(field, actual):
    if actual is None:
        raise AssertionFailure("field [%s] does not exist" % field)


def assert_not_exists(field, actual):
    if actual is not None:
        raise AssertionFailure("field [%s] exists: %s" % (field, shorten(actual)))


def assert_contains(field, actual, expected):
    if not isinstance(actual, list):
        raise AssertionFailure("field [%s] is not a list: %s" % (field, shorten(actual)))
    for element in actual:
        if deep_equal(element, expected):
            return
        if isinstance(expected, dict) and isinstance(element, dict):
            if all(k in element and deep_equal(element[k], v) for k, v in expected.items()):
                return
    raise AssertionFailure("field [%s] %s does not contain %s" % (field, shorten(actual), shorten(expected)))


def _instant(text):
    s = str(text).strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    value = datetime.datetime.fromisoformat(s)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def assert_is_after(field, actual, expected):
    try:
        ok = _instant(actual) > _instant(expected)
    except (TypeError, ValueError) as e:
        raise AssertionFailure("is_after [%s]: %s" % (field, e))
    if not ok:
        raise AssertionFailure("field [%s] %s is not after %s" % (field, actual, expected))
