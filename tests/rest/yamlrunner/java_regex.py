"""Java regular expressions (java.util.regex.Pattern) on Python's `re`.

Elasticsearch's runner compiles `match: {f: /re/}` values with
Pattern.COMMENTS and `catch: /re/` values without flags, and uses `find()`
(a match anywhere).  Differences to Python that matter for the suite:

* COMMENTS mode ignores whitespace and `#...` comments everywhere, INSIDE
  character classes too, while Python's VERBOSE keeps whitespace in `[...]`.
  We therefore strip them ourselves and never hand VERBOSE to Python.
* Inline flags such as `(?s)` may appear anywhere in Java, but only at the
  start in Python: global ones are hoisted, `x` is handled here.
* `\\z` is Python's `\\Z`; Java's `\\Z` allows a final line terminator.
* `(?<name>...)`, `\\k<name>`, `\\Q...\\E`, `\\h`, `\\R`, `\\x{...}`, `\\p{Alpha}`
  and nested classes (`[a-z[0-9]]`, a union) are rewritten.
* `\\d`, `\\w`, `\\s`, `\\b` and case folding are ASCII in Java: re.ASCII.
"""

import re
import warnings

_WHITESPACE = " \t\n\x0b\f\r"

_HORIZONTAL_WS = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
_VERTICAL_WS = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029"

# \p{Name} (POSIX classes in US-ASCII, plus a few common Unicode ones).
_PROPERTY_CLASSES = {
    "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x00-\\x7f", "Alpha": "a-zA-Z",
    "Digit": "0-9", "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~", "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f", "XDigit": "0-9a-fA-F", "Space": " \\t\\n\\x0b\\f\\r",
    "L": "a-zA-Z", "IsAlphabetic": "a-zA-Z", "IsLetter": "a-zA-Z", "Lu": "A-Z", "Ll": "a-z",
    "N": "0-9", "Nd": "0-9", "IsDigit": "0-9", "javaLowerCase": "a-z", "javaUpperCase": "A-Z",
    "javaWhitespace": " \\t\\n\\x0b\\f\\r\\x1c-\\x1f",
}

_INLINE_FLAGS = re.compile(r"\(\?([idmsuxU]*)(?:-([idmsuxU]*))?(\)|:)")
_PY_FLAG = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


class JavaRegexError(ValueError):
    pass


class _Translator:
    def __init__(self, pattern, comments):
        self.p = pattern
        self.i = 0
        self.out = []
        self.comments = comments
        self.mode_stack = []  # comments mode saved at each '('
        self.global_flags = 0

    # -- helpers ---------------------------------------------------------
    def peek(self, offset=0):
        j = self.i + offset
        return self.p[j] if j < len(self.p) else ""

    def skip_ignorable(self):
        """In COMMENTS mode, skips whitespace and #-comments."""
        if not self.comments:
            return
        while self.i < len(self.p):
            c = self.p[self.i]
            if c in _WHITESPACE:
                self.i += 1
            elif c == "#":
                while self.i < len(self.p) and self.p[self.i] not in "\n\r":
                    self.i += 1
            else:
                return

    def read_braced(self):
        """Reads `{...}` after an escape letter, returns the inside."""
        if self.peek() != "{":
            raise JavaRegexError("expected '{' at %d in %r" % (self.i, self.p))
        end = self.p.find("}", self.i)
        if end < 0:
            raise JavaRegexError("unclosed '{' in %r" % self.p)
        inside = self.p[self.i + 1:end]
        self.i = end + 1
        return inside

    # -- escapes ---------------------------------------------------------
    def escape(self, in_class):
        """Translates the escape starting at self.i (a backslash)."""
        self.i += 1
        if self.i >= len(self.p):
            raise JavaRegexError("trailing backslash in %r" % self.p)
        c = self.p[self.i]
        self.i += 1
        if c == "Q":
            end = self.p.find("\\E", self.i)
            literal = self.p[self.i:] if end < 0 else self.p[self.i:end]
            self.i = len(self.p) if end < 0 else end + 2
            return "".join(re.escape(ch) for ch in literal)
        if c == "z" and not in_class:
            return "\\Z"
        if c == "Z" and not in_class:
            return "(?=(?:\\r\\n|[" + _VERTICAL_WS + "])?\\Z)"
        if c == "h":
            return _HORIZONTAL_WS if in_class else "[" + _HORIZONTAL_WS + "]"
        if c == "H":
            if in_class:
                raise JavaRegexError("\\H inside a class is not supported: %r" % self.p)
            return "[^" + _HORIZONTAL_WS + "]"
        if c == "v":
            return _VERTICAL_WS if in_class else "[" + _VERTICAL_WS + "]"
        if c == "V":
            if in_class:
                raise JavaRegexError("\\V inside a class is not supported: %r" % self.p)
            return "[^" + _VERTICAL_WS + "]"
        if c == "R" and not in_class:
            return "(?:\\r\\n|[" + _VERTICAL_WS + "])"
        if c == "e":
            return "\\x1b"
        if c == "c":
            ctrl = self.peek()
            self.i += 1
            return re.escape(chr(ord(ctrl) ^ 64))
        if c == "x" and self.peek() == "{":
            code = int(self.read_braced(), 16)
            return re.escape(chr(code))
        if c == "0":
            digits = ""
            while len(digits) < 3 and self.peek() and self.peek() in "01234567":
                digits += self.peek()
                self.i += 1
            if not digits or int(digits, 8) > 0o377:
                raise JavaRegexError("bad octal escape in %r" % self.p)
            return re.escape(chr(int(digits, 8)))
        if c == "k" and self.peek() == "<":
            end = self.p.find(">", self.i)
            name = self.p[self.i + 1:end]
            self.i = end + 1
            return "(?P=%s)" % name
        if c in "pP":
            if self.peek() == "{":
                name = self.read_braced()
            else:
                name = self.peek()
                self.i += 1
            if name.startswith("Is") and name[2:] in _PROPERTY_CLASSES:
                name = name[2:]
            if name not in _PROPERTY_CLASSES:
                raise JavaRegexError("unsupported property \\%s{%s} in %r" % (c, name, self.p))
            body = _PROPERTY_CLASSES[name]
            if c == "P":
                if in_class:
                    raise JavaRegexError("\\P inside a class is not supported: %r" % self.p)
                return "[^" + body + "]"
            return body if in_class else "[" + body + "]"
        if c.isalnum() or c == "_":
            # \d \w \s \b \B \A \G(unsupported) \n \t \1 ... mean the same in Python.
            if c == "G":
                raise JavaRegexError("\\G is not supported: %r" % self.p)
            return "\\" + c
        return re.escape(c)

    # -- classes ---------------------------------------------------------
    def char_class(self):
        """Translates a class starting at '['; nested classes are unions."""
        self.i += 1
        parts = ["["]
        if self.peek() == "^":
            parts.append("^")
            self.i += 1
        first = True
        while True:
            self.skip_ignorable()
            if self.i >= len(self.p):
                raise JavaRegexError("unclosed character class in %r" % self.p)
            c = self.p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            if c == "\\":
                parts.append(self.escape(in_class=True))
            elif c == "[":
                inner = self.char_class()
                if inner.startswith("[^"):
                    raise JavaRegexError("negated nested class is not supported: %r" % self.p)
                parts.append(inner[1:-1])
            elif c == "&" and self.peek(1) == "&":
                raise JavaRegexError("class intersection (&&) is not supported: %r" % self.p)
            elif c in "-":
                parts.append("-")
                self.i += 1
            elif c == "]":  # a leading ']' is literal
                parts.append("\\]")
                self.i += 1
            else:
                parts.append(re.escape(c) if c in "|~&^" else c)
                self.i += 1
            first = False
        parts.append("]")
        return "".join(parts)

    # -- groups ----------------------------------------------------------
    def group_open(self):
        m = _INLINE_FLAGS.match(self.p, self.i)
        if m:
            on, off, kind = m.group(1), m.group(2) or "", m.group(3)
            self.i = m.end()
            if kind == ")":
                # Applies until the end of the enclosing group (Java).
                if "x" in on:
                    self.comments = True
                if "x" in off:
                    self.comments = False
                for f in on:
                    self.global_flags |= _PY_FLAG.get(f, 0)
                return ""
            self.mode_stack.append(self.comments)
            if "x" in on:
                self.comments = True
            if "x" in off:
                self.comments = False
            on_py = "".join(f for f in on if f in "ims")
            off_py = "".join(f for f in off if f in "ims")
            if not on_py and not off_py:
                return "(?:"
            return "(?%s%s:" % (on_py, "-" + off_py if off_py else "")
        self.mode_stack.append(self.comments)
        if self.p.startswith("(?<", self.i) and self.peek(3) not in ("=", "!"):
            end = self.p.find(">", self.i)
            name = self.p[self.i + 3:end]
            self.i = end + 1
            return "(?P<%s>" % name
        self.i += 1
        return "("

    def group_close(self):
        self.i += 1
        if self.mode_stack:
            self.comments = self.mode_stack.pop()
        return ")"

    def translate(self):
        while True:
            self.skip_ignorable()
            if self.i >= len(self.p):
                break
            c = self.p[self.i]
            if c == "\\":
                self.out.append(self.escape(in_class=False))
            elif c == "[":
                self.out.append(self.char_class())
            elif c == "(":
                self.out.append(self.group_open())
            elif c == ")":
                self.out.append(self.group_close())
            else:
                self.out.append(c)
                self.i += 1
        return "".join(self.out)


def translate(pattern, comments=False):
    """Returns (python_pattern, python_flags) for a Java pattern."""
    t = _Translator(pattern, comments)
    body = t.translate()
    return body, t.global_flags | re.ASCII


_CACHE = {}


def compile_java(pattern, comments=False):
    key = (pattern, comments)
    compiled = _CACHE.get(key)
    if compiled is None:
        body, flags = translate(pattern, comments)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compiled = re.compile(body, flags)
            except re.error as e:
                raise JavaRegexError("cannot compile %r (as %r): %s" % (pattern, body, e))
        _CACHE[key] = compiled
    return compiled


def java_find(pattern, text, comments=False):
    """Pattern.compile(pattern[, COMMENTS]).matcher(text).find()."""
    return compile_java(pattern, comments).search(text) is not None
