#!/usr/bin/env bash
# Refreshes resources/translations/hearth_en.ts from the sources and fills in the English plural
# forms ("%n item(s)" -> "1 item" / "%n items"; "%n category(ies)" -> "1 category" / "%n categories"),
# so counts read naturally without hand editing.
set -euo pipefail
cd "$(dirname "$0")/.."

lupdate=/usr/lib/qt6/bin/lupdate
[ -x "$lupdate" ] || { echo "update-translations: install qt6-l10n-tools" >&2; exit 1; }

"$lupdate" -silent -pluralonly -locations none -no-obsolete -source-language en -target-language en \
    models session views app -ts resources/translations/hearth_en.ts

python3 - resources/translations/hearth_en.ts <<'PY'
import re, sys, html
path = sys.argv[1]
text = open(path, encoding="utf-8").read()

def fill(match):
    source = html.unescape(match.group(1))
    one = source.replace("(ies)", "").replace("(s)", "")
    many = source.replace("y(ies)", "ies").replace("(s)", "s")
    esc = lambda s: html.escape(s, quote=False)
    return (f"<source>{match.group(1)}</source>\n        <translation>\n"
            f"            <numerusform>{esc(one)}</numerusform>\n"
            f"            <numerusform>{esc(many)}</numerusform>\n        </translation>")

text = re.sub(r"<source>(.*?)</source>\s*<translation[^>]*>.*?</translation>", fill, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
echo "update-translations: $(grep -c '<message numerus' resources/translations/hearth_en.ts) plural messages"
