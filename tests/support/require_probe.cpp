// A QtTest whose only test needs a tool that is missing: tst_require runs it to check that
// TL_REQUIRE skips on a developer's machine and fails under CI=true.
#include "support/require.h"

#include <QtTest>

class RequireProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void needsAMissingTool() { TL_REQUIRE(false, "the probe's tool is missing"); }
};

QTEST_GUILESS_MAIN(RequireProbe)
#include "require_probe.moc"
