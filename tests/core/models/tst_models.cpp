#include "error.h"
#include "models/layer_tree.h"
#include "models/model_factory.h"

#include <torch/torch.h>

#include <QtTest>

using namespace tl;
using namespace tl::models;

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parameterCounts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("bn");
        QTest::addColumn<qlonglong>("params");
        // Keras' model.summary() of seed 000's custom CNN on CIFAR-10: 896 + 18,496 + 8,320 +
        // 81,930.
        QTest::newRow("simple-cnn cifar") << "simple-cnn" << 3 << 32 << false << 109642LL;
        // Fashion-MNIST: 320 + 18,496 + 8,320 + (7*7*128*10 + 10).
        QTest::newRow("simple-cnn fashion") << "simple-cnn" << 1 << 28 << false << 89866LL;
        // Seed 002 with MaxPooling2D((3, 3)): 32 -> 10 -> 3 -> 1, so Dense(128) sees 128 values.
        // convs 896 + 9,248 + 18,496 + 36,928 + 73,856 + 147,584; dense 16,512 + 1,290.
        QTest::newRow("vgg-style") << "vgg-style-cnn" << 3 << 32 << false << 304810LL;
        // + BatchNorm gamma/beta: 2*(32+32+64+64+128+128) + 2*128 (running stats are buffers).
        QTest::newRow("vgg-style bn") << "vgg-style-cnn" << 3 << 32 << true << 304810LL + 896 + 256;
    }
    void parameterCounts()
    {
        QFETCH(QString, name);
        QFETCH(int, channels);
        QFETCH(int, size);
        QFETCH(bool, bn);
        QFETCH(qlonglong, params);
        ModelSpec s;
        s.name = name.toStdString();
        s.inChannels = channels;
        s.inputSize = size;
        s.batchNorm = bn;
        auto m = createModel(s);
        const auto summary = summarize(*m, {channels, size, size});
        QCOMPARE(qlonglong(summary.totalParams), params);
        QCOMPARE(summary.trainableParams, summary.totalParams);
        auto out = m->forward(torch::zeros({2, channels, size, size}));
        QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{2, 10}));
    }

    void layerTreeShapesAndPaths()
    {
        ModelSpec s;
        s.inChannels = 1;
        s.inputSize = 28;
        auto m = createModel(s);
        const auto summary = summarize(*m, {1, 28, 28});
        const LayerNode &features = summary.root.children.at(0);
        QCOMPARE(features.path, std::string("features"));
        QCOMPARE(features.children.at(0).path, std::string("features.conv1"));
        QCOMPARE(features.children.at(0).type, std::string("Conv2d"));
        QCOMPARE(features.children.at(2).outputShape, (std::vector<std::int64_t>{32, 14, 14}));
        QCOMPARE(features.outputShape, (std::vector<std::int64_t>{64, 7, 7}));
        const LayerNode &classifier = summary.root.children.at(1);
        QCOMPARE(classifier.children.back().outputShape, (std::vector<std::int64_t>{10}));
        QCOMPARE(summary.depth, 4);
        // Freezing shows up in the counts.
        for (auto &p : m->named_parameters())
            if (p.key().rfind("features.", 0) == 0)
                p.value().set_requires_grad(false);
        const auto frozen = summarize(*m, {1, 28, 28});
        QCOMPARE(frozen.nonTrainableParams, std::int64_t(320 + 18496));
    }

    void kerasBatchNormConventions()
    {
        ModelSpec s;
        s.name = "vgg-style-cnn";
        s.batchNorm = true;
        s.bnMomentum = 0.8;
        auto m = createModel(s);
        bool found = false;
        for (const auto &mod : m->modules(false)) {
            if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(mod.get())) {
                QVERIFY(std::abs(bn->options.momentum().value() - 0.2) < 1e-12);
                QCOMPARE(bn->options.eps(), 1e-3);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void l2PenaltyMatchesKeras()
    {
        ModelSpec s;
        s.name = "vgg-style-cnn";
        s.l2 = 0.001;
        auto m = createModel(s);
        double expected = 0;
        for (const auto &p : m->named_parameters())
            if (p.key().find("weight") != std::string::npos &&
                p.key().find("dense2") == std::string::npos)
                expected += p.value().pow(2).sum().item<double>();
        QVERIFY(std::abs(m->regularizationLoss().item<double>() - 0.001 * expected) <
                1e-6 * expected);
        s.l2 = 0;
        QVERIFY(!createModel(s)->regularizationLoss().defined());
    }

    void unknownModelAndBadInput()
    {
        ModelSpec s;
        s.name = "resnet9000";
        try {
            createModel(s);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("simple-cnn"));
        }
        s.name = "vgg-style-cnn";
        s.inputSize = 8; // 8 -> 2 -> 0 with 3x3 pooling
        QVERIFY_THROWS_EXCEPTION(Error, createModel(s));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
