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

// "FILE: what is wrong"
inline Error fileError(const std::string &path, const std::string &what)
{
    return Error(path + ": " + what);
}

} // namespace tl
