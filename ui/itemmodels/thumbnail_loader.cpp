#include "itemmodels/thumbnail_loader.h"

#include <QRunnable>

#include <algorithm>
#include <exception>

namespace tl::ui {

namespace {
constexpr int kBudgetKiB = 64 * 1024; // 64 MiB: some 400 images of 224 x 224
} // namespace

ThumbnailLoader::ThumbnailLoader(QObject *parent) : QObject(parent), m_images(kBudgetKiB)
{
    // Two threads: a gallery fills in a few times faster than on one, and a training run on the
    // same cores keeps most of them.
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(10000);
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QImage ThumbnailLoader::image(qint64 key, const std::function<QImage()> &make)
{
    if (const QImage *ready = m_images.object(key))
        return *ready;
    if (!make || m_pending.contains(key) || m_failed.contains(key))
        return {};
    m_pending.insert(key);
    const quint64 generation = m_generation;
    m_pool.start(QRunnable::create([this, generation, key, make] {
        QImage picture;
        try {
            picture = make();
        } catch (const std::exception &) {
            // a file that broke since it was listed: no picture (the dataset records why)
        }
        // Queued to the loader's thread; dropped with the loader if it is gone by then.
        QMetaObject::invokeMethod(
            this, [this, generation, key, picture] { arrived(generation, key, picture); },
            Qt::QueuedConnection);
    }));
    return {};
}

void ThumbnailLoader::arrived(quint64 generation, qint64 key, const QImage &picture)
{
    if (generation != m_generation)
        return;
    m_pending.remove(key);
    if (picture.isNull()) {
        m_failed.insert(key);
        return;
    }
    const qsizetype kib = std::max<qsizetype>(1, picture.sizeInBytes() / 1024);
    m_images.insert(key, new QImage(picture), kib);
    Q_EMIT imageReady(key);
}

void ThumbnailLoader::clear()
{
    ++m_generation;
    m_pool.clear(); // jobs not started yet never run
    m_images.clear();
    m_pending.clear();
    m_failed.clear();
}

bool ThumbnailLoader::waitForDone(int msecs)
{
    return m_pool.waitForDone(msecs);
}

} // namespace tl::ui
