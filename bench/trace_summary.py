#!/usr/bin/env python3
"""Summary of a traced build (bench/trace.sh): where ArchGate's callbacks spend their time, and at which JIT tier.

    python3 bench/trace_summary.py bench/generated/trace-NAME            ArchGate frames by time, with their tiers
    python3 bench/trace_summary.py bench/generated/trace-NAME FRAME      what runs below FRAME (a substring of a frame name)

Times are sampled wall-clock milliseconds on every thread (1 ms sampling), so compare two traces of the same project,
and only for large differences. 'own' is time in a frame's own code (its callee is the CPU itself); 'deepest' is time
where it is the innermost ArchGate frame (its own code and the compiler code it calls).
"""
import collections
import json
import re
import sys


def stacks(profile_json):
    """(frame indices root first, milliseconds) for every interval of every thread of an evented speedscope profile."""
    for profile in profile_json['profiles']:
        stack, last = [], None
        for event in profile['events']:
            at = event['at']
            if last is not None and stack and at > last:
                yield tuple(stack), at - last
            last = at
            if event['type'] == 'O':
                stack.append(event['frame'])
            elif stack and stack[-1] == event['frame']:
                stack.pop()
            elif event['frame'] in stack:
                del stack[len(stack) - 1 - stack[::-1].index(event['frame']):]


def short(frame):
    return frame.split('!')[-1].split('(')[0].replace('+', '.')


def tiers(jit_log):
    result = collections.defaultdict(set)
    pattern = re.compile(r'JIT compiled (ArchGate[^(\[]*?):([^(\[]+)\(.*\[([A-Za-z0-9 -]+?)(?: @0x[0-9a-f]+)?(?: with [A-Za-z ]+)?, IL size')
    with open(jit_log, errors='replace') as log:
        for line in log:
            match = pattern.search(line)
            if match:
                result[(match.group(1) + '.' + match.group(2)).replace('+', '.')].add(match.group(3))
    return result


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    directory = sys.argv[1].rstrip('/')
    profile = json.load(open(directory + '/compiler.speedscope.json'))
    frames = [f['name'] for f in profile['shared']['frames']]
    if len(sys.argv) > 2:
        needle, below = sys.argv[2], collections.Counter()
        total = 0.0
        for stack, ms in stacks(profile):
            names = [frames[i] for i in stack]
            index = next((i for i, n in enumerate(names) if needle in n), None)
            if index is None:
                continue
            total += ms
            below[' > '.join(short(n)[-60:] for n in names[index:index + 5])] += ms
        print('%.1f ms with %s on the stack' % (total, needle))
        for path, ms in below.most_common(25):
            print('%8.1f  %s' % (ms, path))
        return 0
    jit = tiers(directory + '/jit.txt')
    own, deepest = collections.Counter(), collections.Counter()
    for stack, ms in stacks(profile):
        names = [frames[i] for i in stack]
        ours = [i for i, n in enumerate(names) if 'archgate.analyzers!' in n.lower()]
        if not ours:
            continue
        key = short(names[ours[-1]])
        deepest[key] += ms
        if ours[-1] + 1 < len(names) and names[ours[-1] + 1] == 'CPU_TIME':
            own[key] += ms
    print('%8s %8s  %-34s %s' % ('deepest', 'own', 'JIT tiers', 'ArchGate frame'))
    for key, ms in deepest.most_common(40):
        print('%8.1f %8.1f  %-34s %s' % (ms, own[key], ','.join(sorted(jit.get(key, {'?'})))[:34], key[:110]))
    compiled = [t for ts in jit.values() for t in ts]
    print('\nArchGate methods compiled: %d; by tier: %s' % (len(jit), dict(collections.Counter(compiled))))
    return 0


if __name__ == '__main__':
    sys.exit(main())
