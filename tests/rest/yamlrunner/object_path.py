"""Dotted paths into parsed responses, as Elasticsearch's ObjectPath.

`hits.hits.0._id`: segments split on '.', `\\.` escapes a literal dot
(`values.50\\.0`), empty segments are dropped (so a leading dot is harmless),
numeric segments index lists.  A segment that is a stash reference (`$id`)
is replaced by the stashed value's text first (runner feature
`stash_in_path`).  `_arbitrary_key_` picks the first key of a map.

A missing key or a null yields None; indexing a list with a non-number, out
of range, or descending into a scalar is an error (PathError), as in ES.
"""

from .java_text import java_str

ARBITRARY_KEY = "_arbitrary_key_"


class PathError(Exception):
    pass


def parse_path(path):
    parts = []
    current = []
    escape = False
    for ch in path:
        if ch == "\\" and not escape:
            escape = True
            continue
        if ch == "." and not escape:
            if current:
                parts.append("".join(current))
                current = []
            continue
        escape = False
        current.append(ch)
    if current:
        parts.append("".join(current))
    return parts


def _step(key, obj, stash):
    if stash is not None and stash.contains_stashed_value(key):
        key = java_str(stash.get_value(key))
    if isinstance(obj, dict):
        if key == ARBITRARY_KEY:
            if not obj:
                raise PathError("requested [%s] but the map was empty" % key)
            if key in obj:
                raise PathError("requested meta-key [%s] but the map unexpectedly contains this key" % key)
            return next(iter(obj))
        return obj.get(key)
    if isinstance(obj, list):
        try:
            index = int(key)
        except ValueError:
            raise PathError("element was a list, but [%s] was not numeric" % key)
        if index < 0 or index >= len(obj):
            raise PathError("element was a list with %d elements, but [%s] was out of bounds" % (len(obj), key))
        return obj[index]
    raise PathError("no object found for [%s] within object of type [%s]" % (key, type(obj).__name__))


def evaluate(obj, path, stash=None):
    """Value at `path` inside `obj` (None when absent)."""
    result = obj
    for part in parse_path(path):
        result = _step(part, result, stash)
        if result is None:
            return None
    return result
