#!/usr/bin/env python3
"""Checks the import graph of trendline-core (crates/trendline-core/src).

Prints one line per file-level edge (`a.rs -> b.rs`: a names an item of b through a `crate::`
path, in a `use` or in a body; comments and string literals are skipped), then fails if

- an edge points to a later layer (data -> model -> settings -> forecast -> sharing),
- a file names the crate root (`crate::Family`): inside the crate, name the module instead,
- the files form a cycle.

A folder's mod.rs is a node too: `crate::forecast::prepare` points to forecast/mod.rs, which
points to the files it re-exports (`pub use pipeline::*`). Plain python3, no packages.
"""
import re
import sys
from pathlib import Path

LAYERS = ["data", "model", "settings", "forecast", "sharing"]
SRC = Path(__file__).resolve().parent.parent / "crates" / "trendline-core" / "src"


def strip(text):
    """The text with comments, string and char literals blanked out (code only)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            out.append(" ")
        elif m := re.compile(r'b?r(#*)"').match(text, i):
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                out.append(c)
                i += 1
                continue
            end = text.find('"' + m.group(1), m.end())
            i = n if end < 0 else end + 1 + len(m.group(1))
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        elif m := re.compile(r"'(\\.[^']*|[^\\'])'").match(text, i):
            i = m.end()
            out.append("' '")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand(tree):
    """`a::{b, c::{d, e}}` -> ["a::b", "a::c::d", "a::c::e"]."""
    tree = re.sub(r"\s+", "", tree)
    j = tree.find("{")
    if j < 0:
        return [tree]
    prefix, inner = tree[:j], tree[j + 1 : tree.rfind("}")]
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(inner):
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            parts.append(inner[start:k])
            start = k + 1
    parts.append(inner[start:])
    return [p for part in parts if part for p in expand(prefix + part)]


def main():
    files = sorted(SRC.rglob("*.rs"))
    module = {}  # module path ("crate::forecast::compare") -> file name relative to src
    for f in files:
        rel = f.relative_to(SRC)
        parts = list(rel.with_suffix("").parts)
        if parts[-1] in ("lib", "mod"):
            parts.pop()
        module["::".join(["crate"] + parts)] = rel.as_posix()

    def resolve(path):
        segs = path.split("::")
        for k in range(len(segs), 0, -1):
            hit = module.get("::".join(segs[:k]))
            if hit:
                return hit
        return None

    edges, problems = set(), []
    for f in files:
        rel = f.relative_to(SRC).as_posix()
        if rel == "lib.rs":
            continue
        me = [m for m, r in module.items() if r == rel][0]
        code = strip(f.read_text(encoding="utf-8"))
        paths = []
        for m in re.finditer(r"\buse\s+([^;]*);", code):
            for p in expand(m.group(1)):
                p = re.sub(r"\bas\b.*$", "", p).rstrip(":*")
                if p.startswith("crate::"):
                    paths.append(p)
                elif rel.endswith("mod.rs") and p and not p.startswith(("super", "self", "std", "core")):
                    child = me + "::" + p  # `pub use pipeline::*` in a mod.rs
                    if resolve(child) != rel:
                        paths.append(child)
        paths += re.findall(r"\bcrate(?:::\w+)+", re.sub(r"\buse\s+[^;]*;", "", code))
        for p in paths:
            target = resolve(p)
            if target is None:
                problems.append(f"{rel}: cannot place {p}")
            elif target == "lib.rs":
                problems.append(f"{rel}: names the crate root ({p}); name the module instead")
            elif target != rel:
                edges.add((rel, target))

    def layer(rel):
        top = rel.split("/")[0].removesuffix(".rs")
        return LAYERS.index(top) if top in LAYERS else None

    for rel in sorted({r for r in module.values()} - {"lib.rs"}):
        if layer(rel) is None:
            problems.append(f"{rel}: not in a layer ({', '.join(LAYERS)})")
    for a, b in sorted(edges):
        la, lb = layer(a), layer(b)
        mark = ""
        if la is not None and lb is not None and lb > la:
            mark = "   <-- later layer"
            problems.append(f"{a} -> {b}: {LAYERS[lb]} comes after {LAYERS[la]}")
        print(f"{a} -> {b}{mark}")

    graph = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    state, stack = {}, []

    def visit(v):
        state[v] = 1
        stack.append(v)
        for w in sorted(graph.get(v, [])):
            if state.get(w) == 1:
                problems.append("cycle: " + " -> ".join(stack[stack.index(w) :] + [w]))
            elif w not in state:
                visit(w)
        stack.pop()
        state[v] = 2

    for v in sorted(graph):
        if v not in state:
            visit(v)

    print(f"{len(module) - 1} files, {len(edges)} edges; layers: {' -> '.join(LAYERS)}")
    if problems:
        sys.stdout.flush()
        print("\n".join(dict.fromkeys(problems)), file=sys.stderr)
        return 1
    print("no cycle, no edge to a later layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
