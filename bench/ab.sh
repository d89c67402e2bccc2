#!/usr/bin/env bash
# A/B builds: the same generated project built in turn with two (or more) builds of ArchGate, with
# -p:ReportAnalyzer=true, to compare them where it counts (a real build) rather than in one process.
#   bash bench/ab.sh ROUNDS name=path/ArchGate.Analyzers.dll name=path/ArchGate.Analyzers.dll ...
#   AB_SIZE=100000 (default; generated first with bash bench/run.sh SIZE)
#   AB_ANALYZERS=both (default: ArchGate and BannedApiAnalyzers, as bench/run.sh) or archgate
# Keep a copy of a build before changing it, e.g.
#   cp src/Analyzers/bin/Release/netstandard2.0/ArchGate.Analyzers.dll /tmp/before.dll
# Prints, per round and build: Csc time, ArchGate's analyzer time and its three slowest analyzers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:?usage: bash bench/ab.sh ROUNDS name=dll [name=dll ...]}
shift
size=${AB_SIZE:-100000}
source_dir=$root/bench/generated/$size
if [ ! -f "$source_dir/Bench.csproj" ]; then
  echo "no generated project in $source_dir: run bash bench/run.sh $size first" >&2
  exit 2
fi

# A copy whose <Analyzer Include> comes from a property, so each build can name its DLL.
dir=$root/bench/generated/ab-$size
rm -rf "$dir"
mkdir -p "$dir"
(cd "$source_dir" && tar --exclude=bin --exclude=obj -cf - .) | (cd "$dir" && tar -xf -)
sed -i -E 's#<Analyzer Include="[^"]*ArchGate\.Analyzers\.dll" />#<Analyzer Include="$(ArchGateDll)" />#' "$dir/Bench.csproj"
grep -q 'ArchGateDll' "$dir/Bench.csproj" || { echo "could not point $dir/Bench.csproj at a property" >&2; exit 2; }
dotnet restore "$dir/Bench.csproj" -v:q -nologo >/dev/null

for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    name=${spec%%=*}
    # The compiler loads an analyzer only from a file named after its assembly: one folder per build.
    dll=$dir/analyzers/$name/ArchGate.Analyzers.dll
    mkdir -p "$(dirname "$dll")"
    cp "${spec#*=}" "$dll"
    log=$dir/build-$name-$round.log
    dotnet build-server shutdown >/dev/null 2>&1 || true
    dotnet build "$dir/Bench.csproj" --no-restore -t:Rebuild -p:BenchAnalyzers="${AB_ANALYZERS:-both}" -p:ArchGateDll="$dll" \
      -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -nologo > "$log" 2>&1
    csc=$(grep -E '^ +[0-9]+ ms  Csc ' "$log" | awk '{ print $1 }' | tail -1 || true)
    archgate=$(grep -E '^ +[0-9.<]+ +[0-9<]+ +ArchGate\.Analyzers, Version' "$log" | awk '{ print $1 }' | head -1 || true)
    if [ -z "$csc" ] || [ -z "$archgate" ]; then
      echo "round $round  $name: no Csc or ArchGate time in $log (build failed, or the analyzer did not load: look for CS8034)" >&2
      exit 1
    fi
    top=$(awk '/ArchGate\.Analyzers, Version/ { on = 1; next } on && /Version=/ { on = 0 } on && NF > 2 { print $1, $3 }' "$log" \
      | head -3 | sed -E 's/ArchGate\.Analyzers\.[A-Za-z]+\.//' | tr '\n' ' ')
    echo "round $round  $name: Csc ${csc} ms, ArchGate ${archgate} s | $top"
  done
done
