#!/usr/bin/env python3
"""Brings a project's PublicAPI.Unshipped.txt in line with its public surface.

Builds the project, reads the PublicApiAnalyzers diagnostics (RS0016: a public symbol is missing from the file,
RS0017: the file lists a symbol that is gone, RS0036: a line lacks nullability annotations) and edits the file accordingly, keeping it sorted. Run it after a
deliberate change of the public API, then read the diff: every line is a promise to users.

    python3 scripts/update-public-api.py src/CustomerSegmentation/CustomerSegmentation.csproj
"""
import os
import re
import subprocess
import sys

project = sys.argv[1]
api = os.path.join(os.path.dirname(project), "PublicAPI.Unshipped.txt")
build = subprocess.run(
    ["dotnet", "build", project, "-c", "Release", "-p:TreatWarningsAsErrors=false", "--no-incremental", "-clp:NoSummary"],
    capture_output=True, text=True)
pattern = re.compile(r"(RS0016|RS0017|RS0036): Symbol '(.*?)' is (?:not part of the declared|part of the declared API|missing nullability)")
added, removed = set(), set()
for line in build.stdout.splitlines():
    match = pattern.search(line)
    if match:
        rule, symbol = match.groups()
        if rule == "RS0036":  # declared without nullability annotations: replace the bare line
            removed.add(symbol.replace("!", "").replace("?", ""))
        (removed if rule == "RS0017" else added).add(symbol)

with open(api, encoding="utf-8") as f:
    lines = [l.rstrip("\n") for l in f if l.strip()]
header = [l for l in lines if l.startswith("#")]
body = (set(l for l in lines if not l.startswith("#")) - removed) | added
with open(api, "w", encoding="utf-8") as f:
    f.write("\n".join(header + sorted(body, key=lambda s: s.lower())) + "\n")
print(f"{api}: +{len(added)} -{len(removed)}")
errors = [l for l in build.stdout.splitlines() if ": error " in l and "RS0016" not in l and "RS0017" not in l and "RS0036" not in l]
if errors:
    print("other build errors remain:", *sorted(set(errors))[:20], sep="\n")
