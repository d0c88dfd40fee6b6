"""Self-tests of the YAML REST test runner.

    /usr/bin/python3 -m unittest discover -s tests/rest -p 'test_*.py'

Corpus checks run when ../shared/es-rest-tests exists (else they skip); the
end-to-end checks use hand-written YAML tests and API specs in a temporary
directory against fake_es_server.py.
"""

import contextlib
import io
import json
import os
import shutil
import stat
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_es_server  # noqa: E402
from yamlrunner import api_spec, assertions, cli, executor, java_regex, java_text  # noqa: E402
from yamlrunner import object_path, prerequisites, report, stash, suite, yaml_loader  # noqa: E402

CORPUS = os.path.normpath(cli.DEFAULT_TESTS_ROOT)
HAVE_CORPUS = os.path.isdir(os.path.join(CORPUS, "test")) and os.path.isdir(os.path.join(CORPUS, "api"))
needs_corpus = unittest.skipUnless(HAVE_CORPUS, "corpus not found at %s" % CORPUS)

KNOWN_STEPS = {"do", "match", "length", "is_true", "is_false", "gt", "gte", "lt", "lte", "set", "close_to",
               "not_exists", "exists", "contains", "transform_and_set", "is_after"}


def corpus_files():
    found = []
    for top in ("test", "test-modules"):
        for dirpath, _, filenames in os.walk(os.path.join(CORPUS, top)):
            found += [os.path.join(dirpath, f) for f in filenames if f.endswith(".yml")]
    return sorted(found)


# ---------------------------------------------------------------------------
# Corpus


@needs_corpus
class CorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = api_spec.RestSpec.load(os.path.join(CORPUS, "api"))
        cls.files = [suite.parse_file(p, os.path.relpath(p, CORPUS)) for p in corpus_files()]

    def sections(self):
        for tf in self.files:
            for section in [tf.setup, tf.teardown] + tf.tests:
                if section is not None:
                    yield tf, section

    def test_every_file_parses(self):
        self.assertGreater(len(self.files), 80)
        for tf in self.files:
            self.assertIsNone(tf.error, tf.rel_path)
            self.assertTrue(tf.tests, tf.rel_path)
        self.assertEqual(539, sum(len(tf.tests) for tf in self.files))

    def test_every_step_is_known_and_every_api_is_in_the_spec(self):
        for tf, section in self.sections():
            for step in section.steps:
                self.assertIn(step.kind, KNOWN_STEPS, "%s %s" % (tf.rel_path, section.name))
                if step.kind == "do":
                    apis = [k for k in step.value if k not in executor.DO_KEYS]
                    self.assertEqual(1, len(apis), "%s %s" % (tf.rel_path, section.name))
                    self.assertIn(apis[0], self.spec.apis)

    def test_every_regex_translates(self):
        count = 0
        for tf, section in self.sections():
            for step in section.steps:
                if step.kind == "do" and str(step.value.get("catch", "")).startswith("/"):
                    java_regex.compile_java(step.value["catch"][1:-1])
                    count += 1
                if step.kind == "match":
                    for value in step.value.values():
                        if assertions.is_regex_literal(value):
                            java_regex.compile_java(value.strip()[1:-1], comments=True)
                            count += 1
        self.assertGreater(count, 60)

    def test_every_prerequisite_evaluates(self):
        info = prerequisites.ClusterInfo((8, 19, 0), [], lambda *a: None)
        skipped = 0
        for tf in self.files:
            for test in tf.tests:
                prereqs = (tf.setup.prerequisites if tf.setup else []) + test.prerequisites
                if prerequisites.skip_reason(prereqs, info) is not None:
                    skipped += 1
        self.assertGreater(skipped, 10)

    def test_every_request_builds(self):
        """Every call builds, except the ones ES's own client rejects too
        (old tests passing `size` to *_by_query, and catch: param)."""
        rejected = []
        for tf, section in self.sections():
            for step in section.steps:
                if step.kind != "do" or step.value.get("catch") == "param":
                    continue
                api = [k for k in step.value if k not in executor.DO_KEYS][0]
                call = step.value[api] or {}
                params = {k: v for k, v in call.items() if k not in ("body", "ignore")}
                try:
                    api_spec.build_request(self.spec, api, params, call.get("body"), "body" in call)
                except api_spec.ClientValidationError as e:
                    rejected.append(str(e))
        self.assertTrue(all("[size] not supported" in r for r in rejected), rejected)


# ---------------------------------------------------------------------------
# URL building


@needs_corpus
class UrlBuildingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = api_spec.RestSpec.load(os.path.join(CORPUS, "api"))

    def build(self, api, params, body=None, has_body=None, headers=None, st=None):
        has_body = (body is not None) if has_body is None else has_body
        r = api_spec.build_request(self.spec, api, params, body, has_body, headers, st)
        return r

    def test_index_with_and_without_id(self):
        r = self.build("index", {"index": "test", "id": "1"}, {"a": 1})
        self.assertEqual(("PUT", "/test/_doc/1"), (r.method, r.url))
        self.assertEqual(b'{"a":1}', r.body)
        self.assertEqual("application/json", r.headers["Content-Type"])
        r = self.build("index", {"index": "test"}, {"a": 1})
        self.assertEqual(("POST", "/test/_doc"), (r.method, r.url))

    def test_search_with_and_without_index(self):
        r = self.build("search", {})
        self.assertEqual(("GET", "/_search"), (r.method, r.url))
        r = self.build("search", {"index": ["a", "b"], "rest_total_hits_as_int": True}, {"query": {"match_all": {}}})
        self.assertEqual(("POST", "/a,b/_search?rest_total_hits_as_int=true"), (r.method, r.url))
        r = self.build("search", {"index": "test", "size": 0})
        self.assertEqual("/test/_search?size=0", r.url)

    def test_cat_indices_with_format(self):
        r = self.build("cat.indices", {"index": "idx", "format": "json", "h": ["index", "docs.count"], "v": False})
        self.assertEqual(("GET", "/_cat/indices/idx?format=json&h=index,docs.count&v=false"), (r.method, r.url))
        self.assertEqual("/_cat/indices", self.build("cat.indices", {}).url)

    def test_get_mapping(self):
        self.assertEqual("/_mapping", self.build("indices.get_mapping", {}).url)
        self.assertEqual("/test_1/_mapping", self.build("indices.get_mapping", {"index": "test_1"}).url)
        self.assertEqual("/test_1,test_2/_mapping",
                         self.build("indices.get_mapping", {"index": ["test_1", "test_2"]}).url)

    def test_bulk_with_index_is_ndjson(self):
        r = self.build("bulk", {"index": "test", "refresh": True},
                       [{"index": {"_id": "1"}}, {"f": 1}, '{"delete": {"_id": "2"}}'])
        self.assertEqual(("POST", "/test/_bulk?refresh=true"), (r.method, r.url))
        self.assertEqual(b'{"index":{"_id":"1"}}\n{"f":1}\n{"delete": {"_id": "2"}}\n', r.body)
        self.assertEqual("application/x-ndjson", r.headers["Content-Type"])
        r = self.build("bulk", {}, '{"index": {}}\n{"f": 1}')
        self.assertEqual(b'{"index": {}}\n{"f": 1}\n', r.body)
        self.assertEqual("/_bulk", r.url)

    def test_step_content_type_wins(self):
        r = self.build("bulk", {}, "{}\n", headers={"Content-Type": "application/json"})
        self.assertEqual("application/json", r.headers["Content-Type"])

    def test_path_parts_are_encoded_one_by_one(self):
        r = self.build("get", {"index": "my index", "id": "a/b?c#d%"})
        self.assertEqual("/my%20index/_doc/a%2Fb%3Fc%23d%25", r.url)
        r = self.build("get", {"index": "test", "id": "日本"})
        self.assertEqual("/test/_doc/%E6%97%A5%E6%9C%AC", r.url)

    def test_head_apis(self):
        r = self.build("exists", {"index": "test", "id": 1})
        self.assertEqual(("HEAD", "/test/_doc/1"), (r.method, r.url))
        self.assertEqual("HEAD", self.build("indices.exists", {"index": "x"}).method)

    def test_empty_list_part_is_absent(self):
        self.assertEqual("/_refresh", self.build("indices.refresh", {"index": []}).url)
        self.assertEqual("/_all/_refresh", self.build("indices.refresh", {"index": ["_all"]}).url)

    def test_most_specific_path_wins(self):
        self.assertEqual("/i/_stats/docs", self.build("indices.stats", {"index": "i", "metric": "docs"}).url)
        self.assertEqual("/_stats/docs", self.build("indices.stats", {"metric": "docs"}).url)

    def test_global_and_client_params(self):
        r = self.build("count", {"index": "t", "filter_path": ["-a", "b.*"], "ignore": 404})
        self.assertEqual("/t/_count?filter_path=-a,b.*", r.url)

    def test_client_side_validation(self):
        with self.assertRaisesRegex(api_spec.ClientValidationError, "not supported"):
            self.build("get", {"index": "t", "id": "1", "bogus": 1})
        with self.assertRaisesRegex(api_spec.ClientValidationError, "no path"):
            self.build("get", {"index": "t"})
        with self.assertRaisesRegex(api_spec.ClientValidationError, "body is required"):
            self.build("bulk", {})
        with self.assertRaisesRegex(api_spec.ClientValidationError, "body is not supported"):
            self.build("get", {"index": "t", "id": "1"}, {"a": 1})
        with self.assertRaisesRegex(api_spec.ClientValidationError, "not in the rest spec"):
            self.build("no.such.api", {})

    def test_stash_in_bodies(self):
        st = stash.Stash()
        st.stash_value("sid", "abc==")
        st.stash_value("n", 5)
        r = self.build("scroll", {}, {"scroll_id": "$sid", "size": "$n", "note": "id ${sid}!"}, st=st)
        self.assertEqual({"scroll_id": "abc==", "size": 5, "note": "id abc==!"}, json.loads(r.body))
        r = self.build("bulk", {}, ['{"index": {"_id": "$sid"}}', {"v": "$n"}], st=st)
        self.assertEqual(b'{"index":{"_id":"abc=="}}\n{"v":5}\n', r.body)
        r = self.build("search", {}, '{"query": {"term": {"id": "$sid"}}}', st=st)
        self.assertEqual({"query": {"term": {"id": "abc=="}}}, json.loads(r.body))
        r = self.build("search", {}, '{"query": {"match_all": {}}}', st=st)
        self.assertEqual(b'{"query": {"match_all": {}}}', r.body)  # raw strings go as written


class MethodChoiceTest(unittest.TestCase):
    def test_choice(self):
        self.assertEqual("GET", api_spec.choose_method(["GET", "POST"], False))
        self.assertEqual("POST", api_spec.choose_method(["GET", "POST"], True))
        self.assertEqual("PUT", api_spec.choose_method(["PUT", "POST"], True))
        self.assertEqual("POST", api_spec.choose_method(["POST", "GET"], False))
        self.assertEqual("DELETE", api_spec.choose_method(["DELETE"], True))


# ---------------------------------------------------------------------------
# skip / requires


class SkipEvaluationTest(unittest.TestCase):
    def info(self, version=(8, 19, 0), features=(), caps=None):
        return prerequisites.ClusterInfo(version, features, caps)

    def skip(self, prereqs, **kw):
        return prerequisites.skip_reason(prereqs, self.info(**kw))

    def test_version_ranges(self):
        vir = prerequisites.version_in_ranges
        self.assertFalse(vir((8, 19, 0), " - 6.99.99"))
        self.assertTrue(vir((6, 8, 0), " - 6.99.99"))
        self.assertTrue(vir((6, 99, 99), " - 6.99.99"))
        self.assertTrue(vir((8, 19, 0), "7.3.0 - "))
        self.assertTrue(vir((7, 3, 0), "7.3.0 - "))
        self.assertFalse(vir((7, 2, 9), "7.3.0 - "))
        self.assertTrue(vir((8, 4, 0), "8.4.0 - 8.5.0"))
        self.assertTrue(vir((8, 5, 0), "8.4.0 - 8.5.0"))
        self.assertFalse(vir((8, 5, 1), "8.4.0 - 8.5.0"))
        self.assertFalse(vir((8, 19, 0), "8.4.0 - 8.5.0"))
        self.assertTrue(vir((8, 19, 0), "all"))
        self.assertTrue(vir((8, 19, 0), "1.0.0 - 2.0.0, 8.10.0 - 8.99.99"))
        self.assertEqual((8, 19, 0), prerequisites.parse_version("8.19.0-SNAPSHOT"))
        with self.assertRaises(prerequisites.PrerequisiteError):
            vir((8, 0, 0), "1 - 2 - 3")

    def test_skip_version(self):
        self.assertIsNone(self.skip([("skip", {"version": " - 6.99.99", "reason": "old"})]))
        self.assertIn("old", self.skip([("skip", {"version": "7.0.0 - ", "reason": "old"})]))
        self.assertIsNotNone(self.skip([("skip", {"version": "all", "reason": "x"})]))

    def test_runner_features(self):
        self.assertIsNone(self.skip([("skip", {"features": "headers"})]))
        self.assertIsNone(self.skip([("skip", {"features": ["close_to", "allowed_warnings", "node_selector"]})]))
        self.assertIsNone(self.skip([("requires", {"test_runner_features": ["capabilities", "default_shards"]})]))
        self.assertIn("not_a_feature", self.skip([("skip", {"features": ["headers", "not_a_feature"]})]))
        self.assertIsNotNone(self.skip([("skip", {"features": "xpack"})]))
        self.assertIsNone(self.skip([("skip", {"features": "no_xpack"})]))

    def test_cluster_features(self):
        self.assertIsNone(self.skip([("requires", {"cluster_features": ["gte_v8.12.0"], "reason": "r"})]))
        self.assertIsNone(self.skip([("requires", {"cluster_features": "gte_v8.19.0", "reason": "r"})]))
        self.assertIsNotNone(self.skip([("requires", {"cluster_features": ["gte_v9.0.0"], "reason": "r"})]))
        self.assertIsNotNone(self.skip([("requires", {"cluster_features": ["mapper.x"], "reason": "r"})]))
        self.assertIsNone(self.skip([("requires", {"cluster_features": ["mapper.x"], "reason": "r"})],
                                    features=["mapper.x"]))
        # skip.cluster_features skips when the cluster HAS the feature.
        self.assertIsNotNone(self.skip([("skip", {"cluster_features": ["gte_v7.2.0"], "reason": "r"})]))
        self.assertIsNone(self.skip([("skip", {"cluster_features": ["mapper.y"], "reason": "r"})]))

    def test_capabilities(self):
        calls = []

        def caps(method, path, parameters, capabilities):
            calls.append((method, path, parameters, capabilities))
            return {"yes": True, "no": False}.get(capabilities)

        requires = [("requires", {"test_runner_features": ["capabilities"], "reason": "r",
                                  "capabilities": [{"method": "PUT", "path": "/{index}", "capabilities": ["yes"]}]})]
        self.assertIsNone(self.skip(requires, caps=caps))
        self.assertEqual(("PUT", "/{index}", None, "yes"), calls[-1])
        requires[0][1]["capabilities"][0]["capabilities"] = ["no"]
        self.assertIsNotNone(self.skip(requires, caps=caps))
        requires[0][1]["capabilities"][0]["capabilities"] = ["unknown"]
        self.assertIsNotNone(self.skip(requires, caps=caps))
        self.assertIsNotNone(self.skip(requires, caps=None))
        skip = [("skip", {"reason": "r", "capabilities": [{"path": "/_search", "capabilities": "yes",
                                                           "parameters": ["a", "b"]}]})]
        self.assertIsNotNone(self.skip(skip, caps=caps))
        self.assertEqual(("GET", "/_search", "a,b", "yes"), calls[-1])

    def test_awaits_fix_and_known_issues(self):
        self.assertIsNotNone(self.skip([("skip", {"awaits_fix": "https://bug", "reason": "r"})]))
        issue = [("skip", {"reason": "r", "known_issues": [{"cluster_feature": "a", "fixed_by": "b"}]})]
        self.assertIsNone(self.skip(issue))
        self.assertIsNotNone(self.skip(issue, features=["a"]))
        self.assertIsNone(self.skip(issue, features=["a", "b"]))

    def test_unknown_keys_are_errors(self):
        with self.assertRaises(prerequisites.PrerequisiteError):
            self.skip([("skip", {"versoin": "all"})])


# ---------------------------------------------------------------------------
# Assertions, regex, paths, stash


class AssertionSemanticsTest(unittest.TestCase):
    def test_regex_ignores_whitespace_and_comments(self):
        cat = "green  open   index1 abcdefghijklmnopqrstuv 1 0 0 0 225b 225b\n"
        pattern = textwrap.dedent("""\
            /^(green  \\s+
               open   \\s+   # state
               index1 \\s+
               ([a-zA-Z0-9=/_+]|[\\\\\\-]){22} \\s+
               1 \\s+ 0 \\s+ 0 \\s+ 0 \\s+ \\d+b \\s+ \\d+b
            \\s*)$/
            """)
        assertions.assert_match("$body", cat, pattern)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("$body", cat.replace("open", "close"), pattern)

    def test_whitespace_in_class_is_ignored_in_comments_mode(self):
        self.assertTrue(java_regex.java_find("^[a b]+$", "abab", comments=True))
        self.assertFalse(java_regex.java_find("^[a b]+$", "a b", comments=True))
        self.assertTrue(java_regex.java_find("^a\\ b$", "a b", comments=True))
        self.assertTrue(java_regex.java_find("^[a b]+$", "a b", comments=False))

    def test_regex_is_a_find_not_a_full_match(self):
        assertions.assert_match("f", "xx foo yy", "/foo/")
        error_text = "{type=index_not_found_exception, reason=no such index [x]}"
        self.assertTrue(java_regex.java_find("no.such.index", error_text))

    def test_java_regex_translation(self):
        self.assertTrue(java_regex.java_find("a\\z", "a"))
        self.assertFalse(java_regex.java_find("a\\z", "a\n"))
        self.assertTrue(java_regex.java_find("a\\Z", "a\n"))
        self.assertTrue(java_regex.java_find("x(?s).y", "x\ny"))
        self.assertTrue(java_regex.java_find("(?<word>ab)\\k<word>", "abab"))
        self.assertTrue(java_regex.java_find("\\Q[a.b]\\E", "x[a.b]"))
        self.assertFalse(java_regex.java_find("\\Q[a.b]\\E", "xa.b"))
        self.assertTrue(java_regex.java_find("^[a-c[x-z]]+$", "abyz"))
        self.assertTrue(java_regex.java_find("^\\p{Alpha}+\\d$", "abc1"))
        self.assertTrue(java_regex.java_find("^\\w+$", "abc_1"))
        self.assertFalse(java_regex.java_find("^\\w+$", "é"))  # ASCII like Java

    def test_match_regex_requires_a_string(self):
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", 5, "/5/")

    def test_numbers_compare_across_int_and_float(self):
        assertions.assert_match("f", 76, 76.0)
        assertions.assert_match("f", 76.0, 76)
        assertions.assert_match("f", {"a": [1, 2.0]}, {"a": [1.0, 2]})
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", 76.5, 76)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", True, 1)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", "1", 1)
        assertions.assert_compare("gt", "f", 2, 1.5)
        assertions.assert_compare("lte", "f", 2.0, 2)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_compare("lt", "f", 2, 2)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_compare("gt", "f", None, 2)

    def test_match_objects_deep_equal(self):
        assertions.assert_match("f", {"a": 1, "b": {"c": "d"}}, {"b": {"c": "d"}, "a": 1})
        with self.assertRaisesRegex(assertions.AssertionFailure, "b.e: unexpected key"):
            assertions.assert_match("f", {"a": 1, "b": {"c": "d", "e": 1}}, {"a": 1, "b": {"c": "d"}})
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", [1, 2], [2, 1])
        assertions.assert_match("f", None, None)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_match("f", None, "x")

    def test_is_true_is_false_use_java_text(self):
        for falsy in (None, False, "", "false", "FALSE", 0, "0"):
            assertions.assert_is_false("f", falsy)
            with self.assertRaises(assertions.AssertionFailure):
                assertions.assert_is_true("f", falsy)
        for truthy in (True, "true", 1, 0.0, "x", {}, [], {"a": 1}):
            assertions.assert_is_true("f", truthy)
            with self.assertRaises(assertions.AssertionFailure):
                assertions.assert_is_false("f", truthy)

    def test_length_close_to_contains(self):
        assertions.assert_length("f", [1, 2], 2)
        assertions.assert_length("f", {"a": 1}, 1)
        assertions.assert_length("f", "abc", 3)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_length("f", 5, 1)
        assertions.assert_close_to("f", 0.99765, 0.9976501, 0.0001)
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_close_to("f", 1.1, 1.0, 0.01)
        assertions.assert_contains("f", [{"a": 1, "b": 2}, 3], {"a": 1})
        with self.assertRaises(assertions.AssertionFailure):
            assertions.assert_contains("f", [1, 2], 3)

    def test_paths(self):
        body = {"aggs": {"p": {"values": {"50.0": 7}}}, "hits": {"hits": [{"_id": "a"}, {"_id": "b"}]},
                "m": {"k1": 1}, "a.b": {"c": 2}}
        self.assertEqual(7, object_path.evaluate(body, "aggs.p.values.50\\.0"))
        self.assertEqual("b", object_path.evaluate(body, "hits.hits.1._id"))
        self.assertEqual("b", object_path.evaluate(body, ".hits.hits.1._id"))
        self.assertEqual(2, object_path.evaluate(body, "a\\.b.c"))
        self.assertEqual("k1", object_path.evaluate(body, "m._arbitrary_key_"))
        self.assertIsNone(object_path.evaluate(body, "nope.deeper"))
        self.assertIs(body, object_path.evaluate(body, ""))
        with self.assertRaises(object_path.PathError):
            object_path.evaluate(body, "hits.hits.5")
        with self.assertRaises(object_path.PathError):
            object_path.evaluate(body, "hits.hits.x")
        st = stash.Stash()
        st.stash_value("idx", 1)
        self.assertEqual("b", object_path.evaluate(body, "hits.hits.$idx._id", st))

    def test_stash_substitution(self):
        st = stash.Stash()
        st.stash_value("id", "abc")
        st.stash_value("n", 3)
        st.stash_value("body", {"hits": {"total": 9}})
        self.assertEqual("abc", st.get_value("$id"))
        self.assertEqual(3, st.get_value("$n"))
        self.assertEqual("id-abc-3", st.get_value("id-${id}-${n}"))
        self.assertEqual("${id}", st.get_value("\\${id}"))
        self.assertEqual(9, st.get_value("$body.hits.total"))
        self.assertEqual({"abc": {"x": 3, "y": ["abc"], "p": "at abc"}},
                         st.replace_stashed_values({"$id": {"x": "$n", "y": ["$id"], "p": "at ${id}"}}))
        self.assertEqual("3", st.replace_in_param("$n"))
        with self.assertRaises(stash.StashError):
            st.get_value("$missing")
        st.stash_value("tree", {"a": {"b": 5}})
        self.assertEqual({"a": {"b": 5}}, st.replace_stashed_values({"a": {"b": "$tree.$_path"}}))

    def test_java_text(self):
        self.assertEqual("{root_cause=[{type=x, reason=y}], status=404, ok=true, v=null}",
                         java_text.java_str({"root_cause": [{"type": "x", "reason": "y"}], "status": 404,
                                             "ok": True, "v": None}))
        self.assertEqual("1.0E-5", java_text.java_str(1e-5))
        self.assertEqual("76.0", java_text.java_str(76.0))

    def test_warning_header_parsing(self):
        self.assertEqual('a "quoted" text', executor.parse_warning(
            '299 Elasticsearch-8.19.0-abc "a \\"quoted\\" text" "Mon, 01 Jan 2024 00:00:00 GMT"'))
        self.assertEqual("plain", executor.parse_warning('299 Quiver "plain"'))
        self.assertEqual(2, len(executor.split_warning_headers(['299 a "x", 299 a "y"'])))


class YamlLoaderTest(unittest.TestCase):
    def test_scalars_follow_jackson(self):
        doc = yaml_loader.load("a: 2016-01-01\nb: 1e-5\nc: 010\nd: yes\ne: 12:30\nf: true\ng: ~\nh: -1.5\ni: '1'\n")
        self.assertEqual({"a": "2016-01-01", "b": 1e-5, "c": 10, "d": "yes", "e": "12:30", "f": True,
                          "g": None, "h": -1.5, "i": "1"}, doc)

    def test_parse_sections(self):
        tf = suite.parse_text(textwrap.dedent("""\
            setup:
              - skip: {features: headers}
              - do: {indices.create: {index: a}}
            ---
            "one":
              - requires: {cluster_features: x, reason: r}
              - match: {a: 1}
            ---
            teardown:
              - do: {indices.delete: {index: a}}
            """), "/x/f.yml", "test/d/f.yml")
        self.assertIsNone(tf.error)
        self.assertEqual(1, len(tf.setup.prerequisites))
        self.assertEqual(["one"], [t.name for t in tf.tests])
        self.assertEqual("test/d/f.yml::one", tf.test_id(tf.tests[0]))
        self.assertEqual(2, tf.tests[0].steps[0].index)
        bad = suite.parse_text("'t':\n  - {match: {a: 1}, length: {b: 1}}\n")
        self.assertIsNotNone(bad.error)


# ---------------------------------------------------------------------------
# End to end against fake_es_server.py

MINI_SPEC = {
    "_common": {"params": {"error_trace": {"type": "boolean"}, "filter_path": {"type": "list"},
                           "pretty": {"type": "boolean"}, "human": {"type": "boolean"}, "source": {"type": "string"}}},
    "indices.create": {"url": {"paths": [{"path": "/{index}", "methods": ["PUT"], "parts": {"index": {}}}]},
                       "params": {}, "body": {"required": False}},
    "indices.exists": {"url": {"paths": [{"path": "/{index}", "methods": ["HEAD"], "parts": {"index": {}}}]},
                       "params": {}},
    "index": {"url": {"paths": [{"path": "/{index}/_doc/{id}", "methods": ["PUT", "POST"],
                                 "parts": {"index": {}, "id": {}}},
                                {"path": "/{index}/_doc", "methods": ["POST"], "parts": {"index": {}}}]},
              "params": {"refresh": {"type": "enum"}}, "body": {"required": True}},
    "get": {"url": {"paths": [{"path": "/{index}/_doc/{id}", "methods": ["GET"], "parts": {"index": {}, "id": {}}}]},
            "params": {}},
    "exists": {"url": {"paths": [{"path": "/{index}/_doc/{id}", "methods": ["HEAD"],
                                  "parts": {"index": {}, "id": {}}}]}, "params": {}},
    "search": {"url": {"paths": [{"path": "/_search", "methods": ["GET", "POST"]},
                                  {"path": "/{index}/_search", "methods": ["GET", "POST"], "parts": {"index": {}}}]},
               "params": {"size": {"type": "int"}}, "body": {"required": False}},
    "bulk": {"url": {"paths": [{"path": "/_bulk", "methods": ["POST", "PUT"]},
                                {"path": "/{index}/_bulk", "methods": ["POST", "PUT"], "parts": {"index": {}}}]},
             "params": {"refresh": {"type": "enum"}}, "body": {"required": True, "serialize": "bulk"}},
    "cat.indices": {"url": {"paths": [{"path": "/_cat/indices", "methods": ["GET"]}]},
                    "params": {"format": {"type": "string"}}},
    "fake.warn": {"url": {"paths": [{"path": "/_fake/warn", "methods": ["GET"]}]}, "params": {}},
    "fake.slow": {"url": {"paths": [{"path": "/_fake/slow", "methods": ["GET"]}]}, "params": {"seconds": {}}},
    "fake.crash": {"url": {"paths": [{"path": "/_fake/crash", "methods": ["POST"]}]}, "params": {}},
    "fake.status": {"url": {"paths": [{"path": "/_fake/status", "methods": ["GET"]}]},
                    "params": {"code": {"type": "int"}, "req": {"type": "string", "required": True}}},
}

BASIC_YML = r"""
---
setup:
  - do:
      indices.create:
        index: test_1
---
"Index, get and assert":
  - do:
      index:
        index: test_1
        id: "1"
        body: { foo: bar, count: 3, date: 2016-01-01 }
  - match: { result: created }
  - set: { _id: doc_id }
  - do:
      get:
        index: test_1
        id: $doc_id
  - match: { _source: { foo: bar, count: 3.0, date: "2016-01-01" } }
  - match: { _source.foo: /^ b a r $/ }
  - match: { _id: "${doc_id}" }
  - is_true: found
  - is_false: not_there
  - gt: { _source.count: 2 }
  - lte: { _source.count: 3.0 }
  - close_to: { _source.count: { value: 3.01, error: 0.1 } }
  - length: { _source: 3 }
  - do:
      exists:
        index: test_1
        id: "2"
  - is_false: ''
  - do:
      bulk:
        refresh: true
        body:
          - index: { _index: test_1, _id: "2" }
          - { foo: baz }
          - '{"index": {"_index": "test_1", "_id": "$doc_id"}}'
          - '{"foo": "again"}'
  - match: { errors: false }
  - match: { items.1.index._id: "1" }
  - do:
      search:
        index: test_1
        body: { query: { match_all: {} } }
  - match: { hits.total.value: 2 }
  - length: { hits.hits: 2 }
  - do:
      cat.indices: {}
  - match:
      $body: |
        /^ green \s+ open \s+ test_1 \s+ 2 \n $/

---
"Assertion that fails":
  - do:
      get:
        index: test_1
        id: "1"
      catch: missing
  - match: { found: true }

---
"Catches":
  - do:
      catch: missing
      get:
        index: test_1
        id: "nope"
  - match: { found: false }
  - do:
      catch: /index_not_found_exception.+no\ such\ index\ \[nothere\]/
      search:
        index: nothere
  - do:
      catch: bad_request
      indices.create:
        index: test_1
  - do:
      catch: param
      get:
        index: test_1
  - do:
      catch: request
      fake.status:
        code: 500
        req: x
  - do:
      fake.status:
        code: 404
        req: x
        ignore: 404

---
"Index from an earlier test is gone":
  - do:
      indices.exists:
        index: leak
  - is_false: ''
  - do:
      indices.create:
        index: leak
  - do:
      indices.exists:
        index: leak
  - is_true: ''

---
"Leak check":
  - do:
      indices.exists:
        index: leak
  - is_false: ''

---
"Skipped by version":
  - skip:
      version: "8.0.0 - "
      reason: not on 8.x
  - match: { never: evaluated }

---
"Runs on old-version skip":
  - skip:
      version: " - 7.99.99"
      reason: only old
  - do:
      indices.exists:
        index: test_1
  - is_true: ''

---
"Skipped by missing cluster feature":
  - requires:
      cluster_features: ["no.such.feature"]
      reason: needs it
  - match: { never: evaluated }

---
"Runs with claimed feature and capability":
  - requires:
      cluster_features: ["fake.feature", "gte_v8.15.0"]
      test_runner_features: [capabilities, headers]
      capabilities:
        - method: GET
          path: /_search
          capabilities: [fake_capability]
      reason: claimed
  - do:
      headers:
        X-Test: "yes"
      search: {}
  - match: { hits.total.value: 0 }

---
"Skipped by capability":
  - requires:
      test_runner_features: [capabilities]
      capabilities:
        - path: /_search
          capabilities: [missing_capability]
      reason: not claimed
  - match: { never: evaluated }

---
"Skipped by runner feature":
  - skip:
      features: [no_such_runner_feature]
  - match: { never: evaluated }

---
"Warnings":
  - requires:
      test_runner_features: [warnings, allowed_warnings]
  - do:
      warnings:
        - this is deprecated
      allowed_warnings:
        - '[x] is "quoted"'
      fake.warn: {}
  - do:
      fake.warn: {}

---
"is_false that fails":
  - do:
      indices.exists:
        index: test_1
  - is_false: ''

---
"Missing warning fails":
  - do:
      warnings:
        - never sent
      fake.warn: {}

---
"Client validation fails":
  - do:
      get:
        index: test_1
        id: "1"
        bogus: true

---
"Teardown runs":
  - do:
      indices.create:
        index: torn
---
teardown:
  - do:
      indices.exists:
        index: teardown_marker
  - match: { teardown: "assertions are not run in teardown" }
"""

SETUP_FAILS_YML = r"""
setup:
  - do:
      indices.create:
        index: dup
  - do:
      indices.create:
        index: dup
---
"First":
  - match: { a: 1 }
---
"Second":
  - match: { a: 1 }
"""

SETUP_SKIPS_YML = r"""
setup:
  - skip:
      version: all
      reason: whole file
---
"One":
  - match: { a: 1 }
---
"Two":
  - match: { a: 1 }
"""

BASIC_EXPECTED = {
    "Index, get and assert": "passed",
    "Assertion that fails": "failed",
    "Catches": "passed",
    "Index from an earlier test is gone": "passed",
    "Leak check": "passed",
    "Skipped by version": "skipped",
    "Runs on old-version skip": "passed",
    "Skipped by missing cluster feature": "skipped",
    "Runs with claimed feature and capability": "passed",
    "Skipped by capability": "skipped",
    "Skipped by runner feature": "skipped",
    "Warnings": "passed",
    "is_false that fails": "failed",
    "Missing warning fails": "failed",
    "Client validation fails": "failed",
    "Teardown runs": "passed",
}


def write_mini_corpus(root, extra_files=None):
    api = os.path.join(root, "api")
    os.makedirs(api)
    for name, definition in MINI_SPEC.items():
        content = definition if name == "_common" else {name: definition}
        with open(os.path.join(api, name + ".json"), "w") as f:
            json.dump(content, f)
    files = {"test/mini/10_basic.yml": BASIC_YML, "test/other/10_setup_fails.yml": SETUP_FAILS_YML,
             "test/other/20_setup_skips.yml": SETUP_SKIPS_YML}
    files.update(extra_files or {})
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def run_cli(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return code, out.getvalue(), err.getvalue()


class EndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = fake_es_server.start_in_thread()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="yamlrunner-test-")
        write_mini_corpus(self.root)
        self.server.indices.clear()
        self.server.requests.clear()

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def run_runner(self, *extra):
        return run_cli(["--url", self.server.url, "--tests-root", self.root] + list(extra))

    def test_counts_and_summary(self):
        report_path = os.path.join(self.root, "report.json")
        passing_path = os.path.join(self.root, "passing.txt")
        code, out, err = self.run_runner("--json-report", report_path, "--write-passing", passing_path)
        self.assertEqual(0, code, out + err)
        lines = out.strip().splitlines()
        self.assertEqual("8 passed, 6 failed, 6 skipped", lines[-1], out)
        with open(report_path) as f:
            data = json.load(f)
        status = {t["id"]: t["status"] for t in data["tests"]}
        for name, expected in BASIC_EXPECTED.items():
            self.assertEqual(expected, status["test/mini/10_basic.yml::" + name], name)
        self.assertEqual("failed", status["test/other/10_setup_fails.yml::First"])
        self.assertEqual("skipped", status["test/other/20_setup_skips.yml::Two"])
        reasons = {t["id"]: t["reason"] for t in data["tests"]}
        self.assertTrue(reasons["test/other/10_setup_fails.yml::Second"]
                        .startswith("setup: step 2 (do indices.create)"))
        self.assertEqual("step 2 (match found): field [found] expected true, got false",
                         reasons["test/mini/10_basic.yml::Assertion that fails"])
        self.assertIn("did not get expected warning", reasons["test/mini/10_basic.yml::Missing warning fails"])
        self.assertEqual("step 2 (is_false ''): field [] is not false: true",
                         reasons["test/mini/10_basic.yml::is_false that fails"])
        self.assertIn("[bogus] not supported", reasons["test/mini/10_basic.yml::Client validation fails"])
        self.assertIn("version 8.19.0 in skip range", reasons["test/mini/10_basic.yml::Skipped by version"])
        self.assertEqual({"passed": 8, "failed": 6, "skipped": 6}, data["summary"])
        self.assertEqual({"passed": 8, "failed": 4, "skipped": 4}, data["directories"]["test/mini"])

        # One FAIL line per failed test, then the table, then the summary.
        fail_lines = [l for l in lines if l.startswith("FAIL ")]
        self.assertEqual(6, len(fail_lines))
        self.assertTrue(any(l.startswith("test/mini ") and l.split()[1:] == ["8", "4", "4"] for l in lines), out)
        self.assertTrue(any(l.startswith("test/other ") and l.split()[1:] == ["0", "2", "2"] for l in lines), out)
        self.assertTrue(any(l.startswith("total ") for l in lines))

        teardowns = [p for m, p, q, h, b in self.server.requests if p == "/teardown_marker"]
        self.assertEqual(len(BASIC_EXPECTED) - 4, len(teardowns))  # every test that was not skipped
        status_calls = [q for m, p, q, h, b in self.server.requests if p == "/_fake/status"]
        self.assertEqual([{"code": "500", "req": "x", "error_trace": "true"},
                          {"code": "404", "req": "x", "error_trace": "true"}], status_calls)  # `ignore` not sent

        passing = report.read_id_list(passing_path)
        self.assertEqual(sorted(passing), passing)
        self.assertEqual(8, len(passing))
        self.assertIn("test/mini/10_basic.yml::Catches", passing)

    def test_requests_on_the_wire(self):
        self.run_runner("mini", "--filter", "Index, get")
        requests = [(m, p, q, h, b) for m, p, q, h, b in self.server.requests]
        bulk = [r for r in requests if r[1] == "/_bulk"]
        self.assertEqual(1, len(bulk))
        self.assertEqual("application/x-ndjson", bulk[0][3]["Content-Type"])
        self.assertTrue(bulk[0][4].endswith(b"\n"))
        self.assertIn(b'"_id":"1"', bulk[0][4])  # stash inside a string list item
        self.assertEqual({"refresh": "true", "error_trace": "true"}, bulk[0][2])
        gets = [r for r in requests if r[0] == "GET" and r[1] == "/test_1/_doc/1"]
        self.assertEqual(1, len(gets))
        searches = [r for r in requests if r[1] == "/test_1/_search"]
        self.assertEqual("POST", searches[0][0])
        # the wipe after the test
        self.assertIn(("DELETE", "/*", {"expand_wildcards": "all"}), [(m, p, q) for m, p, q, _, _ in requests])

    def test_selection_and_filter(self):
        code, out, _ = self.run_runner("other")
        self.assertEqual("0 passed, 2 failed, 2 skipped", out.strip().splitlines()[-1])
        code, out, _ = self.run_runner("--filter", "Leak|Catches")
        self.assertEqual("2 passed, 0 failed, 0 skipped", out.strip().splitlines()[-1])
        code, out, _ = self.run_runner("--dirs", "test/other/20_setup_skips.yml")
        self.assertEqual("0 passed, 0 failed, 2 skipped", out.strip().splitlines()[-1])
        code, out, _ = run_cli(["--tests-root", self.root, "--list", "mini"])
        self.assertEqual(len(BASIC_EXPECTED), len(out.strip().splitlines()))

    def test_expect_mode(self):
        expect = os.path.join(self.root, "expect.txt")
        with open(expect, "w") as f:
            f.write("# known to pass\ntest/mini/10_basic.yml::Catches\n\ntest/mini/10_basic.yml::Leak check\n")
        code, out, _ = self.run_runner("--expect", expect)
        self.assertEqual(0, code, out)
        self.assertEqual("2 passed, 0 failed, 0 skipped", out.strip().splitlines()[-1])
        with open(expect, "a") as f:
            f.write("test/mini/10_basic.yml::Assertion that fails\ntest/mini/10_basic.yml::Skipped by version\n"
                    "test/gone/1.yml::vanished\n")
        code, out, _ = self.run_runner("--expect", expect)
        self.assertEqual(1, code, out)
        self.assertEqual("2 passed, 2 failed, 1 skipped", out.strip().splitlines()[-1])
        self.assertIn("EXPECTED TO PASS: test/gone/1.yml::vanished (failed)", out)

    def test_strict_exit_code(self):
        code, out, _ = self.run_runner("mini", "--strict")
        self.assertEqual(1, code)
        code, out, _ = self.run_runner("--filter", "Catches", "--strict")
        self.assertEqual(0, code)

    def test_strict_warnings(self):
        code, out, _ = self.run_runner("--filter", "::Warnings$")
        self.assertEqual("1 passed, 0 failed, 0 skipped", out.strip().splitlines()[-1])
        code, out, _ = self.run_runner("--filter", "::Warnings$", "--strict-warnings")
        self.assertEqual("0 passed, 1 failed, 0 skipped", out.strip().splitlines()[-1])
        self.assertIn("unexpected warning", out)

    def test_verbose_prints_requests(self):
        code, out, err = self.run_runner("--filter", "Leak check", "--verbose")
        self.assertIn(">>> HEAD /leak?error_trace=true", err)
        self.assertIn("<<< 404", err)
        self.assertEqual("1 passed, 0 failed, 0 skipped", out.strip().splitlines()[-1])

    def test_request_timeout_fails_only_that_test(self):
        slow = r"""
"Slow":
  - do:
      fake.slow:
        seconds: 2
"After":
  - do:
      indices.exists:
        index: x
  - is_false: ''
"""
        write_mini_corpus(os.path.join(self.root, "extra"), {"test/slow/10_slow.yml": slow})
        code, out, _ = run_cli(["--url", self.server.url, "--tests-root", os.path.join(self.root, "extra"),
                                "slow", "--request-timeout-s", "0.5"])
        self.assertEqual("1 passed, 1 failed, 0 skipped", out.strip().splitlines()[-1], out)
        self.assertIn("timed out", out)

    def test_setup_stash_is_cleared_and_teardown_skip_skips(self):
        cleared = r"""
setup:
  - do:
      indices.create:
        index: s
  - set: { index: created_index }
---
"Stash from setup is gone":
  - do:
      indices.exists:
        index: $created_index
"""
        teardown_skip = r"""
"Skipped through teardown":
  - match: { never: evaluated }
---
teardown:
  - skip:
      version: all
      reason: teardown-level skips apply to the whole file
  - do:
      indices.exists:
        index: x
"""
        extra = os.path.join(self.root, "extra")
        write_mini_corpus(extra, {"test/st/10_cleared.yml": cleared, "test/st/20_teardown_skip.yml": teardown_skip})
        report_path = os.path.join(self.root, "r.json")
        code, out, _ = run_cli(["--url", self.server.url, "--tests-root", extra, "st", "--json-report", report_path])
        self.assertEqual("0 passed, 1 failed, 1 skipped", out.strip().splitlines()[-1], out)
        self.assertIn("step 1 (do indices.exists): stash: stashed value not found for key [created_index]", out)

    def test_unreachable_server_is_a_runner_error(self):
        port = fake_es_server_free_port()
        code, out, err = run_cli(["--url", "http://127.0.0.1:%d" % port, "--tests-root", self.root])
        self.assertEqual(2, code)
        self.assertIn("GET /", err)


def fake_es_server_free_port():
    from yamlrunner.server import free_port
    return free_port()


class ManagedServerTest(unittest.TestCase):
    """--server-binary with a fake binary: start, crash, restart, stop."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="yamlrunner-managed-")
        crash = r"""
"Before":
  - do:
      indices.create:
        index: a
"Crash":
  - do:
      fake.crash: {}
"After crash":
  - do:
      indices.exists:
        index: a
  - is_false: ''
"""
        write_mini_corpus(self.root, {"test/crash/10_crash.yml": crash})
        self.binary = os.path.join(self.root, "quiver")
        with open(self.binary, "w") as f:
            f.write("#!/bin/sh\nexec %s %s \"$@\"\n" % (sys.executable, os.path.join(HERE, "fake_es_server.py")))
        os.chmod(self.binary, os.stat(self.binary).st_mode | stat.S_IXUSR)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_crash_restarts_server_and_fails_the_test(self):
        log = os.path.join(self.root, "server.log")
        code, out, err = run_cli(["--server-binary", self.binary, "--tests-root", self.root, "crash",
                                  "--server-log", log, "--json-report", os.path.join(self.root, "r.json")])
        self.assertEqual(0, code, out + err)
        self.assertEqual("2 passed, 1 failed, 0 skipped", out.strip().splitlines()[-1], out)
        self.assertIn("FAIL test/crash/10_crash.yml::Crash: server crashed", out)
        with open(log) as f:
            self.assertEqual(2, f.read().count("=== "))  # started twice
        with open(os.path.join(self.root, "r.json")) as f:
            self.assertTrue(json.load(f)["meta"]["server_binary"].endswith("quiver"))

    def test_run_timeout(self):
        slow = r"""
"Slow 1":
  - do:
      fake.slow:
        seconds: 1.5
"Slow 2":
  - do:
      fake.slow:
        seconds: 1.5
"Slow 3":
  - do:
      fake.slow:
        seconds: 1.5
"""
        write_mini_corpus(os.path.join(self.root, "x"), {"test/slow/1.yml": slow})
        code, out, err = run_cli(["--server-binary", self.binary, "--tests-root", os.path.join(self.root, "x"),
                                  "slow", "--timeout-s", "2"])
        last = out.strip().splitlines()[-1]
        self.assertEqual("1 passed, 2 failed, 0 skipped", last, out + err)
        self.assertIn("not run: --timeout-s exceeded", out)
        self.assertIn("run timeout (--timeout-s) exceeded during GET /_fake/slow", out)

    def test_missing_binary_is_a_runner_error(self):
        code, out, err = run_cli(["--server-binary", os.path.join(self.root, "nope"), "--tests-root", self.root])
        self.assertEqual(2, code)
        self.assertIn("not found", err)


if __name__ == "__main__":
    unittest.main()
