#pragma once

// Checks that a call throws tl::Error whose message contains every given fragment, e.g. the
// file name, the record and what was expected.

#include "base/error.h"

#include <QStringList>
#include <QtTest>

namespace tl::test {

template <typename F> QString errorOf(F &&f)
{
    try {
        f();
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace tl::test

#define TL_EXPECT_ERROR(call, fragments)                                                           \
    do {                                                                                           \
        const QString tlMsg = tl::test::errorOf([&] { call; });                                    \
        QVERIFY2(!tlMsg.isEmpty(), "no tl::Error thrown by " #call);                               \
        for (const QString &tlFragment : QStringList(fragments))                                   \
            QVERIFY2(tlMsg.contains(tlFragment),                                                   \
                     qPrintable("'" + tlMsg + "' lacks '" + tlFragment + "'"));                    \
    } while (false)
