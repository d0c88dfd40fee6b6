"""Java's `toString()` of parsed JSON values.

Elasticsearch's runner is Java: it turns stashed values into request
parameters with `toString()`, decides `is_true` / `is_false` on the
`toString()` of a value, and matches `catch: /regex/` against the
`toString()` of the response's `error` object (a Java Map renders as
`{root_cause=[{type=..., reason=...}], type=..., reason=...}`).  This module
renders Python values the same way so those comparisons behave alike.
"""


def java_double(x):
    """Double.toString: plain between 1e-3 and 1e7, else d.dddE[-]n."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if str(x).startswith("-") else "0.0"
    if 1e-3 <= abs(x) < 1e7:
        text = repr(x)
        return text if "." in text else text + ".0"
    # Scientific form with the shortest mantissa that round-trips.
    for digits in range(0, 17):
        candidate = "%.*e" % (digits, x)
        if float(candidate) == x:
            break
    mantissa, exponent = candidate.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    return "%sE%d" % (mantissa, int(exponent))


def java_str(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, dict):
        return "{" + ", ".join("%s=%s" % (java_str(k), java_str(v)) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(java_str(v) for v in value) + "]"
    return str(value)
