#pragma once

#include "run/run_experiment.h"

#include <memory>
#include <string>

namespace tl::runs {

// A run's saved state (state.tlstate, rundir/run_state.h), read and held for runExperiment
// behind a header without tensors: how the window and the CLI resume or fork a run.
class SavedState
{
public:
    SavedState() = default;
    // `path`: a state file, or a run folder (then its state.tlstate). tl::Error naming the file
    // when it cannot be read, is not a TransferLab state or is damaged.
    static SavedState read(const std::string &path);
    // Whether the run folder `runDir` holds a state to resume from.
    static bool existsIn(const std::string &runDir);

    bool empty() const { return !m_state; }
    // The file it was read from.
    const std::string &origin() const { return m_origin; }
    // The experiment the state belongs to (config.json's text), and the stage it continues.
    const std::string &configJson() const;
    int stage() const;
    // Where runExperiment continues: in place (resume: runDir is the state's own run) or as a
    // new run (fork). Valid while this object lives; tl::Error when empty.
    StartFrom resume() const;
    StartFrom fork() const;

private:
    std::shared_ptr<const RunState> m_state;
    std::string m_origin;
};

} // namespace tl::runs
