#!/usr/bin/env python3
"""The structure rules the build and CI enforce (docs/ARCHITECTURE.md, "Boundaries").

  check_structure.py [--build-dir DIR] [--ninja NINJA] [--quiet] [--self-test]

1. Include graph: the folder-level graph of "..." includes in core/, ui/ and app/ (core/run,
   core/rundir, ui/session, app/cli...), printed; any cycle between folders fails.
2. Torch-free boundary: from the build's dependency information (`ninja -t deps`), no object of
   ui/ (transferlab_ui, its moc files), app/ (transferlab) or app/cli (transferlab-cli) may have
   been compiled with a LibTorch header (torch/, ATen/, c10/, caffe2/). Needs a Ninja build
   folder; also counts core's translation units that include torch (a build-time figure).
3. Function length: no function longer than 80 lines in core/ and app/, 120 in ui/, counted
   from the line of its name to its closing brace. Exceptions live in
   tools/function_length_allowlist.txt with the length each had when listed: a listed function
   may not grow past it, and one that is within its limit again (or gone) fails the check until
   its line is removed, so the list only shrinks. No entry may be added except the unpickler's
   opcode switch (core/weights/pickle_reader.cpp), which stays one function on purpose.

Exit status 0 when every rule holds, 1 otherwise (each failure printed), 2 for bad usage.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_TOPS = ("core", "ui", "app")
# Where "..." includes are looked for, after the including file's own folder (the targets'
# include directories).
INCLUDE_ROOTS = ("core", "ui", "app/cli", "app")
TORCH_HEADER = re.compile(r"/include/(torch|ATen|c10|caffe2)/")
TORCH_FREE_TARGET_DIRS = (  # object folders of the targets that must not see torch
    "ui/CMakeFiles/transferlab_ui.dir/",
    "ui/transferlab_ui_autogen/",
    "app/CMakeFiles/transferlab.dir/",
    "app/transferlab_autogen/",
    "app/cli/CMakeFiles/transferlab-cli.dir/",
)
LIMITS = {"core": 80, "app": 80, "ui": 120}
ALLOWLIST = os.path.join(ROOT, "tools", "function_length_allowlist.txt")


def source_files():
    for top in SOURCE_TOPS:
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            for name in sorted(names):
                if name.endswith((".h", ".cpp")):
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def folder_of(path):
    """core/run/x.h -> core/run; core/x.h -> core; app/cli/x.cpp -> app/cli; app/x.cpp -> app."""
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


# ---------------------------------------------------------------- 1. include graph

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def include_graph(files):
    texts = {p: open(os.path.join(ROOT, p), encoding="utf-8", errors="replace").read()
             for p in files}
    edges = defaultdict(list)  # (folder, folder) -> ["file -> header", ...]
    for path, text in texts.items():
        for name in INCLUDE.findall(text):
            target = None
            for base in (os.path.dirname(path),) + INCLUDE_ROOTS:
                candidate = os.path.normpath(os.path.join(base, name))
                if candidate in texts:
                    target = candidate
                    break
            if target and folder_of(path) != folder_of(target):
                edges[(folder_of(path), folder_of(target))].append(path + " -> " + target)
    return edges


def strongly_connected(nodes, edges):
    """Tarjan's algorithm, iterative; returns the components with more than one folder."""
    adjacent = defaultdict(list)
    for a, b in edges:
        adjacent[a].append(b)
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = [0]
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(adjacent[start]))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(adjacent[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def check_includes(files, quiet):
    edges = include_graph(files)
    nodes = sorted({n for e in edges for n in e})
    if not quiet:
        print("include graph (folder -> folders it includes, with the number of includes):")
        for node in nodes:
            targets = sorted((b, len(v)) for (a, b), v in edges.items() if a == node)
            print("  %-20s -> %s" % (node, ", ".join("%s (%d)" % t for t in targets) or "-"))
    failures = []
    for component in strongly_connected(nodes, edges):
        lines = ["include cycle between " + ", ".join(component) + ":"]
        for (a, b), why in sorted(edges.items()):
            if a in component and b in component:
                lines += ["    " + w for w in why[:3]] + (
                    ["    ... %d more" % (len(why) - 3)] if len(why) > 3 else [])
        failures.append("\n".join(lines))
    return failures


# ---------------------------------------------------------------- 2. torch in ui and CLI objects

TORCH_PCH = "transferlab_nn.dir/cmake_pch.hxx"  # core/pch.h: <torch/torch.h>


def compile_outputs(build_dir):
    """{object path relative to the build folder: (source, uses the torch PCH)} from
    compile_commands.json. GCC's dependency output leaves out what a precompiled header
    brought, so an object compiled with torch's PCH is told by its command line."""
    path = os.path.join(build_dir, "compile_commands.json")
    if not os.path.exists(path):
        return None
    outputs = {}
    for entry in json.load(open(path)):
        args = entry.get("arguments") or shlex.split(entry["command"])
        output = entry.get("output")
        if not output and "-o" in args:
            output = args[args.index("-o") + 1]
        if output:
            pch = any(TORCH_PCH in arg for arg in args)
            outputs[os.path.normpath(output)] = (os.path.relpath(entry["file"], ROOT), pch)
    return outputs


def ninja_deps(build_dir, ninja):
    text = subprocess.run([ninja, "-C", build_dir, "-t", "deps"], check=True,
                          stdout=subprocess.PIPE, universal_newlines=True).stdout
    deps, current = {}, None
    for line in text.splitlines():
        if line and not line[0].isspace():
            current = os.path.normpath(line.split(":")[0])
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(line.strip())
    return deps


def check_torch(build_dir, ninja, quiet):
    outputs = compile_outputs(build_dir)
    if outputs is None:
        return ["no compile_commands.json in " + build_dir + " (configure with CMake first)"]
    deps = ninja_deps(build_dir, ninja)
    failures, checked, missing = [], 0, []
    torch_tus = defaultdict(list)  # top folder -> objects compiled with a torch header
    for obj, (source, pch) in sorted(outputs.items()):
        if obj not in deps:
            missing.append(obj)
            continue
        torch_headers = [d for d in deps[obj] if TORCH_HEADER.search(d)]
        if pch:
            torch_headers.insert(0, "core/pch.h (the torch precompiled header)")
        if torch_headers:
            torch_tus[source.split("/")[0]].append(source)
        if obj.startswith(TORCH_FREE_TARGET_DIRS):
            checked += 1
            if torch_headers:
                failures.append("%s is compiled with LibTorch headers, e.g. %s" %
                                (source, torch_headers[0]))
    free_objects = [o for o in outputs if o.startswith(TORCH_FREE_TARGET_DIRS)]
    if free_objects and checked == 0:
        failures.append("none of the %d ui/app objects has dependency information: build them "
                        "first (cmake --build %s)" % (len(free_objects), build_dir))
    if not quiet:
        print("torch-free boundary: %d ui/app/CLI objects checked, %d not built yet" %
              (checked, len([o for o in missing if o.startswith(TORCH_FREE_TARGET_DIRS)])))
        print("translation units compiled with a LibTorch header: " + ", ".join(
            "%s %d" % (top, len(v)) for top, v in sorted(torch_tus.items())))
    return failures


# ---------------------------------------------------------------- 3. function length

def strip_code(text):
    """Comments, string and character literals and preprocessor lines blanked, newlines kept,
    so that every brace left is code."""
    out, i, n = [], 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#" and text[:i].split("\n")[-1].strip() == "":
            j = i
            while j < n and (text[j] != "\n" or text[j - 1] == "\\"):
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('"', i + 1) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i and text[i - 1].isalnum():  # digit separator: 1'000'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(code, i):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


ACCESS = re.compile(r"^\s*((public|protected|private)(\s+(Q_SLOTS|slots))?|Q_SIGNALS|signals)\s*:(?!:)")
LABEL_MACRO = re.compile(r"^\s*Q_(OBJECT|GADGET)\b")
QUALIFIERS = re.compile(r"^(\s|const\b|volatile\b|noexcept\b|override\b|final\b|mutable\b|&|"
                        r"->[\w\s:<>,*&]*|noexcept\s*\([^)]*\))*$")


def last_paren_group(header):
    """(index of the '(' that closes last at depth 0, index after its ')'), or None."""
    depth, close = 0, None
    for k in range(len(header) - 1, -1, -1):
        ch = header[k]
        if ch == ")":
            if depth == 0:
                close = k
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0 and close is not None:
                return k, close + 1
    return None


def ctor_init_start(header):
    """Index of the ':' that begins a constructor's initializer list, or -1."""
    depth = 0
    for k, ch in enumerate(header):
        if ch in "(<[":
            depth += 1
        elif ch in ")>]":
            depth -= 1
        elif ch == ":" and depth == 0 and header[k - 1:k] != ":" and header[k + 1:k + 2] != ":":
            before = header[:k].rstrip()
            if before.endswith(")") or re.search(r"\)\s*(noexcept|const)\s*$", before):
                return k
    return -1


def functions_in(text):
    """[(name, first line, last line)] of every function defined at namespace or class scope
    (lambdas and local classes count as part of the function they are in)."""
    code = strip_code(text)
    found = []

    def scan(begin, end):
        header_start = begin
        i = begin
        while i < end:
            ch = code[i]
            if ch in ";}":
                header_start = i + 1
            elif ch == "{":
                header = code[header_start:i]
                m = ACCESS.match(header) or LABEL_MACRO.match(header)
                while m:  # "public:", "Q_OBJECT" (no semicolon) start no declaration
                    header_start += m.end()
                    header = code[header_start:i]
                    m = ACCESS.match(header) or LABEL_MACRO.match(header)
                close = matching_brace(code, i)
                flat = " ".join(header.split())
                init = ctor_init_start(header)
                if init >= 0 and re.search(r"[\w>]\s*$", header):
                    i = close + 1  # a member's brace initializer: part of the header
                    continue
                if re.match(r"^(inline\s+)?namespace\b|^extern\s+\"", flat):
                    scan(i + 1, close)
                elif re.match(r"^(template\s*<.*>\s*)?(class|struct|union)\b[^(]*$", flat):
                    scan(i + 1, close)
                elif not re.match(r"^(enum|typedef)\b", flat) and "=" not in flat.split("(")[0]:
                    group = last_paren_group(header if init < 0 else header[:init])
                    tail = (header if init < 0 else header[:init])[group[1]:] if group else None
                    if group and QUALIFIERS.match(tail):
                        name = re.findall(r"[\w:~]+(?:\s*operator\s*\S+)?\s*$",
                                          header[:group[0]])
                        first = header_start + len(header) - len(header.lstrip())
                        line_first = code.count("\n", 0, first) + 1
                        line_last = code.count("\n", 0, close) + 1
                        found.append(((name[0].strip() if name else "?"), line_first, line_last))
                header_start = close + 1
                i = close
            i += 1

    scan(0, len(code))
    return found


def read_allowlist():
    allowed = {}
    if os.path.exists(ALLOWLIST):
        for raw in open(ALLOWLIST):
            line = raw.split("#")[0].strip()
            if line:
                key, lines = line.split()
                allowed[key] = int(lines)
    return allowed


def check_lengths(files, quiet):
    allowed = read_allowlist()
    failures, seen, long_ones = [], {}, []
    for path in files:
        if not path.endswith((".cpp", ".h")):
            continue
        limit = LIMITS[path.split("/")[0]]
        text = open(os.path.join(ROOT, path), encoding="utf-8", errors="replace").read()
        for name, first, last in functions_in(text):
            length = last - first + 1
            key = "%s:%s" % (path, name)
            if length <= limit:
                continue
            long_ones.append((length, key, first))
            seen[key] = max(seen.get(key, 0), length)
    for length, key, first in sorted(long_ones, reverse=True):
        path = key.split(":")[0]
        limit = LIMITS[path.split("/")[0]]
        if key not in allowed:
            failures.append("%s:%d: %s is %d lines (limit %d in %s/)" %
                            (path, first, key.split(":", 1)[1], length, limit, path.split("/")[0]))
        elif length > allowed[key]:
            failures.append("%s:%d: %s grew to %d lines (allowed %d by %s)" %
                            (path, first, key.split(":", 1)[1], length, allowed[key],
                             os.path.relpath(ALLOWLIST, ROOT)))
    for key, lines in sorted(allowed.items()):
        if key not in seen:
            failures.append("%s is in %s but no longer over its limit (or gone): remove it" %
                            (key, os.path.relpath(ALLOWLIST, ROOT)))
        elif seen[key] < lines and not quiet:
            print("note: %s is %d lines now; its entry in %s may go down from %d" %
                  (key, seen[key], os.path.relpath(ALLOWLIST, ROOT), lines))
    if not quiet:
        print("functions over the limit: %d, all in the allow-list: %s" %
              (len(long_ones), "yes" if not [f for f in failures if "limit" in f] else "no"))
    return failures


# ---------------------------------------------------------------- self-test of the scanner

SELF_TEST = r'''
#include "x.h"
#define BRACE {
namespace tl::a {
namespace {
const std::vector<int> kTable = {1, 2,
    3};
int helper(int x) { return x; }
} // namespace
struct Point { int x = 0; int length() const
{
    return 1;
}
};
class Widget : public QWidget
{
    Q_OBJECT
public:
    Widget() : m_a{1}, m_b(2)
    {
        auto f = [](int v) { return v; };
        f(3);
    }
public Q_SLOTS:
    void slot() override { const char *s = "}"; char c = '{'; (void)s; (void)c; }
private:
    int m_a, m_b;
};
enum class Kind { A, B };
std::string text()
{
    // a brace in a comment: {
    return R"tl(raw } text {
with lines)tl";
}
auto trailing() -> int
{
    return 1'000'000;
}
} // namespace tl::a
'''
SELF_TEST_EXPECTED = [("helper", 8, 8), ("length", 10, 13), ("Widget", 19, 23),
                      ("slot", 25, 25), ("text", 30, 35), ("trailing", 36, 39)]


def self_test():
    got = functions_in(SELF_TEST)
    if got != SELF_TEST_EXPECTED:
        print("self-test failed:\n  expected %s\n  got      %s" % (SELF_TEST_EXPECTED, got))
        return 1
    code = strip_code(SELF_TEST)
    if code.count("{") != code.count("}"):
        print("self-test failed: unbalanced braces after stripping")
        return 1
    print("self-test passed: %d functions found with their lines" % len(got))
    return poison_test()


def poison_test():
    """cmake/torch_free/ stops LibTorch's headers as installed here (skipped without them)."""
    compiler = os.environ.get("CXX", "c++")
    poison = os.path.join(ROOT, "cmake", "torch_free")
    for header in ("ATen/core/Tensor.h", "c10/util/Optional.h", "torch/types.h"):
        found = subprocess.run([compiler, "-std=c++17", "-fsyntax-only", "-x", "c++", "-"],
                               input="#if !__has_include(<%s>)\n#error none\n#endif\n" % header,
                               universal_newlines=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if found.returncode != 0:
            print("poison test: <%s> not installed here, skipped" % header)
            continue
        run = subprocess.run([compiler, "-std=c++17", "-fsyntax-only", "-I", poison, "-x", "c++",
                              "-"], input="#include <%s>\n" % header, universal_newlines=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if run.returncode == 0 or "reached a torch-free target" not in run.stderr:
            print("poison test failed: <%s> compiled past cmake/torch_free/" % header)
            return 1
        print("poison test passed: <%s> stops at cmake/torch_free/" % header)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", help="a Ninja build folder (for rule 2)")
    parser.add_argument("--ninja", default="ninja")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--list-long", action="store_true",
                        help="print every function over its limit as an allow-list line")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    files = sorted(source_files())
    if args.list_long:
        for path in files:
            limit = LIMITS[path.split("/")[0]]
            text = open(os.path.join(ROOT, path), encoding="utf-8", errors="replace").read()
            for name, first, last in functions_in(text):
                if last - first + 1 > limit:
                    print("%s:%s %d" % (path, name, last - first + 1))
        return 0
    failures = check_includes(files, args.quiet)
    if args.build_dir:
        failures += check_torch(os.path.abspath(args.build_dir), args.ninja, args.quiet)
    failures += check_lengths(files, args.quiet)
    for f in failures:
        print("FAIL: " + f)
    print("structure: %s" % ("%d problem(s)" % len(failures) if failures else "all rules hold"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
