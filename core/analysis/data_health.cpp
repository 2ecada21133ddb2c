// A dataset's health: duplicates and leakage, outliers, dark, bright and blurry images, class
// imbalance (data_health.h).

#include "analysis/data_health.h"

#include "data/dataset.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace tl::runs {
namespace {

constexpr int kThumb = 16;

// What is kept of each image: enough to compare it with every other one.
struct Print
{
    std::uint64_t exact = 0; // FNV-1a of the pixels and the shape
    std::uint64_t dhash = 0;
    std::array<std::uint8_t, kThumb * kThumb> thumb{};
    double mean = 0;
    int low = 0, high = 0; // 1st and 99th percentile grey level
    double sharpness = 0;
};

struct Ref
{
    const char *split;
    const data::ImageStore *store;
    std::size_t row;
};

// Area average of a grey image into oh x ow.
std::vector<double> areaResize(const std::vector<std::uint8_t> &g, int h, int w, int oh, int ow)
{
    std::vector<double> out(std::size_t(oh * ow), 0.0), n(std::size_t(oh * ow), 0.0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t k = std::size_t((y * oh / h) * ow + (x * ow / w));
            out[k] += g[std::size_t(y * w + x)];
            n[k] += 1;
        }
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = n[k] > 0 ? out[k] / n[k] : 0.0;
    return out;
}

Print printOf(const std::vector<std::uint8_t> &pixels, int h, int w, int c)
{
    Print p;
    std::uint64_t x = 1469598103934665603ull ^ std::uint64_t(h * 65536 + w * 8 + c);
    for (const std::uint8_t b : pixels)
        x = (x ^ b) * 1099511628211ull;
    p.exact = x;
    const std::vector<std::uint8_t> g = greyOf(pixels, h, w, c);
    p.dhash = differenceHash(g, h, w);
    const std::vector<double> t = areaResize(g, h, w, kThumb, kThumb);
    for (std::size_t k = 0; k < t.size(); ++k)
        p.thumb[k] = std::uint8_t(std::lround(t[k]));
    std::array<std::int64_t, 256> hist{};
    double sum = 0;
    for (const std::uint8_t v : g) {
        ++hist[v];
        sum += v;
    }
    p.mean = g.empty() ? 0 : sum / double(g.size());
    std::int64_t seen = 0;
    const auto n = std::int64_t(g.size());
    p.low = -1;
    for (int v = 0; v < 256; ++v) {
        seen += hist[std::size_t(v)];
        if (p.low < 0 && seen * 100 >= n)
            p.low = v;
        if (seen * 100 >= n * 99) {
            p.high = v;
            break;
        }
    }
    p.sharpness = laplacianVariance(g, h, w);
    return p;
}

HealthImage healthImage(const Ref &r, double value)
{
    HealthImage i;
    i.split = r.split;
    i.storeRow = std::int64_t(r.row);
    i.index =
        r.row < r.store->sourceIndex.size() ? r.store->sourceIndex[r.row] : std::int64_t(r.row);
    if (r.row < r.store->sourcePaths.size())
        i.path = r.store->sourcePaths[r.row];
    i.label = int(r.store->labels[r.row]);
    i.value = value;
    return i;
}

struct UnionFind
{
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t a)
    {
        while (parent[a] != a)
            a = parent[a] = parent[parent[a]];
        return a;
    }
    void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Thumbnails close everywhere: a mean difference within `meanDiff` grey levels and no cell
// further apart than four times that (similar items photographed alike, such as two pairs of
// trousers, differ by a few levels on average but by tens somewhere).
bool thumbsClose(const Print &a, const Print &b, double meanDiff)
{
    int s = 0, most = 0;
    for (std::size_t k = 0; k < a.thumb.size(); ++k) {
        const int d = std::abs(int(a.thumb[k]) - int(b.thumb[k]));
        s += d;
        most = std::max(most, d);
    }
    return double(s) / double(a.thumb.size()) <= meanDiff && most <= 4 * meanDiff;
}

// Candidates share one of the hash's four 16-bit quarters (a distance of at most 3 leaves one
// whole); a quarter shared by very many images (plain backgrounds) is not used alone.
void joinNear(const std::vector<Print> &prints, const HealthOptions &o, UnionFind &uf)
{
    constexpr std::size_t kBucketCap = 4096;
    for (int q = 0; q < 4; ++q) {
        std::unordered_map<std::uint16_t, std::vector<std::size_t>> buckets;
        for (std::size_t i = 0; i < prints.size(); ++i)
            buckets[std::uint16_t(prints[i].dhash >> (16 * q))].push_back(i);
        for (const auto &[key, members] : buckets) {
            if (members.size() < 2 || members.size() > kBucketCap)
                continue;
            for (std::size_t a = 0; a < members.size(); ++a)
                for (std::size_t b = a + 1; b < members.size(); ++b) {
                    const Print &x = prints[members[a]], &y = prints[members[b]];
                    if (x.exact == y.exact ||
                        (__builtin_popcountll(x.dhash ^ y.dhash) <= o.nearBits &&
                         thumbsClose(x, y, o.nearMeanDiff)))
                        uf.join(members[a], members[b]);
                }
        }
    }
}

void findDuplicates(const std::vector<Ref> &refs, const std::vector<Print> &prints,
                    const HealthOptions &o, DataHealth &h)
{
    UnionFind uf(prints.size());
    std::unordered_map<std::uint64_t, std::size_t> firstOf;
    for (std::size_t i = 0; i < prints.size(); ++i) {
        const auto [it, added] = firstOf.emplace(prints[i].exact, i);
        if (!added)
            uf.join(i, it->second);
    }
    joinNear(prints, o, uf);
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < prints.size(); ++i)
        groups[uf.find(i)].push_back(i);
    for (const auto &[root, members] : groups) {
        if (members.size() < 2)
            continue;
        DuplicateGroup g;
        g.exact = true;
        bool train = false, val = false, test = false;
        for (const std::size_t i : members) {
            g.images.push_back(healthImage(refs[i], 0));
            g.exact = g.exact && prints[i].exact == prints[members.front()].exact;
            g.labelsDisagree = g.labelsDisagree || g.images.back().label != g.images.front().label;
            const std::string s = refs[i].split;
            train = train || s == "train";
            val = val || s == "val";
            test = test || s == "test";
        }
        g.leakage = (test && (train || val)) || (train && val);
        h.duplicateImages += std::int64_t(members.size());
        if (g.leakage)
            for (const auto &img : g.images)
                h.leakedImages += int(img.split == "test" || (!test && img.split == "val"));
        h.duplicates.push_back(std::move(g));
    }
    std::stable_sort(h.duplicates.begin(), h.duplicates.end(),
                     [](const DuplicateGroup &a, const DuplicateGroup &b) {
                         if (a.leakage != b.leakage)
                             return a.leakage;
                         return a.exact && !b.exact;
                     });
}

void findLooks(const std::vector<Ref> &refs, const std::vector<Print> &prints,
               const HealthOptions &o, DataHealth &h)
{
    std::vector<double> sharp;
    for (const Print &p : prints)
        sharp.push_back(p.sharpness);
    double median = 0;
    if (!sharp.empty()) {
        std::nth_element(sharp.begin(), sharp.begin() + std::ptrdiff_t(sharp.size() / 2),
                         sharp.end());
        median = sharp[sharp.size() / 2];
    }
    for (std::size_t i = 0; i < prints.size(); ++i) {
        const Print &p = prints[i];
        if (p.mean < o.darkMean && p.high < 4 * o.darkMean) {
            ++h.darkCount;
            h.dark.push_back(healthImage(refs[i], p.mean));
        } else if (p.mean > o.brightMean && p.low > 255 - 4 * (255 - o.brightMean)) {
            ++h.brightCount;
            h.bright.push_back(healthImage(refs[i], p.mean));
        } else if (prints.size() >= 20 && p.sharpness < o.blurShare * median) {
            ++h.blurryCount;
            h.blurry.push_back(healthImage(refs[i], p.sharpness));
        }
    }
    auto byValue = [](bool ascending) {
        return [ascending](const HealthImage &a, const HealthImage &b) {
            return ascending ? a.value < b.value : a.value > b.value;
        };
    };
    std::stable_sort(h.dark.begin(), h.dark.end(), byValue(true));
    std::stable_sort(h.bright.begin(), h.bright.end(), byValue(false));
    std::stable_sort(h.blurry.begin(), h.blurry.end(), byValue(true));
}

// Cosine distance of each feature row to the nearest training class centre; listed beyond the
// training distances' third quartile + 3 interquartile ranges (Tukey's far-out fence).
void findOutliers(const RunFeatures &f, const data::DatasetSplits &data, DataHealth &h)
{
    const FeatureSplit &tr = f.train;
    if (tr.rows < 20 || tr.dims <= 0)
        return;
    const auto classes = std::size_t(std::max<std::int64_t>(tr.classes, 1));
    const auto dims = std::size_t(tr.dims);
    auto unit = [&](const FeatureSplit &s, std::int64_t r) {
        std::vector<double> v(s.features.begin() + std::ptrdiff_t(std::size_t(r) * dims),
                              s.features.begin() + std::ptrdiff_t(std::size_t(r + 1) * dims));
        double n = 0;
        for (const double x : v)
            n += x * x;
        n = std::sqrt(n);
        for (double &x : v)
            x = n > 0 ? x / n : 0;
        return v;
    };
    std::vector<std::vector<double>> centre(classes, std::vector<double>(dims, 0.0));
    for (std::int64_t r = 0; r < tr.rows; ++r) {
        const auto v = unit(tr, r);
        auto &c = centre[std::size_t(tr.labels[std::size_t(r)]) % classes];
        for (std::size_t d = 0; d < dims; ++d)
            c[d] += v[d];
    }
    for (auto &c : centre) {
        double n = 0;
        for (const double x : c)
            n += x * x;
        n = std::sqrt(n);
        for (double &x : c)
            x = n > 0 ? x / n : 0;
    }
    auto distance = [&](const FeatureSplit &s, std::int64_t r) {
        const auto v = unit(s, r);
        double best = 2;
        for (const auto &c : centre)
            best = std::min(best, 1.0 - std::inner_product(v.begin(), v.end(), c.begin(), 0.0));
        return best;
    };
    std::vector<double> trainDist;
    for (std::int64_t r = 0; r < tr.rows; ++r)
        trainDist.push_back(distance(tr, r));
    std::sort(trainDist.begin(), trainDist.end());
    const double q1 = trainDist[trainDist.size() / 4], q3 = trainDist[trainDist.size() * 3 / 4];
    h.outlierThreshold = q3 + 3 * (q3 - q1);
    for (const char *name : {"train", "val", "test"}) {
        const FeatureSplit &s = featureSplit(f, name);
        const data::ImageStore &store = storeOf(data, name);
        if (s.dims != tr.dims)
            continue;
        for (std::int64_t r = 0; r < s.rows; ++r) {
            const double d = distance(s, r);
            if (d <= h.outlierThreshold)
                continue;
            ++h.outlierCount;
            h.outliers.push_back(
                healthImage({name, &store, std::size_t(s.storeRow[std::size_t(r)])}, d));
        }
    }
    std::stable_sort(h.outliers.begin(), h.outliers.end(),
                     [](const HealthImage &a, const HealthImage &b) { return a.value > b.value; });
}

void countClasses(const data::DatasetSplits &data, const HealthOptions &o, DataHealth &h)
{
    const auto &names = data.train.classNames;
    std::vector<std::int64_t> n(names.size(), 0);
    for (const data::ImageStore *s : {&data.train, &data.val})
        for (const std::int64_t l : s->labels)
            if (l >= 0 && std::size_t(l) < n.size())
                ++n[std::size_t(l)];
    for (std::size_t c = 0; c < names.size(); ++c)
        h.classes.push_back({names[c], n[c]});
    if (n.empty())
        return;
    const auto [lo, hi] = std::minmax_element(n.begin(), n.end());
    h.imbalance = *lo > 0 ? double(*hi) / double(*lo) : double(*hi);
    if (h.imbalance >= o.imbalanceRatio)
        h.imbalanceAdvice =
            "the classes hold " + std::to_string(*lo) + " to " + std::to_string(*hi) +
            " training images: the model will favour the large ones. Gather more images of the "
            "small classes, weight the loss by class (--class-weights balanced, "
            "stages[].class_weights), or train on the same number from each (--per-class N, "
            "data.per_class)";
}

} // namespace

std::vector<std::uint8_t> greyOf(const std::vector<std::uint8_t> &pixels, int height, int width,
                                 int channels)
{
    const auto n = std::size_t(height) * std::size_t(width);
    if (channels < 3)
        return std::vector<std::uint8_t>(
            pixels.begin(), pixels.begin() + std::ptrdiff_t(std::min(n, pixels.size())));
    std::vector<std::uint8_t> g(n);
    for (std::size_t k = 0; k < n && (k + 1) * std::size_t(channels) <= pixels.size(); ++k) {
        const std::uint8_t *p = pixels.data() + k * std::size_t(channels);
        g[k] = std::uint8_t((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
    }
    return g;
}

std::uint64_t differenceHash(const std::vector<std::uint8_t> &grey, int height, int width)
{
    if (height <= 0 || width <= 0 || grey.size() < std::size_t(height) * std::size_t(width))
        return 0;
    const std::vector<double> t = areaResize(grey, height, width, 8, 9);
    std::uint64_t h = 0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            h = (h << 1) | std::uint64_t(t[std::size_t(y * 9 + x)] > t[std::size_t(y * 9 + x + 1)]);
    return h;
}

double laplacianVariance(const std::vector<std::uint8_t> &g, int h, int w)
{
    if (h < 3 || w < 3 || g.size() < std::size_t(h) * std::size_t(w))
        return 0;
    double sum = 0, sq = 0;
    std::int64_t n = 0;
    for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x) {
            auto at = [&](int yy, int xx) { return double(g[std::size_t(yy * w + xx)]); };
            const double l =
                at(y - 1, x) + at(y + 1, x) + at(y, x - 1) + at(y, x + 1) - 4 * at(y, x);
            sum += l;
            sq += l * l;
            ++n;
        }
    const double mean = sum / double(n);
    return sq / double(n) - mean * mean;
}

DataHealth checkDataHealth(const RunFeatures &f, const data::DatasetSplits &data,
                           const HealthOptions &o, const FeatureProgress &progress)
{
    const auto start = std::chrono::steady_clock::now();
    DataHealth h;
    std::vector<Ref> refs;
    for (const auto &[name, store] :
         {std::pair<const char *, const data::ImageStore *>{"train", &data.train},
          {"val", &data.val},
          {"test", &data.test}})
        for (std::size_t r = 0; r < store->size(); ++r)
            refs.push_back({name, store, r});
    std::vector<Print> prints;
    prints.reserve(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const data::ImageStore &s = *refs[i].store;
        prints.push_back(printOf(s.pixelsOf(refs[i].row), s.height, s.width, s.channels));
        if (progress && i % 256 == 0 &&
            !progress(0.9 * double(i) / double(refs.size()), "looking at every image")) {
            h.stopped = true;
            return h;
        }
    }
    h.examined = std::int64_t(refs.size());
    findDuplicates(refs, prints, o, h);
    findLooks(refs, prints, o, h);
    findOutliers(f, data, h);
    countClasses(data, o, h);
    for (auto *list : {&h.dark, &h.bright, &h.blurry, &h.outliers})
        if (list->size() > o.listLimit)
            list->resize(o.listLimit);
    if (h.duplicates.size() > o.listLimit)
        h.duplicates.resize(o.listLimit);
    if (progress)
        progress(1.0, "health checked");
    h.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return h;
}

} // namespace tl::runs
