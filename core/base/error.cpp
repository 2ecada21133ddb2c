#include "base/error.h"

#include <c10/util/Exception.h>

namespace tl {

std::string userMessage(const std::exception &e)
{
    if (dynamic_cast<const Error *>(&e))
        return e.what();
    std::string msg;
    if (const auto *c = dynamic_cast<const c10::Error *>(&e))
        msg = c->what_without_backtrace();
    else
        msg = e.what();
    return msg.substr(0, msg.find('\n'));
}

bool isInputError(const std::exception &e)
{
    return dynamic_cast<const Error *>(&e) != nullptr;
}

} // namespace tl
