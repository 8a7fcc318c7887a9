#!/usr/bin/env python3
"""Writes a national-scale GENESIS table file (Latin-1, ';', the layout of the
Regionaldatenbank's "Tabelle" exports) deterministically: every Gemeinde of
data/regions/GV100AD (about 11,000 eight-digit AGS) x YEARS years x 20 value
columns (10 categories x insgesamt/weiblich), with the usual markers.
Optionally the same cells in long form (series;region;period;value;status) for
the sqlite3 CLI and PostgreSQL COPY, and a revised edition of the table for a
re-import: every 100th row dropped (a Gemeinde-year withdrawn), one value
changed in every 50th row.

  gen_genesis_national.py GV100AD_FILE TABLE_OUT [LONG_OUT] [YEARS] [REVISED_OUT]
"""
import sys

gv100, out_path = sys.argv[1], sys.argv[2]
long_path = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
years = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else 30
revised_path = sys.argv[5] if len(sys.argv) > 5 else None

municipalities = []
seen = set()
with open(gv100, encoding="latin-1") as f:
    for line in f:
        if line.startswith("60"):
            # AGS = Land (2) + Regierungsbezirk (1) + Kreis (2) + Gemeinde (3);
            # the Gemeindeverband (4) that follows is not part of it.
            ags = line[10:18]
            if ags not in seen:  # a few Gemeinden are listed twice
                seen.add(ags)
                municipalities.append((ags, line[22:72].strip()))

categories = ["Insgesamt"] + [f"Abschlussart {i}" for i in range(1, 10)]
sexes = ["insgesamt", "weiblich"]
columns = len(categories) * len(sexes)
pad = ";" * (columns + 2)
markers = ["-", ".", "x", "...", "/"]

state = 12345
def rand():
    # xorshift32: the same numbers on every machine and Python version
    global state
    state ^= (state << 13) & 0xFFFFFFFF
    state ^= state >> 17
    state ^= (state << 5) & 0xFFFFFFFF
    return state

out = open(out_path, "w", encoding="latin-1", newline="\n")
long_out = open(long_path, "w", encoding="utf-8", newline="\n") if long_path else None
revised_out = open(revised_path, "w", encoding="latin-1", newline="\n") if revised_path else None
revision = {"dropped_cells": 0, "changed_cells": 0}
def w(text):
    out.write(text)
    if revised_out:
        revised_out.write(text)
w("GENESIS-Tabelle: 99999-01-01-5\n")
w("Absolvierende/Abgehende nach Abschlussart und Geschlecht - Jahr - regionale Tiefe:" + pad + "\n")
w("Gemeinden (synthetische Benchmark-Tabelle)" + pad + "\n")
w("Statistik der allgemeinbildenden Schulen" + pad + "\n")
w("Absolvierende/Abgehende (Anzahl)" + pad + "\n")
w(";;;" + ";".join(c for c in categories for _ in sexes) + "\n")
w(";;;" + ";".join(s for _ in categories for s in sexes) + "\n")
w(";;;" + ";".join(["Anzahl"] * columns) + "\n")
for year in range(2023 - years + 1, 2024):
    period = str(year)
    for ags, name in municipalities:
        fields = []
        for col in range(columns):
            r = rand()
            if r % 50 == 0:
                text = markers[(r >> 8) % len(markers)]
                fields.append(text)
                if long_out:
                    long_out.write(f"{col};{ags};{period};;{text}\n")
            else:
                value = (r >> 6) % 5000
                fields.append(str(value))
                if long_out:
                    long_out.write(f"{col};{ags};{period};{value};\n")
        out.write(f"{period};{ags};      {name};" + ";".join(fields) + "\n")
        if revised_out:
            row_number = (year * 100003 + int(ags)) % 100
            if row_number == 99:
                revision["dropped_cells"] += columns
                continue
            if row_number % 50 == 7 and fields[0].isdigit():
                fields[0] = str(int(fields[0]) + 1)
                revision["changed_cells"] += 1
            revised_out.write(f"{period};{ags};      {name};" + ";".join(fields) + "\n")
w("__________\n")
w('"Synthetische Tabelle fuer den Benchmark; die Zahlen sind Zufallszahlen."\n')
w('"© Statistische Ämter des Bundes und der Länder, Deutschland, 2025.\n'
  'Dieses Werk ist lizenziert unter der Datenlizenz Deutschland\n- Namensnennung - Version 2.0."\n')
w("Stand: 13.03.2025 / 16:40:08\n")
out.close()
if long_out:
    long_out.close()
if revised_out:
    revised_out.close()
    print(f"revised edition: {revision['dropped_cells']} cells dropped, "
          f"{revision['changed_cells']} changed", file=sys.stderr)
print(f"{len(municipalities)} municipalities x {years} years x {columns} columns "
      f"= {len(municipalities) * years * columns} cells", file=sys.stderr)
