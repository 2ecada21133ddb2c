"""Real-looking JPEG photos for the streaming benchmarks and the issue-26 acceptance run.
usage: /usr/bin/python3 gen_photos.py N OUT [START]  -> OUT/<class>/<index>.jpg (python3-opencv).
Deterministic per index. Mostly 320x240; some portrait, odd aspect ratios, thin, tiny, huge and
grey photos; 4 files in 1,000 broken (empty, text named .jpg, truncated, zero-filled tail)."""
import cv2, numpy as np, os, sys
from multiprocessing import Pool
CLASSES = ['disc', 'square', 'triangle', 'cross']

def size_for(rng):
    u = rng.random()
    if u < 0.85: return 320, 240
    if u < 0.90: return 240, 320
    if u < 0.975:
        w = int(rng.integers(120, 1400)); a = float(rng.uniform(0.4, 2.5))
        return w, max(24, int(w / a))
    if u < 0.99: return (int(rng.integers(600, 1600)), int(rng.integers(40, 90))) if rng.random() < 0.5 \
        else (int(rng.integers(40, 90)), int(rng.integers(600, 1600)))
    if u < 0.998: return int(rng.integers(12, 40)), int(rng.integers(12, 40))
    return int(rng.integers(2500, 4000)), int(rng.integers(1800, 3000))

def photo(i):
    rng = np.random.default_rng(i)
    c = i % len(CLASSES)
    w, h = size_for(rng)
    # background: two-colour gradient + low-frequency blotches + sensor noise
    c0 = rng.integers(0, 200, 3).astype(np.float32); c1 = rng.integers(0, 200, 3).astype(np.float32)
    t = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    if rng.random() < 0.5: t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    img = c0 * (1 - t) + c1 * t + np.zeros((h, w, 3), np.float32)
    blot = cv2.resize(rng.normal(0, 25, (6, 8, 3)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    img += blot
    # the object: class shape, random colour, position and size relative to the photo
    s = min(w, h); r = max(3, int(s * rng.uniform(0.15, 0.32)))
    x = int(rng.integers(r, max(r + 1, w - r))); y = int(rng.integers(r, max(r + 1, h - r)))
    col = tuple(float(v) for v in rng.integers(60, 256, 3))
    if c == 0: cv2.circle(img, (x, y), r, col, -1, cv2.LINE_AA)
    elif c == 1:
        box = cv2.boxPoints(((x, y), (2 * r, 2 * r), float(rng.uniform(-20, 20)))).astype(np.int32)
        cv2.fillPoly(img, [box], col, cv2.LINE_AA)
    elif c == 2:
        a = rng.uniform(0, 2 * np.pi / 3) if rng.random() < 0.3 else -np.pi / 2
        pts = np.array([[x + r * np.cos(a + k * 2 * np.pi / 3), y + r * np.sin(a + k * 2 * np.pi / 3)] for k in range(3)], np.int32)
        cv2.fillPoly(img, [pts], col, cv2.LINE_AA)
    else:
        th = max(1, r // 3)
        cv2.rectangle(img, (x - r, y - th), (x + r, y + th), col, -1)
        cv2.rectangle(img, (x - th, y - r), (x + th, y + r), col, -1)
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.5, 1.5)))
    img += rng.normal(0, rng.uniform(2, 8), img.shape).astype(np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.02: img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    ok, buf = cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(70, 96))])
    data = buf.tobytes()
    path = f'{OUT}/{CLASSES[c]}/{i:06d}.jpg'
    b = i % 1000
    if b == 17: data = b''                                        # empty file
    elif b == 333: data = b'This is a note, not a photo.\n'       # text named .jpg
    elif b == 555: data = data[: len(data) // 2]                  # interrupted copy
    elif b == 777: data = data[: len(data) // 2] + bytes(len(data) - len(data) // 2)  # zero-filled tail
    with open(path, 'wb') as f: f.write(data)

if __name__ == '__main__':
    n = int(sys.argv[1]); OUT = sys.argv[2]; start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    for c in CLASSES: os.makedirs(f'{OUT}/{c}', exist_ok=True)
    cv2.setNumThreads(1)
    with Pool(2) as p: p.map(photo, range(start, start + n), chunksize=200)
