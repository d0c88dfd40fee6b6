// The official JavaScript client (@elastic/elasticsearch, pinned in package.json)
// against a Quiver server at env QUIVER_URL: the same flow as the Python client
// test. Prints one line per test and, last, "N passed, M failed"; exits 1 on
// any failure.
//
//   python3 tests/lib/with_server.py build/quiver -- node tests/clients/js/test_js_client.mjs

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

let Client, errors, CLIENT_VERSION
try {
  ({ Client, errors } = await import('@elastic/elasticsearch'))
  const pkg = new URL('./node_modules/@elastic/elasticsearch/package.json', import.meta.url)
  CLIENT_VERSION = JSON.parse(readFileSync(pkg, 'utf8')).version
} catch (err) {
  console.log(`FAIL cannot load @elastic/elasticsearch (run scripts/install-deps.sh): ${err.message}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const NODE_URL = process.env.QUIVER_URL || 'http://127.0.0.1:9200'
const INDEX = 'js-client-docs'
const SCRATCH = 'js-client-scratch'
const NUM_DOCS = 10000
const SEED = 20240917

// mulberry32: a small seeded PRNG, so every run indexes the same documents.
function rng (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CATEGORIES = ['books', 'music', 'garden', 'toys', 'tools', 'food']
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india',
  'juliett', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', '\u00fcber', 'caf\u00e9',
  '\u6771\u4eac', '\u2603']

function makeDocs () {
  const r = rng(SEED)
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1))
  const pick = (xs) => xs[Math.floor(r() * xs.length)]
  const docs = new Map()
  for (let i = 0; i < NUM_DOCS; i++) {
    const id = `doc-${i}`
    const pad = (n) => String(n).padStart(2, '0')
    docs.set(id, {
      key: id,
      num: i,
      title: Array.from({ length: int(1, 6) }, () => pick(WORDS)).join(' '),
      category: pick(CATEGORIES),
      price: Math.round((0.5 + r() * 499.5) * 100) / 100,
      in_stock: r() < 0.7,
      tags: Array.from({ length: int(0, 3) }, () => pick(WORDS)),
      created: `2024-${pad(int(1, 12))}-${pad(int(1, 28))}`,
      dims: { w: int(1, 100), h: int(1, 100) }
    })
  }
  return docs
}

const DOCS = makeDocs()
const SETTINGS = { number_of_shards: 2, number_of_replicas: 0, refresh_interval: '1s' }
const MAPPINGS = {
  properties: {
    key: { type: 'keyword' },
    num: { type: 'integer' },
    title: { type: 'text', fields: { raw: { type: 'keyword' } } },
    category: { type: 'keyword' },
    price: { type: 'float' },
    in_stock: { type: 'boolean' },
    tags: { type: 'keyword' },
    created: { type: 'date' },
    dims: { properties: { w: { type: 'integer' }, h: { type: 'integer' } } }
  }
}

const client = new Client({ node: NODE_URL, requestTimeout: 60000, maxRetries: 0 })

function without (obj, keys) {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)))
}

// Runs fn, which must reject with a ResponseError of this status and ES type.
async function expectError (fn, status, type) {
  try {
    await fn()
  } catch (err) {
    assert.ok(err instanceof errors.ResponseError, `expected ResponseError, got ${err}`)
    assert.equal(err.meta.statusCode, status, JSON.stringify(err.meta.body))
    if (type) assert.equal(err.meta.body.error.type, type, JSON.stringify(err.meta.body))
    return err
  }
  assert.fail(`expected HTTP ${status} ${type}`)
}

async function freshScratch () {
  await client.indices.delete({ index: SCRATCH }, { ignore: [404] })
  await client.indices.create({
    index: SCRATCH,
    mappings: { properties: { n: { type: 'integer' }, s: { type: 'keyword' } } }
  })
}

const tests = []
const test = (name, fn) => tests.push([name, fn])

let createResp, bulkStats

test('client version is the pinned 8.x', async () => {
  assert.match(CLIENT_VERSION, /^8\.\d+\.\d+$/)
})

test('info and ping', async () => {
  const info = await client.info()
  assert.equal(info.version.number, '8.19.0')
  assert.equal(info.tagline, 'You Know, for Search')
  assert.equal(await client.ping(), true)
  const health = await client.cluster.health()
  assert.ok(['green', 'yellow'].includes(health.status))
})

test('create index with settings and mappings', async () => {
  await client.indices.delete({ index: INDEX }, { ignore: [404] })
  createResp = await client.indices.create({ index: INDEX, settings: SETTINGS, mappings: MAPPINGS })
  assert.deepEqual(createResp, { acknowledged: true, shards_acknowledged: true, index: INDEX })
  assert.equal(await client.indices.exists({ index: INDEX }), true)
  assert.equal(await client.indices.exists({ index: 'js-client-nope' }), false)
  const mapping = await client.indices.getMapping({ index: INDEX })
  assert.deepEqual(mapping[INDEX].mappings, MAPPINGS)
  const settings = (await client.indices.getSettings({ index: INDEX }))[INDEX].settings.index
  assert.equal(settings.number_of_shards, '2')
  assert.equal(settings.number_of_replicas, '0')
  assert.equal(settings.refresh_interval, '1s')
})

test('helpers.bulk indexes 10,000 documents', async () => {
  const failures = []
  bulkStats = await client.helpers.bulk({
    datasource: Array.from(DOCS.values()),
    onDocument: (doc) => ({ index: { _index: INDEX, _id: doc.key } }),
    onDrop: (d) => failures.push(d),
    flushBytes: 256 * 1024,
    concurrency: 3,
    retries: 0
  })
  assert.deepEqual(failures, [])
  assert.equal(bulkStats.total, NUM_DOCS)
  assert.equal(bulkStats.successful, NUM_DOCS)
  assert.equal(bulkStats.failed, 0)
  assert.equal(bulkStats.aborted, false)
  const refresh = await client.indices.refresh({ index: INDEX })
  assert.equal(refresh._shards.failed, 0)
  assert.equal((await client.count({ index: INDEX })).count, NUM_DOCS)
  assert.equal((await client.count({ index: INDEX, query: { match_all: {} } })).count, NUM_DOCS)
  const cat = await client.cat.count({ index: INDEX, format: 'json' })
  assert.equal(cat[0].count, String(NUM_DOCS))
})

test('get', async () => {
  const r = rng(1)
  const ids = Array.from({ length: 50 }, () => `doc-${Math.floor(r() * NUM_DOCS)}`)
  for (const id of [...ids, 'doc-0', `doc-${NUM_DOCS - 1}`]) {
    const got = await client.get({ index: INDEX, id })
    assert.equal(got.found, true)
    assert.equal(got._index, INDEX)
    assert.equal(got._id, id)
    assert.equal(got._version, 1)
    assert.deepEqual(got._source, DOCS.get(id))
  }
  assert.deepEqual(await client.getSource({ index: INDEX, id: 'doc-42' }), DOCS.get('doc-42'))
  const partial = await client.get({ index: INDEX, id: 'doc-42', _source_includes: ['num', 'dims.w'] })
  assert.deepEqual(partial._source, { num: 42, dims: { w: DOCS.get('doc-42').dims.w } })
  const none = await client.get({ index: INDEX, id: 'doc-42', _source: false })
  assert.equal(none._source, undefined)
})

test('mget, docs form', async () => {
  const ids = ['doc-1', 'doc-9999', 'missing-1', 'doc-500']
  const r = await client.mget({
    docs: [...ids.map((id) => ({ _index: INDEX, _id: id })), { _index: 'js-client-nope', _id: 'x' }]
  })
  assert.deepEqual(r.docs.map((d) => d._id), [...ids, 'x'])
  assert.deepEqual(r.docs.slice(0, 4).map((d) => d.found), [true, true, false, true])
  assert.deepEqual(r.docs[0]._source, DOCS.get('doc-1'))
  assert.deepEqual(r.docs[1]._source, DOCS.get('doc-9999'))
  assert.deepEqual(r.docs[3]._source, DOCS.get('doc-500'))
  assert.equal(r.docs[4].error.type, 'index_not_found_exception')
})

test('mget, ids form', async () => {
  const ids = []
  for (let i = 100; i < 200; i += 7) ids.push(`doc-${i}`)
  ids.push('nope')
  const r = await client.mget({ index: INDEX, ids, _source_excludes: ['title', 'tags'] })
  assert.deepEqual(r.docs.map((d) => d._id), ids)
  for (const d of r.docs.slice(0, -1)) {
    assert.equal(d.found, true)
    assert.deepEqual(d._source, without(DOCS.get(d._id), ['title', 'tags']))
  }
  assert.equal(r.docs.at(-1).found, false)
})

test('search match_all', async () => {
  const r = await client.search({ index: INDEX, query: { match_all: {} }, track_total_hits: true })
  assert.deepEqual(r.hits.total, { value: NUM_DOCS, relation: 'eq' })
  assert.equal(r.hits.hits.length, 10)
  for (const h of r.hits.hits) {
    assert.equal(h._index, INDEX)
    assert.equal(h._score, 1)
    assert.deepEqual(h._source, DOCS.get(h._id))
  }
  assert.equal(r.timed_out, false)
  assert.equal(r._shards.failed, 0)
  const lower = await client.search({ index: INDEX, size: 0 })
  assert.equal(lower.hits.total.value, 10000)
})

test('search from/size pages', async () => {
  const seen = new Set()
  for (let page = 0; page < 5; page++) {
    const r = await client.search({ index: INDEX, sort: ['_doc'], from: page * 200, size: 200 })
    assert.equal(r.hits.hits.length, 200)
    for (const h of r.hits.hits) {
      seen.add(h._id)
      assert.deepEqual(h._source, DOCS.get(h._id))
    }
  }
  assert.equal(seen.size, 1000, 'pages must not overlap')
  const tail = await client.search({ index: INDEX, sort: ['_doc'], from: NUM_DOCS - 3, size: 3 })
  assert.equal(tail.hits.hits.length, 3)
  const err = await expectError(
    () => client.search({ index: INDEX, from: NUM_DOCS - 3, size: 10 }), 400,
    'illegal_argument_exception')
  assert.match(err.meta.body.error.reason, /Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[10007\]/)
})

test('search ids, term on _id, _source filtering', async () => {
  const ids = ['doc-3', 'doc-33', 'doc-333', 'doc-3333', 'nope']
  let r = await client.search({ index: INDEX, query: { ids: { values: ids } }, _source: ['num', 'category'] })
  assert.equal(r.hits.total.value, 4)
  const got = Object.fromEntries(r.hits.hits.map((h) => [h._id, h._source]))
  assert.deepEqual(got, Object.fromEntries(ids.slice(0, 4).map((i) =>
    [i, { num: DOCS.get(i).num, category: DOCS.get(i).category }])))
  r = await client.search({ index: INDEX, query: { term: { _id: 'doc-77' } }, _source: { excludes: ['dims', 't*'] } })
  assert.deepEqual(r.hits.hits.map((h) => h._id), ['doc-77'])
  assert.deepEqual(r.hits.hits[0]._source, without(DOCS.get('doc-77'), ['dims', 'title', 'tags']))
  r = await client.search({ index: INDEX, query: { ids: { values: ['doc-5'] } }, _source: false })
  assert.equal(r.hits.hits[0]._source, undefined)
})

test('index, update, delete, exists', async () => {
  await freshScratch()
  let r = await client.index({ index: SCRATCH, id: 'a', document: { n: 1, s: 'one' } })
  assert.deepEqual([r.result, r._version, r._seq_no], ['created', 1, 0])
  r = await client.index({ index: SCRATCH, id: 'a', document: { n: 2, s: 'two' } })
  assert.deepEqual([r.result, r._version, r._seq_no], ['updated', 2, 1])
  r = await client.update({ index: SCRATCH, id: 'a', doc: { s: 'patched', x: [1, 2] } })
  assert.deepEqual([r.result, r._version], ['updated', 3])
  assert.deepEqual(await client.getSource({ index: SCRATCH, id: 'a' }), { n: 2, s: 'patched', x: [1, 2] })
  r = await client.update({ index: SCRATCH, id: 'a', doc: { s: 'patched' } })
  assert.deepEqual([r.result, r._version], ['noop', 3])
  r = await client.update({ index: SCRATCH, id: 'b', doc: { n: 5 }, doc_as_upsert: true })
  assert.deepEqual([r.result, r._version], ['created', 1])
  r = await client.update({ index: SCRATCH, id: 'c', doc: { n: 6 }, upsert: { n: 0 } })
  assert.equal(r.result, 'created')
  assert.deepEqual(await client.getSource({ index: SCRATCH, id: 'c' }), { n: 0 })
  await client.update({ index: SCRATCH, id: 'c', doc: { n: 6 }, upsert: { n: 0 } })
  assert.deepEqual(await client.getSource({ index: SCRATCH, id: 'c' }), { n: 6 })
  r = await client.create({ index: SCRATCH, id: 'd', document: { n: 7 }, refresh: true })
  assert.equal(r.result, 'created')
  assert.equal(await client.exists({ index: SCRATCH, id: 'a' }), true)
  assert.equal((await client.count({ index: SCRATCH })).count, 4)

  r = await client.delete({ index: SCRATCH, id: 'a', refresh: true })
  assert.deepEqual([r.result, r._version], ['deleted', 4])
  assert.equal(await client.exists({ index: SCRATCH, id: 'a' }), false)
  assert.equal((await client.count({ index: SCRATCH })).count, 3)
  const gone = await client.get({ index: SCRATCH, id: 'a' }, { ignore: [404] })
  assert.deepEqual(gone, { _index: SCRATCH, _id: 'a', found: false })

  const cur = await client.get({ index: SCRATCH, id: 'b' })
  await client.index({ index: SCRATCH, id: 'b', document: { n: 9 }, if_seq_no: cur._seq_no, if_primary_term: cur._primary_term })
  await expectError(() => client.index({
    index: SCRATCH, id: 'b', document: { n: 10 }, if_seq_no: cur._seq_no, if_primary_term: cur._primary_term
  }), 409, 'version_conflict_engine_exception')
  assert.deepEqual(await client.getSource({ index: SCRATCH, id: 'b' }), { n: 9 })
})

test('helpers.bulk reports failing items, keeps the others', async () => {
  await freshScratch()
  const dropped = []
  const docs = [{ id: 'ok1', n: 1 }, { id: 'bad', n: 'not-a-number' }, { id: 'ok2', n: 2 }]
  const stats = await client.helpers.bulk({
    datasource: docs,
    onDocument: (doc) => ({ index: { _index: SCRATCH, _id: doc.id } }),
    onDrop: (d) => dropped.push(d),
    refreshOnCompletion: SCRATCH,
    retries: 0
  })
  assert.equal(stats.total, 3)
  assert.equal(stats.successful, 2)
  assert.equal(stats.failed, 1)
  assert.equal(dropped.length, 1)
  assert.equal(dropped[0].status, 400)
  assert.equal(dropped[0].error.type, 'document_parsing_exception')
  assert.deepEqual(dropped[0].document, { id: 'bad', n: 'not-a-number' })
  assert.equal((await client.count({ index: SCRATCH })).count, 2)
  const raw = await client.bulk({
    refresh: true,
    operations: [{ delete: { _index: SCRATCH, _id: 'ghost' } }, { index: { _index: SCRATCH, _id: 'ok3' } }, { n: 3 }]
  })
  // A delete of a missing document is not a failure: 404 / not_found, errors stays false.
  assert.equal(raw.errors, false)
  assert.deepEqual(raw.items.map((it) => Object.values(it)[0].status), [404, 201])
  assert.equal(raw.items[0].delete.result, 'not_found')
  assert.equal((await client.count({ index: SCRATCH })).count, 3)
})

test('delete an index', async () => {
  await freshScratch()
  await client.index({ index: SCRATCH, id: 'x', document: { n: 1 } })
  assert.deepEqual(await client.indices.delete({ index: SCRATCH }), { acknowledged: true })
  assert.equal(await client.indices.exists({ index: SCRATCH }), false)
  await expectError(() => client.get({ index: SCRATCH, id: 'x' }), 404, 'index_not_found_exception')
})

test('not found errors', async () => {
  const err = await expectError(() => client.get({ index: INDEX, id: 'no-such-doc' }), 404)
  assert.deepEqual(err.meta.body, { _index: INDEX, _id: 'no-such-doc', found: false })
  const e2 = await expectError(() => client.get({ index: 'js-client-no-index', id: '1' }), 404, 'index_not_found_exception')
  assert.equal(e2.meta.body.error.reason, 'no such index [js-client-no-index]')
  await expectError(() => client.indices.delete({ index: 'js-client-no-index' }), 404, 'index_not_found_exception')
  await expectError(() => client.search({ index: 'js-client-no-index' }), 404, 'index_not_found_exception')
  await expectError(() => client.update({ index: INDEX, id: 'no-such-doc', doc: { num: 1 } }), 404, 'document_missing_exception')
  const del = await expectError(() => client.delete({ index: INDEX, id: 'no-such-doc' }), 404)
  assert.equal(del.meta.body.result, 'not_found')
  assert.equal((await client.count({ index: INDEX })).count, NUM_DOCS)
})

test('conflict errors', async () => {
  const err = await expectError(() => client.create({ index: INDEX, id: 'doc-7', document: { num: -1 } }), 409, 'version_conflict_engine_exception')
  assert.match(err.meta.body.error.reason, /\[doc-7\]: version conflict, document already exists/)
  assert.deepEqual(await client.getSource({ index: INDEX, id: 'doc-7' }), DOCS.get('doc-7'))
})

test('request errors', async () => {
  const err = await expectError(() => client.indices.create({
    index: 'js-client-bad-mapping', mappings: { properties: { f: { type: 'no_such_type' } } }
  }), 400, 'mapper_parsing_exception')
  assert.match(err.meta.body.error.reason, /The mapper type \[no_such_type\] declared on field \[f\] does not exist/)
  assert.equal(await client.indices.exists({ index: 'js-client-bad-mapping' }), false)
  await expectError(() => client.indices.create({ index: INDEX }), 400, 'resource_already_exists_exception')
  await expectError(() => client.indices.create({ index: 'Js-Upper' }), 400, 'invalid_index_name_exception')
  await expectError(() => client.index({ index: INDEX, id: 'doc-8', document: { num: 'eight' } }), 400, 'document_parsing_exception')
  assert.deepEqual(await client.getSource({ index: INDEX, id: 'doc-8' }), DOCS.get('doc-8'))
  await expectError(() => client.indices.putMapping({ index: INDEX, properties: { num: { type: 'keyword' } } }), 400, 'illegal_argument_exception')
  assert.deepEqual((await client.indices.getMapping({ index: INDEX }))[INDEX].mappings, MAPPINGS)
})

test('delete the test index', async () => {
  await client.indices.delete({ index: SCRATCH }, { ignore: [404] })
  assert.deepEqual(await client.indices.delete({ index: INDEX }), { acknowledged: true })
  assert.equal(await client.indices.exists({ index: INDEX }), false)
})

let passed = 0
let failed = 0
const started = Date.now()
for (const [name, fn] of tests) {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    console.log(`ok   ${name} (${Date.now() - t0} ms)`)
  } catch (err) {
    failed++
    console.log(`FAIL ${name}: ${err && err.stack ? err.stack : err}`)
    if (err && err.meta && err.meta.body) console.log(`     body: ${JSON.stringify(err.meta.body)}`)
  }
}
await client.close()
console.log(`@elastic/elasticsearch ${CLIENT_VERSION} against ${NODE_URL}, ${Date.now() - started} ms`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
