#!/usr/bin/env bash
# Builds the sample Shop solution with ArchGate and shows ArchGate's diagnostics.
#
#   bash samples/run.sh [extra dotnet build arguments, e.g. -p:ArchGateMode=strict or -warnaserror]
#
# 1. packs ArchGate.Analyzers from this repository into samples/.feed, with a unique prerelease version
#    (NuGet caches packages by id+version, so a fixed version would silently reuse a stale package);
# 2. restores and builds samples/Shop.sln with the real `dotnet build`, consuming that package;
# 3. prints every ArchGate diagnostic once, then compares them with samples/expected-diagnostics.txt.
# Exits with the build's exit code: 0 when the build ran (ArchGate's findings are warnings by default).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
version="0.1.0-sample.$(date -u +%Y%m%d%H%M%S)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "== Packing ArchGate.Analyzers $version into samples/.feed"
rm -rf "$here/.feed"
mkdir -p "$here/.feed"
dotnet pack "$repo/src/Package/ArchGate.Analyzers.Package.csproj" -c Release -o "$here/.feed" \
  -p:PackageVersion="$version" -nodeReuse:false -tl:off -v:minimal

echo "== Building samples/Shop.sln"
set +e
dotnet build "$here/Shop.sln" -p:ArchGateVersion="$version" -nodeReuse:false -tl:off -v:minimal "$@" >"$log" 2>&1
status=$?
set -e

# file(line,col): warning AGxxxx: message [project]  or  CSC : warning AGxxxx: message [project]
echo "== ArchGate diagnostics"
grep -E '(warning|error) AG[0-9]{4}' "$log" | sed -E "s# \[[^]]*\]\$##; s#$here/##g" | sort -u || echo "(none)"

echo "== Compared with samples/expected-diagnostics.txt (- expected but missing, + unexpected)"
actual="$(grep -E '(warning|error) AG[0-9]{4}' "$log" | sed -E \
  -e 's#^(.+)\([0-9]+,[0-9]+(,[0-9]+,[0-9]+)?\): (warning|error) (AG[0-9]{4}):.*#\4 \1#' \
  -e 's#^.*: (warning|error) (AG[0-9]{4}):.*\[([^]]*)\]$#\2 \3#' \
  | sed -e "s#$here/##" | sort -u || true)"
expected="$(grep -vE '^\s*(#|$)' "$here/expected-diagnostics.txt" | sed -E 's/\s+$//' | sort -u)"
if diff <(echo "$expected" | sed '/^$/d') <(echo "$actual" | sed '/^$/d') >/dev/null; then
  echo "identical"
else
  diff <(echo "$expected" | sed '/^$/d') <(echo "$actual" | sed '/^$/d') | grep -E '^[<>]' \
    | sed -e 's/^</- missing:   /' -e 's/^>/+ unexpected:/' || true
fi

if [ "$status" -ne 0 ]; then
  echo "== The build failed (exit code $status); its output:"
  cat "$log"
fi
exit "$status"
