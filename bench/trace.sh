#!/usr/bin/env bash
# A real build of the generated project, traced: EventPipe's sample profiler in the compiler process and the JIT's
# own log of every method it compiles (with its tier). What in-process profiles miss shows here: the cost of
# allocations in callbacks (the callback that starts a garbage collection pays for it) and of code that stays at
# tier 0 for the whole build. Needs dotnet-trace (dotnet tool install -g dotnet-trace) for the conversion.
#   bash bench/trace.sh NAME path/ArchGate.Analyzers.dll      (AB_SIZE=100000 by default, as bench/ab.sh)
#   python3 bench/trace_summary.py bench/generated/trace-NAME [FRAME]
# docs/performance.md (seventh round) shows what it found.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: bash bench/trace.sh NAME path/ArchGate.Analyzers.dll}
dll_source=${2:?usage: bash bench/trace.sh NAME path/ArchGate.Analyzers.dll}
size=${AB_SIZE:-100000}
source_dir=$root/bench/generated/$size
if [ ! -f "$source_dir/Bench.csproj" ]; then
  echo "no generated project in $source_dir: run bash bench/run.sh $size first" >&2
  exit 2
fi
command -v dotnet-trace >/dev/null || [ -x "$HOME/.dotnet/tools/dotnet-trace" ] || { echo "dotnet-trace not found: dotnet tool install -g dotnet-trace" >&2; exit 2; }
trace_tool=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")

# The same copy of the project as bench/ab.sh, its analyzer taken from a property.
dir=$root/bench/generated/trace-$size
rm -rf "$dir"
mkdir -p "$dir"
(cd "$source_dir" && tar --exclude=bin --exclude=obj -cf - .) | (cd "$dir" && tar -xf -)
sed -i -E 's#<Analyzer Include="[^"]*ArchGate\.Analyzers\.dll" />#<Analyzer Include="$(ArchGateDll)" />#' "$dir/Bench.csproj"
dotnet restore "$dir/Bench.csproj" -v:q -nologo >/dev/null
dll=$dir/analyzers/$name/ArchGate.Analyzers.dll
mkdir -p "$(dirname "$dll")"
cp "$dll_source" "$dll"

out=$root/bench/generated/trace-$name
rm -rf "$out"
mkdir -p "$out"
dotnet build-server shutdown >/dev/null 2>&1 || true
# UseSharedCompilation=false: the compiler runs as a child of this build, in this environment.
DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$out/process-{pid}.nettrace" \
DOTNET_EventPipeConfig='Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5' \
DOTNET_JitStdOutFile="$out/jit.txt" DOTNET_JitDisasmSummary=1 \
  dotnet build "$dir/Bench.csproj" --no-restore -t:Rebuild -p:BenchAnalyzers="${AB_ANALYZERS:-both}" -p:ArchGateDll="$dll" \
  -p:UseSharedCompilation=false -nodeReuse:false -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -nologo > "$out/build.log" 2>&1
# The compiler's trace is the largest one.
trace=$(ls -S "$out"/*.nettrace | head -1)
"$trace_tool" convert --format speedscope -o "$out/compiler.json" "$trace" >/dev/null
rm -f "$out"/*.nettrace
echo "Csc: $(grep -E '^ +[0-9]+ ms  Csc ' "$out/build.log" | awk '{ print $1 }' | tail -1) ms; ArchGate: $(grep -E '^ +[0-9.<]+ +[0-9<]+ +ArchGate\.Analyzers, Version' "$out/build.log" | awk '{ print $1 }' | head -1) s"
echo "written: $out (python3 bench/trace_summary.py $out)"
