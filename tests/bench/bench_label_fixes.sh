#!/bin/bash
# What fixing wrong labels buys (issue 28). A folder dataset of N Fashion-MNIST training images
# (Debian's dataset-fashion-mnist) with a tenth of the labels flipped to another class, and the
# whole 10,000-image test set as ROOT/test. One run (simple-cnn, 5 epochs, 20 % validation) is
# inspected out of sample (`inspect --suspicious`), then the same experiment is trained, for each
# seed, four ways through label-override files:
#   noisy     the flipped labels as they are
#   suggested the top N/10 suspects relabelled as the model suggests, unreviewed
#   reviewed  of those, only the truly wrong ones fixed (a person looking at each)
#   clean     every flipped label fixed (the ceiling)
# Prints recall and precision of the top N/20 and N/10 suspects and each way's test accuracy per
# seed and on average.
# Usage: tests/bench/bench_label_fixes.sh [OUT_DIR] [N] [SEEDS]   (defaults: tmp, 12000, "1 2 3")
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${TL_CLI:-$here/build/app/cli/transferlab-cli}
out=${1:-$(mktemp -d)}
n=${2:-12000}
seeds=${3:-1 2 3}
py=/usr/bin/python3
mkdir -p "$out/runs"
flips=$((n / 10))

"$py" - "$out/data" "$n" "$flips" <<'EOF'
import csv, gzip, os, random, sys
import numpy as np, cv2
src = '/usr/share/datasets/fashion-mnist'
names = ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag',
         'Ankle boot']
def idx(p):
    with gzip.open(p) as f:
        d = f.read()
    nd = d[3]
    dims = [int.from_bytes(d[4 + 4 * i:8 + 4 * i], 'big') for i in range(nd)]
    return np.frombuffer(d, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)
X, Y = idx(f'{src}/train-images-idx3-ubyte.gz'), idx(f'{src}/train-labels-idx1-ubyte.gz')
Xt, Yt = idx(f'{src}/t10k-images-idx3-ubyte.gz'), idx(f'{src}/t10k-labels-idx1-ubyte.gz')
out, n, flips = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
rows = rng.sample(range(len(X)), n)
flipped = set(rng.sample(range(n), flips))
with open(out + '.truth.csv', 'w') as f:
    w = csv.writer(f)
    w.writerow(['path', 'true', 'given'])
    for k, r in enumerate(rows):
        t = int(Y[r])
        g = (t + 1 + rng.randrange(9)) % 10 if k in flipped else t
        d = f'{out}/train/{names[g]}'
        os.makedirs(d, exist_ok=True)
        p = f'{d}/img{k:05d}.png'
        cv2.imwrite(p, X[r])
        w.writerow([os.path.abspath(p), names[t], names[g]])
for k in range(len(Xt)):
    d = f'{out}/test/{names[Yt[k]]}'
    os.makedirs(d, exist_ok=True)
    cv2.imwrite(f'{d}/t{k:05d}.png', Xt[k])
EOF

common=(--dataset folder --data-root "$out/data" --val-split 0.2 --epochs 5 --model simple-cnn)
first=$(echo "$seeds" | awk '{print $1}')
"$cli" train "${common[@]}" --seed "$first" --out "$out/runs/noisy-s$first" > "$out/noisy-s$first.log" 2>&1
"$cli" inspect "$out/runs/noisy-s$first" --suspicious "$n" --json > "$out/suspects.json"

"$py" - "$out" "$flips" <<'EOF'
import csv, json, sys
out, top = sys.argv[1], int(sys.argv[2])
truth = {r['path']: r for r in csv.DictReader(open(out + '/data.truth.csv'))}
wrong = {p for p, r in truth.items() if r['true'] != r['given']}
s = json.load(open(out + '/suspects.json'))
assert all(x.get('suggested') for x in s), 'an entry without a suggested label'
for k in (top // 2, top):
    hit = sum(x['path'] in wrong for x in s[:k])
    print(f'top {k}: {hit} flipped (precision {hit / k:.3f}, recall {hit / len(wrong):.3f})')
def write(name, rows):
    with open(f'{out}/fix-{name}.csv', 'w') as f:
        w = csv.writer(f)
        w.writerow(['index', 'split', 'path', 'label', 'fix'])
        for x, fix in rows:
            w.writerow([x['index'], x['split'], x['path'], x['label'], fix])
write('suggested', [(x, x['suggested']) for x in s[:top]])
write('reviewed', [(x, truth[x['path']]['true']) for x in s[:top] if x['path'] in wrong])
write('clean', [(x, truth[x['path']]['true']) for x in s if x['path'] in wrong])
EOF

for way in suggested reviewed clean; do
    "$cli" labels apply "$out/runs/noisy-s$first" "$out/fix-$way.csv" \
        --overrides "$out/overrides-$way.csv" > /dev/null
done
for s in $seeds; do
    [ -d "$out/runs/noisy-s$s" ] ||
        "$cli" train "${common[@]}" --seed "$s" --out "$out/runs/noisy-s$s" > "$out/noisy-s$s.log" 2>&1
    for way in suggested reviewed clean; do
        "$cli" train "${common[@]}" --seed "$s" --label-overrides "$out/overrides-$way.csv" \
            --out "$out/runs/$way-s$s" > "$out/$way-s$s.log" 2>&1
    done
done

"$py" - "$out" $seeds <<'EOF'
import json, sys
out, seeds = sys.argv[1], sys.argv[2:]
for way in ('noisy', 'suggested', 'reviewed', 'clean'):
    acc = [json.load(open(f'{out}/runs/{way}-s{s}/summary.json'))['test_accuracy'] for s in seeds]
    print(f'{way:10s} test accuracy ' + ' '.join(f'{a:.4f}' for a in acc) +
          f'  mean {sum(acc) / len(acc):.4f}')
EOF
