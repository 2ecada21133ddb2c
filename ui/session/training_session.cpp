#include "session/training_session.h"

#include "run/saved_state.h"

#include "base/error.h"

#include <QMetaObject>
#include <QPointer>

namespace tl::ui {

// Runs on the worker thread: turns each observer call into a functor queued to the session.
class TrainingSession::Relay : public train::TrainingObserver
{
public:
    explicit Relay(TrainingSession *session) : m_session(session) {}
    void onStageStarted(int stage, const std::string &name, int epochs) override
    {
        post([=](TrainingSession *s) {
            Q_EMIT s->stageStarted(stage, QString::fromStdString(name), epochs);
        });
    }
    void onBatch(const train::BatchProgress &p) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->batchProgress(p); });
    }
    void onEpoch(const train::EpochMetrics &m) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->epochFinished(m); });
    }
    void onPhase(const train::PhaseProgress &p) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->phaseProgress(p); });
    }
    void onMessage(const std::string &text) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->message(QString::fromStdString(text)); });
    }
    void onWarning(const std::string &text) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->warning(QString::fromStdString(text)); });
    }
    void onNetworkView(const train::NetworkView &v) override
    {
        post([=](TrainingSession *s) { Q_EMIT s->networkView(v); });
    }
    template <typename F> void post(F &&f)
    {
        QPointer<TrainingSession> guard(m_session);
        QMetaObject::invokeMethod(
            m_session,
            [guard, f = std::forward<F>(f)] {
                if (guard)
                    f(guard.data());
            },
            Qt::QueuedConnection);
    }

private:
    TrainingSession *m_session;
};

TrainingSession::TrainingSession(QObject *parent) : QObject(parent) {}

void TrainingSession::setLiveView(bool on)
{
    m_liveView = on;
    if (m_control)
        m_control->setLiveView(on);
}

TrainingSession::~TrainingSession()
{
    stopAndWait();
}

void TrainingSession::start(const experiment::ExperimentConfig &config,
                            std::shared_ptr<const data::DatasetSplits> data, const QString &runDir,
                            bool resume)
{
    if (m_running)
        return;
    joinWorker();
    m_control = std::make_unique<train::RunControl>();
    m_control->setLiveView(m_liveView);
    m_relay = std::make_unique<Relay>(this);
    m_data = std::move(data);
    m_running = true;
    Q_EMIT runningChanged(true);

    train::RunControl *control = m_control.get();
    Relay *relay = m_relay.get();
    const data::DatasetSplits *ds = m_data.get();
    const std::string dir = runDir.toStdString();
    m_worker = std::thread([=] {
        try {
            runs::StartFrom from;
            runs::SavedState saved;
            if (resume) {
                saved = runs::SavedState::read(dir);
                // The window draws the epochs it already has (TrainingPanel::showHistory):
                // relaying them again would draw each a second time, a line back to epoch 1.
                from = saved.resume();
            }
            auto result = std::make_shared<const runs::RunResult>(
                runs::runExperiment(config, dir, relay, control, ds, from));
            relay->post([result](TrainingSession *s) {
                s->m_running = false;
                s->joinWorker();
                Q_EMIT s->runningChanged(false);
                Q_EMIT s->finished(result);
            });
        } catch (const std::exception &e) {
            std::string msg = userMessage(e);
            if (!isInputError(e))
                msg = "internal error: " + msg;
            relay->post([msg](TrainingSession *s) {
                s->m_running = false;
                s->joinWorker();
                Q_EMIT s->runningChanged(false);
                Q_EMIT s->failed(QString::fromStdString(msg));
            });
        }
    });
}

void TrainingSession::pause()
{
    if (m_running && m_control && !m_control->paused()) {
        m_control->pause();
        Q_EMIT pausedChanged(true);
    }
}

void TrainingSession::resume()
{
    if (m_control && m_control->paused()) {
        m_control->resume();
        Q_EMIT pausedChanged(false);
    }
}

void TrainingSession::stop()
{
    if (m_control)
        m_control->requestStop();
}

void TrainingSession::stopAndWait()
{
    if (m_control)
        m_control->requestAbort();
    joinWorker();
}

void TrainingSession::joinWorker()
{
    if (m_worker.joinable() && m_worker.get_id() != std::this_thread::get_id())
        m_worker.join();
}

} // namespace tl::ui
