#!/usr/bin/env python3
"""Prints the swiftc command that links Entry/FuzzEntry.swift into a libFuzzer binary.

`swift build --target EvidenceFuzz --sanitize address --sanitize fuzzer` compiles the harness and
everything it depends on with coverage and AddressSanitizer, but links nothing (a library target).
This reads the build's description.json for the objects of EvidenceFuzz and of every target it
depends on, and for the clang module maps its own compile used (system libraries such as
libxml2 and SQLite, and the C targets of the dependencies), so the link needs no list kept by hand.

Usage: link-fuzzer.py SCRATCH_PATH OUTPUT  (prints one argument per line, for xargs -d '\\n').
"""
import glob
import json
import os
import sys

scratch, output = sys.argv[1], sys.argv[2]
debug = os.path.join(scratch, "debug")
description = json.load(open(os.path.join(debug, "description.json")))
targets = ["EvidenceFuzz"] + description["targetDependencyMap"]["EvidenceFuzz"]

compile_args = next(
    command["otherArguments"]
    for name, command in description["swiftCommands"].items()
    if command.get("moduleName") == "EvidenceFuzz"
)
# The module maps and include folders of the clang modules the harness imports, transitively.
clang_args = []
index = 0
while index < len(compile_args):
    arg = compile_args[index]
    if arg == "-Xcc" and index + 1 < len(compile_args):
        clang_args += ["-Xcc", compile_args[index + 1]]
        index += 2
        continue
    if arg.startswith("-I"):
        clang_args.append(arg)
    index += 1

objects = []
for target in targets:
    objects += sorted(glob.glob(os.path.join(debug, target + ".build", "**", "*.o"), recursive=True))
if not any("EvidenceFuzz.build" in path for path in objects):
    sys.exit("link-fuzzer.py: no EvidenceFuzz objects under " + debug + ": build the target first")

here = os.path.dirname(os.path.abspath(__file__))
arguments = (
    ["-sanitize=fuzzer,address", "-parse-as-library", "-swift-version", "6", "-g",
     "-I", os.path.join(debug, "Modules")]
    + clang_args
    + [os.path.join(here, "FuzzEntry.swift")]
    + objects
    + ["-lxml2", "-lz", "-lsqlite3", "-o", output]
)
print("\n".join(arguments))
