#pragma once

#include <stdexcept>
#include <string>

namespace tl {

// The one exception type core throws. Its message is meant for a person: it names the file, the
// record or byte offset and what was expected, so the CLI can print it as is and the GUI can show
// it in a dialog.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The loss became NaN or infinite: the stage stopped. The CLI exits with code 3 for it.
class DivergenceError : public Error
{
public:
    using Error::Error;
};

// A rank of a data-parallel run left (killed, crashed, its machine gone) or did not answer within
// the run's timeout (train/collective.h). The CLI exits with code 4 for it; the message names the
// rank.
class RankLostError : public Error
{
public:
    using Error::Error;
};

// "FILE: what is wrong"
inline Error fileError(const std::string &path, const std::string &what)
{
    return Error(path + ": " + what);
}

} // namespace tl

namespace tl {

// What a person is told about any exception that reaches a boundary (the CLI's main, the
// window's dialogs and status lines): a tl::Error as it is, LibTorch's c10::Error without its
// C++ backtrace, anything else as its first line.
std::string userMessage(const std::exception &e);
// Whether the exception is about the user's input (tl::Error, and library errors raised while
// reading it) rather than a bug: the CLI's exit code 2 against 1.
bool isInputError(const std::exception &e);

} // namespace tl
