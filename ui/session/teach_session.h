#pragma once

#include "session/teach_project.h"
#include "teach/teach_model.h"

#include <QImage>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <deque>
#include <functional>
#include <memory>

namespace tl::ui {

// The Teach tab's work: a project (TeachProject, in this thread) and one worker thread that owns
// the camera, the frozen backbone, every image's features and the trained head. Recording,
// adding files, switching the backbone, training and live predictions all run there; results
// come back as queued signals, so nothing here blocks the GUI thread. The worker is joined in
// the destructor.
class TeachSession : public QObject
{
    Q_OBJECT

public:
    // A class with fewer images than this gets a hint.
    static constexpr int kFewImages = 10;

    explicit TeachSession(QObject *parent = nullptr);
    ~TeachSession() override;

    // Opens (or creates) a project folder and computes its images' features in the background.
    // tl::Error naming the folder.
    void openProject(const QString &folder);
    void saveProject();
    void saveProjectAs(const QString &folder);
    const TeachProject &project() const { return m_project; }
    int addClass(const QString &name); // tl::Error for a name that cannot be a class
    void removeImage(int cls, const QString &path);
    // Image files or folders of them, copied into the class and featurised in the background.
    void addFiles(int cls, const QStringList &paths);

    // A device index ("0") or a video file; the camera restarts when it is on.
    void setCameraSource(const QString &source);
    void startCamera();
    void stopCamera();
    bool cameraOn() const { return m_cameraOn; }
    // Frames go into this class while >= 0 (hold-to-record).
    void setRecording(int cls);
    int recordingClass() const { return m_recording; }

    // Recomputes the features of every image with another backbone; the head must train again.
    void setBackbone(const teach::Backbone &backbone);
    const teach::Backbone &backbone() const { return m_project.backbone; }
    int featuresDone() const { return int(m_withFeatures.size()); }

    // Trains the head on the features (any still missing are computed first), then turns the
    // live predictions on. failed() says why when fewer than two classes have images.
    void train();
    bool isTraining() const { return m_training; }
    bool isTrained() const { return !m_trainedClasses.isEmpty(); }
    const QStringList &trainedClasses() const { return m_trainedClasses; }
    void setLive(bool on);
    bool live() const { return m_live; }
    // Live predictions per second over the last two seconds.
    double framesPerSecond() const;

Q_SIGNALS:
    void projectChanged(); // opened, saved elsewhere, a class added: the classes to show again
    void imageAdded(int cls, const QString &path);
    void imageRemoved(int cls, const QString &path);
    void thumbnailReady(const QString &path, const QImage &thumbnail);
    void featuresChanged(int done, int total);
    void frameReady(const QImage &frame);
    void predicted(const QVector<float> &probabilities);
    void trainProgress(int step, int steps, double seconds);
    void trained(double seconds, double trainAccuracy);
    void backboneChanged(const QString &description);
    void cameraChanged(bool on);
    void failed(const QString &message);

private:
    struct Worker;
    void post(std::function<void(Worker &)> job);
    void startBackbone();
    void queueFeatures(const QStringList &paths, bool thumbnails);
    void onFeatures(const QString &path, int generation);
    void onRecorded(const QString &folder, const QString &path, const QImage &thumbnail);
    void onWorkerFailed(const QString &message, bool camera);
    void onPrediction(const QVector<float> &probabilities);

    TeachProject m_project;
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread: queued jobs run there
    std::unique_ptr<Worker> m_worker;
    QSet<QString> m_withFeatures;
    int m_generation = 0; // counts backbone changes; stale results are ignored
    bool m_cameraOn = false, m_training = false, m_live = false;
    int m_recording = -1;
    QStringList m_trainedClasses;
    std::deque<qint64> m_predictionTimes; // ms, for framesPerSecond()
};

} // namespace tl::ui
