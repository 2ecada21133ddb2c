#include "session/workbench.h"

#include "base/error.h"
#include "data/dataset.h"
#include "experiment/freeze.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "run/run_experiment.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"
#include "session/run_list.h"
#include "session/run_queue.h"
#include "session/training_session.h"
#include "weights/weight_catalog.h"

#include <filesystem>

#include <QDateTime>
#include <QFileInfo>
#include <QMetaObject>
#include <QRegularExpression>
#include <QRunnable>
#include <QStandardPaths>

#include <utility>

namespace tl::ui {

namespace {

QString timestamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

QString datasetTitle(const std::string &name)
{
    return QString::fromStdString(data::datasetInfo(name).title);
}

QString settingsProblem(const experiment::ExperimentConfig &config)
{
    try {
        config.validate();
    } catch (const Error &e) {
        return Workbench::tr("Check the settings: %1").arg(QString::fromStdString(e.what()));
    }
    return {};
}

} // namespace

Workbench::Workbench(const QString &runsFolder, QObject *parent)
    : QObject(parent), m_runsFolder(runsFolder), m_session(new TrainingSession(this)),
      m_queue(new RunQueue(this)), m_runList(new RunList(runsFolder, this))
{
    m_checks.setMaxThreadCount(1);
    // A run that ended, trained here or by the queue, is listed (the Runs and Predict tabs).
    connect(m_session, &TrainingSession::finished, this,
            [this](std::shared_ptr<const runs::RunResult> r) {
                if (!r->discarded)
                    m_runList->refresh();
            });
    connect(m_queue, &RunQueue::runEnded, m_runList, &RunList::refresh);
}

Workbench::~Workbench()
{
    m_checks.clear();
    m_checks.waitForDone();
}

QString Workbench::defaultRunsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/runs");
}

experiment::ExperimentConfig Workbench::defaultExperiment()
{
    experiment::ExperimentConfig c;
    c.data.valSplit = 0.1;
    return c;
}

experiment::ExperimentConfig Workbench::savedExperiment(const QString &json)
{
    if (json.isEmpty())
        return defaultExperiment();
    try {
        return experiment::ExperimentConfig::fromJson(json.toStdString(), "saved settings");
    } catch (const Error &) {
        return defaultExperiment();
    }
}

experiment::ExperimentConfig Workbench::classroomExperiment(experiment::ExperimentConfig c)
{
    c.data = defaultExperiment().data;
    c.data.name = "fashion-mnist";
    c.data.root.clear();
    c.data.trainFraction = 0.1;
    c.data.valSplit = 0.1;
    c.data.testFraction = 0.2;
    c.model = experiment::ExperimentConfig{}.model; // the small CNN: about a minute on a laptop
    c.preprocess = experiment::ExperimentConfig{}.preprocess;
    c.stages = experiment::ExperimentConfig{}.stages;
    c.stages.front().epochs = 3;
    c.name = tr("class demo").toStdString();
    return c;
}

QString Workbench::startProblem(const experiment::ExperimentConfig &config,
                                const LoadedData &data) const
{
    if (QString problem = settingsProblem(config); !problem.isEmpty())
        return problem;
    // A run must describe exactly what it trained on: never the previous dataset, subset or
    // seed when the chosen one is not loaded.
    const QString title = datasetTitle(config.data.name);
    const QString choose = tr("Choose or download the data in the Data tab, then Start.");
    if (!data.splits)
        return (data.error.isEmpty() ? tr("%1 is not loaded.").arg(title)
                                     : tr("%1 could not be loaded: %2").arg(title, data.error)) +
               " " + choose;
    data::DatasetOptions wanted = config.data;
    wanted.seed = config.seed;
    if (const std::string why = data::datasetMismatch(data.splits->options, wanted); !why.empty())
        return QString::fromStdString(why) + " " + choose;
    if (config.model.weights == "imagenet" && weights::findWeights(config.model.name).empty())
        return tr("The ImageNet weights of %1 are not on this computer. In the Model tab, press "
                  "Download (needs the internet once), or set Weights to \"Random "
                  "initialisation\".")
            .arg(QString::fromStdString(config.model.name));
    return {};
}

bool Workbench::start(const experiment::ExperimentConfig &config, const LoadedData &data)
{
    if (m_session->isRunning())
        return false;
    if (data.loading) {
        if (const QString problem = settingsProblem(config); !problem.isEmpty()) {
            Q_EMIT refused(problem);
            return false;
        }
        // A teacher presses Start at once: the run begins as soon as the data is there.
        m_startWhenLoaded = true;
        Q_EMIT waitingForData(datasetTitle(config.data.name));
        return false;
    }
    if (const QString problem = startProblem(config, data); !problem.isEmpty()) {
        Q_EMIT refused(problem);
        return false;
    }
    const QString dir = newRunDir(config, true);
    Q_EMIT starting(dir);
    m_session->start(config, data.splits, dir);
    return true;
}

bool Workbench::dataLoaded()
{
    return std::exchange(m_startWhenLoaded, false);
}

void Workbench::dataFailed(const QString &error)
{
    if (std::exchange(m_startWhenLoaded, false))
        Q_EMIT refused(tr("The data could not be loaded: %1").arg(error));
}

void Workbench::resume(const QString &dir)
{
    if (m_session->isRunning())
        return;
    const runs::RunDir folder(dir.toStdString());
    const auto config = experiment::ExperimentConfig::fromFile(folder.config());
    // The epochs it already has, so the resumed curves continue them.
    runs::RunResult done;
    try {
        runs::parseMetricsCsv(readFile(folder.metrics()), folder.metrics(), done);
    } catch (const Error &) {
        done.epochs.clear(); // the engine checks the folder and says what is wrong
    }
    // The window shows the run's settings and loads its data for the Results panel; the
    // worker reads the state and loads its own copy of the data.
    Q_EMIT resuming(config, done.epochs);
    m_session->start(config, nullptr, dir, true);
}

QString Workbench::newRunDir(const experiment::ExperimentConfig &config, bool claim,
                             const QString &parent) const
{
    const std::string folder = (parent.isEmpty() ? m_runsFolder : parent).toStdString();
    // The one naming rule (orchestration/scheduler.h): TIME-MODEL-DATASET[-NAME], made unique by
    // claiming it; a queued run's folder is claimed by the scheduler when it is added.
    const std::string stem = runs::runFolderStem(config, config.name);
    return QString::fromStdString(claim ? runs::freeFolder(folder, stem)
                                        : (std::filesystem::path(folder) / stem).string());
}

int Workbench::queueRun(const experiment::ExperimentConfig &config, const QString &parent)
{
    config.validate();
    return m_queue->add(config, newRunDir(config, false, parent));
}

QString Workbench::queueSweep(const runs::SweepPlan &plan, const QString &name)
{
    const QString dir = m_runsFolder + "/sweep-" + timestamp() + "-" + name;
    m_queue->addSweep(plan, dir);
    return dir;
}

runs::SweepPlan Workbench::recipeSweep(const QString &name)
{
    const runs::Recipe &recipe = runs::recipe(name.toStdString());
    return runs::planSweep(recipe.json, "recipe " + recipe.name);
}

void Workbench::queueRecipe(const QString &name, runs::SweepPlan plan, bool quick)
{
    if (quick)
        for (auto &p : plan.points)
            runs::makeQuick(p.config);
    m_queue->addSweep(plan, m_runsFolder + "/sweep-" + name + (quick ? "-quick" : ""));
}

double Workbench::estimateRunSeconds(const experiment::ExperimentConfig &config,
                                     const data::DatasetSplits *loaded) const
{
    // Images per epoch: the loaded data's training split, scaled to the run's own fraction or
    // per-class count (the same dataset only).
    if (!loaded || loaded->options.name != config.data.name || loaded->train.size() == 0)
        return -1;
    double images = double(loaded->train.size());
    if (config.data.perClass > 0)
        images = double(config.data.perClass) * loaded->train.numClasses();
    else if (loaded->options.perClass == 0 && loaded->options.trainFraction > 0)
        images *= config.data.trainFraction / loaded->options.trainFraction;
    int epochs = 0;
    for (const auto &s : config.stages)
        epochs += s.epochs;
    return runs::estimateRunSeconds(m_runList->runs(), config.model.name, images, epochs);
}

void Workbench::checkFreeze(const models::ModelSpec &model, const QString &spec)
{
    const int ticket = ++m_freezeCheck;
    if (spec.isEmpty()) {
        Q_EMIT freezeChecked({});
        return;
    }
    m_checks.start(QRunnable::create([this, ticket, model, spec] {
        QString problem;
        try {
            experiment::checkFreezeSpec(model, spec.toStdString());
        } catch (const std::exception &e) {
            problem = QString::fromStdString(userMessage(e));
            if (!problem.isEmpty())
                problem[0] = problem[0].toUpper();
        }
        // The workbench waits for this job before it goes, so it is alive here; only the
        // latest edit's answer is shown.
        QMetaObject::invokeMethod(
            this,
            [this, ticket, problem] {
                if (ticket == m_freezeCheck)
                    Q_EMIT freezeChecked(problem);
            },
            Qt::QueuedConnection);
    }));
}

void Workbench::shutDown()
{
    m_session->stopAndWait();
    m_queue->stopAll();
}

} // namespace tl::ui
