#!/usr/bin/env python3
"""Turns bench/dispatch/run.sh's runs.tsv into markdown tables (medians of the runs).

usage: summarize.py runs.tsv machine.txt facts.txt profile.md
"""

import csv
import statistics
import sys
from collections import OrderedDict


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def med(rows, key):
    values = [num(r.get(key)) for r in rows if num(r.get(key)) is not None]
    return statistics.median(values) if values else None


def spread(rows, key, fmt="{:,.0f}"):
    values = sorted(num(r.get(key)) for r in rows if num(r.get(key)) is not None)
    if not values:
        return "–"
    m = statistics.median(values)
    if len(values) == 1:
        return fmt.format(m)
    return f"{fmt.format(m)} ({fmt.format(values[0])}–{fmt.format(values[-1])})"


def f0(v):
    return "–" if v is None else f"{v:,.0f}"


def f1(v):
    return "–" if v is None else f"{v:.1f}"


def f2(v):
    return "–" if v is None else f"{v:.2f}"


def cpu(rows):
    values = [num(r["user_s"]) + num(r["sys_s"]) for r in rows if num(r["user_s"]) is not None]
    return statistics.median(values) if values else None


def group(rows, *keys):
    out = OrderedDict()
    for r in rows:
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return out


def main():
    runs, machine, facts, profile = sys.argv[1:5]
    with open(runs, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    print("## Dispatch benchmark\n")
    for path in (machine, facts):
        with open(path) as f:
            for line in f:
                if line.strip():
                    print(f"- {line.strip()}")
    print(f"- runs: {len(rows)}; checks failed: {sum(1 for r in rows if r['check'].startswith(('MISMATCH', 'ERRORS')))}")
    print("- figures: median of the runs (min–max in brackets); msgs/s = messages / wall time of the whole process")
    print()

    email = [r for r in rows if r["part"] == "email"]
    if email:
        print("### Email: kado dispatch -> smtp-sink vs smtp-source -> smtp-sink\n")
        print("| concurrency | kado msgs/s | kado CPU s (user+sys) | CPU µs/msg | peak RSS MB | PostgreSQL CPU s | sink CPU s (kado) "
              "| machine busy % (kado) | floor msgs/s (smtp-source -d, connections reused) | machine busy % (-d) "
              "| floor msgs/s (new connection per message) | kado / floor (-d) | kado / floor (new) |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        by_c = group(email, "concurrency")
        for (c,), rs in by_c.items():
            k = [r for r in rs if r["target"] == "kado dispatch"]  # (before) rows: their own table
            fr = [r for r in rs if r["target"] == "smtp-source (reuse)"]
            fn = [r for r in rs if r["target"] == "smtp-source (new)"]
            kr, frr, fnr = med(k, "msgs_per_s"), med(fr, "msgs_per_s"), med(fn, "msgs_per_s")
            n = med(k, "messages")
            c_s = cpu(k)
            print(f"| {c} | {spread(k, 'msgs_per_s')} | {f2(c_s)} | {f0(c_s / n * 1e6) if c_s and n else '–'} "
                  f"| {f1(med(k, 'max_rss_mb'))} | {f2(med(k, 'pg_cpu_s'))} | {f2(med(k, 'server_cpu_s'))} "
                  f"| {spread(k, 'machine_busy_pct')} | {spread(fr, 'msgs_per_s')} | {spread(fr, 'machine_busy_pct')} "
                  f"| {spread(fn, 'msgs_per_s')} "
                  f"| {kr / frr:.2f} | {kr / fnr:.2f} |" if kr and frr and fnr else f"| {c} | incomplete |")
        print()

    wa = [r for r in rows if r["part"] == "whatsapp"]
    if wa:
        print("### WhatsApp: kado dispatch -> local Cloud API stand-in vs the stand-in's own ceiling (wrk)\n")
        print("| stand-in | concurrency | stand-in ceiling req/s (wrk -t1, 5 s) | kado msgs/s | kado CPU s (user+sys) | CPU µs/msg "
              "| peak RSS MB | PostgreSQL CPU s | stand-in CPU s (kado) | machine busy % (kado) | kado / ceiling |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        kinds = OrderedDict()
        for r in wa:
            if "(before)" not in r["target"]:
                kinds.setdefault(r["target"].split(":")[0].split(" -> ")[-1], None)
        for kind in kinds:
            sub = [r for r in wa if r["target"] in (f"{kind}: wrk ceiling", f"kado dispatch -> {kind}")]
            for (c,), rs in group(sub, "concurrency").items():
                ceil = [r for r in rs if "ceiling" in r["target"]]
                k = [r for r in rs if r["target"].startswith("kado")]
                kr, cr = med(k, "msgs_per_s"), med(ceil, "msgs_per_s")
                n = med(k, "messages")
                c_s = cpu(k)
                print(f"| {kind} | {c} | {spread(ceil, 'msgs_per_s')} | {spread(k, 'msgs_per_s')} | {f2(c_s)} "
                      f"| {f0(c_s / n * 1e6) if c_s and n else '–'} | {f1(med(k, 'max_rss_mb'))} | {f2(med(k, 'pg_cpu_s'))} "
                      f"| {f2(med(k, 'server_cpu_s'))} | {spread(k, 'machine_busy_pct')} | {(kr / cr) if kr and cr else 0:.2f} |")
        print()

    before = [r for r in rows if "(before)" in r["target"]]
    if before:
        print("### Before and after (KADO_BASE_BIN and KADO_BIN, interleaved on the same data)\n")
        print("| part | target | concurrency | before msgs/s | after msgs/s | before CPU µs/msg | after CPU µs/msg | before peak RSS MB "
              "| after peak RSS MB | before machine busy % | after machine busy % |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (part, t, c), rs in group(before, "part", "target", "concurrency").items():
            after = [r for r in rows if r["part"] == part and r["target"] == t.replace(" (before)", "") and r["concurrency"] == c]
            def per(rs):
                n, c_s = med(rs, "messages"), cpu(rs)
                return f0(c_s / n * 1e6) if c_s and n else "–"
            print(f"| {part} | {t.replace(' (before)', '')} | {c} | {spread(rs, 'msgs_per_s')} | {spread(after, 'msgs_per_s')} "
                  f"| {per(rs)} | {per(after)} | {f1(med(rs, 'max_rss_mb'))} | {f1(med(after, 'max_rss_mb'))} "
                  f"| {spread(rs, 'machine_busy_pct')} | {spread(after, 'machine_busy_pct')} |")
        print()

    mem = [r for r in rows if r["part"] == "memory"]
    if mem:
        print("### Memory: peak RSS of kado dispatch by message count (email)\n")
        print("| messages | concurrency | peak RSS MB | msgs/s | CPU µs/msg |")
        print("|---:|---:|---:|---:|---:|")
        for (n, c), rs in group(mem, "messages", "concurrency").items():
            c_s = cpu(rs)
            print(f"| {int(n):,} | {c} | {spread(rs, 'max_rss_mb', '{:.1f}')} | {spread(rs, 'msgs_per_s')} "
                  f"| {f0(c_s / int(n) * 1e6) if c_s else '–'} |")
        print()

    disp = [r for r in rows if r["part"] == "dispatchers"]
    if disp:
        print("### Several dispatchers on one outbox (email, counted at the sink)\n")
        print("| dispatchers | concurrency each | combined msgs/s | CPU µs/msg (all processes) | largest peak RSS MB | PostgreSQL CPU s | check |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        for (t, c), rs in group(disp, "target", "concurrency").items():
            n = med(rs, "messages")
            c_s = cpu(rs)
            ok = "all ok" if all(r["check"].startswith("ok") for r in rs) else "MISMATCH"
            print(f"| {t.split()[0]} | {c} | {spread(rs, 'msgs_per_s')} | {f0(c_s / n * 1e6) if c_s and n else '–'} "
                  f"| {f1(med(rs, 'max_rss_mb'))} | {f2(med(rs, 'pg_cpu_s'))} | {ok}: {rs[0]['check']} |")
        print()

    if profile != "/dev/null":
        print("### Where the time goes (perf, one run each)\n")
        with open(profile) as f:
            print(f.read())

    print("### Every run\n")
    cols = list(rows[0].keys()) if rows else []
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(r.get(c) or "" for c in cols) + " |")


if __name__ == "__main__":
    main()
