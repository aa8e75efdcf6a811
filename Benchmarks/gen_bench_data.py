#!/usr/bin/env python3
"""Large, deterministic inputs for `make bench` when ../shared/bench is not there.

Writes into --out: bill_lines.csv (--rows bill-csv lines over 50 accounts, one statement per account
and month, about 200 lines each) and calls.xml (--calls records in the Android "SMS Backup & Restore"
call-log shape). The same flags give the same bytes on every run. Standard library only.
"""
import argparse
import datetime as dt
import os
import random

HEADER = "account_id,statement_id,statement_date,due_date,date,kind,description,category,quantity,unit,amount,currency"


def money(cents):
    sign = "-" if cents < 0 else ""
    return "%s%d.%02d" % (sign, abs(cents) // 100, abs(cents) % 100)


def bill_lines(path, rows, rng):
    accounts = ["%012d" % rng.randrange(10**11, 10**12) for _ in range(50)]
    plans = {a: rng.choice([2500, 5500, 7000, 8500]) for a in accounts}
    written = 0
    month = dt.date(2018, 1, 1)
    with open(path, "w", newline="\n") as out:
        out.write(HEADER + "\n")
        while written < rows:
            due = month.replace(day=22)
            for account in accounts:
                if written >= rows:
                    break
                statement = "%s-%s" % (account[-6:], month.strftime("%Y%m"))
                head = "%s,%s,%s,%s," % (account, statement, month.isoformat(), due.isoformat())
                lines = [
                    (month, "charge", "Unlimited Plan 5G", "plan", "1", "month", plans[account]),
                    (month, "fee", "Regulatory Cost Recovery Fee", "fee", "", "", 149),
                    (month, "tax", "State and local sales tax", "tax", "", "", plans[account] * 8 // 100),
                    (month, "payment", "Payment - thank you", "payment", "", "", -plans[account]),
                ]
                for _ in range(rng.randrange(150, 250)):
                    day = month - dt.timedelta(days=rng.randrange(1, 28))
                    number = "+1%d555%04d" % (rng.randrange(200, 990), rng.randrange(100, 200))
                    minutes = rng.randrange(1, 40)
                    lines.append((day, "usage", '"Call to %s, Chicago, IL"' % number, "call", str(minutes), "min",
                                  0 if rng.random() < 0.97 else minutes * 25))
                for date, kind, text, category, quantity, unit, cents in lines:
                    if written >= rows:
                        break
                    out.write("%s%s,%s,%s,%s,%s,%s,%s,USD\n" % (head, date.isoformat(), kind, text, category, quantity,
                                                                 unit, money(cents)))
                    written += 1
            month = (month + dt.timedelta(days=32)).replace(day=1)


def calls(path, count, rng):
    moment = int(dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc).timestamp() * 1000)
    with open(path, "w", newline="\n") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"%d\">\n" % count)
        for _ in range(count):
            moment += rng.randrange(1000, 400000)
            out.write('  <call number="+1%d555%04d" duration="%d" date="%d" type="%d" presentation="1" '
                      'contact_name="(Unknown)" />\n'
                      % (rng.randrange(200, 990), rng.randrange(100, 200), rng.randrange(0, 1800), moment,
                         rng.choice([1, 2, 2, 3])))
        out.write("</calls>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--out", default="data")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    bill_lines(os.path.join(arguments.out, "bill_lines.csv"), arguments.rows, random.Random(20261125))
    calls(os.path.join(arguments.out, "calls.xml"), arguments.calls, random.Random(20261126))


if __name__ == "__main__":
    main()
