#include "orchestration/lesson.h"

#include "base/error.h"
#include "io/files.h"
#include "io/json_file.h"
#include "orchestration/launcher.h"
#include "orchestration/scheduler.h"
#include "rundir/run_reader.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

const char *kMethods[] = {"scratch", "frozen", "finetune"};

// The target runs' training: a few images, so small batches and enough epochs for every
// method to settle (chosen before looking at any test result; the same for every method).
constexpr int kTargetEpochs = 15;
constexpr int kTargetBatch = 16;

std::string pointsText(double v)
{
    char b[48];
    std::snprintf(b, sizeof b, "%+.1f points", v * 100.0);
    return b;
}

std::string pct(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.1f %%", v * 100.0);
    return b;
}

experiment::ExperimentConfig baseConfig(const LessonOptions &o)
{
    experiment::ExperimentConfig c;
    c.data.name = "fashion-mnist";
    c.data.root = o.dataRoot;
    c.model.name = "simple-cnn";
    c.threads = o.threads;
    c.confusionEveryEpoch = false; // the lesson compares final test accuracies
    c.stages[0].optimizer.name = "adam";
    c.stages[0].optimizer.lr = 1e-3;
    return c;
}

} // namespace

const std::vector<std::string> &lessonSourceClasses()
{
    static const std::vector<std::string> v = {"Trouser", "Sandal", "Sneaker", "Bag", "Ankle boot"};
    return v;
}

const std::vector<std::string> &lessonTargetClasses()
{
    static const std::vector<std::string> v = {"T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"};
    return v;
}

std::string lessonMethodTitle(const std::string &method)
{
    if (method == "scratch")
        return "From scratch";
    if (method == "frozen")
        return "Frozen features + new head";
    if (method == "finetune")
        return "Fine-tuned";
    if (method == "pretrain")
        return "Pretraining";
    return method;
}

std::vector<LessonStep> transferLessonSteps(const LessonOptions &o, const std::string &lessonDir)
{
    std::vector<LessonStep> steps;
    const std::string pretrainDir = (fs::path(lessonDir) / "pretrain").string();
    {
        LessonStep s;
        s.id = "pretrain";
        s.method = "pretrain";
        s.title = "Pretrain on trousers, sandals, sneakers, bags and ankle boots";
        s.explanation =
            "Step 1: learn to see. A small CNN trains on five Fashion-MNIST classes (trouser, "
            "sandal, sneaker, bag, ankle boot) with all of their 30,000 images. Its convolution "
            "layers learn edges, textures and shapes. None of these images is a top.";
        s.config = baseConfig(o);
        s.config.name = "transfer lesson: pretraining";
        s.config.data.classes = lessonSourceClasses();
        s.config.stages[0].name = "pretrain";
        s.config.stages[0].epochs = o.quick ? 1 : 2;
        s.config.stages[0].batchSize = 64;
        steps.push_back(s);
    }
    const std::vector<int> ns = o.quick ? std::vector<int>{20} : o.perClass;
    const int seeds = o.quick ? 1 : std::max(1, o.seeds);
    for (const int n : ns)
        for (int seed = 0; seed < seeds; ++seed)
            for (const char *method : kMethods) {
                LessonStep s;
                s.method = method;
                s.perClass = n;
                s.seed = std::uint64_t(seed);
                s.id = "n" + std::to_string(n) + "-" + s.method + "-seed" + std::to_string(seed);
                s.title = lessonMethodTitle(s.method) + ", " + std::to_string(n) +
                          " images per class, seed " + std::to_string(seed);
                const std::string few = "only " + std::to_string(n) +
                                        " images of each of the five tops (T-shirt/top, "
                                        "pullover, dress, coat, shirt)";
                if (s.method == "scratch")
                    s.explanation = "From scratch: a new network with random weights sees " + few +
                                    ". It must learn to see and to tell the tops apart from "
                                    "those images alone.";
                else if (s.method == "frozen")
                    s.explanation = "Transfer, frozen: the pretrained convolution layers are kept "
                                    "as they are; only the classifier (a new output layer for "
                                    "the new classes) trains on " +
                                    few + ".";
                else
                    s.explanation = "Transfer, fine-tuned: start from the pretrained network and "
                                    "train all of it on " +
                                    few +
                                    ", the convolution layers ten times more gently than the "
                                    "classifier so that what they learned is adjusted, not "
                                    "erased.";
                auto &c = s.config;
                c = baseConfig(o);
                c.name = "transfer lesson: " + s.title;
                c.seed = s.seed;
                c.data.classes = lessonTargetClasses();
                c.data.perClass = n;
                auto &st = c.stages[0];
                st.name = s.method;
                st.epochs = kTargetEpochs;
                st.batchSize = kTargetBatch;
                if (s.method != "scratch")
                    c.model.weights = "run:" + pretrainDir;
                if (s.method == "frozen")
                    c.model.freeze = "backbone";
                if (s.method == "finetune")
                    st.backboneLrMultiplier = 0.1;
                steps.push_back(s);
            }
    return steps;
}

double estimateLessonSeconds(const LessonOptions &options, const std::vector<RunInfo> &measured)
{
    std::vector<double> speeds, overheads;
    for (const auto &r : measured)
        if (r.finished && !r.stopped && r.model == "simple-cnn" && r.dataset == "fashion-mnist" &&
            r.imagesPerSecond > 0 && r.epochs > 0) {
            speeds.push_back(r.imagesPerSecond);
            if (r.totalSeconds > 0 && r.secondsPerEpoch > 0)
                overheads.push_back(
                    std::max(0.0, r.totalSeconds - r.secondsPerEpoch * double(r.epochs)));
        }
    if (speeds.empty())
        return -1;
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    };
    const double speed = median(speeds), overhead = median(overheads);
    constexpr double kFashionTrainPerClass = 6000; // Fashion-MNIST's training images per class
    double seconds = 0;
    for (const auto &step : transferLessonSteps(options, "lesson")) {
        const auto &d = step.config.data;
        const double classes = double(d.classes.empty() ? 10 : d.classes.size());
        const double images =
            d.perClass > 0 ? double(d.perClass) * classes
                           : kFashionTrainPerClass * classes * d.trainFraction * (1.0 - d.valSplit);
        int epochs = 0;
        for (const auto &st : step.config.stages)
            epochs += st.epochs;
        seconds += images * epochs / speed + overhead;
    }
    return seconds;
}

std::vector<LessonSummaryRow> LessonResult::summary() const
{
    std::map<std::pair<int, int>, std::vector<double>> groups; // (N, method index) -> accuracies
    for (const auto &p : points) {
        if (p.status != "finished")
            continue;
        const auto m = std::find(std::begin(kMethods), std::end(kMethods), p.method);
        if (m == std::end(kMethods))
            continue;
        groups[{p.perClass, int(m - std::begin(kMethods))}].push_back(p.testAccuracy);
    }
    std::vector<LessonSummaryRow> out;
    for (const auto &[key, acc] : groups) {
        LessonSummaryRow r;
        r.perClass = key.first;
        r.method = kMethods[key.second];
        r.runs = int(acc.size());
        double sum = 0.0;
        r.min = r.max = acc.front();
        for (const double a : acc) {
            sum += a;
            r.min = std::min(r.min, a);
            r.max = std::max(r.max, a);
        }
        r.mean = sum / double(acc.size());
        double sq = 0.0;
        for (const double a : acc)
            sq += (a - r.mean) * (a - r.mean);
        r.stddev = acc.size() > 1 ? std::sqrt(sq / double(acc.size() - 1)) : 0.0;
        out.push_back(r);
    }
    return out;
}

std::string LessonResult::table() const
{
    const auto rows = summary();
    std::ostringstream s;
    s << "| images per class |";
    for (const char *m : kMethods)
        s << " " << lessonMethodTitle(m) << " |";
    s << "\n|---:|";
    for (std::size_t i = 0; i < std::size(kMethods); ++i)
        s << "---:|";
    s << "\n";
    std::vector<int> ns;
    for (const auto &r : rows)
        if (std::find(ns.begin(), ns.end(), r.perClass) == ns.end())
            ns.push_back(r.perClass);
    for (const int n : ns) {
        s << "| " << n << " |";
        for (const char *m : kMethods) {
            const auto it = std::find_if(rows.begin(), rows.end(), [&](const auto &r) {
                return r.perClass == n && r.method == m;
            });
            if (it == rows.end()) {
                s << " - |";
                continue;
            }
            char b[96];
            if (it->runs > 1)
                std::snprintf(b, sizeof b, " %.3f (%.3f-%.3f, %d runs) |", it->mean, it->min,
                              it->max, it->runs);
            else
                std::snprintf(b, sizeof b, " %.3f |", it->mean);
            s << b;
        }
        s << "\n";
    }
    return s.str();
}

std::string LessonResult::conclusion() const
{
    const auto rows = summary();
    if (rows.empty())
        return {};
    auto find = [&](int n, const char *m) -> const LessonSummaryRow * {
        for (const auto &r : rows)
            if (r.perClass == n && r.method == m)
                return &r;
        return nullptr;
    };
    const int n = rows.front().perClass; // the fewest images
    const auto *scratch = find(n, "scratch");
    const LessonSummaryRow *best = nullptr;
    for (const char *m : {"frozen", "finetune"})
        if (const auto *r = find(n, m); r && (!best || r->mean > best->mean))
            best = r;
    if (!scratch || !best)
        return {};
    std::ostringstream s;
    s << "With " << n << " images per class, " << lessonMethodTitle(best->method) << " reached "
      << pct(best->mean) << " against " << pct(scratch->mean) << " from scratch ("
      << pointsText(best->mean - scratch->mean) << "). ";
    const int last = rows.back().perClass;
    if (last != n) {
        const auto *s2 = find(last, "scratch");
        const auto *f2 = find(last, best->method.c_str());
        if (s2 && f2)
            s << "With " << last << " images per class the gap is "
              << pointsText(f2->mean - s2->mean)
              << ": what was learned on other classes matters most when data is scarce.";
    }
    return s.str();
}

namespace {

nlohmann::json pointJson(const LessonPoint &p)
{
    return {{"method", p.method},
            {"per_class", p.perClass},
            {"seed", p.seed},
            {"run", p.runDir},
            {"status", p.status},
            {"error", p.error},
            {"test_accuracy", p.testAccuracy},
            {"seconds", p.seconds}};
}

void writeLesson(const LessonResult &r, const LessonOptions &o)
{
    nlohmann::json points = nlohmann::json::array();
    for (const auto &p : r.points)
        points.push_back(pointJson(p));
    nlohmann::json summary = nlohmann::json::array();
    for (const auto &s : r.summary())
        summary.push_back({{"method", s.method},
                           {"per_class", s.perClass},
                           {"runs", s.runs},
                           {"mean", s.mean},
                           {"min", s.min},
                           {"max", s.max},
                           {"stddev", s.stddev}});
    const nlohmann::json j = {{"lesson", "transfer-lesson"},
                              {"source_classes", lessonSourceClasses()},
                              {"target_classes", lessonTargetClasses()},
                              {"per_class", o.perClass},
                              {"seeds", o.seeds},
                              {"quick", o.quick},
                              {"pretrain_accuracy", r.pretrainAccuracy},
                              {"points", points},
                              {"summary", summary},
                              {"seconds", r.seconds},
                              {"stopped", r.stopped}};
    const RunDir files(r.dir);
    writeFileAtomic(files.lesson(), j.dump(2) + "\n");
    std::string csv = "method,per_class,seed,test_accuracy,status,seconds,run\n";
    for (const auto &p : r.points) {
        char b[128];
        std::snprintf(b, sizeof b, "%s,%d,%llu,%.6f,%s,%.2f,", p.method.c_str(), p.perClass,
                      static_cast<unsigned long long>(p.seed), p.testAccuracy, p.status.c_str(),
                      p.seconds);
        csv += b + fs::path(p.runDir).filename().string() + "\n";
    }
    writeFileAtomic(files.lessonCsv(), csv);
    writeFileAtomic(files.lessonMarkdown(),
                    "# Why transfer learning: test accuracy on the five tops\n\n" + r.table() +
                        "\n" + r.conclusion() + "\n");
}

} // namespace

TransferLesson::TransferLesson(const LessonOptions &options, const std::string &lessonDir,
                               Scheduler &scheduler, LessonCallbacks callbacks)
    : m_options(options), m_dir(lessonDir), m_scheduler(scheduler),
      m_callbacks(std::move(callbacks)), m_steps(transferLessonSteps(options, lessonDir))
{
    std::error_code ec;
    fs::create_directories(lessonDir, ec);
    if (ec)
        throw fileError(lessonDir, "cannot create the lesson folder: " + ec.message());
    m_result.dir = lessonDir;
    int pretrain = -1;
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const LessonStep &step = m_steps[i];
        PointSpec spec;
        spec.name = step.id;
        spec.runDir = (fs::path(lessonDir) / step.id).string();
        spec.config = step.config;
        spec.configFile = (fs::path(lessonDir) / "configs" / (step.id + ".json")).string();
        spec.logFile = (fs::path(lessonDir) / "logs" / (step.id + ".log")).string();
        spec.after = step.method == "pretrain" ? -1 : pretrain;
        const int id = m_scheduler.add(std::move(spec));
        if (step.method == "pretrain")
            pretrain = id;
        m_stepOf[id] = i;
    }
    m_scheduler.onStarted = [this](const Point &p) {
        if (const auto it = m_stepOf.find(p.id); it != m_stepOf.end() && m_callbacks.stepStarted)
            m_callbacks.stepStarted(it->second, m_steps.size(), m_steps[it->second]);
    };
    m_scheduler.onChanged = [this](const Point &p) {
        const auto it = m_stepOf.find(p.id);
        if (it != m_stepOf.end() && p.active() && p.latest.batches > 0 && m_callbacks.stepProgress)
            m_callbacks.stepProgress(m_steps[it->second], p.latest);
    };
    m_scheduler.onEnded = [this](const Point &p) { ended(p); };
    m_scheduler.onIdle = [this] { finish(); };
}

void TransferLesson::start()
{
    m_start = std::chrono::steady_clock::now();
    for (const Point &p : m_scheduler.points()) // finished before: read back
        if (p.state == PointState::Finished && m_stepOf.count(p.id)) {
            if (m_callbacks.stepStarted)
                m_callbacks.stepStarted(m_stepOf[p.id], m_steps.size(), m_steps[m_stepOf[p.id]]);
            ended(p);
        }
    m_scheduler.schedule();
    if (m_scheduler.idle())
        finish();
}

void TransferLesson::stop()
{
    m_scheduler.stopAll();
    if (m_scheduler.idle())
        finish();
}

const LessonResult &TransferLesson::result() const
{
    return m_result;
}

void TransferLesson::ended(const Point &p)
{
    const auto it = m_stepOf.find(p.id);
    if (it == m_stepOf.end())
        return;
    const LessonStep &step = m_steps[it->second];
    LessonPoint lp;
    lp.method = step.method;
    lp.perClass = step.perClass;
    lp.seed = step.seed;
    lp.runDir = p.spec.runDir;
    lp.status = p.state == PointState::Finished ? "finished"
                : p.state == PointState::Failed ? "failed"
                                                : "stopped";
    lp.error = p.state == PointState::Failed ? p.message : std::string();
    lp.testAccuracy = p.state == PointState::Finished ? p.testAccuracy : 0.0;
    lp.seconds = p.seconds;
    m_points[it->second] = lp;
    if (m_callbacks.stepFinished)
        m_callbacks.stepFinished(lp);
}

void TransferLesson::finish()
{
    if (m_done || !m_scheduler.idle())
        return;
    m_done = true;
    m_result.points.clear();
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const auto it = m_points.find(i);
        const bool finished = it != m_points.end() && it->second.status == "finished";
        if (m_steps[i].method == "pretrain") {
            if (finished)
                m_result.pretrainAccuracy = it->second.testAccuracy;
            else if (it != m_points.end() && it->second.status == "failed")
                m_result.error = "the lesson's pretraining failed: " + it->second.error;
            else
                m_result.stopped = true;
        } else if (it == m_points.end() || it->second.status == "stopped") {
            m_result.stopped = true; // not run, or stopped: Start continues it
        } else {
            m_result.points.push_back(it->second);
        }
    }
    m_result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (m_result.error.empty())
        writeLesson(m_result, m_options);
    if (m_callbacks.finished)
        m_callbacks.finished(m_result);
}

LessonResult runTransferLesson(const LessonOptions &options, const std::string &lessonDir,
                               const std::string &program, const LessonCallbacks &callbacks,
                               const std::function<bool()> &stopRequested)
{
    PosixLauncher launcher(program);
    Scheduler scheduler(launcher, {1, {}, 0, {"--quiet"}});
    TransferLesson lesson(options, lessonDir, scheduler, callbacks);
    lesson.start();
    bool stopping = false;
    while (!lesson.done()) {
        if (!stopping && stopRequested && stopRequested()) {
            lesson.stop();
            stopping = true;
        }
        launcher.waitForExits(100);
        scheduler.pollProgress();
    }
    if (!lesson.result().error.empty())
        throw Error(lesson.result().error);
    return lesson.result();
}

LessonResult readLesson(const std::string &lessonDir)
{
    const std::string path = RunDir(lessonDir).lesson();
    const nlohmann::json j = readJsonFile(path);
    JsonObject o(j, "", path, false);
    LessonResult r;
    r.dir = lessonDir;
    o.get("pretrain_accuracy", r.pretrainAccuracy);
    o.get("seconds", r.seconds);
    o.get("stopped", r.stopped);
    const nlohmann::json &points = j.contains("points") ? j["points"] : nlohmann::json::array();
    if (!points.is_array())
        throw fileError(path, "'points' is not a list");
    for (const auto &pj : points) {
        if (!pj.is_object())
            throw fileError(path, "a point is not an object");
        JsonObject po(pj, "points", path, false);
        LessonPoint p;
        po.get("method", p.method);
        po.get("per_class", p.perClass);
        po.get("seed", p.seed);
        po.get("run", p.runDir);
        po.get("status", p.status);
        po.get("error", p.error);
        po.get("test_accuracy", p.testAccuracy);
        po.get("seconds", p.seconds);
        r.points.push_back(p);
    }
    return r;
}

} // namespace tl::runs
