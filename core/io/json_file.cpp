#include "io/json_file.h"

#include "io/files.h"
#include "io/file_limits.h"

namespace tl {

nlohmann::json parseJson(const std::string &text, const std::string &origin)
{
    // nlohmann's parser keeps its own stack (no recursion), but dumping or walking a value
    // recurses: refuse what is nested deeper than any real file while parsing.
    const nlohmann::json::parser_callback_t limitDepth =
        [&origin](int depth, nlohmann::json::parse_event_t, nlohmann::json &) {
            if (depth > limits::kMaxNesting)
                throw limitError(origin, "JSON nesting depth", std::uint64_t(depth),
                                 std::uint64_t(limits::kMaxNesting));
            return true;
        };
    try {
        return nlohmann::json::parse(text, limitDepth);
    } catch (const nlohmann::json::exception &e) {
        throw fileError(origin, std::string("not valid JSON: ") + e.what());
    }
}

nlohmann::json readJsonFile(const std::string &path)
{
    const Bytes b = readFile(path);
    return parseJson(std::string(b.begin(), b.end()), path);
}

JsonObject::JsonObject(const nlohmann::json &j, std::string path, std::string origin, bool strict)
    : m_j(j), m_path(std::move(path)), m_origin(std::move(origin)), m_strict(strict)
{
    if (!m_j.is_object())
        fail("", "expected an object");
}

JsonObject::~JsonObject() noexcept(false)
{
    if (!m_strict || std::uncaught_exceptions())
        return;
    for (auto it = m_j.begin(); it != m_j.end(); ++it)
        if (!m_seen.count(it.key()))
            fail(it.key(), "unknown key");
}

void JsonObject::fail(const std::string &key, const std::string &what) const
{
    const std::string where = m_path.empty() ? key : (key.empty() ? m_path : m_path + "." + key);
    throw fileError(m_origin, (where.empty() ? "" : "'" + where + "': ") + what);
}

const nlohmann::json &JsonObject::child(const std::string &key)
{
    m_seen.insert(key);
    if (!m_j.contains(key))
        fail(key, "missing");
    return m_j.at(key);
}

} // namespace tl
