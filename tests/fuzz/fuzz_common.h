#pragma once

// Shared by the libFuzzer targets: a reader may refuse any input with a tl::Error (that is its
// job); anything else escaping it (a library exception, a crash, a sanitizer report, a hang, an
// allocation over libFuzzer's limit) is a finding.

#include "base/error.h"
#include "io/files.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace tl::fuzz {

inline Bytes bytesOf(const std::uint8_t *data, std::size_t size)
{
    return Bytes(data, data + size);
}

template <typename F> int refuseCleanly(F &&f)
{
    try {
        f();
    } catch (const tl::Error &) {
        // a clear refusal: fine
    } catch (const std::exception &e) {
        std::fprintf(stderr, "finding: a %s escaped the reader: %s\n", typeid(e).name(),
                     e.what());
        std::abort();
    }
    return 0;
}

// Splits the input in two at a position chosen by its first two bytes (for readers that take two
// files, such as IDX images and labels).
inline void split(const std::uint8_t *data, std::size_t size, Bytes &a, Bytes &b)
{
    if (size < 2) {
        a.assign(data, data + size);
        b.clear();
        return;
    }
    const std::size_t cut = 2 + ((std::size_t(data[0]) << 8 | data[1]) % (size - 1));
    a.assign(data + 2, data + std::min(cut, size));
    b.assign(data + std::min(cut, size), data + size);
}

} // namespace tl::fuzz
