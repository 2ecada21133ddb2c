#include "models/layer_tree.h"
#include "itemmodels/layer_tree_model.h"
#include "models/model_spec.h"
#include "widgets/model_panel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

namespace {

models::ModelSpec vggSpec()
{
    models::ModelSpec s;
    s.name = "vgg-style-cnn";
    s.batchNorm = true;
    return s;
}

QModelIndex find(const LayerTreeModel &m, const QString &path, const QModelIndex &parent = {})
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (i.data(Qt::UserRole).toString() == path)
            return i;
        const QModelIndex inner = find(m, path, i);
        if (inner.isValid())
            return inner;
    }
    return {};
}

} // namespace

class TestLayerTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester()
    {
        LayerTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSummary(models::describeModel(vggSpec()));
        QVERIFY(model.rowCount() == 2);
        model.setData(find(model, "features.block1_conv1"), Qt::Unchecked, Qt::CheckStateRole);
        model.freezeUpTo(find(model, "features.block2_conv2"));
        model.unfreezeFrom(find(model, "features.block2_conv1"));
        model.setAllFrozen(true);
        model.setSummary(models::describeModel(models::ModelSpec{}));
    }

    void togglingChangesTheTotals()
    {
        LayerTreeModel model;
        QSignalSpy totals(&model, &LayerTreeModel::totalsChanged);
        model.setSummary(models::describeModel(vggSpec()));
        const qint64 total = model.summary().totalParams;
        QCOMPARE(model.summary().trainableParams, total);

        const QModelIndex features = find(model, "features");
        QVERIFY(features.isValid());
        QVERIFY(model.setData(features, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(totals.last().at(0).toLongLong(), total);
        // The classifier alone trains: dense1 (128*128+128), its BN (2*128), dense2 (128*10+10).
        const qint64 head = 128 * 128 + 128 + 256 + 1290;
        QCOMPARE(totals.last().at(1).toLongLong(), head);
        QCOMPARE(totals.last().at(2).toLongLong(), total - head);
        QCOMPARE(features.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        // One conv back on: the block shows "mixed".
        const QModelIndex conv = find(model, "features.block3_conv2");
        QVERIFY(model.setData(conv, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(totals.last().at(1).toLongLong(), head + 128 * 9 * 128 + 128);
        QCOMPARE(features.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));

        // The same freeze through the core, as `transferlab-cli summary` and training apply it.
        models::ModelSpec spec = vggSpec();
        spec.frozen = model.frozenPaths();
        const auto fromCore = models::describeModel(spec);
        QCOMPARE(fromCore.trainableParams, model.summary().trainableParams);
        QCOMPARE(fromCore.nonTrainableParams, model.summary().nonTrainableParams);
    }

    void freezeUpToAndUnfreezeFrom()
    {
        LayerTreeModel model;
        model.setSummary(models::describeModel(models::ModelSpec{}));
        model.freezeUpTo(find(model, "features.conv2"));
        QCOMPARE(model.frozenPaths(),
                 (std::vector<std::string>{"features.conv1", "features.conv2"}));
        QCOMPARE(model.summary().nonTrainableParams, qint64(896 + 18496));
        model.unfreezeFrom(find(model, "classifier.dense2"));
        QCOMPARE(model.frozenPaths().size(), std::size_t(3));
        QCOMPARE(model.summary().trainableParams, qint64(81930));
    }

    void modelPanelBuildsTheTreeOffTheGuiThread()
    {
        ModelPanel panel;
        QSignalSpy ready(&panel, &ModelPanel::summaryReady);
        QVERIFY(ready.wait(10000)); // the default simple-cnn
        models::ModelSpec spec;
        spec.name = "vgg16";
        spec.inChannels = 3;
        spec.inputSize = 224;
        spec.numClasses = 10;
        spec.head = "gap";
        // Measure the event loop while 138 M parameters are constructed on the worker.
        QElapsedTimer clock;
        qint64 longestGap = 0, last = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            longestGap = std::max(longestGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        clock.start();
        tick.start();
        panel.setSpec(spec);
        QVERIFY(panel.isBuilding());
        QVERIFY(panel.spec().frozen.empty()); // the old tree's paths are not vgg16's
        QVERIFY(ready.wait(60000));
        tick.stop();
        qInfo("longest event-loop gap while vgg16 was built: %lld ms", longestGap);
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));
        QVERIFY(!panel.isBuilding());
        QCOMPARE(panel.layerModel()->summary().totalParams,
                 models::describeModel(spec).totalParams);
        QVERIFY(find(*panel.layerModel(), "features").isValid());
    }

    // Parameter counts (Model tab, Runs table) in the chosen language's format.
    void countsFollowTheLanguage()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German));
        const QString german = formatCount(89866);
        QLocale::setDefault(QLocale(QLocale::English));
        const QString english = formatCount(89866);
        QLocale::setDefault(before);
        QCOMPARE(german, QStringLiteral("89.866"));
        QCOMPARE(english, QStringLiteral("89,866"));
    }
};

QTEST_MAIN(TestLayerTreeModel)
#include "tst_layer_tree_model.moc"
