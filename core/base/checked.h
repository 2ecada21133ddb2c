#pragma once

// Reading untrusted bytes: every offset and length from a file goes through ByteView, which
// checks `offset + length` against the real buffer with overflow-safe arithmetic and throws a
// tl::Error naming the file. No reader does `base + offset` on raw pointers itself.

#include "base/error.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace tl {

// a + b, or false when it would wrap.
inline bool checkedAdd(std::uint64_t a, std::uint64_t b, std::uint64_t &out)
{
    return !__builtin_add_overflow(a, b, &out);
}
inline bool checkedMul(std::uint64_t a, std::uint64_t b, std::uint64_t &out)
{
    return !__builtin_mul_overflow(a, b, &out);
}
inline bool checkedMul(std::int64_t a, std::int64_t b, std::int64_t &out)
{
    return !__builtin_mul_overflow(a, b, &out);
}
inline bool checkedAdd(std::int64_t a, std::int64_t b, std::int64_t &out)
{
    return !__builtin_add_overflow(a, b, &out);
}

// A read-only window on bytes owned elsewhere, with the name of where they came from.
class ByteView
{
public:
    ByteView() = default;
    ByteView(const std::uint8_t *data, std::uint64_t size, const std::string *origin)
        : m_data(data), m_size(size), m_origin(origin)
    {
    }
    template <typename Container>
    ByteView(const Container &bytes, const std::string &origin)
        : m_data(bytes.data()), m_size(bytes.size()), m_origin(&origin)
    {
    }

    std::uint64_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const std::uint8_t *data() const { return m_data; }
    const std::string &origin() const
    {
        static const std::string unnamed = "(data)";
        return m_origin ? *m_origin : unnamed;
    }

    // [offset, offset + length) lies inside the view (no wrap-around).
    bool contains(std::uint64_t offset, std::uint64_t length) const
    {
        std::uint64_t end = 0;
        return checkedAdd(offset, length, end) && end <= m_size;
    }
    // The sub-range, or a tl::Error "ORIGIN: WHAT needs N bytes at offset O, the data has S".
    ByteView sub(std::uint64_t offset, std::uint64_t length, const std::string &what) const
    {
        if (!contains(offset, length))
            throw outOfRange(offset, length, what);
        return ByteView(m_data + offset, length, m_origin);
    }
    ByteView from(std::uint64_t offset, const std::string &what) const
    {
        if (offset > m_size)
            throw outOfRange(offset, 0, what);
        return ByteView(m_data + offset, m_size - offset, m_origin);
    }

    std::uint8_t at(std::uint64_t offset, const std::string &what) const
    {
        return *sub(offset, 1, what).m_data;
    }
    // Little- and big-endian unsigned integers of n (1..8) bytes.
    std::uint64_t le(std::uint64_t offset, int n, const std::string &what) const
    {
        const ByteView b = sub(offset, std::uint64_t(n), what);
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | b.m_data[i];
        return v;
    }
    std::uint64_t be(std::uint64_t offset, int n, const std::string &what) const
    {
        const ByteView b = sub(offset, std::uint64_t(n), what);
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v = (v << 8) | b.m_data[i];
        return v;
    }
    bool startsWith(const void *prefix, std::uint64_t n) const
    {
        return n <= m_size && std::memcmp(m_data, prefix, n) == 0;
    }
    std::string text(std::uint64_t offset, std::uint64_t length, const std::string &what) const
    {
        const ByteView b = sub(offset, length, what);
        return std::string(reinterpret_cast<const char *>(b.m_data), length);
    }

    Error outOfRange(std::uint64_t offset, std::uint64_t length, const std::string &what) const
    {
        return fileError(origin(), "damaged: " + what + " needs " + std::to_string(length) +
                                       " bytes at offset " + std::to_string(offset) +
                                       ", the data has " + std::to_string(m_size));
    }

private:
    const std::uint8_t *m_data = nullptr;
    std::uint64_t m_size = 0;
    const std::string *m_origin = nullptr;
};

// Reads forward through a ByteView.
class Cursor
{
public:
    explicit Cursor(ByteView view, std::uint64_t pos = 0) : m_view(view), m_pos(pos) {}

    std::uint64_t pos() const { return m_pos; }
    std::uint64_t remaining() const { return m_pos <= m_view.size() ? m_view.size() - m_pos : 0; }
    bool atEnd() const { return remaining() == 0; }
    const ByteView &view() const { return m_view; }

    ByteView take(std::uint64_t n, const std::string &what)
    {
        const ByteView b = m_view.sub(m_pos, n, what);
        m_pos += n;
        return b;
    }
    std::uint64_t le(int n, const std::string &what)
    {
        const std::uint64_t v = m_view.le(m_pos, n, what);
        m_pos += std::uint64_t(n);
        return v;
    }
    std::uint8_t byte(const std::string &what) { return std::uint8_t(le(1, what)); }

private:
    ByteView m_view;
    std::uint64_t m_pos;
};

} // namespace tl
