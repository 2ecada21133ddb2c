// What a run's features say: suspicious labels, nearest training images, the test set's map.

#include "analysis/run_inspect.h"

#include "inference/feature_tensors.h"

#include "base/error.h"
#include "data/dataset.h"
#include "inspect/feature_space.h"
#include "inspect/tsne.h"
#include "io/csv.h"
#include "io/file_limits.h"
#include "rundir/run_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <sstream>

namespace tl::runs {

ImageRef imageRef(const RunFeatures &f, const data::DatasetSplits &data, const std::string &split,
                  std::int64_t row)
{
    const FeatureSplit &s = featureSplit(f, split);
    if (row < 0 || row >= s.rows)
        throw Error("no image " + std::to_string(row) + " in the " + split + " features (0.." +
                    std::to_string(s.rows - 1) + ")");
    ImageRef r;
    r.split = split;
    r.row = row;
    r.index = s.sourceIndex[std::size_t(row)];
    r.label = int(s.labels[std::size_t(row)]);
    const data::ImageStore &store = storeOf(data, split);
    const auto storeRow = std::size_t(s.storeRow[std::size_t(row)]);
    if (storeRow < store.sourcePaths.size())
        r.path = store.sourcePaths[storeRow];
    return r;
}

SuspicionReport suspiciousLabels(const RunFeatures &f, const data::DatasetSplits &data,
                                 std::size_t limit, const std::string &split)
{
    SuspicionReport report;
    // Out of sample when the run held images out of its training set; else the training images.
    report.outOfSample = split == "test" || f.val.rows > 0;
    report.split = split == "test" ? "test" : report.outOfSample ? "val" : "train";
    const FeatureSplit &s = featureSplit(f, report.split);
    report.examined = s.rows;
    if (s.rows == 0)
        return report;
    torch::NoGradGuard ng;
    const inspect::LabelSuspicion ls =
        inspect::rankLabelSuspicion(probabilityTensor(s), torch::tensor(s.labels, torch::kInt64));
    const auto self = ls.selfConfidence.contiguous();
    const auto wrong = ls.likelyWrong.contiguous();
    const auto suggested = ls.suggested.contiguous();
    for (std::size_t k = 0; k < ls.order.size() && k < limit; ++k) {
        const std::int64_t row = ls.order[k];
        SuspectLabel l;
        l.image = imageRef(f, data, report.split, row);
        l.suggested = int(suggested.data_ptr<std::int64_t>()[row]);
        l.selfConfidence = self.data_ptr<float>()[row];
        l.likelyWrong = wrong.data_ptr<bool>()[row];
        for (std::int64_t c = 0; c < s.classes; ++c)
            l.probabilities.push_back(s.probability(row, c));
        report.images.push_back(std::move(l));
    }
    return report;
}

struct NeighbourIndex::Impl
{
    const RunFeatures &f;
    const data::DatasetSplits &data;
    torch::Tensor base; // the training features, unit rows
};

NeighbourIndex::NeighbourIndex(const RunFeatures &f, const data::DatasetSplits &data)
    : m_impl(new Impl{f, data, {}})
{
    torch::NoGradGuard ng;
    if (f.train.rows > 0)
        m_impl->base = inspect::unitRows(featureTensor(f.train));
}

NeighbourIndex::~NeighbourIndex() = default;

std::vector<Neighbour> NeighbourIndex::near(const std::string &split, std::int64_t row, int k) const
{
    const RunFeatures &f = m_impl->f;
    const FeatureSplit &q = featureSplit(f, split);
    if (row < 0 || row >= q.rows)
        throw Error("no image " + std::to_string(row) + " in the " + split + " features (0.." +
                    std::to_string(q.rows - 1) + ")");
    if (f.train.rows == 0 || k <= 0)
        return {};
    torch::NoGradGuard ng;
    const bool self = split == "train";
    const int wanted = std::min<int>(k + (self ? 1 : 0), int(f.train.rows));
    const inspect::Neighbours n = inspect::nearestByCosine(
        featureTensor(q).narrow(0, row, 1), m_impl->base, wanted, std::int64_t(64) << 20, true);
    const auto idx = n.indices.accessor<std::int64_t, 2>();
    const auto dist = n.distances.accessor<float, 2>();
    std::vector<Neighbour> out;
    for (int j = 0; j < wanted && int(out.size()) < k; ++j) {
        const std::int64_t r = idx[0][j];
        if (self && r == row)
            continue;
        out.push_back({imageRef(f, m_impl->data, "train", r), double(dist[0][j])});
    }
    return out;
}

std::vector<Neighbour> trainingNeighbours(const RunFeatures &f, const data::DatasetSplits &data,
                                          const std::string &split, std::int64_t row, int k)
{
    return NeighbourIndex(f, data).near(split, row, k);
}

Embedding embedTestSet(const RunFeatures &f, EmbeddingMethod method, std::size_t maxPoints,
                       const FeatureProgress &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    Embedding e;
    e.method = method;
    const FeatureSplit &s = f.test;
    if (s.rows < 4)
        throw Error("the test set has " + std::to_string(s.rows) + " images; a map needs 4");
    // Every class keeps its share: evenly spaced within each class.
    std::vector<std::vector<std::int64_t>> byClass(
        std::size_t(std::max<std::int64_t>(s.classes, 1)));
    for (std::int64_t r = 0; r < s.rows; ++r)
        byClass[std::size_t(s.labels[std::size_t(r)])].push_back(r);
    std::vector<std::int64_t> rows;
    const double share = std::min(1.0, double(maxPoints) / double(s.rows));
    for (const auto &c : byClass) {
        const auto take = std::size_t(std::max(1.0, std::floor(double(c.size()) * share)));
        for (std::size_t k = 0; k < take && k < c.size(); ++k)
            rows.push_back(c[std::size_t(double(k) * double(c.size()) / double(take))]);
    }
    std::sort(rows.begin(), rows.end());
    torch::NoGradGuard ng;
    // Every row: the features as they are (a view, no 250 MB copy); a sample: those rows.
    const torch::Tensor x =
        std::int64_t(rows.size()) == s.rows
            ? featureTensor(s)
            : featureTensor(s).index_select(0, torch::tensor(rows, torch::kInt64));
    torch::Tensor y;
    if (method == EmbeddingMethod::Pca) {
        const inspect::Projection p = inspect::pca(x, 2);
        y = p.points;
        e.explainedVariance =
            p.totalVariance > 0 ? p.variance.sum().item<double>() / p.totalVariance : 0.0;
    } else {
        inspect::TsneOptions o;
        bool go = true;
        y = inspect::tsne(x, o, [&](int step, int steps) {
            go = !progress || progress(double(step) / steps, "t-SNE");
            return go;
        });
        if (!go) {
            e.stopped = true;
            return e;
        }
    }
    y = y.to(torch::kFloat32).contiguous();
    const auto a = y.accessor<float, 2>();
    for (std::size_t k = 0; k < rows.size(); ++k) {
        EmbeddingPoint p;
        p.x = a[std::int64_t(k)][0];
        p.y = a[std::int64_t(k)][1];
        p.row = rows[k];
        p.label = int(s.labels[std::size_t(rows[k])]);
        p.predicted = int(s.predicted(rows[k]));
        e.points.push_back(p);
    }
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return e;
}

std::string markedImagesCsv(const std::vector<MarkedImage> &images,
                            const std::vector<std::string> &classNames)
{
    auto name = [&](int c) {
        return c >= 0 && std::size_t(c) < classNames.size() ? classNames[std::size_t(c)]
                                                            : std::to_string(c);
    };
    std::ostringstream s;
    s << "index,split,path,label,suggested,self_confidence,mark\n";
    for (const auto &m : images) {
        char conf[32];
        std::snprintf(conf, sizeof conf, "%.6g", m.suspect.selfConfidence);
        s << m.suspect.image.index << ',' << m.suspect.image.split << ','
          << csvField(m.suspect.image.path) << ',' << csvField(name(m.suspect.image.label)) << ','
          << csvField(name(m.suspect.suggested)) << ',' << conf << ',' << csvField(m.mark) << '\n';
    }
    return s.str();
}

std::vector<std::int64_t> readIndexList(const std::string &path)
{
    return parseIndexList(readFile(path, limits::kMaxCsvBytes), path);
}

std::vector<std::int64_t> parseIndexList(const std::vector<std::uint8_t> &data,
                                         const std::string &path)
{
    std::vector<std::int64_t> out;
    std::size_t column = 0;
    bool header = false;
    forEachCsvRow(data, path, 64, [&](const std::vector<std::string> &cells, std::size_t line) {
        if (cells.empty() || (cells.size() == 1 && cells[0].empty()))
            return true;
        if (line == 1 && !cells[0].empty() &&
            !std::isdigit(static_cast<unsigned char>(cells[0][0]))) {
            const auto it = std::find(cells.begin(), cells.end(), "index");
            if (it == cells.end())
                throw fileError(path, "line 1: no \"index\" column (the suspicious-labels "
                                      "export has one; or give one index per line)");
            column = std::size_t(it - cells.begin());
            header = true;
            return true;
        }
        if (column >= cells.size())
            throw fileError(path, "line " + std::to_string(line) + ": no index" +
                                      (header ? " column" : ""));
        out.push_back(csvInteger(cells[column], path, line, 0, std::int64_t(1) << 40));
        return true;
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace tl::runs
