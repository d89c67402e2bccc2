#!/usr/bin/env bash
# ArchGate performance benchmark (not part of CI: it builds up to 300k lines several times).
#   bash bench/run.sh                 # sizes 10000 30000 100000 300000
#   bash bench/run.sh 100000          # one size
#   BENCH_RUNS=3 bash bench/run.sh 100000   # each size built three times; the median share is printed
#   BENCH_SQL=1 bash bench/run.sh 100000    # the SQL-heavy variant (generator --sql), in bench/generated/sql-100000
# For each size it generates a layered backend (bench/Generator), then in one run:
#   1. builds it with no ArchGate and no BannedApiAnalyzers (baseline compile time),
#   2. builds it with both, -p:ReportAnalyzer=true,
# and prints ArchGate's total and per-analyzer times, their share of the compiler's time, and the
# ratio to BannedApiAnalyzers banning the same data-access APIs in the same compilation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${*:-10000 30000 100000 300000}
runs=${BENCH_RUNS:-1}
out=$root/bench/generated
results=$out/results.md
mkdir -p "$out"

echo "== building ArchGate (Release) and the generator"
dotnet build "$root/src/Analyzers/ArchGate.Analyzers.csproj" -c Release -v:q -nologo >/dev/null
dotnet build "$root/bench/Generator/ArchGate.Bench.Generator.csproj" -c Release -v:q -nologo >/dev/null
analyzers=$root/src/Analyzers/bin/Release/netstandard2.0

{
  echo "| lines | Csc without analyzers | Csc with ArchGate + BannedApi | ArchGate analyzer time | share of Csc | BannedApi analyzer time | ArchGate / BannedApi |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
} > "$results"

seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

sql_flag=""
prefix=""
if [ "${BENCH_SQL:-0}" = "1" ]; then sql_flag="--sql"; prefix="sql-"; fi

for size in $sizes; do
  dir=$out/$prefix$size
  echo "== size $prefix$size"
  dotnet run --project "$root/bench/Generator/ArchGate.Bench.Generator.csproj" -c Release --no-build -- "$size" "$dir" "$analyzers" $sql_flag
  dotnet restore "$dir/Bench.csproj" -v:q -nologo >/dev/null

  shares=()
  for run in $(seq 1 "$runs"); do
    # Baseline: no ArchGate, no BannedApi. The compiler server is shut down between builds so each
    # build starts from the same state.
    dotnet build-server shutdown >/dev/null 2>&1 || true
    dotnet build "$dir/Bench.csproj" --no-restore -t:Rebuild -p:BenchAnalyzers=none -v:d -clp:PerformanceSummary -nologo > "$dir/build-none.log" 2>&1
    dotnet build-server shutdown >/dev/null 2>&1 || true
    dotnet build "$dir/Bench.csproj" --no-restore -t:Rebuild -p:BenchAnalyzers=both -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -nologo > "$dir/build-both.log" 2>&1

    csc_none=$(grep -E '^ +[0-9]+ ms  Csc ' "$dir/build-none.log" | awk '{ print $1 }' | tail -1)
    csc_both=$(grep -E '^ +[0-9]+ ms  Csc ' "$dir/build-both.log" | awk '{ print $1 }' | tail -1)
    archgate=$(grep -E '^ +[0-9.<]+ +[0-9<]+ +ArchGate\.Analyzers, Version' "$dir/build-both.log" | awk '{ print $1 }' | head -1)
    banned=$(grep -E '^ +[0-9.<]+ +[0-9<]+ +Microsoft\.CodeAnalysis\.CSharp\.BannedApiAnalyzers, Version' "$dir/build-both.log" | awk '{ print $1 }' | head -1)
    archgate=${archgate#<}; banned=${banned#<}
    share=$(awk -v a="$archgate" -v c="$csc_both" 'BEGIN { printf "%.1f%%", 100 * a * 1000 / c }')
    ratio=$(awk -v a="$archgate" -v b="$banned" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

    echo "   compile without analyzers: $(seconds "$csc_none") s; with ArchGate + BannedApi: $(seconds "$csc_both") s"
    echo "   ArchGate analyzers: ${archgate} s (${share} of Csc); BannedApiAnalyzers: ${banned} s; ratio ${ratio}"
    echo "   per-analyzer (ArchGate):"
    awk '/ArchGate\.Analyzers, Version/ { on = 1; next } on && /Version=/ { on = 0 } on && NF > 2 { print "     " $0 }' "$dir/build-both.log" | sed 's/^ *\([0-9.<]*\) *\([0-9<]*\) */      \1 s  \2%  /' | head -30
    echo "| $prefix$size | $(seconds "$csc_none") s | $(seconds "$csc_both") s | ${archgate} s | ${share} | ${banned} s | ${ratio} |" >> "$results"
    shares+=("${share%\%}")
  done
  if [ "$runs" -gt 1 ]; then
    median=$(printf '%s\n' "${shares[@]}" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "   share of Csc over $runs runs: ${shares[*]} (%); median ${median}%"
    echo "| $size | median of $runs runs | | | ${median}% | | |" >> "$results"
  fi
done

echo
echo "== results ($results)"
cat "$results"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(dotnet --version) SDK, load $(cut -d' ' -f1-3 /proc/loadavg)"
