#include "session/teach_session.h"

#include "base/error.h"
#include "data/camera.h"
#include "data/frame_capture.h"
#include "data/image_folder.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImageReader>
#include <QTimer>

#include <atomic>

namespace tl::ui {

namespace {

constexpr int kFrameMs = 33;       // the camera's pace: up to 30 frames a second
constexpr int kThumbnail = 96;     // thumbnail side
constexpr int kDisplayWidth = 640; // frames are shown at most this wide

QImage thumbnailOf(const QImage &image)
{
    return image.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QImage thumbnailOfFile(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > kThumbnail || size.height() > kThumbnail))
        reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
    return reader.read();
}

// A name in `folder` that no file has yet: NAME.EXT, NAME-2.EXT, ...
QString freeName(const QString &folder, const QString &file)
{
    const QFileInfo info(file);
    QString name = info.fileName();
    for (int i = 2; QFileInfo::exists(QDir(folder).filePath(name)); ++i)
        name = info.completeBaseName() + QStringLiteral("-%1.").arg(i) + info.suffix();
    return QDir(folder).filePath(name);
}

} // namespace

// Everything here is touched in the worker thread only (after construction).
struct TeachSession::Worker
{
    TeachSession *session = nullptr;
    QObject *context = nullptr;
    std::unique_ptr<teach::FeatureExtractor> extractor;
    int generation = 0;
    data::Camera camera;
    QTimer *timer = nullptr;
    QHash<QString, std::vector<float>> features;
    std::deque<std::pair<QString, bool>> pending; // files to featurise, with a thumbnail or not
    bool draining = false;
    QString recordFolder;
    std::unique_ptr<teach::TeachHead> head;
    bool live = false;
    std::atomic<bool> stopping{false};
    std::vector<std::uint8_t> rgb;

    template <typename F> void back(F f)
    {
        QMetaObject::invokeMethod(session, std::move(f), Qt::QueuedConnection);
    }
    void fail(const std::exception &e, bool camera = false)
    {
        back([this, m = QString::fromStdString(userMessage(e)), camera] {
            session->onWorkerFailed(m, camera);
        });
    }
    std::vector<float> &featuresOf(const QString &path)
    {
        auto it = features.find(path);
        if (it == features.end())
            it = features.insert(path, extractor->featuresOfFile(path.toStdString()));
        return *it;
    }
    void drain();
    void tick();
    void record(const QImage &frame, int h, int w);
    void addFiles(const QStringList &paths, const QString &folder);
};

void TeachSession::Worker::drain()
{
    if (pending.empty() || stopping || !extractor) {
        draining = false;
        return;
    }
    const auto [path, thumbnail] = pending.front();
    pending.pop_front();
    try {
        featuresOf(path);
        const QImage thumb = thumbnail ? thumbnailOfFile(path) : QImage();
        back([this, path = path, thumb, g = generation] {
            session->onFeatures(path, g);
            if (!thumb.isNull())
                Q_EMIT session->thumbnailReady(path, thumb);
        });
    } catch (const std::exception &e) {
        fail(e);
    }
    QMetaObject::invokeMethod(context, [this] { drain(); }, Qt::QueuedConnection);
}

void TeachSession::Worker::tick()
{
    if (stopping || !camera.isOpen())
        return;
    int h = 0, w = 0;
    if (!camera.read(rgb, h, w) && !(camera.isFile() && camera.rewind() && camera.read(rgb, h, w))) {
        timer->stop();
        camera.close();
        recordFolder.clear();
        fail(Error("camera " + camera.source() + ": stopped giving frames"), true);
        return;
    }
    const QImage frame = QImage(rgb.data(), w, h, w * 3, QImage::Format_RGB888).copy();
    if (!recordFolder.isEmpty())
        record(frame, h, w);
    QVector<float> probabilities;
    if (live && head && extractor) {
        try {
            const std::vector<float> p =
                head->probabilities(extractor->features(rgb.data(), h, w, w * 3));
            probabilities = QVector<float>(p.begin(), p.end());
        } catch (const std::exception &e) {
            live = false;
            fail(e);
        }
    }
    const QImage shown =
        w > kDisplayWidth ? frame.scaledToWidth(kDisplayWidth, Qt::SmoothTransformation) : frame;
    back([this, shown, probabilities] {
        Q_EMIT session->frameReady(shown);
        if (!probabilities.isEmpty() && session->m_live)
            session->onPrediction(probabilities);
    });
}

void TeachSession::Worker::record(const QImage &frame, int h, int w)
{
    try {
        const QString path =
            QString::fromStdString(data::nextFramePath(recordFolder.toStdString()));
        data::writeFramePng(path.toStdString(), rgb.data(), h, w);
        if (extractor)
            features.insert(path, extractor->features(rgb.data(), h, w, w * 3));
        back([this, folder = recordFolder, path, thumb = thumbnailOf(frame), g = generation] {
            session->onRecorded(folder, path, thumb);
            session->onFeatures(path, g);
        });
    } catch (const std::exception &e) {
        recordFolder.clear();
        fail(e);
    }
}

void TeachSession::Worker::addFiles(const QStringList &paths, const QString &folder)
{
    QStringList files, refused;
    for (const QString &p : paths) {
        if (!QFileInfo(p).isDir()) {
            files << p;
            continue;
        }
        QDirIterator it(p, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    for (const QString &file : files) {
        if (stopping)
            return;
        if (!data::hasImageExtension(file.toStdString())) {
            refused << QFileInfo(file).fileName();
            continue;
        }
        const QString to = freeName(folder, file);
        if (!QFile::copy(file, to)) {
            refused << QFileInfo(file).fileName();
            continue;
        }
        try {
            if (extractor)
                features.insert(to, extractor->featuresOfFile(to.toStdString()));
        } catch (const std::exception &) {
            QFile::remove(to); // not an image after all
            refused << QFileInfo(file).fileName();
            continue;
        }
        back([this, folder, to, thumb = thumbnailOfFile(to), g = generation] {
            session->onRecorded(folder, to, thumb);
            session->onFeatures(to, g);
        });
    }
    if (!refused.isEmpty())
        fail(Error(std::to_string(refused.size()) + " file(s) left out, not images TransferLab " +
                   "can read: " + refused.mid(0, 5).join(QStringLiteral(", ")).toStdString()));
}

TeachSession::TeachSession(QObject *parent) : QObject(parent), m_worker(std::make_unique<Worker>())
{
    m_thread.setObjectName(QStringLiteral("teach"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_worker->session = this;
    m_worker->context = m_context;
    m_thread.start();
}

TeachSession::~TeachSession()
{
    m_worker->stopping = true;
    Worker *w = m_worker.get();
    QMetaObject::invokeMethod(
        m_context,
        [w] {
            delete w->timer; // created in this thread, so stopped and deleted here
            w->timer = nullptr;
            w->camera.close();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

void TeachSession::post(std::function<void(Worker &)> job)
{
    Worker *w = m_worker.get();
    QMetaObject::invokeMethod(
        m_context,
        [w, job = std::move(job)] {
            if (w->stopping)
                return;
            try {
                job(*w);
            } catch (const std::exception &e) {
                w->fail(e);
            }
        },
        Qt::QueuedConnection);
}

void TeachSession::openProject(const QString &folder)
{
    TeachProject project = TeachProject::open(folder);
    if (!QFileInfo::exists(QDir(project.folder()).filePath(QLatin1String(TeachProject::kSettingsFile))))
        project.backbone = teach::defaultBackbone();
    setRecording(-1);
    m_project = std::move(project);
    ++m_generation;
    m_withFeatures.clear();
    m_trainedClasses.clear();
    m_live = false;
    startBackbone();
    QStringList all;
    for (int c = 0; c < m_project.classCount(); ++c)
        all << m_project.files(c);
    queueFeatures(all, true);
    Q_EMIT projectChanged();
    Q_EMIT featuresChanged(0, m_project.imageCount());
}

void TeachSession::saveProject()
{
    m_project.save();
}

void TeachSession::saveProjectAs(const QString &folder)
{
    setRecording(-1);
    const QString before = m_project.folder();
    m_project.saveAs(folder);
    if (m_project.folder() == before)
        return;
    // The features stay valid: the same pixels under new names.
    ++m_generation;
    m_withFeatures.clear();
    startBackbone();
    QStringList all;
    for (int c = 0; c < m_project.classCount(); ++c)
        all << m_project.files(c);
    queueFeatures(all, false);
    m_trainedClasses.clear();
    m_live = false;
    Q_EMIT projectChanged();
}

int TeachSession::addClass(const QString &name)
{
    const int c = m_project.addClass(name);
    Q_EMIT projectChanged();
    return c;
}

void TeachSession::removeImage(int cls, const QString &path)
{
    if (!m_project.removeFile(cls, path))
        return;
    m_withFeatures.remove(path);
    post([path](Worker &w) { w.features.remove(path); });
    Q_EMIT imageRemoved(cls, path);
    Q_EMIT featuresChanged(featuresDone(), m_project.imageCount());
}

void TeachSession::addFiles(int cls, const QStringList &paths)
{
    const QString folder = m_project.classFolder(cls);
    post([paths, folder](Worker &w) { w.addFiles(paths, folder); });
}

void TeachSession::setCameraSource(const QString &source)
{
    if (source == m_project.cameraSource)
        return;
    m_project.cameraSource = source;
    if (m_cameraOn) {
        stopCamera();
        startCamera();
    }
}

void TeachSession::startCamera()
{
    const std::string source = m_project.cameraSource.trimmed().toStdString();
    m_cameraOn = true;
    Q_EMIT cameraChanged(true);
    post([source](Worker &w) {
        try {
            w.camera.open(source);
        } catch (const std::exception &e) {
            w.fail(e, true);
            return;
        }
        if (!w.timer) {
            w.timer = new QTimer(w.context);
            w.timer->setTimerType(Qt::PreciseTimer);
            w.timer->setInterval(kFrameMs);
            QObject::connect(w.timer, &QTimer::timeout, w.context, [&w] { w.tick(); });
        }
        w.timer->start();
    });
}

void TeachSession::stopCamera()
{
    if (!m_cameraOn)
        return;
    m_cameraOn = false;
    m_recording = -1;
    post([](Worker &w) {
        if (w.timer)
            w.timer->stop();
        w.camera.close();
        w.recordFolder.clear();
    });
    Q_EMIT cameraChanged(false);
}

void TeachSession::setRecording(int cls)
{
    if (cls >= m_project.classCount())
        cls = -1;
    m_recording = cls;
    if (cls >= 0 && !m_cameraOn)
        startCamera();
    post([folder = cls >= 0 ? m_project.classFolder(cls) : QString()](Worker &w) {
        w.recordFolder = folder;
    });
}

void TeachSession::setBackbone(const teach::Backbone &backbone)
{
    if (backbone == m_project.backbone)
        return;
    m_project.backbone = backbone;
    if (m_project.isOpen())
        m_project.save();
    ++m_generation;
    m_withFeatures.clear();
    m_trainedClasses.clear();
    m_live = false;
    startBackbone();
    QStringList all;
    for (int c = 0; c < m_project.classCount(); ++c)
        all << m_project.files(c);
    queueFeatures(all, false);
    Q_EMIT featuresChanged(0, m_project.imageCount());
}

void TeachSession::startBackbone()
{
    post([b = m_project.backbone, g = m_generation](Worker &w) {
        w.generation = g;
        w.features.clear();
        w.pending.clear();
        w.head.reset();
        w.live = false;
        w.extractor.reset();
        teach::Backbone chosen = b;
        try {
            w.extractor = std::make_unique<teach::FeatureExtractor>(chosen);
        } catch (const std::exception &e) {
            if (!chosen.imagenet)
                throw;
            w.fail(e); // ImageNet weights missing or damaged: random ones rather than none
            chosen.imagenet = false;
            w.extractor = std::make_unique<teach::FeatureExtractor>(chosen);
        }
        w.back([s = w.session, chosen, g] {
            if (g != s->m_generation)
                return;
            s->m_project.backbone = chosen;
            Q_EMIT s->backboneChanged(QString::fromStdString(chosen.describe()));
        });
    });
}

void TeachSession::queueFeatures(const QStringList &paths, bool thumbnails)
{
    if (paths.isEmpty())
        return;
    post([paths, thumbnails](Worker &w) {
        for (const QString &p : paths)
            w.pending.emplace_back(p, thumbnails);
        if (!w.draining) {
            w.draining = true;
            w.drain();
        }
    });
}

void TeachSession::onFeatures(const QString &path, int generation)
{
    if (generation != m_generation)
        return;
    m_withFeatures.insert(path);
    Q_EMIT featuresChanged(featuresDone(), m_project.imageCount());
}

void TeachSession::onRecorded(const QString &folder, const QString &path, const QImage &thumbnail)
{
    const int cls = m_project.indexOf(QFileInfo(folder).fileName());
    if (cls < 0 || QFileInfo(folder).absolutePath() != m_project.folder())
        return; // another project's: it was switched meanwhile
    m_project.addFile(cls, path);
    Q_EMIT imageAdded(cls, path);
    Q_EMIT thumbnailReady(path, thumbnail);
}

void TeachSession::onWorkerFailed(const QString &message, bool camera)
{
    if (camera && m_cameraOn) {
        m_cameraOn = false;
        m_recording = -1;
        Q_EMIT cameraChanged(false);
    }
    Q_EMIT failed(message);
}

void TeachSession::onPrediction(const QVector<float> &probabilities)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_predictionTimes.push_back(now);
    while (!m_predictionTimes.empty() && now - m_predictionTimes.front() > 2000)
        m_predictionTimes.pop_front();
    Q_EMIT predicted(probabilities);
}

double TeachSession::framesPerSecond() const
{
    if (m_predictionTimes.size() < 2)
        return 0;
    const double ms = double(m_predictionTimes.back() - m_predictionTimes.front());
    return ms > 0 ? 1000.0 * double(m_predictionTimes.size() - 1) / ms : 0;
}

void TeachSession::train()
{
    if (m_training)
        return;
    if (m_project.classesWithImages() < 2) {
        Q_EMIT failed(tr("Record images of at least two classes first."));
        return;
    }
    QStringList names, paths;
    std::vector<int> labels;
    for (int c = 0; c < m_project.classCount(); ++c) {
        if (m_project.files(c).isEmpty())
            continue;
        for (const QString &p : m_project.files(c)) {
            paths << p;
            labels.push_back(int(names.size()));
        }
        names << m_project.className(c);
    }
    m_training = true;
    post([this, paths, labels, names, g = m_generation](Worker &w) {
        try {
            std::vector<std::vector<float>> rows;
            rows.reserve(std::size_t(paths.size()));
            for (const QString &p : paths)
                rows.push_back(w.featuresOf(p));
            QElapsedTimer clock, throttle;
            clock.start();
            throttle.start();
            auto progress = [&](int step, int steps) {
                if (throttle.elapsed() >= 50 || step == steps) {
                    throttle.restart();
                    w.back([this, step, steps, s = clock.elapsed() / 1000.0] {
                        Q_EMIT trainProgress(step, steps, s);
                    });
                }
                return !w.stopping.load();
            };
            auto head = std::make_unique<teach::TeachHead>(teach::TeachHead::train(
                rows, labels, int(names.size()), teach::TeachHead::Options{}, progress));
            const double seconds = head->seconds(), accuracy = head->trainAccuracy();
            w.head = std::move(head);
            w.live = true;
            w.back([this, names, seconds, accuracy, g] {
                m_training = false;
                if (g != m_generation)
                    return; // the backbone changed meanwhile: train again
                m_trainedClasses = names;
                m_live = true;
                Q_EMIT trained(seconds, accuracy);
                if (!m_cameraOn)
                    startCamera();
            });
        } catch (const std::exception &e) {
            w.back([this] { m_training = false; });
            w.fail(e);
        }
    });
}

void TeachSession::setLive(bool on)
{
    m_live = on && isTrained();
    post([on = m_live](Worker &w) { w.live = on; });
}

} // namespace tl::ui
