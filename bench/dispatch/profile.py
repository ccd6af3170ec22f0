#!/usr/bin/env python3
"""Summarises `perf script` output of one `kado dispatch` (stdin; recorded with
--call-graph dwarf) as markdown: which thread the CPU samples fall on (Swift's
cooperative pool, the libcurl engine thread, others) and which step of the
dispatcher each sample belongs to, each sample counted once. Thread names do not
help (every thread of the process shows as "oot.default-qos", the curl engine's
too), so a thread is told by the frames on its stacks.
"""

import re
import sys
from collections import Counter, defaultdict

# Each sample goes to the first category whose regex matches a symbol of its stack
# (after the thread test for the libcurl engine thread), so the shares add up to 100%.
CATEGORIES = [
    ("promo values: TemplateValues.init (new Number/DateFormatter per message)", r"TemplateValuesV6tenant|MessageFormatterV"),
    ("template rendering: MessageRenderer / Mustache", r"MessageRendererV6render|Mustache0A8Template"),
    ("MIME message: headers, address checks, quoted-printable, Message-ID (SHA-256), Date", r"KadoEngine(11MIMEMessage|11MailAddress|15QuotedPrintable|10MIMEHeader|8MIMEText|11RFC5322Date|6SHA256)"),
    ("WhatsApp JSON: request body, answer parsing", r"WhatsAppCloudProvider|JSONValue|JSONSerialization"),
    ("hand-off to the transfer threads: CurlTransfer / SMTPMessage setup, submit", r"KadoCurl"),
    ("PostgreSQL client: claim and record (libpq, row decoding)", r"KadoPostgres|libpq|DispatcherC6record"),
    ("dispatcher bookkeeping: task group, progress, outcomes", r"KadoEngine10Dispatcher|DispatchSummary"),
]


def samples(stream):
    header = None
    frames = []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if header is not None:
                yield header, frames
            header, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            header = line
            frames = []
        else:
            parts = line.strip().split(None, 1)
            if len(parts) == 2:
                sym = parts[1]
                dso = ""
                m = re.match(r"(.*) \((.*)\)$", sym)
                if m:
                    sym, dso = m.group(1), m.group(2)
                sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
                frames.append((sym, dso))
    if header is not None:
        yield header, frames


def role(stacks_text):
    if "KadoCurl0B6EngineC3run" in stacks_text:
        return "libcurl engine thread"
    if "KadoCurl10SMTPEngineC3run" in stacks_text:
        return "SMTP session thread"
    if "swift_job_run" in stacks_text:
        return "Swift cooperative pool"
    return "other (main, PostgreSQL connection, runtime)"


def main():
    per_tid = Counter()
    tid_keys = defaultdict(set)
    stacks = []
    for header, frames in samples(sys.stdin):
        m = re.match(r"\s*(.*?)\s+(\d+)(?:/(\d+))?\s+", header)
        if not m:
            continue
        tid = m.group(3) or m.group(2)
        per_tid[tid] += 1
        syms = [f[0] for f in frames]
        joined = "\n".join(syms)
        for key in ("KadoCurl0B6EngineC3run", "KadoCurl10SMTPEngineC3run", "swift_job_run"):
            if key in joined:
                tid_keys[tid].add(key)
        stacks.append((tid, syms, bool(frames) and "kernel" in frames[0][1]))
    total = len(stacks)
    if not total:
        print("(no samples)\n")
        return
    roles = {tid: role(" ".join(keys)) for tid, keys in tid_keys.items()}
    by_role = Counter()
    for tid, n in per_tid.items():
        by_role[roles.get(tid, role(""))] += n
    compiled = [(label, re.compile(rx)) for label, rx in CATEGORIES]
    shares = Counter()
    kernel = Counter()
    for tid, syms, in_kernel in stacks:
        r = roles.get(tid, role(""))
        if r == "libcurl engine thread":
            label = "libcurl engine thread (multi_perform, HTTP protocol, socket I/O)"
        elif r == "SMTP session thread":
            label = "SMTP session thread (poll, the dialogue's sends and reads, libcurl opening sessions)"
        else:
            label = next((l for l, rx in compiled if any(rx.search(s) for s in syms)), None)
            if label is None:
                label = "other on " + ("the Swift pool" if r == "Swift cooperative pool" else "other threads") + ": runtime, task switches, allocation"
        shares[label] += 1
        if in_kernel:
            kernel[label] += 1
    print()
    print(f"{total} samples.\n")
    print("| thread | samples | share |")
    print("|---|---:|---:|")
    for name, n in by_role.most_common():
        print(f"| {name} | {n} | {100 * n / total:.1f}% |")
    print()
    print("| where the samples fall (each counted once) | share | of it in the kernel |")
    print("|---|---:|---:|")
    for label, n in shares.most_common():
        print(f"| {label} | {100 * n / total:.1f}% | {100 * kernel[label] / total:.1f}% |")
    print()


if __name__ == "__main__":
    main()
