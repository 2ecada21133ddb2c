#pragma once

// JSON from files we did not write ourselves in this process (experiment files, run folders,
// state files, safetensors headers): parsed with the nesting limit, read key by key with the
// type and range checked, every failure a tl::Error naming the file and the key.

#include "base/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace tl {

// tl::Error "ORIGIN: not valid JSON ..." or "... nested deeper than N levels".
nlohmann::json parseJson(const std::string &text, const std::string &origin);
nlohmann::json readJsonFile(const std::string &path);

namespace json_detail {

template <typename T> struct IsVector : std::false_type
{
};
template <typename T> struct IsVector<std::vector<T>> : std::true_type
{
    using Item = T;
};

// Why `v` is not a T ("" when it is one): the JSON type, and for integers the range of T.
template <typename T> std::string mismatch(const nlohmann::json &v)
{
    if constexpr (std::is_same_v<T, bool>) {
        return v.is_boolean() ? "" : "expected true or false";
    } else if constexpr (std::is_integral_v<T>) {
        if (!v.is_number_integer())
            return "expected an integer";
        const bool fits =
            v.is_number_unsigned()
                ? v.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max())
                : (v.get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min()) &&
                   (std::is_unsigned_v<T> ||
                    v.get<std::int64_t>() <= std::int64_t(std::numeric_limits<T>::max())));
        return fits ? "" : "integer out of range (" + v.dump() + ")";
    } else if constexpr (std::is_floating_point_v<T>) {
        return v.is_number() ? "" : "expected a number";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return v.is_string() ? "" : "expected a string";
    } else if constexpr (IsVector<T>::value) {
        if (!v.is_array())
            return "expected a list";
        for (const auto &item : v) {
            const std::string why = mismatch<typename IsVector<T>::Item>(item);
            if (!why.empty())
                return "list item: " + why;
        }
        return "";
    } else {
        static_assert(sizeof(T) == 0, "unsupported type");
    }
}

} // namespace json_detail

// The value as a T, or a tl::Error "ORIGIN: 'KEY': why".
template <typename T>
T jsonAs(const nlohmann::json &v, const std::string &origin, const std::string &key)
{
    const std::string why = json_detail::mismatch<T>(v);
    if (!why.empty())
        throw fileError(origin, (key.empty() ? "" : "'" + key + "': ") + why);
    return v.get<T>();
}

// Reads a JSON object key by key. Strict readers (files a person writes: experiment files)
// report unknown keys, so a typo is not silently ignored; lenient ones (files TransferLab
// writes, possibly a newer version of it) skip them.
class JsonObject
{
public:
    JsonObject(const nlohmann::json &j, std::string path, std::string origin, bool strict);
    ~JsonObject() noexcept(false);
    JsonObject(const JsonObject &) = delete;
    JsonObject &operator=(const JsonObject &) = delete;

    [[noreturn]] void fail(const std::string &key, const std::string &what) const;

    // Leaves `out` as it is when the key is absent.
    template <typename T> void get(const std::string &key, T &out)
    {
        m_seen.insert(key);
        if (!m_j.contains(key))
            return;
        out = jsonAs<T>(m_j.at(key), m_origin, path(key));
    }
    // The key must be present.
    template <typename T> T require(const std::string &key)
    {
        if (!has(key))
            fail(key, "missing");
        T out{};
        get(key, out);
        return out;
    }
    template <typename T> T value(const std::string &key, T fallback)
    {
        get(key, fallback);
        return fallback;
    }
    bool has(const std::string &key) const { return m_j.contains(key); }
    bool isNull(const std::string &key) const { return has(key) && m_j.at(key).is_null(); }
    // The key's value (marked as seen); fails when absent.
    const nlohmann::json &child(const std::string &key);
    std::string path(const std::string &key) const
    {
        return m_path.empty() ? key : m_path + "." + key;
    }
    const std::string &origin() const { return m_origin; }
    bool strict() const { return m_strict; }

private:
    const nlohmann::json &m_j;
    std::string m_path;
    std::string m_origin;
    bool m_strict;
    std::set<std::string> m_seen;
};

} // namespace tl
