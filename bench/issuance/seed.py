#!/usr/bin/env python3
"""The seed's birthday job (rizqo46/sayakaya-scheduler, Go + GORM + pgx), emulated for the
issuance benchmark: same SQL, same round trips, same transaction boundaries; no sending.

    seed.py --database-url URL --date 2026-03-15 --mode gorm|rowwise

What the seed did (cmd/app/main.go, internal/users/repository, internal/promos):
  1. FetchUsers, outside any transaction (gorm.Config{SkipDefaultTransaction: true}):
       SELECT * FROM "users" WHERE verified_status IS TRUE AND TO_CHAR(birthday, 'MM-DD') = $1
     every matching row is loaded into memory (a slice of models.User). TO_CHAR on the
     column matches no index: a full scan of users, formatting every row.
  2. GeneratePromoCode, in one transaction: INSERT the promo (RETURNING id), then
     db.Create(&[]PromoEligibility{...}): GORM turns a slice into ONE multi-row INSERT,
       INSERT INTO "promo_eligibilities" ("promo_id","user_id","claimed_at") VALUES ($1,$2,$3),...
     three bind parameters per user. pgx refuses a statement with more than 65535
     parameters before sending it ("extended protocol limited to 65535 parameters"), so
     above 21845 users the insert fails, the transaction rolls back and nothing is issued.
  3. SendNotifications (not emulated: the seed had no outbox, it sent straight away).

--mode gorm     what the code does (2. as one INSERT, failing like pgx above 65535 parameters).
--mode rowwise  one INSERT statement, one round trip, per eligibility, in the same transaction.

Prints one line: "<mode> audience N eligibilities M" or "<mode> FAILED: reason" (exit 3).
"""
import argparse
import sys

import psycopg2
import psycopg2.extras

PGX_MAX_PARAMETERS = 65535


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--database-url", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--mode", choices=["gorm", "rowwise"], default="gorm")
    args = p.parse_args()
    month_day = args.date[5:10]  # time.Now().Format("01-02")

    conn = psycopg2.connect(args.database_url)
    conn.autocommit = True  # statements run as the seed's did; BEGIN/COMMIT are explicit below
    cur = conn.cursor()

    # 1. FetchUsers (outside the transaction), whole result in memory.
    cur.execute(
        "SELECT * FROM \"users\" WHERE verified_status IS TRUE AND TO_CHAR(birthday, 'MM-DD') = %s",
        (month_day,),
    )
    users = cur.fetchall()
    ids = [row[0] for row in users]

    # 2. GeneratePromoCode: one transaction.
    cur.execute("BEGIN")
    cur.execute(
        'INSERT INTO "promos" ("name","amount","promo_code","start_date","end_date") '
        "VALUES (%s,%s,%s,%s,%s) RETURNING \"id\"",
        ("Birthday Promo", 10000, "SEEDCODE0123456789", args.date, args.date),
    )
    promo_id = cur.fetchone()[0]
    claimed_at = "0001-01-01 00:00:00+00"  # GORM writes the zero time.Time
    if args.mode == "gorm":
        if not ids:
            cur.execute("ROLLBACK")
            print("gorm FAILED: empty slice found (GORM refuses to insert nothing)")
            return 3
        if 3 * len(ids) > PGX_MAX_PARAMETERS:
            cur.execute("ROLLBACK")
            print(f"gorm FAILED: extended protocol limited to 65535 parameters ({len(ids)} users x 3)")
            return 3
        psycopg2.extras.execute_values(
            cur,
            'INSERT INTO "promo_eligibilities" ("promo_id","user_id","claimed_at") VALUES %s',
            [(promo_id, i, claimed_at) for i in ids],
            page_size=len(ids),  # one statement, as GORM sends it
        )
    else:
        for i in ids:
            cur.execute(
                'INSERT INTO "promo_eligibilities" ("promo_id","user_id","claimed_at") VALUES (%s,%s,%s)',
                (promo_id, i, claimed_at),
            )
    cur.execute("COMMIT")
    conn.close()
    print(f"{args.mode} audience {len(users)} eligibilities {len(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
