#include "format/clock_text.h"

#include <cmath>

namespace tl::ui {

QString clockText(double s)
{
    if (!std::isfinite(s) || s < 0)
        return QStringLiteral("–");
    const long t = std::lround(s);
    return t >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(t / 3600)
                           .arg((t / 60) % 60, 2, 10, QChar('0'))
                           .arg(t % 60, 2, 10, QChar('0'))
                     : QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QChar('0'));
}

} // namespace tl::ui
