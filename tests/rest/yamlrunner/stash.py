"""Values saved by `set` and substituted into later steps.

As Elasticsearch's Stash:
* `$name` (a whole string) is the stashed object itself (any JSON type);
  `$name.a.b` walks into it; `$body` is the last response body.
* `${name}` inside a longer string is replaced by the value's text
  (runner feature `embedded_stash_key`); `\\${name}` keeps it literally.
* In request bodies and expected values, keys are substituted too
  (`stash_in_key`) and `$_path` is replaced by the dotted path of the value
  being substituted (`stash_path_replace`).
Cleared at the start of every test (setup, test and teardown share it).
"""

import re

from . import object_path
from .java_text import java_str

_EXTENDED_KEY = re.compile(r"(\\)?\$\{([^}]+)\}")
_PATH_KEY = re.compile(r"\$_path")


class StashError(Exception):
    pass


class Stash:
    def __init__(self):
        self._values = {}

    def clear(self):
        self._values.clear()

    def stash_value(self, key, value):
        self._values[key] = value

    def contains_stashed_value(self, key):
        if not isinstance(key, str) or not key:
            return False
        return key.startswith("$") or _EXTENDED_KEY.search(key) is not None

    def get_value(self, key):
        if key.startswith("$") and not key.startswith("${"):
            return self._unstash(key[1:])
        pieces = []
        last = 0
        found = False
        for m in _EXTENDED_KEY.finditer(key):
            found = True
            pieces.append(key[last:m.start()])
            if m.group(1):
                pieces.append(m.group(0)[1:])
            else:
                pieces.append(java_str(self._unstash(m.group(2))))
            last = m.end()
        if not found:
            raise StashError("doesn't contain any stash keys [%s]" % key)
        pieces.append(key[last:])
        return "".join(pieces)

    def _unstash(self, key):
        try:
            value = object_path.evaluate(self._values, key, self)
        except object_path.PathError as e:
            raise StashError("stashed value [%s]: %s" % (key, e))
        if value is None:
            raise StashError("stashed value not found for key [%s]" % key)
        return value

    def _get_value_at(self, path, key):
        if not _PATH_KEY.search(key):
            return self.get_value(key)
        built = ".".join(str(p).replace(".", "\\.") for p in path)
        return self.get_value(_PATH_KEY.sub(lambda _m: built, key))

    def replace_stashed_values(self, obj, path=()):
        """Deep copy of `obj` with stashed values substituted."""
        if isinstance(obj, dict):
            result = {}
            for k, v in obj.items():
                new_key = k
                if self.contains_stashed_value(k):
                    new_key = java_str(self._get_value_at(path, k))
                result[new_key] = self.replace_stashed_values(v, path + (new_key,))
            return result
        if isinstance(obj, list):
            return [self.replace_stashed_values(v, path + (i,)) for i, v in enumerate(obj)]
        if isinstance(obj, str) and self.contains_stashed_value(obj):
            return self._get_value_at(path, obj)
        return obj

    def replace_in_param(self, value):
        """A request parameter / header value: the stashed value's text."""
        if self.contains_stashed_value(value):
            return java_str(self.get_value(value))
        return value
