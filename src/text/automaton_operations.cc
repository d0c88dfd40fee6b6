#include "text/automaton_operations.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace quiver::text {

Status TooComplexToDeterminize(int work_limit) {
  return Status::InvalidArgument("Determinizing automaton would require more than " +
                                 std::to_string(work_limit) + " effort.")
      .WithType("too_complex_to_determinize_exception");
}

Automaton Concatenate(std::span<const Automaton> automata) {
  if (automata.empty()) return MakeEmptyString();
  Automaton out(automata[0].max_label());
  std::vector<int> offsets;
  for (size_t i = 0; i < automata.size(); ++i) {
    const int offset = i == 0 ? 0 : out.num_states();
    if (i == 0) {
      out = automata[0];
    } else {
      out.Append(automata[i]);
    }
    offsets.push_back(offset);
  }
  // Only the last automaton's accept states (and those chained to the end
  // through automata accepting the empty string) accept.
  for (size_t i = 0; i + 1 < automata.size(); ++i) {
    const Automaton& a = automata[i];
    for (int s = 0; s < a.num_states(); ++s) {
      if (!a.accept(s)) continue;
      const int from = offsets[i] + s;
      out.SetAccept(from, false);
      size_t j = i + 1;
      while (true) {
        if (j == automata.size()) {
          out.SetAccept(from, true);
          break;
        }
        for (const Transition& t : automata[j].transitions(0)) {
          out.AddTransition(from, offsets[j] + t.dest, t.min, t.max);
        }
        if (!automata[j].accept(0)) break;
        ++j;
      }
    }
  }
  out.Normalize();
  return out;
}

Automaton Union(std::span<const Automaton> automata) {
  Automaton out(automata.empty() ? kMaxCodePoint : automata[0].max_label());
  for (const Automaton& a : automata) {
    const int offset = out.Append(a);
    for (const Transition& t : a.transitions(0)) {
      out.AddTransition(0, offset + t.dest, t.min, t.max);
    }
    if (a.accept(0)) out.SetAccept(0, true);
  }
  out.Normalize();
  return out;
}

Automaton Optional(const Automaton& a) {
  Automaton out(a.max_label());
  out.SetAccept(0, true);
  const int offset = out.Append(a);
  out.AddEpsilon(0, offset);
  out.Normalize();
  return out;
}

Automaton Repeat(const Automaton& a) {
  Automaton out(a.max_label());
  out.SetAccept(0, true);
  const int offset = out.Append(a);
  for (const Transition& t : a.transitions(0)) out.AddTransition(0, offset + t.dest, t.min, t.max);
  for (int s = 0; s < a.num_states(); ++s) {
    if (!a.accept(s)) continue;
    for (const Transition& t : a.transitions(0)) {
      out.AddTransition(offset + s, offset + t.dest, t.min, t.max);
    }
  }
  out.Normalize();
  return out;
}

Automaton Repeat(const Automaton& a, int min) {
  if (min <= 0) return Repeat(a);
  std::vector<Automaton> parts(static_cast<size_t>(min), a);
  parts.push_back(Repeat(a));
  return Concatenate(parts);
}

Automaton Repeat(const Automaton& a, int min, int max) {
  if (min > max) return Automaton(a.max_label());
  Automaton out(a.max_label());
  if (min == 0) {
    out.SetAccept(0, true);
  } else if (min == 1) {
    out = a;
  } else {
    std::vector<Automaton> parts(static_cast<size_t>(min), a);
    out = Concatenate(parts);
  }
  std::vector<int> previous_accepts;
  for (int s = 0; s < out.num_states(); ++s) {
    if (out.accept(s)) previous_accepts.push_back(s);
  }
  for (int i = min; i < max; ++i) {
    const int offset = out.Append(a);
    for (int s : previous_accepts) out.AddEpsilon(s, offset);
    previous_accepts.clear();
    for (int s = 0; s < a.num_states(); ++s) {
      if (a.accept(s)) previous_accepts.push_back(offset + s);
    }
  }
  out.Normalize();
  return out;
}

Automaton Intersection(const Automaton& a, const Automaton& b) {
  Automaton out(std::min(a.max_label(), b.max_label()));
  std::unordered_map<uint64_t, int> ids;
  std::vector<std::pair<int, int>> work = {{0, 0}};
  ids[0] = 0;
  out.SetAccept(0, a.accept(0) && b.accept(0));
  for (size_t i = 0; i < work.size(); ++i) {
    const auto [p, q] = work[i];
    const int from = ids[(uint64_t{static_cast<uint32_t>(p)} << 32) | static_cast<uint32_t>(q)];
    for (const Transition& t1 : a.transitions(p)) {
      for (const Transition& t2 : b.transitions(q)) {
        const int32_t lo = std::max(t1.min, t2.min);
        const int32_t hi = std::min(t1.max, t2.max);
        if (lo > hi) continue;
        const uint64_t key =
            (uint64_t{static_cast<uint32_t>(t1.dest)} << 32) | static_cast<uint32_t>(t2.dest);
        auto [it, added] = ids.try_emplace(key, out.num_states());
        if (added) {
          out.AddState(a.accept(t1.dest) && b.accept(t2.dest));
          work.emplace_back(t1.dest, t2.dest);
        }
        out.AddTransition(from, it->second, lo, hi);
      }
    }
  }
  out.Normalize();
  return RemoveDeadStates(out);
}

Result<Automaton> Complement(const Automaton& a, int work_limit) {
  QUIVER_ASSIGN_OR_RETURN(Automaton d, Determinize(a, work_limit));
  // Totalize: route every missing label to a rejecting sink, then flip.
  const int sink = d.AddState(false);
  d.AddTransition(sink, sink, 0, d.max_label());
  for (int s = 0; s < sink; ++s) {
    int32_t next = 0;
    std::vector<Transition> gaps;
    for (const Transition& t : d.transitions(s)) {  // sorted and disjoint
      if (t.min > next) gaps.push_back({next, t.min - 1, sink});
      next = std::max(next, t.max + 1);
    }
    if (next <= d.max_label()) gaps.push_back({next, d.max_label(), sink});
    for (const Transition& g : gaps) d.AddTransition(s, sink, g.min, g.max);
  }
  for (int s = 0; s < d.num_states(); ++s) d.SetAccept(s, !d.accept(s));
  d.Normalize();
  return RemoveDeadStates(d);
}

namespace {

struct SubsetHash {
  size_t operator()(const std::vector<int>& v) const {
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int x : v) h = (h ^ static_cast<uint32_t>(x)) * 0x100000001b3ULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

}  // namespace

Result<Automaton> Determinize(const Automaton& a, int work_limit) {
  if (a.IsDeterministic()) {
    Automaton copy = a;
    copy.Normalize();
    return copy;
  }
  Automaton out(a.max_label());
  std::unordered_map<std::vector<int>, int, SubsetHash> ids;
  std::deque<std::vector<int>> subsets = {{0}};  // stable references
  ids[subsets[0]] = 0;
  out.SetAccept(0, a.accept(0));
  const int64_t effort_limit = int64_t{work_limit} * 10;
  int64_t effort = 0;
  struct Event {
    int64_t point;
    int dest;
    int delta;
  };
  std::vector<Event> events;
  std::vector<int> active_list;
  std::vector<int> counts(a.num_states(), 0);  // live transitions per destination
  std::vector<int> active;                     // destinations with counts > 0
  std::vector<int> active_pos(a.num_states(), -1);
  for (size_t i = 0; i < subsets.size(); ++i) {
    const std::vector<int>& subset = subsets[i];
    effort += static_cast<int64_t>(subset.size());
    if (work_limit > 0 && effort >= effort_limit) return TooComplexToDeterminize(work_limit);
    events.clear();
    for (int s : subset) {
      for (const Transition& t : a.transitions(s)) {
        events.push_back({t.min, t.dest, +1});
        events.push_back({int64_t{t.max} + 1, t.dest, -1});
      }
    }
    std::sort(events.begin(), events.end(),
              [](const Event& x, const Event& y) { return x.point < y.point; });
    for (size_t e = 0; e < events.size();) {
      const int64_t point = events[e].point;
      while (e < events.size() && events[e].point == point) {
        const Event& ev = events[e++];
        const int before = counts[ev.dest];
        counts[ev.dest] += ev.delta;
        if (before == 0 && counts[ev.dest] > 0) {
          active_pos[ev.dest] = static_cast<int>(active.size());
          active.push_back(ev.dest);
        } else if (before > 0 && counts[ev.dest] == 0) {
          const int last = active.back();
          active[active_pos[ev.dest]] = last;
          active_pos[last] = active_pos[ev.dest];
          active.pop_back();
          active_pos[ev.dest] = -1;
        }
      }
      if (active.empty() || e == events.size()) continue;
      const int64_t next_point = events[e].point;
      active_list.assign(active.begin(), active.end());
      std::sort(active_list.begin(), active_list.end());
      auto [it, added] = ids.try_emplace(active_list, out.num_states());
      if (added) {
        bool accept = false;
        for (int s : active_list) accept |= a.accept(s);
        out.AddState(accept);
        subsets.push_back(active_list);
      }
      out.AddTransition(static_cast<int>(i), it->second, static_cast<int32_t>(point),
                        static_cast<int32_t>(next_point - 1));
    }
  }
  out.Normalize();
  return out;
}

Automaton RemoveDeadStates(const Automaton& a) {
  const int n = a.num_states();
  std::vector<uint8_t> reachable(n, 0);
  std::vector<int> stack = {0};
  reachable[0] = 1;
  std::vector<std::vector<int>> reverse(n);
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    for (const Transition& t : a.transitions(s)) {
      if (!reachable[t.dest]) {
        reachable[t.dest] = 1;
        stack.push_back(t.dest);
      }
    }
  }
  for (int s = 0; s < n; ++s) {
    if (!reachable[s]) continue;
    for (const Transition& t : a.transitions(s)) reverse[t.dest].push_back(s);
  }
  std::vector<uint8_t> live(n, 0);
  for (int s = 0; s < n; ++s) {
    if (reachable[s] && a.accept(s)) {
      live[s] = 1;
      stack.push_back(s);
    }
  }
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    for (int p : reverse[s]) {
      if (!live[p]) {
        live[p] = 1;
        stack.push_back(p);
      }
    }
  }
  Automaton out(a.max_label());
  if (!live[0]) return out;
  std::vector<int> ids(n, -1);
  ids[0] = 0;
  out.SetAccept(0, a.accept(0));
  for (int s = 1; s < n; ++s) {
    if (live[s]) ids[s] = out.AddState(a.accept(s));
  }
  for (int s = 0; s < n; ++s) {
    if (!live[s]) continue;
    for (const Transition& t : a.transitions(s)) {
      if (live[t.dest]) out.AddTransition(ids[s], ids[t.dest], t.min, t.max);
    }
  }
  out.Normalize();
  return out;
}

Result<Automaton> Minimize(const Automaton& input, int work_limit) {
  QUIVER_ASSIGN_OR_RETURN(Automaton det, Determinize(input, work_limit));
  const Automaton a = RemoveDeadStates(det);
  if (a.num_states() <= 1) return a;
  // Complete the DFA over the alphabet intervals with a sink state.
  std::vector<int64_t> points = {0};
  for (int s = 0; s < a.num_states(); ++s) {
    for (const Transition& t : a.transitions(s)) {
      points.push_back(t.min);
      if (t.max < a.max_label()) points.push_back(int64_t{t.max} + 1);
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  const int k = static_cast<int>(points.size());
  const int n = a.num_states() + 1;
  const int sink = n - 1;
  std::vector<int> next(static_cast<size_t>(n) * k, sink);
  for (int s = 0; s < a.num_states(); ++s) {
    for (const Transition& t : a.transitions(s)) {
      const int first =
          static_cast<int>(std::lower_bound(points.begin(), points.end(), t.min) - points.begin());
      for (int c = first; c < k && points[c] <= t.max; ++c)
        next[static_cast<size_t>(s) * k + c] = t.dest;
    }
  }
  // Inverse transitions per symbol (CSR).
  std::vector<int> inv_start(static_cast<size_t>(k) * (n + 1) + 1, 0);
  std::vector<int> inv(static_cast<size_t>(n) * k);
  for (int c = 0; c < k; ++c) {
    for (int s = 0; s < n; ++s)
      ++inv_start[static_cast<size_t>(c) * (n + 1) + next[static_cast<size_t>(s) * k + c] + 1];
  }
  for (size_t i = 1; i < inv_start.size(); ++i) inv_start[i] += inv_start[i - 1];
  {
    std::vector<int> fill(inv_start.begin(), inv_start.end() - 1);
    for (int c = 0; c < k; ++c) {
      for (int s = 0; s < n; ++s) {
        inv[fill[static_cast<size_t>(c) * (n + 1) + next[static_cast<size_t>(s) * k + c]]++] = s;
      }
    }
  }
  // Hopcroft's refinement over blocks of states.
  std::vector<int> block_of(n);
  std::vector<std::vector<int>> blocks(2);
  std::vector<int> position(n);
  for (int s = 0; s < n; ++s) {
    const int b = (s < a.num_states() && a.accept(s)) ? 0 : 1;
    block_of[s] = b;
    position[s] = static_cast<int>(blocks[b].size());
    blocks[b].push_back(s);
  }
  std::vector<int> worklist;
  std::vector<uint8_t> in_worklist;
  for (int b = 0; b < 2; ++b) {
    in_worklist.push_back(!blocks[b].empty());
    if (!blocks[b].empty()) worklist.push_back(b);
  }
  std::vector<uint8_t> marked(n, 0);
  std::vector<std::vector<int>> marked_in_block(2);
  std::vector<int> touched;
  std::vector<int> splitter;
  while (!worklist.empty()) {
    const int splitter_block = worklist.back();
    worklist.pop_back();
    in_worklist[splitter_block] = 0;
    splitter = blocks[splitter_block];
    for (int c = 0; c < k; ++c) {
      touched.clear();
      for (int q : splitter) {
        const size_t base = static_cast<size_t>(c) * (n + 1);
        for (int i = inv_start[base + q]; i < inv_start[base + q + 1]; ++i) {
          const int p = inv[i];
          if (marked[p]) continue;
          marked[p] = 1;
          const int b = block_of[p];
          if (marked_in_block[b].empty()) touched.push_back(b);
          marked_in_block[b].push_back(p);
        }
      }
      for (int b : touched) {
        if (marked_in_block[b].size() < blocks[b].size()) {
          const int nb = static_cast<int>(blocks.size());
          blocks.emplace_back();
          marked_in_block.emplace_back();
          in_worklist.push_back(0);
          for (int p : marked_in_block[b]) {
            // Swap-remove p from block b.
            std::vector<int>& members = blocks[b];
            const int last = members.back();
            members[position[p]] = last;
            position[last] = position[p];
            members.pop_back();
            position[p] = static_cast<int>(blocks[nb].size());
            blocks[nb].push_back(p);
            block_of[p] = nb;
          }
          if (in_worklist[b]) {
            worklist.push_back(nb);
            in_worklist[nb] = 1;
          } else {
            const int smaller = blocks[nb].size() <= blocks[b].size() ? nb : b;
            worklist.push_back(smaller);
            in_worklist[smaller] = 1;
          }
        }
        for (int p : marked_in_block[b]) marked[p] = 0;
        marked_in_block[b].clear();
      }
    }
  }
  // One state per block, the initial state's block first.
  std::vector<int> ids(blocks.size(), -1);
  Automaton out(a.max_label());
  ids[block_of[0]] = 0;
  for (int s = 0; s < n; ++s) {
    if (ids[block_of[s]] < 0) ids[block_of[s]] = out.AddState();
  }
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].empty()) continue;
    const int rep = blocks[b][0];
    const int from = ids[b];
    out.SetAccept(from, rep < a.num_states() && a.accept(rep));
    for (int c = 0; c < k; ++c) {
      const int32_t lo = static_cast<int32_t>(points[c]);
      const int32_t hi = c + 1 < k ? static_cast<int32_t>(points[c + 1] - 1) : a.max_label();
      out.AddTransition(from, ids[block_of[next[static_cast<size_t>(rep) * k + c]]], lo, hi);
    }
  }
  out.Normalize();
  return RemoveDeadStates(out);
}

bool IsEmpty(const Automaton& a) {
  const Automaton live = RemoveDeadStates(a);
  return !live.accept(0) && live.transitions(0).empty();
}

bool IsTotal(const Automaton& a) {
  if (!a.accept(0) || a.transitions(0).size() != 1) return false;
  const Transition& t = a.transitions(0)[0];
  return t.dest == 0 && t.min == 0 && t.max == a.max_label();
}

bool IsFinite(const Automaton& a) {
  // Iterative DFS looking for a back edge.
  const int n = a.num_states();
  std::vector<uint8_t> color(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<int, size_t>> stack = {{0, 0}};
  color[0] = 1;
  while (!stack.empty()) {
    auto& [s, i] = stack.back();
    const auto ts = a.transitions(s);
    if (i == ts.size()) {
      color[s] = 2;
      stack.pop_back();
      continue;
    }
    const int d = ts[i++].dest;
    if (color[d] == 1) return false;
    if (color[d] == 0) {
      color[d] = 1;
      stack.emplace_back(d, 0);
    }
  }
  return true;
}

bool GetSingleton(const Automaton& a, std::vector<int32_t>* labels) {
  labels->clear();
  int s = 0;
  std::vector<uint8_t> seen(a.num_states(), 0);
  while (true) {
    if (seen[s]) return false;
    seen[s] = 1;
    const auto ts = a.transitions(s);
    if (a.accept(s)) return ts.empty();
    if (ts.size() != 1 || ts[0].min != ts[0].max) return false;
    labels->push_back(ts[0].min);
    s = ts[0].dest;
  }
}

}  // namespace quiver::text
