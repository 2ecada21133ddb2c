#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>

namespace tl::ui {

// The pictures of a gallery, made off the GUI thread. An image of a folder or CSV dataset is a
// file to decode and prepare (a few milliseconds each: a page of a gallery would freeze the window
// for a second), so a model's data() asks here: it gets the image once it has arrived, and a null
// image until then, while `make` runs on one of the loader's threads; imageReady(key) says when to
// ask again. The latest images are kept within a memory budget. The loader owns its threads and
// joins them when it is destroyed.
class ThumbnailLoader : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    // The image for `key` if it has arrived. Otherwise null, and `make` is started (once per key
    // until clear()); it runs on another thread, so it must own what it reads (shared pointers,
    // copies). A job that throws or returns a null image (a broken file) is not started again.
    QImage image(qint64 key, const std::function<QImage()> &make);
    // Forgets every image; results of jobs still running are dropped (another dataset or run).
    void clear();
    // Waits for the jobs started so far (tests); true when none is left.
    bool waitForDone(int msecs = -1);

Q_SIGNALS:
    void imageReady(qint64 key);

private:
    void arrived(quint64 generation, qint64 key, const QImage &image);

    QThreadPool m_pool;
    QCache<qint64, QImage> m_images; // cost in KiB
    QSet<qint64> m_pending, m_failed;
    quint64 m_generation = 0;
};

} // namespace tl::ui
