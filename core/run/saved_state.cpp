#include "run/saved_state.h"

#include "base/error.h"
#include "rundir/run_state.h"

#include <filesystem>

namespace tl::runs {

SavedState SavedState::read(const std::string &path)
{
    SavedState s;
    s.m_origin = std::filesystem::is_directory(path) ? runStatePath(path) : path;
    s.m_state = std::make_shared<const RunState>(readRunState(s.m_origin));
    return s;
}

bool SavedState::existsIn(const std::string &runDir)
{
    return std::filesystem::exists(runStatePath(runDir));
}

const std::string &SavedState::configJson() const
{
    if (!m_state)
        throw Error("no saved state was read");
    return m_state->configJson;
}

int SavedState::stage() const
{
    if (!m_state)
        throw Error("no saved state was read");
    return m_state->stage;
}

StartFrom SavedState::resume() const
{
    if (!m_state)
        throw Error("no saved state was read");
    return StartFrom{m_state.get(), true, m_origin};
}

StartFrom SavedState::fork() const
{
    if (!m_state)
        throw Error("no saved state was read");
    return StartFrom{m_state.get(), false, m_origin};
}

} // namespace tl::runs
