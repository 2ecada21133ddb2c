#pragma once

// A test that needs a tool or fixture from outside (Debian's python3-torchvision, the
// dataset-fashion-mnist package, torchrun) skips where it is missing on a developer's machine,
// but fails under CI (CI=true): a parity test that silently stops running is how torchvision's
// own C++ models rotted unnoticed. tst_require checks this behaviour of the harness itself.

#include <QtTest>

#include <cstdlib>
#include <cstring>

namespace tl::test {

inline bool underCi()
{
    const char *ci = std::getenv("CI");
    return ci && (std::strcmp(ci, "true") == 0 || std::strcmp(ci, "1") == 0);
}

} // namespace tl::test

// In a test function: when `available` is false, QSKIP(why) locally, QFAIL under CI=true.
#define TL_REQUIRE(available, why)                                                                 \
    do {                                                                                           \
        if (!(available)) {                                                                        \
            if (tl::test::underCi())                                                               \
                QFAIL(qPrintable(QStringLiteral("%1 (CI=true: a missing fixture tool fails)")      \
                                     .arg(QStringLiteral(why))));                                  \
            QSKIP(why);                                                                            \
        }                                                                                          \
    } while (false)
