#include "io/file_limits.h"

namespace tl {

Error limitError(const std::string &origin, const std::string &what, std::uint64_t value,
                 std::uint64_t limit)
{
    return fileError(origin, what + " is " + std::to_string(value) +
                                 ", over TransferLab's limit of " + std::to_string(limit) +
                                 " (the file is damaged, or was made to exhaust memory)");
}

} // namespace tl
