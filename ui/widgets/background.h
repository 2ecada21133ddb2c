#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <functional>
#include <thread>

namespace tl::ui {

// Calls f(target) in the GUI thread, unless `target` is gone by then (a closed panel).
template <typename T, typename F> void postTo(const QPointer<T> &target, F f)
{
    QMetaObject::invokeMethod(
        qApp,
        [target, f = std::move(f)]() mutable {
            if (target)
                f(target.data());
        },
        Qt::QueuedConnection);
}

// Runs `job` on its own thread (loading a dataset, a download), then `done(target, error)` in
// the GUI thread; `error` is empty on success, else the exception's message.
template <typename T>
void runInBackground(T *target, std::function<void()> job,
                     std::function<void(T *, const QString &)> done)
{
    const QPointer<T> guard(target);
    std::thread([guard, job = std::move(job), done = std::move(done)] {
        QString error;
        try {
            job();
        } catch (const std::exception &e) {
            error = QString::fromStdString(e.what());
        }
        postTo(guard, [done, error](T *t) { done(t, error); });
    }).detach();
}

} // namespace tl::ui
